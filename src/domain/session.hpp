// Sessions: opaque random tokens, stored hashed, with an idle and an absolute expiry (policy
// settings session.idle_minutes, session.absolute_hours), revocable.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/ids.hpp"

namespace patron::domain {

struct Session {
    SessionId id;
    OrgId org_id;
    UserId user_id;
    std::string token_hash;
    std::string csrf_token;
    Timestamp created_at = 0;
    Timestamp last_seen_at = 0;
    Timestamp expires_at = 0;  // absolute expiry
    std::optional<Timestamp> revoked_at;
    std::string ip;
    std::string user_agent;
};

// Why a session can no longer be used, or kValid.
enum class SessionState { kValid, kRevoked, kIdleExpired, kExpired };

SessionState CheckSession(const Session& session, Timestamp now, std::int64_t idle_ms);

// last_seen_at is written at most once a minute per session, so reads stay reads.
inline constexpr std::int64_t kTouchIntervalMs = 60 * 1000;
inline bool NeedsTouch(const Session& session, Timestamp now) { return now - session.last_seen_at >= kTouchIntervalMs; }

}  // namespace patron::domain
