#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kSessionColumns =
    "SELECT org_id, id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, revoked_at, ip, "
    "user_agent FROM sessions ";
constexpr const char* kInsertSession =
    "INSERT INTO sessions(org_id, token_hash, id, user_id, csrf_token, created_at, last_seen_at, expires_at, "
    "revoked_at, ip, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10)";
constexpr const char* kTouchSession =
    "UPDATE sessions SET last_seen_at = ?3 WHERE org_id = ?1 AND token_hash = ?2 AND last_seen_at < ?3";
constexpr const char* kRevokeSession =
    "UPDATE sessions SET revoked_at = ?4 WHERE org_id = ?1 AND user_id = ?2 AND id = ?3 AND revoked_at IS NULL";
constexpr const char* kRevokeUserSessions =
    "UPDATE sessions SET revoked_at = ?3 WHERE org_id = ?1 AND user_id = ?2 AND revoked_at IS NULL";
constexpr const char* kInsertFailure = "INSERT INTO login_failures(org_id, username, ip, at) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kCountUserFailures =
    "SELECT COUNT(*) FROM login_failures WHERE org_id = ?1 AND username = ?2 AND at >= ?3";
constexpr const char* kCountIpFailures =
    "SELECT COUNT(*) FROM login_failures WHERE org_id = ?1 AND ip = ?2 AND at >= ?3";
constexpr const char* kClearUserFailures = "DELETE FROM login_failures WHERE org_id = ?1 AND username = ?2";

domain::Session ReadSession(const Row& r) {
    domain::Session s;
    s.org_id = r.GetId<OrgId>(0);
    s.id = r.GetId<SessionId>(1);
    s.user_id = r.GetId<UserId>(2);
    s.token_hash = r.Text(3);
    s.csrf_token = r.Text(4);
    s.created_at = r.Int(5);
    s.last_seen_at = r.Int(6);
    s.expires_at = r.Int(7);
    if (!r.IsNull(8)) s.revoked_at = r.Int(8);
    s.ip = r.Text(9);
    s.user_agent = r.Text(10);
    return s;
}

}  // namespace

void AuthRepo::InsertSession(const domain::Session& s) {
    tx_.Exec(kInsertSession,
             {s.org_id,
              s.token_hash,
              s.id,
              s.user_id,
              s.csrf_token,
              s.created_at,
              s.last_seen_at,
              s.expires_at,
              s.ip,
              s.user_agent});
}

std::optional<domain::Session> AuthRepo::FindSession(OrgId org, std::string_view token_hash) {
    static const std::string kSql = std::string(kSessionColumns) + "WHERE org_id = ?1 AND token_hash = ?2";
    std::optional<domain::Session> out;
    tx_.Query(kSql, {org, token_hash}, [&](const Row& r) { out = ReadSession(r); });
    return out;
}

void AuthRepo::TouchSession(OrgId org, std::string_view token_hash, Timestamp now) {
    tx_.Exec(kTouchSession, {org, token_hash, now});
}

bool AuthRepo::RevokeSession(OrgId org, UserId user, SessionId id, Timestamp now) {
    return tx_.Exec(kRevokeSession, {org, user, id, now}) == 1;
}

void AuthRepo::RevokeUserSessions(OrgId org, UserId user, Timestamp now) {
    tx_.Exec(kRevokeUserSessions, {org, user, now});
}

std::vector<domain::Session> AuthRepo::ListSessions(OrgId org, UserId user, Timestamp now) {
    static const std::string kSql = std::string(kSessionColumns) +
                                    "WHERE org_id = ?1 AND user_id = ?2 AND revoked_at IS NULL AND expires_at > ?3 "
                                    "ORDER BY id DESC";
    std::vector<domain::Session> out;
    tx_.Query(kSql, {org, user, now}, [&](const Row& r) { out.push_back(ReadSession(r)); });
    return out;
}

void AuthRepo::RecordLoginFailure(OrgId org, std::string_view username, std::string_view ip, Timestamp at) {
    tx_.Exec(kInsertFailure, {org, username, ip, at});
}

std::int64_t AuthRepo::CountFailuresForUser(OrgId org, std::string_view username, Timestamp since) {
    return tx_.QueryInt(kCountUserFailures, {org, username, since}).value_or(0);
}

std::int64_t AuthRepo::CountFailuresForAddress(OrgId org, std::string_view ip, Timestamp since) {
    return tx_.QueryInt(kCountIpFailures, {org, ip, since}).value_or(0);
}

void AuthRepo::ClearFailuresForUser(OrgId org, std::string_view username) {
    tx_.Exec(kClearUserFailures, {org, username});
}

}  // namespace patron::storage
