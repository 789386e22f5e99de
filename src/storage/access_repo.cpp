// AccessRepo: SEC-2 … SEC-6, SEC-12 approval chains, access requests and grants.
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

using domain::AccessGrant;
using domain::AccessRequest;

constexpr const char* kRequestColumns =
    "id, version, requester_id, requester_department_id, object_type, object_id, object_department_id, "
    "object_secrecy, actions, purpose, reason, days, steps, status, created_at, decided_at, visitor_id";
constexpr const char* kInsertRequest =
    "INSERT INTO access_requests(org_id, id, version, requester_id, requester_department_id, object_type, object_id, "
    "object_department_id, object_secrecy, actions, purpose, reason, days, steps, status, created_at, decided_at, "
    "visitor_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
constexpr const char* kUpdateRequest =
    "UPDATE access_requests SET version = ?3, status = ?4, decided_at = ?5 WHERE org_id = ?1 AND id = ?2 AND "
    "version = ?6";
constexpr const char* kInsertDecision =
    "INSERT INTO access_request_decisions(org_id, request_id, step, approver_id, decision, comment, decided_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kDecisions =
    "SELECT step, approver_id, decision, comment, decided_at FROM access_request_decisions "
    "WHERE org_id = ?1 AND request_id = ?2 ORDER BY step";
constexpr const char* kGrantColumns =
    "id, grantee_id, object_type, object_id, actions, valid_from, valid_until, kind, request_id, granted_by, reason, "
    "revoked_at, revoked_by, revoke_reason, created_at";
constexpr const char* kInsertGrant =
    "INSERT INTO access_grants(org_id, id, grantee_id, object_type, object_id, actions, valid_from, valid_until, "
    "kind, request_id, granted_by, reason, revoked_at, revoked_by, revoke_reason, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

AccessRequest ReadRequest(OrgId org, const Row& r) {
    AccessRequest q;
    q.org_id = org;
    q.id = r.GetId<domain::AccessRequestId>(0);
    q.version = r.Int(1);
    q.requester = r.GetId<UserId>(2);
    q.requester_department = r.GetId<DepartmentId>(3);
    q.object_type = r.Text(4);
    q.object_id = r.Int(5);
    q.object_department = r.GetId<DepartmentId>(6);
    q.object_secrecy = r.Text(7);
    q.actions = SplitCodes(r.Text(8));
    q.purpose = r.Text(9);
    q.reason = r.Text(10);
    q.days = static_cast<int>(r.Int(11));
    q.steps = SplitSteps(r.Text(12));
    q.status = r.Text(13);
    q.created_at = r.Int(14);
    q.decided_at = r.Int(15);
    q.visitor_id = r.Int(16);
    return q;
}

AccessGrant ReadGrant(OrgId org, const Row& r) {
    AccessGrant g;
    g.org_id = org;
    g.id = r.GetId<domain::AccessGrantId>(0);
    g.grantee = r.GetId<UserId>(1);
    g.object_type = r.Text(2);
    g.object_id = r.Int(3);
    g.actions = SplitCodes(r.Text(4));
    g.valid_from = r.Int(5);
    g.valid_until = r.Int(6);
    g.kind = r.Text(7);
    g.request_id = r.GetId<domain::AccessRequestId>(8);
    g.granted_by = r.GetId<UserId>(9);
    g.reason = r.Text(10);
    g.revoked_at = r.Int(11);
    g.revoked_by = r.GetId<UserId>(12);
    g.revoke_reason = r.Text(13);
    g.created_at = r.Int(14);
    return g;
}

void LoadDecisions(SqlTx& tx, AccessRequest& q) {
    tx.Query(kDecisions, {q.org_id, q.id}, [&](const Row& r) {
        q.decisions.push_back({static_cast<int>(r.Int(0)), r.GetId<UserId>(1), r.Text(2), r.Text(3), r.Int(4)});
    });
}

}  // namespace

std::optional<std::pair<std::vector<domain::ApprovalStep>, std::int64_t>> AccessRepo::GetChain(OrgId org,
                                                                                               std::string_view kind) {
    std::optional<std::pair<std::vector<domain::ApprovalStep>, std::int64_t>> out;
    tx_.Query("SELECT steps, version FROM approval_chains WHERE org_id = ?1 AND kind = ?2",
              {org, kind},
              [&](const Row& r) { out.emplace(SplitSteps(r.Text(0)), r.Int(1)); });
    return out;
}

bool AccessRepo::PutChain(OrgId org,
                          std::string_view kind,
                          const std::vector<domain::ApprovalStep>& steps,
                          std::int64_t expected_version,
                          UserId by,
                          Timestamp at) {
    const std::string text = JoinSteps(steps);
    if (expected_version == 0) {
        return tx_.Exec(
                   "INSERT INTO approval_chains(org_id, kind, steps, version, updated_by, updated_at) "
                   "VALUES (?1, ?2, ?3, 1, ?4, ?5) ON CONFLICT (org_id, kind) DO NOTHING",
                   {org, kind, text, by, at}) == 1;
    }
    return tx_.Exec(
               "UPDATE approval_chains SET steps = ?3, version = ?4 + 1, updated_by = ?5, updated_at = ?6 "
               "WHERE org_id = ?1 AND kind = ?2 AND version = ?4",
               {org, kind, text, expected_version, by, at}) == 1;
}

