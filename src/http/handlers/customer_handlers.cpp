// /api/v1/customers and their vehicles, interactions (ARC-13) and history (ARC-9); issue 2 §6–7.
#include "app/customer_service.hpp"
#include "domain/masking.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

// `sp`: where the JSON lives; the customer read passes an arena (no malloc per value).
json::object VehicleJsonIn(const domain::Vehicle& v, json::storage_ptr sp) {
    return json::object({{"id", v.id.value},
                         {"customer_id", v.customer_id.value},
                         {"version", v.version},
                         {"vin", v.vin},
                         {"plate", v.plate},
                         {"brand", v.brand},
                         {"model", v.model},
                         {"color", v.color},
                         {"purchase_date", v.purchase_date},
                         {"sold_by_us", v.sold_by_us},
                         {"created_at", FormatTimestamp(v.created_at)}},
                        sp);
}

json::object VehicleJson(const domain::Vehicle& v) { return VehicleJsonIn(v, {}); }

json::object CustomerJsonIn(const app::CustomerView& view, json::storage_ptr sp) {
    const domain::Customer& c = view.customer;
    json::array phones(sp);
    for (const auto& p : c.phones) {
        phones.push_back(json::object({{"kind", p.kind}, {"number", p.number}, {"label", p.label}}, sp));
    }
    json::array contacts(sp);
    for (const auto& k : c.contacts) {
        contacts.push_back(json::object({{"name", k.name},
                                         {"title", k.title},
                                         {"mobile", k.mobile},
                                         {"landline", k.landline},
                                         {"email", k.email},
                                         {"is_primary", k.is_primary}},
                                        sp));
    }
    json::array vehicles(sp);
    for (const auto& v : view.vehicles) vehicles.push_back(VehicleJsonIn(v, sp));
    return json::object({{"id", c.id.value},
                         {"version", c.version},
                         {"kind", c.kind},
                         {"customer_type", c.customer_type},
                         {"special_kind", c.special_kind},
                         {"category", c.category},
                         {"name", c.name},
                         {"company_name", c.company_name},
                         {"id_number", c.id_number},
                         {"enterprise_nature", c.enterprise_nature},
                         {"supervising_unit", c.supervising_unit},
                         {"address", c.address},
                         {"website", c.website},
                         {"credit_status", c.credit_status},
                         {"grade", c.grade},
                         {"secrecy", c.secrecy},
                         {"notes", c.notes},
                         {"department_id", c.department_id.value},
                         {"department_name", view.department_name},
                         {"owner_id", OptionalIdJson(c.owner_id)},
                         {"owner_name", view.owner_name},
                         {"phones", std::move(phones)},
                         {"contacts", std::move(contacts)},
                         {"vehicles", std::move(vehicles)},
                         {"created_at", FormatTimestamp(c.created_at)},
                         {"updated_at", FormatTimestamp(c.updated_at)},
                         {"masked", view.masked},
                         {"anonymised", domain::IsAnonymised(c)}},
                        sp);
}

json::object CustomerJson(const app::CustomerView& view) { return CustomerJsonIn(view, {}); }

// Reads the customer fields present in a body onto `c` (create and PATCH share it).
void ReadCustomer(JsonReader& r, domain::Customer& c) {
    r.Str("kind", c.kind, 40);
    r.Str("customer_type", c.customer_type, 40);
    r.Str("special_kind", c.special_kind, 40);
    r.Str("category", c.category, 40);
    r.Str("name", c.name, 400);
    r.Str("company_name", c.company_name, 800);
    r.Str("id_number", c.id_number, 40);
    r.Str("enterprise_nature", c.enterprise_nature, 400);
    r.Str("supervising_unit", c.supervising_unit, 800);
    r.Str("address", c.address, 800);
    r.Str("website", c.website, 800);
    r.Str("credit_status", c.credit_status, 400);
    r.Str("grade", c.grade, 4);
    r.Str("secrecy", c.secrecy, 20);
    r.Str("notes", c.notes, 16000);
    r.IdField("department_id", c.department_id);
    r.IdField("owner_id", c.owner_id);
    if (r.Has("phones")) {
        std::vector<domain::Phone> phones;
        r.Objects(
            "phones",
            [&](JsonReader& e) {
                domain::Phone p;
                e.Require("number");
                e.Str("kind", p.kind, 20);
                e.Str("number", p.number, 40);
                e.Str("label", p.label, 400);
                phones.push_back(std::move(p));
            },
            domain::kMaxPhones);
        c.phones = std::move(phones);
    }
    if (r.Has("contacts")) {
        std::vector<domain::Contact> contacts;
        r.Objects(
            "contacts",
            [&](JsonReader& e) {
                domain::Contact k;
                e.Require("name");
                e.Str("name", k.name, 400);
                e.Str("title", k.title, 400);
                e.Str("mobile", k.mobile, 40);
                e.Str("landline", k.landline, 40);
                e.Str("email", k.email, 200);
                e.Bool("is_primary", k.is_primary);
                contacts.push_back(std::move(k));
            },
            domain::kMaxContacts);
        c.contacts = std::move(contacts);
    }
}

