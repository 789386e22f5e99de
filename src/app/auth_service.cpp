#include "app/auth_service.hpp"

#include <charconv>

#include "app/audit_writer.hpp"

namespace patron::app {
namespace {

Error Unauthenticated(const std::string& why) { return MakeError(ErrorCode::kUnauthenticated, why); }

// "<org_id>.<random>" -> org id, or invalid.
OrgId OrgOfToken(std::string_view token) {
    auto dot = token.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 18) return OrgId();
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(token.data(), token.data() + dot, value);
    if (ec != std::errc() || ptr != token.data() + dot) return OrgId();
    return OrgId(value);
}

domain::AuditEntry LoginAudit(
    OrgId org, UserId user, std::string_view username, const Origin& origin, std::string outcome, std::string detail) {
    domain::AuditEntry e;
    e.org_id = org;
    e.user_id = user;
    e.username = std::string(username.substr(0, 64));
    e.action = "auth.login";
    e.object_type = "user";
    e.object_id = user.valid() ? std::to_string(user.value) : "";
    e.outcome = std::move(outcome);
    e.ip = origin.ip;
    e.user_agent = origin.user_agent.substr(0, 200);
    e.detail = std::move(detail);
    return e;
}

// A real argon2id hash to verify against when the organisation or user does not exist, so the
// response time does not reveal which ones do.
const std::string& DummyHash(const crypto::PasswordCost& cost) {
    static const std::string kHash = crypto::HashPassword("timing-equaliser-password", cost);
    return kHash;
}

}  // namespace

Expected<LoginResult> AuthService::Login(std::string_view org_code,
                                         std::string_view username,
                                         std::string_view password,
                                         const Origin& origin) {
    const Timestamp now = ctx_.clock.Now();
    const Error invalid = Unauthenticated("organisation, username or password is wrong");
    std::optional<domain::Organization> org;
    std::optional<domain::User> user;
    std::int64_t user_failures = 0;
    std::int64_t address_failures = 0;
    {
        auto tx = ctx_.store.Read();
        org = tx->org().FindOrganizationByCode(org_code);
        if (org) {
            user = tx->org().FindUserByUsername(org->id, username);
            user_failures = tx->auth().CountFailuresForUser(org->id, username, now - kHourMs);
            address_failures = tx->auth().CountFailuresForAddress(org->id, origin.ip, now - kHourMs);
        }
    }
    if (!org) {
        // Same cost as a real check, so response time does not reveal which organisations exist.
        crypto::VerifyPassword(password, DummyHash(ctx_.password_cost));
        return invalid;
    }
    domain::PolicyValues policy = ctx_.policy.Get(org->id);
    if (user_failures >= policy.Get(domain::policy_key::kLoginMaxFailuresPerAccountHour) ||
        address_failures >= policy.Get(domain::policy_key::kLoginMaxFailuresPerAddressHour)) {
        ctx_.audit.Record(LoginAudit(org->id, user ? user->id : UserId(), username, origin, "denied", "throttled"));
        return MakeError(ErrorCode::kTooManyRequests, "too many failed logins; try again later");
    }
    bool ok = false;
    if (user) {
        ok = crypto::VerifyPassword(password, user->password_hash);
    } else {
        crypto::VerifyPassword(password, DummyHash(ctx_.password_cost));
    }
    if (!ok || user->status != "active") {
        {
            auto tx = ctx_.store.Write();
            tx->auth().RecordLoginFailure(org->id, username, origin.ip, now);
            tx->Commit();
        }
        ctx_.audit.Record(LoginAudit(org->id,
                                     user ? user->id : UserId(),
                                     username,
                                     origin,
                                     "failed",
                                     !user ? "unknown user"
                                     : !ok ? "wrong password"
                                           : "user disabled"));
        return invalid;
    }
    LoginResult result;
    result.user = *user;
    result.token = std::to_string(org->id.value) + "." + crypto::RandomToken(32);
    domain::Session& s = result.session;
    s.org_id = org->id;
    s.user_id = user->id;
    s.token_hash = crypto::Sha256Hex(result.token);
    s.csrf_token = crypto::RandomToken(24);
    s.created_at = now;
    s.last_seen_at = now;
    s.expires_at = now + policy.Get(domain::policy_key::kSessionAbsoluteHours) * kHourMs;
    s.ip = origin.ip;
    s.user_agent = origin.user_agent.substr(0, 200);
    {
        auto tx = ctx_.store.Write();
        s.id = SessionId(tx->NextId());
        tx->auth().InsertSession(s);
        tx->auth().ClearFailuresForUser(org->id, username);
        tx->Commit();
    }
    ctx_.audit.Record(LoginAudit(org->id, user->id, username, origin, "ok", "session " + std::to_string(s.id.value)));
    return result;
}

Expected<Caller> AuthService::Authenticate(std::string_view token, const Origin& origin) {
    if (token.empty()) return Unauthenticated("log in first");
    OrgId org = OrgOfToken(token);
    if (!org.valid()) return Unauthenticated("invalid session token");
    const Timestamp now = ctx_.clock.Now();
    std::string hash = crypto::Sha256Hex(token);
    Caller caller;
    caller.origin = origin;
    std::optional<domain::Session> session = ctx_.sessions.Get(org, hash);
    if (!session) return Unauthenticated("invalid session token");
    domain::PolicyValues policy = ctx_.policy.Get(org);
    auto state = domain::CheckSession(*session, now, policy.Get(domain::policy_key::kSessionIdleMinutes) * kMinuteMs);
    if (state != domain::SessionState::kValid) {
        return Unauthenticated(state == domain::SessionState::kRevoked ? "session ended" : "session expired");
    }
    auto principal = ctx_.principals.Get(org, session->user_id);
    if (!principal || !principal->active) return Unauthenticated("user disabled");
    caller.session = std::move(*session);
    caller.principal = std::move(principal->principal);
    if (domain::NeedsTouch(caller.session, now)) {
        auto tx = ctx_.store.Write();
        tx->auth().TouchSession(org, hash, now);
        tx->Commit();
        ctx_.sessions.Invalidate(org, hash);
        caller.session.last_seen_at = now;
    }
    return caller;
}

Status AuthService::Logout(const Caller& caller) {
    {
        auto tx = ctx_.store.Write();
        tx->auth().RevokeSession(caller.org(), caller.user(), caller.session.id, ctx_.clock.Now());
        tx->Commit();
    }
    ctx_.sessions.Invalidate(caller.org(), caller.session.token_hash);
    ctx_.audit.Record(AuditFor(caller, "auth.logout", "session", std::to_string(caller.session.id.value)));
    return {};
}

std::vector<domain::Session> AuthService::ListSessions(const Caller& caller) {
    auto tx = ctx_.store.Read();
    return tx->auth().ListSessions(caller.org(), caller.user(), ctx_.clock.Now());
}

Status AuthService::EndSession(const Caller& caller, SessionId id) {
    bool ended;
    {
        auto tx = ctx_.store.Write();
        ended = tx->auth().RevokeSession(caller.org(), caller.user(), id, ctx_.clock.Now());
        tx->Commit();
    }
    ctx_.sessions.Invalidate(caller.org());
    if (!ended) return NotFound("session");
    ctx_.audit.Record(AuditFor(caller, "auth.session_end", "session", std::to_string(id.value)));
    return {};
}

}  // namespace patron::app