void AccessRepo::InsertRequest(const AccessRequest& q) {
    const std::string actions = JoinCodes(q.actions);
    const std::string steps = JoinSteps(q.steps);
    tx_.Exec(kInsertRequest,
             {q.org_id,
              q.id,
              q.version,
              q.requester,
              q.requester_department,
              q.object_type,
              q.object_id,
              q.object_department,
              q.object_secrecy,
              actions,
              q.purpose,
              q.reason,
              q.days,
              steps,
              q.status,
              q.created_at,
              q.decided_at,
              q.visitor_id});
}

std::optional<AccessRequest> AccessRepo::GetRequest(OrgId org, domain::AccessRequestId id) {
    static const std::string kSql =
        std::string("SELECT ") + kRequestColumns + " FROM access_requests WHERE org_id = ?1 AND id = ?2";
    std::optional<AccessRequest> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadRequest(org, r); });
    if (out) LoadDecisions(tx_, *out);
    return out;
}

bool AccessRepo::UpdateStatus(const AccessRequest& q, std::int64_t expected_version) {
    return tx_.Exec(kUpdateRequest, {q.org_id, q.id, q.version, q.status, q.decided_at, expected_version}) == 1;
}

bool AccessRepo::Decide(const AccessRequest& q, const domain::StepDecision& d, std::int64_t expected_version) {
    if (!UpdateStatus(q, expected_version)) return false;
    tx_.Exec(kInsertDecision, {q.org_id, q.id, d.step, d.approver, d.decision, d.comment, d.at});
    return true;
}

std::vector<AccessRequest> AccessRepo::RequestsBy(OrgId org, UserId requester, int limit) {
    static const std::string kSql = std::string("SELECT ") + kRequestColumns +
                                    " FROM access_requests WHERE org_id = ?1 AND requester_id = ?2 "
                                    "ORDER BY created_at DESC, id DESC LIMIT ?3";
    std::vector<AccessRequest> out;
    tx_.Query(kSql, {org, requester, limit}, [&](const Row& r) { out.push_back(ReadRequest(org, r)); });
    for (auto& q : out) LoadDecisions(tx_, q);
    return out;
}

std::vector<AccessRequest> AccessRepo::RequestsWithStatus(OrgId org, std::string_view status, int limit) {
    static const std::string kSql = std::string("SELECT ") + kRequestColumns +
                                    " FROM access_requests WHERE org_id = ?1 AND status = ?2 "
                                    "ORDER BY created_at DESC, id DESC LIMIT ?3";
    std::vector<AccessRequest> out;
    tx_.Query(kSql, {org, status, limit}, [&](const Row& r) { out.push_back(ReadRequest(org, r)); });
    for (auto& q : out) LoadDecisions(tx_, q);
    return out;
}

void AccessRepo::InsertGrant(const AccessGrant& g) {
    const std::string actions = JoinCodes(g.actions);
    tx_.Exec(kInsertGrant,
             {g.org_id,
              g.id,
              g.grantee,
              g.object_type,
              g.object_id,
              actions,
              g.valid_from,
              g.valid_until,
              g.kind,
              OptionalId(g.request_id),
              g.granted_by,
              g.reason,
              g.revoked_at,
              OptionalId(g.revoked_by),
              g.revoke_reason,
              g.created_at});
}

std::optional<AccessGrant> AccessRepo::GetGrant(OrgId org, domain::AccessGrantId id) {
    static const std::string kSql =
        std::string("SELECT ") + kGrantColumns + " FROM access_grants WHERE org_id = ?1 AND id = ?2";
    std::optional<AccessGrant> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadGrant(org, r); });
    return out;
}

bool AccessRepo::Revoke(OrgId org, domain::AccessGrantId id, UserId by, std::string_view reason, Timestamp at) {
    return tx_.Exec(
               "UPDATE access_grants SET revoked_at = ?3, revoked_by = ?4, revoke_reason = ?5 "
               "WHERE org_id = ?1 AND id = ?2 AND revoked_at = 0",
               {org, id, at, by, reason}) == 1;
}

std::vector<AccessGrant> AccessRepo::GrantsOn(
    OrgId org, UserId grantee, std::string_view object_type, std::int64_t object_id, Timestamp now) {
    static const std::string kSql = std::string("SELECT ") + kGrantColumns +
                                    " FROM access_grants WHERE org_id = ?1 AND grantee_id = ?2 AND object_type = ?3 "
                                    "AND object_id = ?4 AND valid_until > ?5 AND revoked_at = 0 ORDER BY id";
    std::vector<AccessGrant> out;
    tx_.Query(
        kSql, {org, grantee, object_type, object_id, now}, [&](const Row& r) { out.push_back(ReadGrant(org, r)); });
    return out;
}

