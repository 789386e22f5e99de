// FilingRepo: ARC-10 filing deadlines of new customers and reports of changes.
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kInsertFiling =
    "INSERT INTO customer_filings(org_id, customer_id, department_id, met_on, due_day, due_at, filed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kFilingColumns = "f.customer_id, f.department_id, f.met_on, f.due_day, f.due_at, f.filed_at";
constexpr const char* kMarkFiled =
    "UPDATE customer_filings SET filed_at = ?3 WHERE org_id = ?1 AND customer_id = ?2 AND filed_at = 0";

constexpr const char* kInsertChangeReport =
    "INSERT INTO customer_change_reports(org_id, id, customer_id, department_id, version, fields, changed_on, "
    "due_day, reported_at, reported_by, late) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

domain::CustomerFiling ReadFiling(const Row& r) {
    domain::CustomerFiling f;
    f.customer_id = r.GetId<CustomerId>(0);
    f.department_id = r.GetId<DepartmentId>(1);
    ParseDate(r.Text(2), &f.met_on);
    ParseDate(r.Text(3), &f.due_day);
    f.due_at = r.Int(4);
    f.filed_at = r.Int(5);
    return f;
}

}  // namespace

void FilingRepo::Insert(OrgId org, const domain::CustomerFiling& f) {
    std::string met = FormatDate(f.met_on);
    std::string due = FormatDate(f.due_day);
    tx_.Exec(kInsertFiling, {org, f.customer_id, f.department_id, met, due, f.due_at, f.filed_at});
}

std::optional<domain::CustomerFiling> FilingRepo::Get(OrgId org, CustomerId customer) {
    static const std::string kSql =
        std::string("SELECT ") + kFilingColumns + " FROM customer_filings f WHERE f.org_id = ?1 AND f.customer_id = ?2";
    std::optional<domain::CustomerFiling> out;
    tx_.Query(kSql, {org, customer}, [&](const Row& r) { out = ReadFiling(r); });
    return out;
}

void FilingRepo::MarkFiled(OrgId org, CustomerId customer, Timestamp at) { tx_.Exec(kMarkFiled, {org, customer, at}); }

std::vector<FilingRow> FilingRepo::Overdue(OrgId org,
                                           Timestamp now,
                                           const std::optional<std::vector<DepartmentId>>& scope,
                                           std::int64_t limit) {
    std::vector<Param> params{org, now, limit};
    std::string sql = std::string("SELECT ") + kFilingColumns +
                      ", c.name FROM customer_filings f JOIN customers c ON c.org_id = f.org_id AND "
                      "c.id = f.customer_id WHERE f.org_id = ?1 AND f.filed_at = 0 AND f.due_at <= ?2";
    if (scope) {
        if (scope->empty()) return {};
        sql += " AND f.department_id IN " + InList(params, *scope);
    }
    sql += " ORDER BY f.due_at, f.customer_id LIMIT ?3";
    std::vector<FilingRow> out;
    tx_.Query(sql, params, [&](const Row& r) { out.push_back({ReadFiling(r), r.Text(6)}); });
    return out;
}

void FilingRepo::InsertChangeReport(OrgId org, const domain::ChangeReport& r) {
    std::string changed = FormatDate(r.changed_on);
    std::string due = FormatDate(r.due_day);
    tx_.Exec(kInsertChangeReport,
             {org,
              r.id,
              r.customer_id,
              r.department_id,
              r.version,
              r.fields,
              changed,
              due,
              r.reported_at,
              r.reported_by,
              r.late});
}

std::vector<std::pair<domain::ChangeReport, std::string>> FilingRepo::LateChangeReports(
    OrgId org, Timestamp from, Timestamp to, const std::optional<std::vector<DepartmentId>>& scope) {
    std::vector<Param> params{org, from, to};
    std::string sql =
        "SELECT r.id, r.customer_id, r.department_id, r.version, r.fields, r.changed_on, r.due_day, r.reported_at, "
        "r.reported_by, c.name FROM customer_change_reports r JOIN customers c ON c.org_id = r.org_id AND "
        "c.id = r.customer_id WHERE r.org_id = ?1 AND r.late = 1 AND r.reported_at >= ?2 AND r.reported_at < ?3";
    if (scope) {
        if (scope->empty()) return {};
        sql += " AND r.department_id IN " + InList(params, *scope);
    }
    sql += " ORDER BY r.reported_at DESC LIMIT 1000";
    std::vector<std::pair<domain::ChangeReport, std::string>> out;
    tx_.Query(sql, params, [&](const Row& row) {
        domain::ChangeReport r;
        r.id = row.Int(0);
        r.customer_id = row.GetId<CustomerId>(1);
        r.department_id = row.GetId<DepartmentId>(2);
        r.version = row.Int(3);
        r.fields = row.Text(4);
        ParseDate(row.Text(5), &r.changed_on);
        ParseDate(row.Text(6), &r.due_day);
        r.reported_at = row.Int(7);
        r.reported_by = row.GetId<UserId>(8);
        r.late = true;
        out.emplace_back(std::move(r), row.Text(9));
    });
    return out;
}

}  // namespace patron::storage
