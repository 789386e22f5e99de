#include "domain/session.hpp"

namespace patron::domain {

SessionState CheckSession(const Session& session, Timestamp now, std::int64_t idle_ms) {
    if (session.revoked_at.has_value()) return SessionState::kRevoked;
    if (now >= session.expires_at) return SessionState::kExpired;
    if (now - session.last_seen_at >= idle_ms) return SessionState::kIdleExpired;
    return SessionState::kValid;
}

}  // namespace patron::domain
