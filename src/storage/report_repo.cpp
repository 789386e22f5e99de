// ReportRepo: SEC-11 customer reports, their item changes and distributions, and the counts.
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

using domain::CustomerReport;
using domain::ReportRequest;

constexpr const char* kReportColumns =
    "id, version, title, department_id, items, created_by, created_at, updated_by, updated_at";
constexpr const char* kInsertReport =
    "INSERT INTO customer_reports(org_id, id, version, title, department_id, items, created_by, created_at, "
    "updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kUpdateReport =
    "UPDATE customer_reports SET version = ?3, title = ?4, items = ?5, updated_by = ?6, updated_at = ?7 "
    "WHERE org_id = ?1 AND id = ?2 AND version = ?8";
constexpr const char* kRequestColumns =
    "id, version, report_id, kind, requester_id, requester_department_id, report_department_id, title, items, "
    "previous_items, recipient_department_id, note, snapshot, computed_at, steps, status, created_at, decided_at";
constexpr const char* kInsertRequest =
    "INSERT INTO customer_report_requests(org_id, id, version, report_id, kind, requester_id, "
    "requester_department_id, report_department_id, title, items, previous_items, recipient_department_id, note, "
    "snapshot, computed_at, steps, status, created_at, decided_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
constexpr const char* kUpdateRequest =
    "UPDATE customer_report_requests SET version = ?3, status = ?4, decided_at = ?5 "
    "WHERE org_id = ?1 AND id = ?2 AND version = ?6";
constexpr const char* kInsertDecision =
    "INSERT INTO customer_report_decisions(org_id, request_id, step, approver_id, decision, comment, decided_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kDecisions =
    "SELECT step, approver_id, decision, comment, decided_at FROM customer_report_decisions "
    "WHERE org_id = ?1 AND request_id = ?2 ORDER BY step";

// The snapshot: one record per figure (item, key, count).
std::string JoinFigures(const std::vector<domain::ReportFigure>& figures) {
    std::vector<std::vector<std::string>> records;
    for (const auto& f : figures) records.push_back({f.item, f.key, std::to_string(f.count)});
    return JoinRecords(records);
}

std::vector<domain::ReportFigure> SplitFigures(const std::string& text) {
    std::vector<domain::ReportFigure> figures;
    for (auto& fields : SplitRecords(text)) {
        fields.resize(3);
        figures.push_back({fields[0], fields[1], std::stoll(fields[2].empty() ? "0" : fields[2])});
    }
    return figures;
}

CustomerReport ReadReport(OrgId org, const Row& r) {
    CustomerReport report;
    report.org_id = org;
    report.id = r.Int(0);
    report.version = r.Int(1);
    report.title = r.Text(2);
    report.department = r.GetId<DepartmentId>(3);
    report.items = SplitCodes(r.Text(4));
    report.created_by = r.GetId<UserId>(5);
    report.created_at = r.Int(6);
    report.updated_by = r.GetId<UserId>(7);
    report.updated_at = r.Int(8);
    return report;
}

ReportRequest ReadRequest(OrgId org, const Row& r) {
    ReportRequest q;
    q.org_id = org;
    q.id = r.Int(0);
    q.version = r.Int(1);
    q.report_id = r.Int(2);
    q.kind = r.Text(3);
    q.requester = r.GetId<UserId>(4);
    q.requester_department = r.GetId<DepartmentId>(5);
    q.report_department = r.GetId<DepartmentId>(6);
    q.title = r.Text(7);
    q.items = SplitCodes(r.Text(8));
    q.previous_items = SplitCodes(r.Text(9));
    q.recipient_department = r.GetId<DepartmentId>(10);
    q.note = r.Text(11);
    q.snapshot = SplitFigures(r.Text(12));
    q.computed_at = r.Int(13);
    q.steps = SplitSteps(r.Text(14));
    q.status = r.Text(15);
    q.created_at = r.Int(16);
    q.decided_at = r.Int(17);
    return q;
}

