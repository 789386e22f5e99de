// The audit log (SEC-1, ARC-7): who did what to which record, when, from where, and whether it
// was allowed. Entries are chained per organisation: hash = SHA-256(prev_hash | canonical entry),
// so an edited or deleted row breaks the chain (verified by `patron audit verify`, issue 4).
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/ids.hpp"

namespace patron::domain {

struct AuditEntry {
    OrgId org_id;
    std::int64_t seq = 0;
    Timestamp at = 0;
    UserId user_id;
    std::string username;
    std::string action;       // "customer.read", "customer.update", "auth.login", ...
    std::string object_type;  // "customer", "user", "session", ...
    std::string object_id;
    std::string outcome;  // "ok", "denied", "failed"
    std::string ip;
    std::string user_agent;
    std::string detail;  // short text, never a password, token or full ID number
    std::string prev_hash;
    std::string hash;
};

// The exact bytes that are hashed for an entry (excluding the hash itself).
std::string CanonicalAuditText(const AuditEntry& entry);

}  // namespace patron::domain
