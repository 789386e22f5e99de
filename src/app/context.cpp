#include "app/context.hpp"

namespace patron::app {

domain::PolicyValues PolicyCache::Get(OrgId org) {
    Timestamp now = clock_.Now();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = cache_.find(org);
        if (it != cache_.end() && now - it->second.first < kPolicyCacheMs) return it->second.second;
    }
    domain::PolicyValues values;
    {
        auto tx = store_.Read();
        for (const auto& v : tx->policy().List(org)) values.Set(v.key, v.value);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    cache_[org] = {now, values};
    return values;
}

void PolicyCache::Invalidate(OrgId org) {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.erase(org);
}

domain::AuditEntry AuditFor(const Caller& caller,
                            std::string action,
                            std::string object_type,
                            std::string object_id,
                            std::string outcome,
                            std::string detail) {
    domain::AuditEntry e;
    e.org_id = caller.org();
    e.user_id = caller.user();
    e.username = caller.principal.username();
    e.action = std::move(action);
    e.object_type = std::move(object_type);
    e.object_id = std::move(object_id);
    e.outcome = std::move(outcome);
    e.ip = caller.origin.ip;
    e.user_agent = caller.origin.user_agent.substr(0, 200);
    e.detail = std::move(detail);
    return e;
}

Error Forbidden(const std::string& what) { return MakeError(ErrorCode::kForbidden, "you may not " + what); }
Error NotFound(const std::string& what) { return MakeError(ErrorCode::kNotFound, what + " not found"); }
Error StaleVersion(std::int64_t current) {
    return MakeError(ErrorCode::kConflict,
                     "the record was changed by someone else (current version " + std::to_string(current) +
                         "); reload and try again",
                     "version");
}

}  // namespace patron::app
