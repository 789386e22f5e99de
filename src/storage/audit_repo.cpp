#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kAuditColumns =
    "SELECT org_id, seq, at, user_id, username, action, object_type, object_id, outcome, ip, user_agent, detail, "
    "prev_hash, hash FROM audit_log ";
// SQLite indexes the entries by object within blocks of 2^14 sequence numbers (migration 0022).
constexpr int kObjectBlockBits = 14;
constexpr const char* kChainHead = "SELECT seq, hash FROM audit_log WHERE org_id = ?1 ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log(org_id, seq, at, user_id, username, action, object_type, object_id, outcome, ip, "
    "user_agent, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

domain::AuditEntry ReadEntry(const Row& r) {
    domain::AuditEntry e;
    e.org_id = r.GetId<OrgId>(0);
    e.seq = r.Int(1);
    e.at = r.Int(2);
    e.user_id = r.GetId<UserId>(3);
    e.username = r.Text(4);
    e.action = r.Text(5);
    e.object_type = r.Text(6);
    e.object_id = r.Text(7);
    e.outcome = r.Text(8);
    e.ip = r.Text(9);
    e.user_agent = r.Text(10);
    e.detail = r.Text(11);
    e.prev_hash = r.Text(12);
    e.hash = r.Text(13);
    return e;
}

}  // namespace

std::pair<std::int64_t, std::string> AuditRepo::ChainHead(OrgId org) {
    std::pair<std::int64_t, std::string> head{0, ""};
    tx_.Query(kChainHead, {org}, [&](const Row& r) { head = {r.Int(0), r.Text(1)}; });
    return head;
}

void AuditRepo::Append(const domain::AuditEntry& e) {
    tx_.Exec(kInsertAudit,
             {e.org_id,
              e.seq,
              e.at,
              OptionalId(e.user_id),
              e.username,
              e.action,
              e.object_type,
              e.object_id,
              e.outcome,
              e.ip,
              e.user_agent,
              e.detail,
              e.prev_hash,
              e.hash});
}

std::vector<domain::AuditEntry> AuditRepo::Search(const AuditQuery& q) {
    std::vector<Param> params{q.org};
    std::string sql = std::string(kAuditColumns) + "WHERE org_id = ?1";
    auto next = [&]() { return "?" + std::to_string(params.size() + 1); };
    if (q.user.valid()) {
        sql += " AND user_id = " + next();
        params.emplace_back(q.user);
    }
    if (!q.object_type.empty()) {
        sql += " AND object_type = " + next();
        params.emplace_back(q.object_type);
    }
    if (!q.object_id.empty()) {
        sql += " AND object_id = " + next();
        params.emplace_back(q.object_id);
    }
    if (!q.action.empty()) {
        sql += " AND action = " + next();
        params.emplace_back(q.action);
    }
    if (q.from > 0) {
        sql += " AND at >= " + next();
        params.emplace_back(q.from);
    }
    if (q.to > 0) {
        sql += " AND at < " + next();
        params.emplace_back(q.to);
    }
    if (q.before_seq > 0) {
        sql += " AND seq < " + next();
        params.emplace_back(q.before_seq);
    }
    std::vector<domain::AuditEntry> out;
    auto read = [&](const Row& r) { out.push_back(ReadEntry(r)); };
    if (q.object_id.empty() || tx_.dialect() != Dialect::kSqlite) {
        sql += " ORDER BY seq DESC LIMIT " + next();
        params.emplace_back(q.limit);
        tx_.Query(sql, params, read);
        return out;
    }
    // One seek per block, newest first, until the page is full. (The block is a bound parameter:
    // SQLite 3.40 misses rows when the index expression is compared with a recursive CTE's column.)
    std::int64_t top = q.before_seq > 0 ? q.before_seq - 1 : ChainHead(q.org).first;
    sql += " AND (seq >> " + std::to_string(kObjectBlockBits) + ") = " + next();
    params.emplace_back(std::int64_t{0});
    sql += " ORDER BY seq DESC LIMIT " + next();
    params.emplace_back(q.limit);
    for (std::int64_t block = top >> kObjectBlockBits; block >= 0 && std::ssize(out) < q.limit; --block) {
        params[params.size() - 2] = block;
        params.back() = q.limit - std::ssize(out);
        tx_.Query(sql, params, read);
    }
    return out;
}

void AuditRepo::ForEach(OrgId org, const std::function<void(const domain::AuditEntry&)>& visit) {
    static const std::string kSql = std::string(kAuditColumns) + "WHERE org_id = ?1 ORDER BY seq";
    tx_.Query(kSql, {org}, [&](const Row& r) { visit(ReadEntry(r)); });
}

}  // namespace patron::storage