void LoadDecisions(SqlTx& tx, ReportRequest& q) {
    tx.Query(kDecisions, {q.org_id, q.id}, [&](const Row& r) {
        q.decisions.push_back({static_cast<int>(r.Int(0)), r.GetId<UserId>(1), r.Text(2), r.Text(3), r.Int(4)});
    });
}

const char* ColumnOf(CustomerDimension by) {
    switch (by) {
        case CustomerDimension::kCategory:
            return "category";
        case CustomerDimension::kType:
            return "customer_type";
        case CustomerDimension::kKind:
            return "kind";
        case CustomerDimension::kGrade:
            return "grade";
        case CustomerDimension::kDepartment:
            return "department_id";
    }
    return "category";
}

}  // namespace

void ReportRepo::Insert(const CustomerReport& report) {
    const std::string items = JoinCodes(report.items);
    tx_.Exec(kInsertReport,
             {report.org_id,
              report.id,
              report.version,
              report.title,
              report.department,
              items,
              report.created_by,
              report.created_at,
              report.updated_by,
              report.updated_at});
}

std::optional<CustomerReport> ReportRepo::Get(OrgId org, std::int64_t id) {
    static const std::string kSql =
        std::string("SELECT ") + kReportColumns + " FROM customer_reports WHERE org_id = ?1 AND id = ?2";
    std::optional<CustomerReport> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadReport(org, r); });
    return out;
}

bool ReportRepo::Update(const CustomerReport& report, std::int64_t expected_version) {
    const std::string items = JoinCodes(report.items);
    return tx_.Exec(kUpdateReport,
                    {report.org_id,
                     report.id,
                     report.version,
                     report.title,
                     items,
                     report.updated_by,
                     report.updated_at,
                     expected_version}) == 1;
}

std::vector<CustomerReport> ReportRepo::List(OrgId org, const std::vector<DepartmentId>& departments, int limit) {
    std::vector<CustomerReport> out;
    if (departments.empty()) return out;
    std::vector<Param> params{org};
    std::string sql = std::string("SELECT ") + kReportColumns +
                      " FROM customer_reports WHERE org_id = ?1 AND department_id IN " + InList(params, departments);
    params.emplace_back(static_cast<std::int64_t>(limit));
    sql += " ORDER BY id DESC LIMIT ?" + std::to_string(params.size());
    tx_.Query(sql, params, [&](const Row& r) { out.push_back(ReadReport(org, r)); });
    return out;
}

void ReportRepo::InsertRequest(const ReportRequest& q) {
    const std::string items = JoinCodes(q.items);
    const std::string previous = JoinCodes(q.previous_items);
    const std::string snapshot = JoinFigures(q.snapshot);
    const std::string steps = JoinSteps(q.steps);
    tx_.Exec(kInsertRequest,
             {q.org_id,
              q.id,
              q.version,
              q.report_id,
              q.kind,
              q.requester,
              q.requester_department,
              q.report_department,
              q.title,
              items,
              previous,
              q.recipient_department.valid() ? q.recipient_department.value : std::int64_t{0},
              q.note,
              snapshot,
              q.computed_at,
              steps,
              q.status,
              q.created_at,
              q.decided_at});
}

std::optional<ReportRequest> ReportRepo::GetRequest(OrgId org, std::int64_t id) {
    static const std::string kSql =
        std::string("SELECT ") + kRequestColumns + " FROM customer_report_requests WHERE org_id = ?1 AND id = ?2";
    std::optional<ReportRequest> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadRequest(org, r); });
    if (out) LoadDecisions(tx_, *out);
    return out;
}

bool ReportRepo::Decide(const ReportRequest& q, const domain::StepDecision& d, std::int64_t expected_version) {
    if (tx_.Exec(kUpdateRequest, {q.org_id, q.id, q.version, q.status, q.decided_at, expected_version}) != 1) {
        return false;
    }
    tx_.Exec(kInsertDecision,
             {q.org_id, q.id, static_cast<std::int64_t>(d.step), d.approver, d.decision, d.comment, d.at});
    return true;
}

bool ReportRepo::UpdateStatus(const ReportRequest& q, std::int64_t expected_version) {
    return tx_.Exec(kUpdateRequest, {q.org_id, q.id, q.version, q.status, q.decided_at, expected_version}) == 1;
}

