// /api/v1/archive-destructions, /api/v1/archive-inspections and /api/v1/reminders: custody of the
// archives (ARC-11 storage inspections, ARC-12 retention and destruction) and the reminders the
// daily job raises.
#include "app/custody_service.hpp"
#include "app/reminder_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object LineJson(const domain::DestructionLine& l) {
    return {{"archive_id", l.archive_id.value},
            {"number", l.number},
            {"kind", l.kind},
            {"customer_name", l.customer_name},
            {"vin", l.vin},
            {"event_at", FormatTimestamp(l.event_at)},
            {"retention_until", FormatDate(l.retention_until)},
            {"documents", l.documents}};
}

json::object DestructionJson(const domain::Destruction& d) {
    return {{"id", d.id},
            {"version", d.version},
            {"status", d.status},
            {"reason", d.reason},
            {"proposed_by", d.proposed_by.value},
            {"proposed_at", FormatTimestamp(d.proposed_at)},
            {"decided_by", OptionalIdJson(d.decided_by)},
            {"decided_at", OptionalTimeJson(d.decided_at)},
            {"decision_reason", d.decision_reason},
            {"lines", ArrayOf(d.lines, LineJson)}};
}

json::object InspectionJson(const domain::StorageInspection& i) {
    return {{"id", i.id},
            {"inspected_on", FormatDate(i.inspected_on)},
            {"inspector_id", i.inspector_id.value},
            {"location", i.location},
            {"damp", i.damp},
            {"mould", i.mould},
            {"pests", i.pests},
            {"damaged_files", i.damaged_files},
            {"findings", i.findings},
            {"repairs", i.repairs},
            {"created_at", FormatTimestamp(i.created_at)}};
}

json::object ReminderJson(const storage::Reminder& r) {
    return {{"key", r.key},
            {"rule", r.rule},
            {"subject", r.subject},
            {"detail", r.detail},
            {"link", r.link},
            {"due_on", FormatDate(r.due_on)},
            {"created_at", FormatTimestamp(r.created_at)}};
}

}  // namespace

void AddCustodyRoutes(Router& router, Services& s) {
    router.Add(
        {"GET", "/api/v1/archive-destructions/candidates", AuthMode::kSession, "archive.manage or archive.destroy"},
        [&s](Request& req, const app::Caller* c) {
            auto limit = QueryInt(req, "limit", 200);
            if (!limit.ok()) return Problem(limit.error(), req.request_id);
            return Reply(req, s.custody.DestructionList(*c, *limit), [](const auto& candidates) {
                json::array out;
                for (const auto& candidate : candidates) {
                    const auto& a = candidate.row.archive;
                    out.push_back(json::object{{"archive_id", a.id.value},
                                               {"number", a.number},
                                               {"kind", a.kind},
                                               {"status", a.status},
                                               {"customer_name", candidate.row.customer_name},
                                               {"plate", candidate.row.plate},
                                               {"vin", candidate.row.vin},
                                               {"event_at", FormatTimestamp(a.event_at)},
                                               {"retention_until", FormatDate(candidate.retention_until)}});
                }
                return json::object{{"items", std::move(out)}};
            });
        });
    router.Add({"POST", "/api/v1/archive-destructions", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   std::vector<std::int64_t> ids;
                   std::string reason;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("archive_ids");
                       r.Require("reason");
                       r.Ints("archive_ids", ids, 500);
                       r.Str("reason", reason, 4000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   std::vector<ArchiveId> archives;
                   for (auto id : ids) archives.emplace_back(id);
                   return Reply(
                       req, s.custody.ProposeDestruction(*c, std::move(archives), reason), DestructionJson, 201);
               });
    router.Add({"GET", "/api/v1/archive-destructions", AuthMode::kSession, "archive.manage or archive.destroy"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.custody.Destructions(*c), [](const auto& list) {
                       return json::object{{"items", ArrayOf(list, DestructionJson)}};
                   });
               });
    router.Add({"GET", "/api/v1/archive-destructions/{id}", AuthMode::kSession, "archive.manage or archive.destroy"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = ParsePositive(req.path_params["id"], "id");
                   if (!id.ok())
                       return Problem(MakeError(ErrorCode::kNotFound, "destruction not found"), req.request_id);
                   return Reply(req, s.custody.GetDestruction(*c, *id), DestructionJson);
               });
    router.Add({"POST", "/api/v1/archive-destructions/{id}/decision", AuthMode::kSession, "archive.destroy"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = ParsePositive(req.path_params["id"], "id");
                   if (!id.ok())
                       return Problem(MakeError(ErrorCode::kNotFound, "destruction not found"), req.request_id);
                   std::string decision, reason;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("decision");
                       r.Str("decision", decision, 20);
                       r.Str("reason", reason, 4000);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.custody.DecideDestruction(*c, *id, decision, reason, version), DestructionJson);
               });
    router.Add({"GET", "/api/v1/archive-inspections", AuthMode::kSession, "archive.manage or archive.destroy"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.custody.Inspections(*c), [](const app::InspectionOverview& o) {
                       return json::object{{"items", ArrayOf(o.inspections, InspectionJson)},
                                           {"last", o.last ? json::value(FormatDate(*o.last)) : json::value(nullptr)},
                                           {"next_due", FormatDate(o.next_due)},
                                           {"overdue", o.overdue}};
                   });
               });
    router.Add({"POST", "/api/v1/archive-inspections", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   domain::StorageInspection i;
                   std::string day;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("inspected_on");
                       r.Require("location");
                       r.Str("inspected_on", day, 20);
                       r.Str("location", i.location, 1000);
                       r.Bool("damp", i.damp);
                       r.Bool("mould", i.mould);
                       r.Bool("pests", i.pests);
                       r.Int("damaged_files", i.damaged_files);
                       r.Str("findings", i.findings, 20000);
                       r.Str("repairs", i.repairs, 20000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   auto parsed = DateParam(day, "inspected_on");
                   if (!parsed.ok()) return Problem(parsed.error(), req.request_id);
                   i.inspected_on = *parsed;
                   return Reply(req, s.custody.RecordInspection(*c, std::move(i)), InspectionJson, 201);
               });
    router.Add({"GET", "/api/v1/reminders", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.reminders.Open(*c), [](const auto& list) {
            return json::object{{"items", ArrayOf(list, ReminderJson)}};
        });
    });
}

}  // namespace patron::http
