// /api/v1/auth/*: login, logout, me, sessions (issue 2 §3).
#include "app/auth_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object MeJson(const app::Caller& caller, const domain::Organization& org, DepartmentId department) {
    json::array permissions;
    for (const auto& p : caller.principal.Permissions()) permissions.push_back(json::string(p));
    json::array roles;
    for (const auto& a : caller.principal.assignments()) {
        roles.push_back({{"id", a.id}, {"role", a.role}, {"department_id", a.department_id.value}});
    }
    return {{"id", caller.user().value},
            {"username", caller.principal.username()},
            {"display_name", caller.principal.display_name()},
            {"org", {{"id", org.id.value}, {"code", org.code}, {"name", org.name}}},
            {"department_id", department.value},
            {"permissions", std::move(permissions)},
            {"roles", std::move(roles)}};
}

std::string CookieAttributes(const ApiOptions& options, std::int64_t max_age_seconds) {
    std::string attributes = "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
    if (options.secure_cookies) attributes += "; Secure";
    return attributes;
}

}  // namespace

void AddAuthRoutes(Router& router, Services& s, const ApiOptions& options) {
    // Argon2id verification is CPU-heavy: run off the I/O threads.
    router.Add({"POST", "/api/v1/auth/login", AuthMode::kPublic, "", true, 16 * 1024},
               [&s, options](Request& req, const app::Caller*) {
                   std::string org, username, password;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("org");
                       r.Require("username");
                       r.Require("password");
                       r.Str("org", org, 64);
                       r.Str("username", username, 64);
                       r.Str("password", password, 1024);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   app::Origin origin{req.remote_ip, req.Header("user-agent"), req.request_id};
                   auto result = s.auth.Login(org, username, password, origin);
                   if (!result.ok()) return Problem(result.error(), req.request_id);
                   // Build the caller view for the answer.
                   auto caller = s.auth.Authenticate(result->token, origin);
                   if (!caller.ok()) return Problem(caller.error(), req.request_id);
                   auto tx = s.store.Read();
                   auto organization = tx->org().GetOrganization(result->session.org_id);
                   json::object body_json{{"token", result->token},
                                          {"expires_at", FormatTimestamp(result->session.expires_at)},
                                          {"csrf_token", result->session.csrf_token},
                                          {"user", MeJson(*caller, *organization, result->user.department_id)}};
                   Response r = JsonResponse(body_json);
                   std::int64_t max_age = (result->session.expires_at - result->session.created_at) / 1000;
                   r.headers.emplace_back(
                       "Set-Cookie",
                       "patron_session=" + result->token + "; HttpOnly" + CookieAttributes(options, max_age));
                   r.headers.emplace_back(
                       "Set-Cookie", "patron_csrf=" + result->session.csrf_token + CookieAttributes(options, max_age));
                   r.headers.emplace_back("Cache-Control", "no-store");
                   return r;
               });
    router.Add({"POST", "/api/v1/auth/logout"}, [&s, options](Request& req, const app::Caller* caller) {
        Status status = s.auth.Logout(*caller);
        Response r = ReplyStatus(req, status);
        r.headers.emplace_back("Set-Cookie", "patron_session=; HttpOnly" + CookieAttributes(options, 0));
        r.headers.emplace_back("Set-Cookie", "patron_csrf=" + CookieAttributes(options, 0));
        return r;
    });
    router.Add({"GET", "/api/v1/auth/me"}, [&s](Request&, const app::Caller* caller) {
        auto tx = s.store.Read();
        auto org = tx->org().GetOrganization(caller->org());
        auto user = tx->org().GetUser(caller->org(), caller->user());
        return JsonResponse(MeJson(*caller, *org, user ? user->department_id : DepartmentId()));
    });
    router.Add({"GET", "/api/v1/auth/sessions"}, [&s](Request&, const app::Caller* caller) {
        json::array out;
        for (const auto& session : s.auth.ListSessions(*caller)) {
            out.push_back({{"id", session.id.value},
                           {"created_at", FormatTimestamp(session.created_at)},
                           {"last_seen_at", FormatTimestamp(session.last_seen_at)},
                           {"expires_at", FormatTimestamp(session.expires_at)},
                           {"ip", session.ip},
                           {"user_agent", session.user_agent},
                           {"current", session.id == caller->session.id}});
        }
        return JsonResponse(out);
    });
    router.Add({"DELETE", "/api/v1/auth/sessions/{id}"}, [&s](Request& req, const app::Caller* caller) {
        auto id = PathId<SessionId>(req, "id");
        if (!id.ok()) return Problem(id.error(), req.request_id);
        return ReplyStatus(req, s.auth.EndSession(*caller, *id));
    });
}

}  // namespace patron::http