void ReadVehicle(JsonReader& r, domain::Vehicle& v) {
    r.Str("vin", v.vin, 40);
    r.Str("plate", v.plate, 40);
    r.Str("brand", v.brand, 400);
    r.Str("model", v.model, 400);
    r.Str("color", v.color, 400);
    r.Str("purchase_date", v.purchase_date, 20);
    r.Bool("sold_by_us", v.sold_by_us);
}

json::object InteractionJson(const domain::Interaction& i) {
    return {{"id", i.id.value},
            {"kind", i.kind},
            {"direction", i.direction},
            {"subject", i.subject},
            {"body", i.body},
            {"occurred_at", FormatTimestamp(i.occurred_at)},
            {"author_id", i.author_id.value},
            {"author_name", i.author_name},
            {"created_at", FormatTimestamp(i.created_at)}};
}

json::object HistoryJson(const domain::HistoryEntry& h) {
    return {{"id", h.id},
            {"version", h.version},
            {"field", h.field},
            {"old_value", h.old_value},
            {"new_value", h.new_value},
            {"changed_by", h.changed_by.value},
            {"changed_by_name", h.changed_by_name},
            {"changed_at", FormatTimestamp(h.changed_at)}};
}

// The list filters shared by the list and the CSV export.
Expected<app::CustomerListQuery> ListQuery(const Request& req) {
    app::CustomerListQuery q;
    q.q = QueryText(req, "q");
    q.category = QueryText(req, "category");
    if (std::string sort = QueryText(req, "sort"); !sort.empty()) q.sort = sort;
    auto page = QueryInt(req, "page", 1);
    if (!page.ok()) return page.error();
    auto page_size = QueryInt(req, "page_size", 20);
    if (!page_size.ok()) return page_size.error();
    auto department = QueryInt(req, "department_id", 0);
    if (!department.ok()) return department.error();
    auto owner = QueryInt(req, "owner_id", 0);
    if (!owner.ok()) return owner.error();
    q.page = *page;
    q.page_size = *page_size;
    q.department = DepartmentId(*department);
    q.owner = UserId(*owner);
    return q;
}

}  // namespace

void AddCustomerRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/customers", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto q = ListQuery(req);
                   if (!q.ok()) return Problem(q.error(), req.request_id);
                   auto page = s.customers.List(*c, *q);
                   if (!page.ok()) return Problem(page.error(), req.request_id);
                   json::array items;
                   for (const auto& item : page->items) {
                       const auto& sm = item.summary;
                       items.push_back({{"id", sm.id.value},
                                        {"version", sm.version},
                                        {"name", sm.name},
                                        {"kind", sm.kind},
                                        {"customer_type", sm.customer_type},
                                        {"category", sm.category},
                                        {"company_name", sm.company_name},
                                        {"grade", sm.grade},
                                        {"secrecy", sm.secrecy},
                                        {"phone", sm.phone},
                                        {"department_id", sm.department_id.value},
                                        {"department_name", item.department_name},
                                        {"owner_id", OptionalIdJson(sm.owner_id)},
                                        {"owner_name", item.owner_name},
                                        {"updated_at", FormatTimestamp(sm.updated_at)}});
                   }
                   return JsonResponse({{"items", std::move(items)},
                                        {"total", page->total},
                                        {"total_is_estimate", page->total_is_estimate},
                                        {"page", q->page},
                                        {"page_size", q->page_size}});
               });
    router.Add({"POST", "/api/v1/customers", AuthMode::kSession, "customer.create"},
               [&s](Request& req, const app::Caller* c) {
                   domain::Customer customer;
                   std::string met_on_text;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("name");
                       r.Require("department_id");
                       ReadCustomer(r, customer);
                       r.Str("met_on", met_on_text, 20);  // ARC-10
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   std::optional<Date> met_on;
                   if (!met_on_text.empty()) {
                       auto parsed = DateParam(met_on_text, "met_on");
                       if (!parsed.ok()) return Problem(parsed.error(), req.request_id);
                       met_on = *parsed;
                   }
                   return Reply(req, s.customers.Create(*c, customer, met_on), CustomerJson, 201);
               });
    router.Add({"GET", "/api/v1/customer-filings/overdue", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto limit = QueryInt(req, "limit", 200);
                   if (!limit.ok()) return Problem(limit.error(), req.request_id);
                   return Reply(req, s.customers.OverdueFilings(*c, *limit), [](const auto& list) {
                       json::array items;
                       for (const auto& item : list) {
                           const auto& f = item.row.filing;
                           json::array missing;
                           for (const auto& field : item.missing) missing.push_back(json::value(field));
                           items.push_back(json::object{{"customer_id", f.customer_id.value},
                                                        {"customer_name", item.row.customer_name},
                                                        {"department_id", f.department_id.value},
                                                        {"department_name", item.department_name},
                                                        {"met_on", FormatDate(f.met_on)},
                                                        {"due_day", FormatDate(f.due_day)},
                                                        {"missing", std::move(missing)}});
                       }
                       return json::object{{"items", std::move(items)}};
                   });
               });
    router.Add({"GET", "/api/v1/customer-filings/late-changes", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.customers.LateChangeReports(*c, QueryText(req, "month")), [](const auto& list) {
                       json::array items;
                       for (const auto& [r, name] : list) {
                           items.push_back(json::object{{"customer_id", r.customer_id.value},
                                                        {"customer_name", name},
                                                        {"department_id", r.department_id.value},
                                                        {"version", r.version},
                                                        {"fields", r.fields},
                                                        {"changed_on", FormatDate(r.changed_on)},
                                                        {"due_day", FormatDate(r.due_day)},
                                                        {"reported_at", FormatTimestamp(r.reported_at)},
                                                        {"reported_by", r.reported_by.value}});
                       }
                       return json::object{{"items", std::move(items)}};
                   });
               });
    router.Add({"GET", "/api/v1/customers/{id}", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto view = s.customers.Get(*c, *id);
                   if (!view.ok()) return Problem(view.error(), req.request_id);
                   // The most frequent request: its JSON is built in an arena on the stack.
                   unsigned char arena[16384];
                   json::monotonic_resource resource(arena, sizeof arena);
                   return JsonResponse(CustomerJsonIn(*view, &resource));
               });
    // PIPL: the data subject's copy, and anonymisation at the end of retention.
    router.Add({"GET", "/api/v1/customers/{id}/personal-data", AuthMode::kSession, "customer.personal_data"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.personal_data.Export(*c, *id), [](const app::SubjectExport& e) {
                       json::array archives;
                       for (const auto& r : e.archives) {
                           archives.push_back(json::object{{"id", r.archive.id.value},
                                                           {"number", r.archive.number},
                                                           {"kind", r.archive.kind},
                                                           {"status", r.archive.status},
                                                           {"plate", r.plate},
                                                           {"vin", r.vin},
                                                           {"created_at", FormatTimestamp(r.archive.created_at)}});
                       }
                       return json::object{{"watermark", e.watermark},
                                           {"exported_at", FormatTimestamp(e.exported_at)},
                                           {"customer", CustomerJson(e.view)},
                                           {"interactions", ArrayOf(e.interactions, InteractionJson)},
                                           {"history", ArrayOf(e.history, HistoryJson)},
                                           {"archives", std::move(archives)}};
                   });
               });
    router.Add({"POST", "/api/v1/customers/{id}/anonymise", AuthMode::kSession, "customer.erase"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string reason;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("reason");
                       r.Str("reason", reason, 5000);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.personal_data.Anonymise(*c, *id, std::move(reason), version), CustomerJson);
               });
    router.Add({"PATCH", "/api/v1/customers/{id}", AuthMode::kSession, "customer.update"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto patch = ParsePatch(req);
                   if (!patch.ok()) return Problem(patch.error(), req.request_id);
                   // ARC-10: the maintenance form's "changed on" is not a customer field.
                   std::optional<Date> changed_on;
                   if (auto it = patch->object.find("changed_on"); it != patch->object.end()) {
                       const std::string text = it->value().is_string() ? std::string(it->value().as_string()) : "";
                       auto parsed = DateParam(text, "changed_on");
                       if (!parsed.ok()) return Problem(parsed.error(), req.request_id);
                       changed_on = *parsed;
                       patch->object.erase(it);
                   }
                   return Reply(req,
                                s.customers.Update(
                                    *c, *id, patch->version, patch->Apply<domain::Customer>(ReadCustomer), changed_on),
                                CustomerJson);
               });
    router.Add({"GET", "/api/v1/customers/{id}/vehicles", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.customers.ListVehicles(*c, *id), [](const auto& list) {
                       return ArrayOf(list, VehicleJson);
                   });
               });
    router.Add({"POST", "/api/v1/customers/{id}/vehicles", AuthMode::kSession, "customer.update"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   domain::Vehicle v;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("vin");
                       ReadVehicle(r, v);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.customers.AddVehicle(*c, *id, v), VehicleJson, 201);
               });
    router.Add({"PATCH", "/api/v1/customers/{id}/vehicles/{vehicle_id}", AuthMode::kSession, "customer.update"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto vehicle_id = PathId<VehicleId>(req, "vehicle_id");
                   if (!vehicle_id.ok()) return Problem(vehicle_id.error(), req.request_id);
                   auto patch = ParsePatch(req);
                   if (!patch.ok()) return Problem(patch.error(), req.request_id);
                   return Reply(req,
                                s.customers.UpdateVehicle(
                                    *c, *id, *vehicle_id, patch->version, patch->Apply<domain::Vehicle>(ReadVehicle)),
                                VehicleJson);
               });
    router.Add({"GET", "/api/v1/customers/{id}/interactions", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.customers.ListInteractions(*c, *id), [](const auto& list) {
                       return ArrayOf(list, InteractionJson);
                   });
               });
    router.Add({"POST", "/api/v1/customers/{id}/interactions", AuthMode::kSession, "interaction.create"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   domain::Interaction i;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("kind");
                       r.Require("subject");
                       r.Str("kind", i.kind, 40);
                       r.Str("direction", i.direction, 40);
                       r.Str("subject", i.subject, 800);
                       r.Str("body", i.body, 16000);
                       r.Time("occurred_at", i.occurred_at);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.customers.AddInteraction(*c, *id, i), InteractionJson, 201);
               });
    router.Add({"GET", "/api/v1/customers/{id}/history", AuthMode::kSession, "customer.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<CustomerId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(
                       req, s.customers.History(*c, *id), [](const auto& list) { return ArrayOf(list, HistoryJson); });
               });
    router.Add({"GET", "/api/v1/exports/customers", AuthMode::kSession, "customer.export", true},
               [&s](Request& req, const app::Caller* c) {
                   auto q = ListQuery(req);
                   if (!q.ok()) return Problem(q.error(), req.request_id);
                   auto csv = s.imports.ExportCsv(*c, *q);
                   if (!csv.ok()) return Problem(csv.error(), req.request_id);
                   Response r;
                   r.content_type = "text/csv; charset=utf-8";
                   r.body = std::move(*csv);
                   r.headers.emplace_back("Content-Disposition", "attachment; filename=\"customers.csv\"");
                   r.headers.emplace_back("Cache-Control", "no-store");
                   return r;
               });
}

}  // namespace patron::http
