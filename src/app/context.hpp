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

// A small map whose entries expire after `ttl_ms`; thread-safe. Used for values that many
// requests read and few change: a change made through this process invalidates at once, one made
// by another process (several servers on one PostgreSQL) is seen within the TTL.
template <typename Key, typename Value, typename Hash = std::hash<Key>>
class TtlCache {
public:
    TtlCache(const Clock& clock, std::int64_t ttl_ms) : clock_(clock), ttl_ms_(ttl_ms) {}

    // The cached value, or load() stored and returned.
    template <typename Load>
    Value Get(const Key& key, Load&& load) {
        Timestamp now = clock_.Now();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = entries_.find(key);
            if (it != entries_.end() && now - it->second.first < ttl_ms_) return it->second.second;
        }
        Value value = load();
        std::lock_guard<std::mutex> lock(mutex_);
        if (entries_.size() > kMaxEntries) entries_.clear();
        entries_[key] = {now, value};
        return value;
    }
    // Drops the entries `match` selects.
    template <typename Match>
    void EraseIf(Match&& match) {
        std::lock_guard<std::mutex> lock(mutex_);
        std::erase_if(entries_, [&](const auto& entry) { return match(entry.first); });
    }

private:
    static constexpr std::size_t kMaxEntries = 100000;
    const Clock& clock_;
    const std::int64_t ttl_ms_;
    std::mutex mutex_;
    std::unordered_map<Key, std::pair<Timestamp, Value>, Hash> entries_;  // GUARDED_BY(mutex_)
};

// Per-organisation policy values.
class PolicyCache {
public:
    PolicyCache(storage::Store& store, const Clock& clock) : store_(store), cache_(clock, kTtlMs) {}
    domain::PolicyValues Get(OrgId org);
    void Invalidate(OrgId org) {
        cache_.EraseIf([&](OrgId key) { return key == org; });
    }

private:
    static constexpr std::int64_t kTtlMs = 5000;
    storage::Store& store_;
    TtlCache<OrgId, domain::PolicyValues> cache_;
};

// What a user may do (their principal), per user: building it reads the user, their role
// assignments, the organisation's roles and department tree. Sessions themselves are checked on
// every request (an ended session or a disabled user is refused at once); a change of roles or
// departments made by another process applies within kTtlMs.
class PrincipalCache {
public:
    struct Entry {
        domain::Principal principal;
        bool active = false;
    };
    PrincipalCache(storage::Store& store, const Clock& clock) : store_(store), cache_(clock, kTtlMs) {}
    // nullopt when the user does not exist.
    std::optional<Entry> Get(OrgId org, UserId user);
    // After a change of users, roles, assignments or departments of the organisation.
    void Invalidate(OrgId org) {
        cache_.EraseIf([&](const std::pair<OrgId, UserId>& key) { return key.first == org; });
    }

    static constexpr std::int64_t kTtlMs = 2000;

private:
    struct KeyHash {
        std::size_t operator()(const std::pair<OrgId, UserId>& key) const {
            return std::hash<std::int64_t>{}(key.first.value * 1000003 + key.second.value);
        }
    };
    storage::Store& store_;
    TtlCache<std::pair<OrgId, UserId>, std::optional<Entry>, KeyHash> cache_;
};

// Sessions by token hash, for a second: a request needs no database round trip to find its
// session. Ending a session in this process drops it at once (InvalidateOrganization,
// AuthService::Logout/EndSession); one ended by another process stops working within kTtlMs.
class SessionCache {
public:
    SessionCache(storage::Store& store, const Clock& clock) : store_(store), cache_(clock, kTtlMs) {}
    std::optional<domain::Session> Get(OrgId org, const std::string& token_hash);
    void Invalidate(OrgId org) {
        cache_.EraseIf([&](const Key& key) { return key.first == org; });
    }
    void Invalidate(OrgId org, const std::string& token_hash) {
        cache_.EraseIf([&](const Key& key) { return key.first == org && key.second == token_hash; });
    }

    static constexpr std::int64_t kTtlMs = 1000;

private:
    using Key = std::pair<OrgId, std::string>;
    struct KeyHash {
        std::size_t operator()(const Key& key) const {
            return std::hash<std::string>{}(key.second) ^ std::hash<std::int64_t>{}(key.first.value);
        }
    };
    storage::Store& store_;
    TtlCache<Key, std::optional<domain::Session>, KeyHash> cache_;
};

// Names of an organisation's departments and users, for answers that show them next to ids.
struct Directory {
    std::unordered_map<std::int64_t, std::string> departments;  // id -> name
    std::unordered_map<std::int64_t, std::string> users;        // id -> display name
    std::string Department(DepartmentId id) const;
    std::string User(UserId id) const;
};

class DirectoryCache {
public:
    DirectoryCache(storage::Store& store, const Clock& clock) : store_(store), cache_(clock, kTtlMs) {}
    std::shared_ptr<const Directory> Get(OrgId org);
    void Invalidate(OrgId org) {
        cache_.EraseIf([&](OrgId key) { return key == org; });
    }

private:
    static constexpr std::int64_t kTtlMs = 5000;
    storage::Store& store_;
    TtlCache<OrgId, std::shared_ptr<const Directory>> cache_;
};

struct AppContext {
    storage::Store& store;
    const Clock& clock;
    AuditWriter& audit;
    PolicyCache& policy;
    PrincipalCache& principals;
    DirectoryCache& directory;
    SessionCache& sessions;
    crypto::PasswordCost password_cost;
};

// After a change of an organisation's users, roles, assignments or departments: drops what the
// caches hold of it.
void InvalidateOrganization(AppContext& ctx, OrgId org);

// Builds the principal of a user from the organisation's roles, assignments and tree.
domain::Principal LoadPrincipal(storage::Tx& tx, const domain::User& user);

// A caller acting without a session (the CLI, demo data): an active user's permissions.
// kNotFound when there is no such active user.
Expected<Caller> LocalCaller(storage::Store& store, OrgId org, const std::string& username, Origin origin);

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

// The requester's recall of a request along an approval chain (access requests, SEC-11 report
// requests): 422 once decided, 409 when `version` is not the request's; else it ends withdrawn.
template <typename ChainRequest>
Status WithdrawPending(ChainRequest& request, std::int64_t version, Timestamp now) {
    if (request.status != "pending") {
        return MakeError(ErrorCode::kFailedPrecondition, "the request is already " + request.status, "status");
    }
    if (request.version != version) return StaleVersion(request.version);
    request.status = "withdrawn";
    request.version = version + 1;
    request.decided_at = now;
    return {};
}

}  // namespace patron::app