std::vector<ReportRequest> ReportRepo::ListRequests(const ReportRequestQuery& query) {
    std::vector<ReportRequest> out;
    if (query.recipients && query.recipients->empty()) return out;
    std::vector<Param> params{query.org, query.kind};
    auto next = [&]() { return "?" + std::to_string(params.size() + 1); };
    std::string sql =
        std::string("SELECT ") + kRequestColumns + " FROM customer_report_requests WHERE org_id = ?1 AND kind = ?2";
    if (!query.status.empty()) {
        sql += " AND status = " + next();
        params.emplace_back(query.status);
    }
    if (query.requester.valid()) {
        sql += " AND requester_id = " + next();
        params.emplace_back(query.requester);
    }
    if (query.report_id != 0) {
        sql += " AND report_id = " + next();
        params.emplace_back(query.report_id);
    }
    if (query.recipients) sql += " AND recipient_department_id IN " + InList(params, *query.recipients);
    sql += " ORDER BY created_at DESC, id DESC LIMIT " + next();
    params.emplace_back(static_cast<std::int64_t>(query.limit));
    tx_.Query(sql, params, [&](const Row& r) { out.push_back(ReadRequest(query.org, r)); });
    for (auto& q : out) LoadDecisions(tx_, q);
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> ReportRepo::CountCustomers(
    OrgId org, const std::vector<DepartmentId>& departments, CustomerDimension by) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    if (departments.empty()) return out;
    std::vector<Param> params{org};
    const std::string column = ColumnOf(by);
    const std::string sql = "SELECT " + column + ", COUNT(*) FROM customers WHERE org_id = ?1 AND department_id IN " +
                            InList(params, departments) + " GROUP BY " + column + " ORDER BY " + column;
    tx_.Query(sql, params, [&](const Row& r) {
        out.emplace_back(by == CustomerDimension::kDepartment ? std::to_string(r.Int(0)) : r.Text(0), r.Int(1));
    });
    return out;
}

std::vector<std::int64_t> ReportRepo::CountCreated(OrgId org,
                                                   const std::vector<DepartmentId>& departments,
                                                   const std::vector<Timestamp>& bounds) {
    std::vector<std::int64_t> out(bounds.size() > 1 ? bounds.size() - 1 : 0, 0);
    if (departments.empty() || out.empty()) return out;
    std::vector<Param> params{org};
    std::vector<std::string> placeholders;
    for (Timestamp bound : bounds) {
        params.emplace_back(bound);
        placeholders.push_back("?" + std::to_string(params.size()));
    }
    std::string sql = "SELECT ";
    for (std::size_t month_idx = 0; month_idx < out.size(); ++month_idx) {
        if (month_idx > 0) sql += ", ";
        sql += "COUNT(CASE WHEN created_at >= " + placeholders[month_idx] + " AND created_at < " +
               placeholders[month_idx + 1] + " THEN 1 END)";
    }
    sql += " FROM customers WHERE org_id = ?1 AND created_at >= " + placeholders.front() + " AND created_at < " +
           placeholders.back() + " AND department_id IN " + InList(params, departments);
    tx_.Query(sql, params, [&](const Row& r) {
        for (std::size_t month_idx = 0; month_idx < out.size(); ++month_idx) {
            out[month_idx] = r.Int(static_cast<int>(month_idx));
        }
    });
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> ReportRepo::CountVehiclesByBrand(
    OrgId org, const std::vector<DepartmentId>& departments) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    if (departments.empty()) return out;
    std::vector<Param> params{org};
    const std::string sql =
        "SELECT v.brand, COUNT(*) FROM vehicles v JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id "
        "WHERE v.org_id = ?1 AND c.department_id IN " +
        InList(params, departments) + " GROUP BY v.brand ORDER BY COUNT(*) DESC, v.brand";
    tx_.Query(sql, params, [&](const Row& r) { out.emplace_back(r.Text(0), r.Int(1)); });
    return out;
}

}  // namespace patron::storage
