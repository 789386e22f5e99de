// /api/v1/archives and /api/v1/handovers: customer archives and the handover sign-off book
// (ARC-1 … ARC-5, ARC-8, ARC-14).
#include "app/archive_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/document_json.hpp"

namespace patron::http {
namespace {

json::object ChecklistItemJson(const domain::ChecklistItem& c) {
    return {{"code", c.code},
            {"title_zh", c.title_zh},
            {"title_en", c.title_en},
            {"needs_customer_signature", c.needs_customer_signature},
            {"needs_internal_signature", c.needs_internal_signature},
            {"optional", c.optional}};
}

json::object ChecklistJson(const storage::StoredChecklist& c) {
    return {{"kind", c.kind},
            {"version", c.version},
            {"is_default", c.version == 0},
            {"updated_by", OptionalIdJson(c.updated_by)},
            {"updated_at", OptionalTimeJson(c.updated_at)},
            {"items", ArrayOf(c.items, ChecklistItemJson)}};
}

json::object ItemJson(const domain::ArchiveItem& i) {
    return {{"code", i.code},
            {"state", i.state},
            {"defect", i.defect},
            {"customer_signed", i.customer_signed},
            {"internal_signed", i.internal_signed}};
}

json::array Codes(const std::vector<std::string>& codes) {
    json::array out;
    for (const auto& c : codes) out.push_back(json::value(c));
    return out;
}

json::object HandoverJson(const domain::Handover& h) {
    return {{"id", h.id.value},
            {"archive_id", h.archive_id.value},
            {"sender_id", h.sender_id.value},
            {"receiver_id", h.receiver_id.value},
            {"handed_at", FormatTimestamp(h.handed_at)},
            {"items_handed", Codes(h.items_handed)},
            {"items_missing", Codes(h.items_missing)},
            {"sender_signed", h.sender_signed},
            {"receiver_signed", h.receiver_signed},
            {"notes", h.notes},
            {"due_at", FormatTimestamp(h.due_at)},
            {"late_working_days", h.late_days},
            {"on_time", h.late_days == 0},
            {"deadline_explanation", h.deadline_explanation}};
}

json::object IncidentJson(const domain::ArchiveIncident& i) {
    return {{"id", i.id},
            {"kind", i.kind},
            {"cause", i.cause},
            {"responsible_id", i.responsible_id.value},
            {"files", i.files},
            {"occurred_on", FormatDate(i.occurred_on)},
            {"description", i.description},
            {"recorded_by", i.recorded_by.value},
            {"recorded_at", FormatTimestamp(i.recorded_at)}};
}

json::object ArchiveSummaryJson(const domain::Archive& a) {
    return {{"id", a.id.value},
            {"version", a.version},
            {"number", a.number},
            {"kind", a.kind},
            {"status", a.status},
            {"customer_id", a.customer_id.value},
            {"vehicle_id", a.vehicle_id.value},
            {"department_id", a.department_id.value},
            {"responsible_id", a.responsible_id.value},
            {"event_at", FormatTimestamp(a.event_at)},
            {"visit_ref", a.visit_ref},
            {"contact_verified", a.contact_verified},
            {"cabinet", a.cabinet},
            {"shelf", a.shelf},
            {"bag", a.bag},
            {"confirmed_by", OptionalIdJson(a.confirmed_by)},
            {"confirmed_at", OptionalTimeJson(a.confirmed_at)},
            {"created_at", FormatTimestamp(a.created_at)},
            {"updated_at", FormatTimestamp(a.updated_at)}};
}

json::object ArchiveJson(const app::ArchiveView& v) {
    json::object o = ArchiveSummaryJson(v.archive);
    o["checklist"] = ArrayOf(v.checklist, ChecklistItemJson);
    o["items"] = ArrayOf(v.items, ItemJson);
    o["complete"] = v.complete;
    o["deadline"] = json::object{{"due_day", FormatDate(v.deadline.due_day)},
                                 {"due_at", FormatTimestamp(v.deadline.due_at)},
                                 {"explanation", v.deadline.explanation}};
    o["overdue"] = v.overdue;
    o["handovers"] = ArrayOf(v.handovers, HandoverJson);
    o["documents"] = ArrayOf(v.documents, DocumentJson);
    o["incidents"] = ArrayOf(v.incidents, IncidentJson);
    o["customer_name"] = v.customer_name;
    o["plate"] = v.plate;
    o["vin"] = v.vin;
    o["department_name"] = v.department_name;
    o["responsible_name"] = v.responsible_name;
    return o;
}

}  // namespace

void AddArchiveRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/archives", AuthMode::kSession, "archive.read"},
               [&s](Request& req, const app::Caller* c) {
                   app::ArchiveListQuery q;
                   auto page = QueryInt(req, "page", 1);
                   auto size = QueryInt(req, "page_size", 50);
                   for (const auto* parsed : {&page, &size}) {
                       if (!parsed->ok()) return Problem(parsed->error(), req.request_id);
                   }
                   q.page = *page;
                   q.page_size = *size;
                   q.q = QueryText(req, "q");
                   q.kind = QueryText(req, "kind");
                   q.status = QueryText(req, "status");
                   return Reply(req, s.archives.List(*c, q), [](const auto& rows) {
                       json::array out;
                       for (const auto& r : rows) {
                           json::object o = ArchiveSummaryJson(r.archive);
                           o["customer_name"] = r.customer_name;
                           o["plate"] = r.plate;
                           o["vin"] = r.vin;
                           o["secrecy"] = r.secrecy;
                           out.push_back(std::move(o));
                       }
                       return json::object{{"items", std::move(out)}};
                   });
               });
    router.Add({"POST", "/api/v1/archives", AuthMode::kSession, "archive.create"},
               [&s](Request& req, const app::Caller* c) {
                   app::NewArchive a;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("vehicle_id");
                       r.Require("department_id");
                       r.Str("kind", a.kind, 20);
                       r.IdField("vehicle_id", a.vehicle_id);
                       r.IdField("department_id", a.department_id);
                       r.IdField("responsible_id", a.responsible_id);
                       r.Time("event_at", a.event_at);
                       r.Str("visit_ref", a.visit_ref, 200);
                       r.Bool("contact_verified", a.contact_verified);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.archives.Create(*c, a), ArchiveJson, 201);
               });
    router.Add({"GET", "/api/v1/archives/{id}", AuthMode::kSession, "archive.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.archives.Get(*c, *id), ArchiveJson);
               });
    router.Add({"POST", "/api/v1/archives/{id}/handovers", AuthMode::kSession, "archive.create"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   app::HandoverInput h;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("receiver_id");
                       r.Require("items_handed");
                       r.IdField("receiver_id", h.receiver_id);
                       r.Time("handed_at", h.handed_at);
                       r.Strings("items_handed", h.items_handed, 50);
                       r.Strings("items_missing", h.items_missing, 50);
                       r.Bool("sender_signed", h.sender_signed);
                       r.Bool("receiver_signed", h.receiver_signed);
                       r.Str("notes", h.notes, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.archives.RegisterHandover(*c, *id, h), ArchiveJson, 201);
               });
    router.Add({"PUT", "/api/v1/archives/{id}/check", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::vector<domain::ArchiveItem> items;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("items");
                       r.Objects(
                           "items",
                           [&](JsonReader& e) {
                               domain::ArchiveItem item;
                               e.Require("code");
                               e.Require("state");
                               e.Str("code", item.code, 40);
                               e.Str("state", item.state, 20);
                               e.Str("defect", item.defect, 400);
                               e.Bool("customer_signed", item.customer_signed);
                               e.Bool("internal_signed", item.internal_signed);
                               items.push_back(std::move(item));
                           },
                           50);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.archives.RecordCheck(*c, *id, std::move(items), version), ArchiveJson);
               });
    router.Add({"POST", "/api/v1/archives/{id}/file", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string cabinet, shelf, bag;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("cabinet");
                       r.Require("shelf");
                       r.Str("cabinet", cabinet, 100);
                       r.Str("shelf", shelf, 100);
                       r.Str("bag", bag, 100);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.archives.File(*c, *id, cabinet, shelf, bag, version), ArchiveJson);
               });
    router.Add({"POST", "/api/v1/archives/{id}/incidents", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   domain::ArchiveIncident incident;
                   std::string day;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       for (const char* key : {"kind", "cause", "responsible_id", "occurred_on", "description"}) {
                           r.Require(key);
                       }
                       r.Str("kind", incident.kind, 20);
                       r.Str("cause", incident.cause, 30);
                       r.IdField("responsible_id", incident.responsible_id);
                       r.Int("files", incident.files);
                       r.Str("occurred_on", day, 20);
                       r.Str("description", incident.description, 8000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   auto occurred = DateParam(day, "occurred_on");
                   if (!occurred.ok()) return Problem(occurred.error(), req.request_id);
                   incident.occurred_on = *occurred;
                   return Reply(req, s.archives.RecordIncident(*c, *id, std::move(incident)), ArchiveJson, 201);
               });
    router.Add({"POST", "/api/v1/archives/{id}/confirm", AuthMode::kSession, "archive.confirm"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) { ReadVersion(r, version); });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.archives.Confirm(*c, *id, version), ArchiveJson);
               });
    router.Add({"GET", "/api/v1/handovers", AuthMode::kSession, "archive.read"},
               [&s](Request& req, const app::Caller* c) {
                   Timestamp from = 0;
                   Timestamp to = 0;
                   for (auto [name, out] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
                       if (!ParseTimestamp(QueryText(req, name), out)) {
                           return Problem(MakeError(ErrorCode::kInvalidArgument,
                                                    std::string(name) + " must be an RFC 3339 time or a date",
                                                    name),
                                          req.request_id);
                       }
                   }
                   return Reply(req, s.archives.HandoverBook(*c, from, to), [](const auto& rows) {
                       json::array out;
                       for (const auto& r : rows) {
                           json::object o = HandoverJson(r.handover);
                           o["archive_number"] = r.archive_number;
                           o["archive_kind"] = r.archive_kind;
                           o["department_id"] = r.department_id.value;
                           out.push_back(std::move(o));
                       }
                       return json::object{{"items", std::move(out)}};
                   });
               });
    router.Add({"GET", "/api/v1/archive-checklists", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.archives.Checklists(*c), [](const auto& checklists) {
            return json::object{{"items", ArrayOf(checklists, ChecklistJson)}};
        });
    });
    router.Add({"PUT", "/api/v1/archive-checklists/{kind}", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   std::vector<domain::ChecklistItem> items;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("items");
                       r.Objects(
                           "items",
                           [&](JsonReader& e) {
                               domain::ChecklistItem item;
                               e.Require("code");
                               e.Require("title_zh");
                               e.Require("title_en");
                               e.Str("code", item.code, 40);
                               e.Str("title_zh", item.title_zh, 400);
                               e.Str("title_en", item.title_en, 400);
                               e.Bool("needs_customer_signature", item.needs_customer_signature);
                               e.Bool("needs_internal_signature", item.needs_internal_signature);
                               e.Bool("optional", item.optional);
                               items.push_back(std::move(item));
                           },
                           50);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req,
                                s.archives.PutChecklist(*c, req.path_params["kind"], std::move(items), version),
                                ChecklistJson);
               });
}

}  // namespace patron::http
