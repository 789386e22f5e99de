// /api/v1/policy (versioned settings), /api/v1/audit (SEC-1 audit log search).
#include "app/admin_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object SettingJson(const app::PolicySettingView& v) {
    json::object o{{"key", v.setting.key},
                   {"rule", v.setting.rule},
                   {"unit", v.setting.unit},
                   {"value", v.value},
                   {"default", v.setting.default_value},
                   {"min", v.setting.min},
                   {"max", v.setting.max},
                   {"version", v.version},
                   {"description_zh", v.setting.description_zh},
                   {"description_en", v.setting.description_en}};
    o["updated_at"] = OptionalTimeJson(v.updated_at);
    o["updated_by"] = OptionalIdJson(v.updated_by);
    return o;
}

json::object AuditJson(const domain::AuditEntry& e) {
    return {{"seq", e.seq},
            {"at", FormatTimestamp(e.at)},
            {"user_id", OptionalIdJson(e.user_id)},
            {"username", e.username},
            {"action", e.action},
            {"object_type", e.object_type},
            {"object_id", e.object_id},
            {"outcome", e.outcome},
            {"ip", e.ip},
            {"user_agent", e.user_agent},
            {"detail", e.detail},
            {"hash", e.hash}};
}

// The audit filters of a query string: user_id, object_type, object_id, action, from, to, before, limit.
Expected<storage::AuditQuery> AuditQueryFrom(Request& req) {
    storage::AuditQuery q;
    auto user = QueryInt(req, "user_id", 0);
    auto before = QueryInt(req, "before", 0);
    auto limit = QueryInt(req, "limit", 50);
    for (const auto* parsed : {&user, &before, &limit}) {
        if (!parsed->ok()) return parsed->error();
    }
    q.user = UserId(*user);
    q.before_seq = *before;
    q.limit = *limit;
    q.object_type = QueryText(req, "object_type");
    q.object_id = QueryText(req, "object_id");
    q.action = QueryText(req, "action");
    for (auto [name, out] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        std::string text = QueryText(req, name);
        if (!text.empty() && !ParseTimestamp(text, out)) {
            return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be an RFC 3339 time", name);
        }
    }
    return q;
}

}  // namespace

void AddAdminRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/policy", AuthMode::kSession, "policy.read"}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.policy.List(*c), [](const auto& list) {
            json::array out;
            for (const auto& v : list) out.push_back(SettingJson(v));
            return out;
        });
    });
    router.Add({"PUT", "/api/v1/policy/{key}", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   std::int64_t value = 0;
                   std::int64_t version = 0;
                   std::string reason;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("value");
                       r.Int("value", value);
                       ReadVersion(r, version);
                       r.Str("reason", reason, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.policy.Set(*c, req.path_params["key"], value, version, reason), SettingJson);
               });
    router.Add({"GET", "/api/v1/policy/{key}/history", AuthMode::kSession, "policy.read"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.policy.History(*c, req.path_params["key"]), [](const auto& list) {
                       json::array out;
                       for (const auto& v : list) {
                           out.push_back({{"version", v.version},
                                          {"value", v.value},
                                          {"updated_by", v.updated_by.value},
                                          {"updated_at", FormatTimestamp(v.updated_at)},
                                          {"reason", v.reason}});
                       }
                       return out;
                   });
               });
    router.Add({"GET", "/api/v1/audit", AuthMode::kSession, "audit.read"}, [&s](Request& req, const app::Caller* c) {
        auto q = AuditQueryFrom(req);
        if (!q.ok()) return Problem(q.error(), req.request_id);
        return Reply(req, s.audit.Search(*c, *q), [](const auto& list) {
            json::array out;
            for (const auto& e : list) out.push_back(AuditJson(e));
            return out;
        });
    });
    router.Add({"GET", "/api/v1/audit/export", AuthMode::kSession, "audit.read", true},
               [&s](Request& req, const app::Caller* c) {
                   auto q = AuditQueryFrom(req);
                   if (!q.ok()) return Problem(q.error(), req.request_id);
                   auto csv = s.audit.ExportCsv(*c, *q);
                   if (!csv.ok()) return Problem(csv.error(), req.request_id);
                   Response r;
                   r.content_type = "text/csv; charset=utf-8";
                   r.body = std::move(*csv);
                   r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.csv\"");
                   r.headers.emplace_back("Cache-Control", "no-store");
                   return r;
               });
}

}  // namespace patron::http
