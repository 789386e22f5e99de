// FilingRepo: ARC-10 filing deadlines of new customers.
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kInsertFiling =
    "INSERT INTO customer_filings(org_id, customer_id, department_id, met_on, due_day, due_at, filed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kFilingColumns = "f.customer_id, f.department_id, f.met_on, f.due_day, f.due_at, f.filed_at";
constexpr const char* kMarkFiled =
    "UPDATE customer_filings SET filed_at = ?3 WHERE org_id = ?1 AND customer_id = ?2 AND filed_at = 0";

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

}  // namespace patron::storage
