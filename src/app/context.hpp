// What every use case needs: the store, the clock, the audit writer, cached policy values, and
// the identity of the caller. Use cases (one function per user action) live in the *_service
// files; each loads through storage, calls domain rules, writes through storage inside one
// transaction, and checks the caller's permission first (ORG-3).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/expected.hpp"
#include "domain/organization.hpp"
#include "domain/policy.hpp"
#include "domain/session.hpp"
#include "storage/store.hpp"

namespace patron::app {

class AuditWriter;

// Where a request came from (SEC audit: "from where").
struct Origin {
    std::string ip;
    std::string user_agent;
    std::string request_id;
};

// An authenticated caller: who, with which permissions, through which session.
struct Caller {
    domain::Principal principal;
    domain::Session session;
    Origin origin;
    OrgId org() const { return principal.org_id(); }
    UserId user() const { return principal.user_id(); }
};

// Per-organisation policy values, cached for a few seconds (a change made through this process
// is seen at once; one made by another process within kPolicyCacheMs). Thread-safe.
class PolicyCache {
public:
    PolicyCache(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
    domain::PolicyValues Get(OrgId org);
    void Invalidate(OrgId org);

private:
    static constexpr std::int64_t kPolicyCacheMs = 5000;
    storage::Store& store_;
    const Clock& clock_;
    std::mutex mutex_;
    std::unordered_map<OrgId, std::pair<Timestamp, domain::PolicyValues>> cache_;  // GUARDED_BY(mutex_)
};

struct AppContext {
    storage::Store& store;
    const Clock& clock;
    AuditWriter& audit;
    PolicyCache& policy;
    crypto::PasswordCost password_cost;
};

// Builds an audit entry for the caller.
domain::AuditEntry AuditFor(const Caller& caller,
                            std::string action,
                            std::string object_type,
                            std::string object_id,
                            std::string outcome = "ok",
                            std::string detail = {});

// Errors used across services.
Error Forbidden(const std::string& what);
Error NotFound(const std::string& what);
Error StaleVersion(std::int64_t current);

}  // namespace patron::app
