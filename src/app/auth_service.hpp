// Login, sessions and authentication of each request (issue 2 §3).
// - Passwords: argon2id (libsodium), at least 12 characters (domain::CheckPasswordStrength).
// - Sessions: token "<org_id>.<32 random bytes>", only its SHA-256 stored; idle and absolute
//   expiry from policy settings; revocable.
// - Failed logins are throttled per account and per address (policy settings) and audited.
// Login and password changes are CPU-heavy (argon2id): callers run them off I/O threads.
#pragma once

#include "app/context.hpp"

namespace patron::app {

struct LoginResult {
    std::string token;
    domain::Session session;
    domain::User user;
};

class AuthService {
public:
    explicit AuthService(AppContext& ctx) : ctx_(ctx) {}

    Expected<LoginResult> Login(std::string_view org_code,
                                std::string_view username,
                                std::string_view password,
                                const Origin& origin);
    // Resolves a bearer token or session cookie to a caller; kUnauthenticated when absent,
    // unknown, expired or revoked, or when the user is disabled.
    Expected<Caller> Authenticate(std::string_view token, const Origin& origin);
    Status Logout(const Caller& caller);
    std::vector<domain::Session> ListSessions(const Caller& caller);
    Status EndSession(const Caller& caller, SessionId id);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
