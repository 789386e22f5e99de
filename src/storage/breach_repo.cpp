// BreachRepo: SEC-10 breach incidents and their remedial actions.
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kColumns =
    "id, version, severity, title, description, records, occurred_on, reported_by, reported_at, status, summary, "
    "closed_by, closed_at";

domain::BreachIncident ReadIncident(OrgId org, const Row& r) {
    domain::BreachIncident b;
    b.org_id = org;
    b.id = r.Int(0);
    b.version = r.Int(1);
    b.severity = r.Text(2);
    b.title = r.Text(3);
    b.description = r.Text(4);
    b.records = r.Text(5);
    ParseDate(r.Text(6), &b.occurred_on);
    b.reported_by = r.GetId<UserId>(7);
    b.reported_at = r.Int(8);
    b.status = r.Text(9);
    b.summary = r.Text(10);
    b.closed_by = r.GetId<UserId>(11);
    b.closed_at = r.Int(12);
    return b;
}

}  // namespace

void BreachRepo::Insert(const domain::BreachIncident& b) {
    const std::string day = FormatDate(b.occurred_on);
    tx_.Exec(
        "INSERT INTO breach_incidents(org_id, id, version, severity, title, description, records, occurred_on, "
        "reported_by, reported_at, status, summary, closed_by, closed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        {b.org_id,
         b.id,
         b.version,
         b.severity,
         b.title,
         b.description,
         b.records,
         day,
         b.reported_by,
         b.reported_at,
         b.status,
         b.summary,
         OptionalId(b.closed_by),
         b.closed_at});
}

std::optional<domain::BreachIncident> BreachRepo::Get(OrgId org, std::int64_t id) {
    static const std::string kSql =
        std::string("SELECT ") + kColumns + " FROM breach_incidents WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::BreachIncident> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadIncident(org, r); });
    if (!out) return out;
    tx_.Query(
        "SELECT id, description, owner_id, due_on, done_at, result, created_at FROM breach_actions "
        "WHERE org_id = ?1 AND incident_id = ?2 ORDER BY id",
        {org, id},
        [&](const Row& r) {
            domain::RemedialAction a;
            a.id = r.Int(0);
            a.description = r.Text(1);
            a.owner = r.GetId<UserId>(2);
            ParseDate(r.Text(3), &a.due_on);
            a.done_at = r.Int(4);
            a.result = r.Text(5);
            a.created_at = r.Int(6);
            out->actions.push_back(std::move(a));
        });
    return out;
}

bool BreachRepo::Update(const domain::BreachIncident& b, std::int64_t expected_version) {
    return tx_.Exec(
               "UPDATE breach_incidents SET version = ?3, status = ?4, summary = ?5, closed_by = ?6, closed_at = ?7 "
               "WHERE org_id = ?1 AND id = ?2 AND version = ?8",
               {b.org_id,
                b.id,
                b.version,
                b.status,
                b.summary,
                OptionalId(b.closed_by),
                b.closed_at,
                expected_version}) == 1;
}

void BreachRepo::InsertAction(OrgId org, std::int64_t incident_id, const domain::RemedialAction& a) {
    const std::string day = FormatDate(a.due_on);
    tx_.Exec(
        "INSERT INTO breach_actions(org_id, incident_id, id, description, owner_id, due_on, done_at, result, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        {org, incident_id, a.id, a.description, a.owner, day, a.done_at, a.result, a.created_at});
}

bool BreachRepo::CompleteAction(
    OrgId org, std::int64_t incident_id, std::int64_t action_id, std::string_view result, Timestamp at) {
    return tx_.Exec(
               "UPDATE breach_actions SET done_at = ?4, result = ?5 WHERE org_id = ?1 AND incident_id = ?2 AND "
               "id = ?3 AND done_at = 0",
               {org, incident_id, action_id, at, result}) == 1;
}

std::vector<domain::BreachIncident> BreachRepo::List(OrgId org, UserId reporter, int limit) {
    static const std::string kAll = std::string("SELECT ") + kColumns +
                                    " FROM breach_incidents WHERE org_id = ?1 ORDER BY reported_at DESC, id DESC "
                                    "LIMIT ?2";
    static const std::string kMine = std::string("SELECT ") + kColumns +
                                     " FROM breach_incidents WHERE org_id = ?1 AND reported_by = ?2 "
                                     "ORDER BY reported_at DESC, id DESC LIMIT ?3";
    std::vector<domain::BreachIncident> out;
    auto read = [&](const Row& r) { out.push_back(ReadIncident(org, r)); };
    if (reporter.valid()) {
        tx_.Query(kMine, {org, reporter, limit}, read);
    } else {
        tx_.Query(kAll, {org, limit}, read);
    }
    return out;
}

}  // namespace patron::storage
