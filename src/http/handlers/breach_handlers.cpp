// /api/v1/breach-incidents: SEC-10 reported leaks, their remedial actions, closure.
#include "app/breach_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object ActionJson(const domain::RemedialAction& a) {
    return {{"id", a.id},
            {"description", a.description},
            {"owner_id", a.owner.value},
            {"due_on", FormatDate(a.due_on)},
            {"done_at", OptionalTimeJson(a.done_at)},
            {"result", a.result},
            {"created_at", FormatTimestamp(a.created_at)}};
}

json::object IncidentJson(const domain::BreachIncident& b) {
    return {{"id", b.id},
            {"version", b.version},
            {"severity", b.severity},
            {"title", b.title},
            {"description", b.description},
            {"records", b.records},
            {"occurred_on", FormatDate(b.occurred_on)},
            {"reported_by", b.reported_by.value},
            {"reported_at", FormatTimestamp(b.reported_at)},
            {"status", b.status},
            {"summary", b.summary},
            {"closed_by", OptionalIdJson(b.closed_by)},
            {"closed_at", OptionalTimeJson(b.closed_at)},
            {"actions", ArrayOf(b.actions, ActionJson)}};
}

// An optional YYYY-MM-DD body field: unchanged when empty.
Status OptionalDate(const std::string& text, const char* field, Date* out) {
    if (text.empty()) return {};
    auto parsed = DateParam(text, field);
    if (!parsed.ok()) return parsed.error();
    *out = *parsed;
    return {};
}

Expected<std::int64_t> IncidentId(Request& req) {
    auto id = ParsePositive(req.path_params["id"], "id");
    if (!id.ok()) return MakeError(ErrorCode::kNotFound, "incident not found");
    return *id;
}

}  // namespace

void AddBreachRoutes(Router& router, Services& s) {
    router.Add({"POST", "/api/v1/breach-incidents", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        domain::BreachIncident b;
        std::string day;
        Status body = ReadBody(req.body, [&](JsonReader& r) {
            r.Require("title");
            r.Require("description");
            r.Str("severity", b.severity, 20);
            r.Str("title", b.title, 1000);
            r.Str("description", b.description, 20000);
            r.Str("records", b.records, 10000);
            r.Str("occurred_on", day, 20);
        });
        if (!body.ok()) return Problem(body.error(), req.request_id);
        if (!day.empty()) {
            auto parsed = DateParam(day, "occurred_on");
            if (!parsed.ok()) return Problem(parsed.error(), req.request_id);
            b.occurred_on = *parsed;
        }
        return Reply(req, s.breaches.Report(*c, std::move(b)), IncidentJson, 201);
    });
    router.Add({"GET", "/api/v1/breach-incidents", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.breaches.List(*c), [](const auto& list) {
            return json::object{{"items", ArrayOf(list, IncidentJson)}};
        });
    });
    router.Add({"GET", "/api/v1/breach-incidents/{id}", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IncidentId(req);
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.breaches.Get(*c, *id), IncidentJson);
               });
    router.Add({"POST", "/api/v1/breach-incidents/{id}/actions", AuthMode::kSession, "incident.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IncidentId(req);
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   domain::RemedialAction a;
                   std::string day;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("description");
                       r.Require("owner_id");
                       r.Str("description", a.description, 10000);
                       r.IdField("owner_id", a.owner);
                       r.Str("due_on", day, 20);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   if (auto date = OptionalDate(day, "due_on", &a.due_on); !date.ok()) {
                       return Problem(date.error(), req.request_id);
                   }
                   return Reply(req, s.breaches.AddAction(*c, *id, std::move(a)), IncidentJson, 201);
               });
    router.Add({"POST", "/api/v1/breach-incidents/{id}/actions/{action_id}/done", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IncidentId(req);
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto action = ParsePositive(req.path_params["action_id"], "action_id");
                   if (!action.ok())
                       return Problem(MakeError(ErrorCode::kNotFound, "action not found"), req.request_id);
                   std::string result;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("result");
                       r.Str("result", result, 10000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.breaches.CompleteAction(*c, *id, *action, std::move(result)), IncidentJson);
               });
    router.Add({"POST", "/api/v1/breach-incidents/{id}/close", AuthMode::kSession, "incident.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IncidentId(req);
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string summary;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("summary");
                       r.Str("summary", summary, 20000);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.breaches.Close(*c, *id, std::move(summary), version), IncidentJson);
               });
}

}  // namespace patron::http
