// CustodyRepo (ARC-11 inspections, ARC-12 destruction records) and ReminderRepo.
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kDestructionColumns =
    "id, version, status, reason, proposed_by, proposed_at, decided_by, decided_at, decision_reason";
constexpr const char* kInsertDestruction =
    "INSERT INTO archive_destructions(org_id, id, version, status, reason, proposed_by, proposed_at, decided_by, "
    "decided_at, decision_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kInsertDestructionLine =
    "INSERT INTO archive_destruction_lines(org_id, destruction_id, archive_id, number, kind, customer_name, vin, "
    "event_at, retention_until, documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kDestructionLines =
    "SELECT archive_id, number, kind, customer_name, vin, event_at, retention_until, documents "
    "FROM archive_destruction_lines WHERE org_id = ?1 AND destruction_id = ?2 ORDER BY event_at, archive_id";
constexpr const char* kUpdateDestruction =
    "UPDATE archive_destructions SET version = ?3, status = ?4, decided_by = ?5, decided_at = ?6, "
    "decision_reason = ?7 WHERE org_id = ?1 AND id = ?2 AND version = ?8";
constexpr const char* kPendingDestruction =
    "SELECT COUNT(*) FROM archive_destruction_lines l JOIN archive_destructions d ON d.org_id = l.org_id AND "
    "d.id = l.destruction_id WHERE l.org_id = ?1 AND l.archive_id = ?2 AND d.status = 'proposed'";
constexpr const char* kInspectionColumns =
    "id, inspected_on, inspector_id, location, damp, mould, pests, damaged_files, findings, repairs, created_at";
constexpr const char* kInsertInspection =
    "INSERT INTO storage_inspections(org_id, id, inspected_on, inspector_id, location, damp, mould, pests, "
    "damaged_files, findings, repairs, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr const char* kRaiseReminder =
    "INSERT INTO reminders(org_id, reminder_key, rule, permission, subject, detail, link, due_on, created_at, "
    "resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0) ON CONFLICT (org_id, reminder_key) DO NOTHING";
constexpr const char* kRefreshReminder =
    "UPDATE reminders SET subject = ?3, detail = ?4 WHERE org_id = ?1 AND reminder_key = ?2 AND resolved_at = 0";
constexpr const char* kOpenReminders =
    "SELECT reminder_key, rule, permission, subject, detail, link, due_on, created_at, resolved_at FROM reminders "
    "WHERE org_id = ?1 AND resolved_at = 0 ORDER BY due_on, reminder_key";

domain::Destruction ReadDestruction(const Row& r) {
    domain::Destruction d;
    d.id = r.Int(0);
    d.version = r.Int(1);
    d.status = r.Text(2);
    d.reason = r.Text(3);
    d.proposed_by = r.GetId<UserId>(4);
    d.proposed_at = r.Int(5);
    d.decided_by = r.GetId<UserId>(6);
    d.decided_at = r.Int(7);
    d.decision_reason = r.Text(8);
    return d;
}

Date ReadDate(const Row& r, int column) {
    Date day{};
    ParseDate(r.Text(column), &day);
    return day;
}

}  // namespace

bool CustodyRepo::InPendingDestruction(OrgId org, ArchiveId archive) {
    return tx_.QueryInt(kPendingDestruction, {org, archive}).value_or(0) > 0;
}

void CustodyRepo::InsertDestruction(OrgId org, const domain::Destruction& d) {
    tx_.Exec(kInsertDestruction,
             {org,
              d.id,
              d.version,
              d.status,
              d.reason,
              d.proposed_by,
              d.proposed_at,
              OptionalId(d.decided_by),
              d.decided_at,
              d.decision_reason});
    for (const auto& line : d.lines) {
        std::string until = FormatDate(line.retention_until);
        tx_.Exec(kInsertDestructionLine,
                 {org,
                  d.id,
                  line.archive_id,
                  line.number,
                  line.kind,
                  line.customer_name,
                  line.vin,
                  line.event_at,
                  until,
                  line.documents});
    }
}