std::vector<std::int64_t> AccessRepo::GrantedIds(
    OrgId org, UserId grantee, std::string_view object_type, std::string_view action, Timestamp now) {
    static const std::string kSql = std::string("SELECT ") + kGrantColumns +
                                    " FROM access_grants WHERE org_id = ?1 AND grantee_id = ?2 AND object_type = ?3 "
                                    "AND valid_until > ?4 AND revoked_at = 0 ORDER BY object_id";
    std::vector<std::int64_t> out;
    tx_.Query(kSql, {org, grantee, object_type, now}, [&](const Row& r) {
        AccessGrant g = ReadGrant(org, r);
        if (domain::GrantAllows(g, action, now) && (out.empty() || out.back() != g.object_id)) {
            out.push_back(g.object_id);
        }
    });
    return out;
}

std::vector<AccessGrant> AccessRepo::Grants(OrgId org, UserId grantee, int limit) {
    static const std::string kOrgSql =
        std::string("SELECT ") + kGrantColumns + " FROM access_grants WHERE org_id = ?1 ORDER BY id DESC LIMIT ?2";
    static const std::string kGranteeSql =
        std::string("SELECT ") + kGrantColumns +
        " FROM access_grants WHERE org_id = ?1 AND grantee_id = ?2 ORDER BY id DESC LIMIT ?3";
    std::vector<AccessGrant> out;
    auto read = [&](const Row& r) { out.push_back(ReadGrant(org, r)); };
    if (grantee.valid()) {
        tx_.Query(kGranteeSql, {org, grantee, limit}, read);
    } else {
        tx_.Query(kOrgSql, {org, limit}, read);
    }
    return out;
}

namespace {

constexpr const char* kVisitorColumns =
    "SELECT id, version, name, organisation, document_kind, document_number, purpose, host_id, valid_until, "
    "registered_at, revoked_at, revoked_by FROM visitors ";

domain::Visitor ReadVisitor(OrgId org, const Row& r) {
    domain::Visitor v;
    v.org_id = org;
    v.id = r.Int(0);
    v.version = r.Int(1);
    v.name = r.Text(2);
    v.organisation = r.Text(3);
    v.document_kind = r.Text(4);
    v.document_number = r.Text(5);
    v.purpose = r.Text(6);
    v.host = r.GetId<UserId>(7);
    ParseDate(r.Text(8), &v.valid_until);
    v.registered_at = r.Int(9);
    v.revoked_at = r.Int(10);
    v.revoked_by = r.GetId<UserId>(11);
    return v;
}

}  // namespace

void AccessRepo::InsertVisitor(const domain::Visitor& v) {
    tx_.Exec(
        "INSERT INTO visitors(org_id, id, version, name, organisation, document_kind, document_number, purpose, "
        "host_id, valid_until, registered_at, revoked_at, revoked_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        {v.org_id,
         v.id,
         v.version,
         v.name,
         v.organisation,
         v.document_kind,
         v.document_number,
         v.purpose,
         v.host,
         FormatDate(v.valid_until),
         v.registered_at,
         v.revoked_at,
         OptionalId(v.revoked_by)});
}

std::optional<domain::Visitor> AccessRepo::GetVisitor(OrgId org, std::int64_t id) {
    static const std::string kSql = std::string(kVisitorColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::Visitor> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadVisitor(org, r); });
    return out;
}

std::vector<domain::Visitor> AccessRepo::Visitors(OrgId org, UserId host, int limit) {
    static const std::string kAll =
        std::string(kVisitorColumns) + "WHERE org_id = ?1 ORDER BY registered_at DESC, id DESC LIMIT ?2";
    static const std::string kHosted =
        std::string(kVisitorColumns) +
        "WHERE org_id = ?1 AND host_id = ?2 ORDER BY registered_at DESC, id DESC LIMIT ?3";
    std::vector<domain::Visitor> out;
    auto read = [&](const Row& r) { out.push_back(ReadVisitor(org, r)); };
    if (host.valid()) {
        tx_.Query(kHosted, {org, host, limit}, read);
    } else {
        tx_.Query(kAll, {org, limit}, read);
    }
    return out;
}

bool AccessRepo::RevokeVisitor(const domain::Visitor& v, std::int64_t expected_version) {
    return tx_.Exec(
               "UPDATE visitors SET version = ?3, revoked_at = ?4, revoked_by = ?5 "
               "WHERE org_id = ?1 AND id = ?2 AND version = ?6 AND revoked_at = 0",
               {v.org_id, v.id, v.version, v.revoked_at, OptionalId(v.revoked_by), expected_version}) == 1;
}

void AccessRepo::ScrubTexts(OrgId org,
                            std::string_view object_type,
                            const std::vector<std::int64_t>& object_ids,
                            std::string_view mask) {
    if (object_ids.empty()) return;
    std::vector<Param> params{org, object_type, mask};
    const std::string in = InList(params, object_ids);
    tx_.Exec(
        "UPDATE access_requests SET purpose = ?3, reason = ?3 WHERE org_id = ?1 AND object_type = ?2 AND "
        "object_id IN " +
            in,
        params);
    tx_.Exec("UPDATE access_grants SET reason = ?3 WHERE org_id = ?1 AND object_type = ?2 AND object_id IN " + in,
             params);
}

}  // namespace patron::storage
