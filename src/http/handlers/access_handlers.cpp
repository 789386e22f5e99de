// /api/v1/access-requests, /api/v1/access-grants, /api/v1/approval-chains: SEC-2 … SEC-6, SEC-12
// access requests decided along the organisation's approval chain, grants, and the chains.
#include "app/access_service.hpp"
#include "app/visitor_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object StepJson(const domain::ApprovalStep& s) {
    json::array roles;
    for (const auto& r : s.roles) roles.emplace_back(r);
    return {{"name", s.name}, {"roles", std::move(roles)}, {"scope", s.scope}};
}

json::array StringsJson(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

json::object VisitorJson(const app::VisitorView& view) {
    const auto& v = view.visitor;
    return {{"id", v.id},
            {"version", v.version},
            {"name", v.name},
            {"organisation", v.organisation},
            {"document_kind", v.document_kind},
            {"document_number", v.document_number},
            {"purpose", v.purpose},
            {"host_id", v.host.value},
            {"host_name", view.host_name},
            {"valid_until", FormatDate(v.valid_until)},
            {"registered_at", FormatTimestamp(v.registered_at)},
            {"revoked_at", OptionalTimeJson(v.revoked_at)},
            {"status", view.status}};
}

json::object RequestJson(const app::AccessRequestView& view) {
    const auto& q = view.request;
    json::array decisions = DecisionsJson(q.decisions, view.approver_names);
    return {{"id", q.id.value},
            {"version", q.version},
            {"status", q.status},
            {"requester_id", q.requester.value},
            {"requester_name", view.requester_name},
            {"requester_department_id", q.requester_department.value},
            {"object_type", q.object_type},
            {"object_id", q.object_id},
            {"object_label", view.object_label},
            {"object_department_id", q.object_department.value},
            {"object_secrecy", q.object_secrecy},
            {"visitor_id", q.visitor_id ? json::value(q.visitor_id) : json::value(nullptr)},
            {"visitor_label", view.visitor_label},
            {"actions", StringsJson(q.actions)},
            {"purpose", q.purpose},
            {"reason", q.reason},
            {"days", q.days},
            {"steps", ArrayOf(q.steps, StepJson)},
            {"decisions", std::move(decisions)},
            {"current_step", q.CurrentStep()},
            {"may_decide", view.may_decide},
            {"created_at", FormatTimestamp(q.created_at)},
            {"decided_at", OptionalTimeJson(q.decided_at)}};
}

json::object GrantJson(const app::AccessGrantView& view) {
    const auto& g = view.grant;
    return {{"id", g.id.value},
            {"grantee_id", g.grantee.value},
            {"grantee_name", view.grantee_name},
            {"object_type", g.object_type},
            {"object_id", g.object_id},
            {"object_label", view.object_label},
            {"actions", StringsJson(g.actions)},
            {"valid_from", FormatTimestamp(g.valid_from)},
            {"valid_until", FormatTimestamp(g.valid_until)},
            {"kind", g.kind},
            {"request_id", OptionalIdJson(g.request_id)},
            {"granted_by", g.granted_by.value},
            {"granted_by_name", view.granted_by_name},
            {"reason", g.reason},
            {"status", view.status},
            {"revoked_at", OptionalTimeJson(g.revoked_at)},
            {"revoked_by", OptionalIdJson(g.revoked_by)},
            {"revoked_by_name", view.revoked_by_name},
            {"revoke_reason", g.revoke_reason},
            {"created_at", FormatTimestamp(g.created_at)}};
}

json::object ChainJson(const app::ChainView& c) {
    return {{"kind", c.kind}, {"steps", ArrayOf(c.steps, StepJson)}, {"version", c.version}};
}

void ReadSteps(JsonReader& r, std::vector<domain::ApprovalStep>& steps) {
    r.Objects(
        "steps",
        [&](JsonReader& item) {
            domain::ApprovalStep step;
            item.Require("name");
            item.Require("roles");
            item.Require("scope");
            item.Str("name", step.name, 400);
            item.Strings("roles", step.roles, 20);
            item.Str("scope", step.scope, 40);
            steps.push_back(std::move(step));
        },
        10);
}

// A positive id from the path, else 404 naming `what`.
Expected<std::int64_t> PathId(Request& req, const char* what) {
    auto id = ParsePositive(req.path_params["id"], "id");
    if (!id.ok()) return MakeError(ErrorCode::kNotFound, std::string(what) + " not found");
    return *id;
}

}  // namespace