std::optional<domain::Destruction> CustodyRepo::GetDestruction(OrgId org, std::int64_t id) {
    static const std::string kSql =
        std::string("SELECT ") + kDestructionColumns + " FROM archive_destructions WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::Destruction> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadDestruction(r); });
    if (!out) return out;
    tx_.Query(kDestructionLines, {org, id}, [&](const Row& r) {
        out->lines.push_back(
            {r.GetId<ArchiveId>(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), ReadDate(r, 6), r.Int(7)});
    });
    return out;
}

std::vector<domain::Destruction> CustodyRepo::ListDestructions(OrgId org, std::int64_t limit) {
    static const std::string kSql = std::string("SELECT ") + kDestructionColumns +
                                    " FROM archive_destructions WHERE org_id = ?1 ORDER BY id DESC LIMIT ?2";
    std::vector<domain::Destruction> out;
    tx_.Query(kSql, {org, limit}, [&](const Row& r) { out.push_back(ReadDestruction(r)); });
    return out;
}

bool CustodyRepo::UpdateDestruction(OrgId org, const domain::Destruction& d, std::int64_t expected_version) {
    return tx_.Exec(kUpdateDestruction,
                    {org,
                     d.id,
                     d.version,
                     d.status,
                     OptionalId(d.decided_by),
                     d.decided_at,
                     d.decision_reason,
                     expected_version}) == 1;
}

void CustodyRepo::InsertInspection(OrgId org, const domain::StorageInspection& i) {
    std::string day = FormatDate(i.inspected_on);
    tx_.Exec(kInsertInspection,
             {org,
              i.id,
              day,
              i.inspector_id,
              i.location,
              i.damp,
              i.mould,
              i.pests,
              i.damaged_files,
              i.findings,
              i.repairs,
              i.created_at});
}

std::vector<domain::StorageInspection> CustodyRepo::ListInspections(OrgId org, std::int64_t limit) {
    static const std::string kSql = std::string("SELECT ") + kInspectionColumns +
                                    " FROM storage_inspections WHERE org_id = ?1 ORDER BY inspected_on DESC, id DESC "
                                    "LIMIT ?2";
    std::vector<domain::StorageInspection> out;
    tx_.Query(kSql, {org, limit}, [&](const Row& r) {
        domain::StorageInspection i;
        i.id = r.Int(0);
        i.inspected_on = ReadDate(r, 1);
        i.inspector_id = r.GetId<UserId>(2);
        i.location = r.Text(3);
        i.damp = r.Int(4) != 0;
        i.mould = r.Int(5) != 0;
        i.pests = r.Int(6) != 0;
        i.damaged_files = r.Int(7);
        i.findings = r.Text(8);
        i.repairs = r.Text(9);
        i.created_at = r.Int(10);
        out.push_back(std::move(i));
    });
    return out;
}

bool ReminderRepo::Raise(OrgId org, const Reminder& m) {
    std::string due = FormatDate(m.due_on);
    bool added = tx_.Exec(kRaiseReminder,
                          {org, m.key, m.rule, m.permission, m.subject, m.detail, m.link, due, m.created_at}) == 1;
    if (!added) tx_.Exec(kRefreshReminder, {org, m.key, m.subject, m.detail});
    return added;
}

void ReminderRepo::ResolveOthers(OrgId org,
                                 std::string_view rule,
                                 const std::vector<std::string>& still_due,
                                 Timestamp at) {
    std::vector<Param> params{org, rule, at};
    std::string sql = "UPDATE reminders SET resolved_at = ?3 WHERE org_id = ?1 AND rule = ?2 AND resolved_at = 0";
    if (!still_due.empty()) sql += " AND reminder_key NOT IN " + InList(params, still_due);
    tx_.Exec(sql, params);
}

std::vector<Reminder> ReminderRepo::Open(OrgId org) {
    std::vector<Reminder> out;
    tx_.Query(kOpenReminders, {org}, [&](const Row& r) {
        out.push_back(
            {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), ReadDate(r, 6), r.Int(7), r.Int(8)});
    });
    return out;
}

}  // namespace patron::storage