void AddAccessRoutes(Router& router, Services& s) {
    router.Add({"POST", "/api/v1/access-requests", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        app::NewAccessRequest input;
        std::int64_t days = input.days;
        Status body = ReadBody(req.body, [&](JsonReader& r) {
            for (const char* key : {"object_type", "object_id", "actions", "purpose", "reason"}) {
                r.Require(key);
            }
            r.Str("object_type", input.object_type, 20);
            r.Int("object_id", input.object_id);
            r.Strings("actions", input.actions, 3);
            r.Str("purpose", input.purpose, 1000);
            r.Str("reason", input.reason, 4000);
            r.Int("days", days);
            r.Int("visitor_id", input.visitor_id);
        });
        if (!body.ok()) return Problem(body.error(), req.request_id);
        input.days = static_cast<int>(std::clamp<std::int64_t>(days, -1, 10000));
        return Reply(req, s.access.Request(*c, std::move(input)), RequestJson, 201);
    });
    router.Add({"GET", "/api/v1/access-requests", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        std::string box = req.query.count("box") ? req.query.at("box") : "mine";
        if (box != "mine" && box != "inbox") {
            return Problem(MakeError(ErrorCode::kInvalidArgument, "box must be mine or inbox", "box"), req.request_id);
        }
        auto list = box == "inbox" ? s.access.Inbox(*c) : s.access.MyRequests(*c);
        return Reply(req, list, [](const auto& views) { return json::object{{"items", ArrayOf(views, RequestJson)}}; });
    });
    router.Add({"GET", "/api/v1/access-requests/{id}", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId(req, "access request");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.access.Get(*c, domain::AccessRequestId(*id)), RequestJson);
               });
    router.Add({"POST", "/api/v1/access-requests/{id}/decision", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId(req, "access request");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string decision, comment;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("decision");
                       r.Str("decision", decision, 20);
                       r.Str("comment", comment, 2000);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(
                       req, s.access.Decide(*c, domain::AccessRequestId(*id), decision, comment, version), RequestJson);
               });
    router.Add({"POST", "/api/v1/access-requests/{id}/withdraw", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId(req, "access request");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) { ReadVersion(r, version); });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.access.Withdraw(*c, domain::AccessRequestId(*id), version), RequestJson);
               });
    router.Add({"GET", "/api/v1/access-grants", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        std::string scope = req.query.count("scope") ? req.query.at("scope") : "mine";
        if (scope != "mine" && scope != "all") {
            return Problem(MakeError(ErrorCode::kInvalidArgument, "scope must be mine or all", "scope"),
                           req.request_id);
        }
        return Reply(req, s.access.Grants(*c, scope == "all"), [](const auto& grants) {
            return json::object{{"items", ArrayOf(grants, GrantJson)}};
        });
    });
    router.Add({"POST", "/api/v1/access-grants", AuthMode::kSession, "access.authorise"},
               [&s](Request& req, const app::Caller* c) {
                   UserId grantee;
                   std::string object_type, reason;
                   std::int64_t object_id = 0, days = 3;
                   std::vector<std::string> actions;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       for (const char* key : {"grantee_id", "object_type", "object_id", "actions", "reason"}) {
                           r.Require(key);
                       }
                       r.IdField("grantee_id", grantee);
                       r.Str("object_type", object_type, 20);
                       r.Int("object_id", object_id);
                       r.Strings("actions", actions, 3);
                       r.Int("days", days);
                       r.Str("reason", reason, 4000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   auto result = s.access.Authorise(*c,
                                                    grantee,
                                                    object_type,
                                                    object_id,
                                                    std::move(actions),
                                                    static_cast<int>(std::clamp<std::int64_t>(days, -1, 10000)),
                                                    reason);
                   return Reply(req, result, GrantJson, 201);
               });
    router.Add({"POST", "/api/v1/access-grants/{id}/revoke", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId(req, "grant");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string reason;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("reason");
                       r.Str("reason", reason, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.access.Revoke(*c, domain::AccessGrantId(*id), reason), GrantJson);
               });
    router.Add({"GET", "/api/v1/approval-chains", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.access.Chains(*c), [](const auto& chains) {
            return json::object{{"items", ArrayOf(chains, ChainJson)}};
        });
    });
    router.Add({"PUT", "/api/v1/approval-chains/{kind}", AuthMode::kSession, "org.manage"},
               [&s](Request& req, const app::Caller* c) {
                   std::vector<domain::ApprovalStep> steps;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("steps");
                       ReadSteps(r, steps);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(
                       req, s.access.PutChain(*c, req.path_params["kind"], std::move(steps), version), ChainJson);
               });
    // SEC-3: the register of non-employees.
    router.Add({"GET", "/api/v1/visitors", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.visitors.List(*c), [](const auto& views) {
            return json::object{{"items", ArrayOf(views, VisitorJson)}};
        });
    });
    router.Add({"POST", "/api/v1/visitors", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        domain::Visitor v;
        std::string until;
        Status body = ReadBody(req.body, [&](JsonReader& r) {
            for (const char* key :
                 {"name", "organisation", "document_kind", "document_number", "purpose", "valid_until"}) {
                r.Require(key);
            }
            r.Str("name", v.name, 200);
            r.Str("organisation", v.organisation, 400);
            r.Str("document_kind", v.document_kind, 40);
            r.Str("document_number", v.document_number, 200);
            r.Str("purpose", v.purpose, 2000);
            r.Str("valid_until", until, 20);
        });
        if (!body.ok()) return Problem(body.error(), req.request_id);
        auto day = DateParam(until, "valid_until");
        if (!day.ok()) return Problem(day.error(), req.request_id);
        v.valid_until = *day;
        return Reply(req, s.visitors.Register(*c, std::move(v)), VisitorJson, 201);
    });
    router.Add({"POST", "/api/v1/visitors/{id}/revoke", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = ParsePositive(req.path_params["id"], "id");
                   if (!id.ok()) return Problem(MakeError(ErrorCode::kNotFound, "visitor not found"), req.request_id);
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) { ReadVersion(r, version); });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.visitors.Revoke(*c, *id, version), VisitorJson);
               });
}

}  // namespace patron::http
