// LoanRepo: the SEC-5 lending register.
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kSelect =
    "SELECT l.id, l.version, l.archive_id, l.borrower_id, l.grant_id, l.title, l.copies, l.reason, "
    "l.borrower_signed, l.lent_by, l.lent_at, l.due_on, l.returned_at, l.received_by, l.return_condition, "
    "l.return_note, l.incident_id, a.number, a.department_id FROM archive_loans l "
    "JOIN archives a ON a.org_id = l.org_id AND a.id = l.archive_id ";

LoanRow ReadLoan(OrgId org, const Row& r) {
    LoanRow row;
    domain::Loan& l = row.loan;
    l.org_id = org;
    l.id = r.Int(0);
    l.version = r.Int(1);
    l.archive_id = r.GetId<ArchiveId>(2);
    l.borrower = r.GetId<UserId>(3);
    l.grant_id = r.GetId<domain::AccessGrantId>(4);
    l.title = r.Text(5);
    l.copies = static_cast<int>(r.Int(6));
    l.reason = r.Text(7);
    l.borrower_signed = r.Int(8) != 0;
    l.lent_by = r.GetId<UserId>(9);
    l.lent_at = r.Int(10);
    ParseDate(r.Text(11), &l.due_on);
    l.returned_at = r.Int(12);
    l.received_by = r.GetId<UserId>(13);
    l.condition = r.Text(14);
    l.return_note = r.Text(15);
    l.incident_id = r.Int(16);
    row.archive_number = r.Text(17);
    row.department_id = r.GetId<DepartmentId>(18);
    return row;
}

}  // namespace

void LoanRepo::Insert(const domain::Loan& l) {
    tx_.Exec(
        "INSERT INTO archive_loans(org_id, id, version, archive_id, borrower_id, grant_id, title, copies, reason, "
        "borrower_signed, lent_by, lent_at, due_on, returned_at, received_by, return_condition, return_note, "
        "incident_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        {l.org_id,
         l.id,
         l.version,
         l.archive_id,
         l.borrower,
         l.grant_id,
         l.title,
         static_cast<std::int64_t>(l.copies),
         l.reason,
         static_cast<std::int64_t>(l.borrower_signed ? 1 : 0),
         l.lent_by,
         l.lent_at,
         FormatDate(l.due_on),
         l.returned_at,
         OptionalId(l.received_by),
         l.condition,
         l.return_note,
         l.incident_id});
}

std::optional<LoanRow> LoanRepo::Get(OrgId org, std::int64_t id) {
    static const std::string kSql = std::string(kSelect) + "WHERE l.org_id = ?1 AND l.id = ?2";
    std::optional<LoanRow> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadLoan(org, r); });
    return out;
}

bool LoanRepo::Update(const domain::Loan& l, std::int64_t expected_version) {
    return tx_.Exec(
               "UPDATE archive_loans SET version = ?3, returned_at = ?4, received_by = ?5, return_condition = ?6, "
               "return_note = ?7, incident_id = ?8 WHERE org_id = ?1 AND id = ?2 AND version = ?9",
               {l.org_id,
                l.id,
                l.version,
                l.returned_at,
                OptionalId(l.received_by),
                l.condition,
                l.return_note,
                l.incident_id,
                expected_version}) == 1;
}

std::optional<domain::Loan> LoanRepo::OpenFor(OrgId org, ArchiveId archive) {
    static const std::string kSql =
        std::string(kSelect) + "WHERE l.org_id = ?1 AND l.archive_id = ?2 AND l.returned_at = 0";
    std::optional<domain::Loan> out;
    tx_.Query(kSql, {org, archive}, [&](const Row& r) { out = ReadLoan(org, r).loan; });
    return out;
}

std::vector<LoanRow> LoanRepo::List(const LoanQuery& q) {
    std::vector<Param> params{q.org};
    const std::string due_before = q.due_before ? FormatDate(*q.due_before) : std::string();  // params borrow it
    auto next = [&]() { return "?" + std::to_string(params.size() + 1); };
    std::string sql = std::string(kSelect) + "WHERE l.org_id = ?1";
    if (q.borrower.valid()) {
        sql += " AND l.borrower_id = " + next();
        params.emplace_back(q.borrower);
    }
    if (q.archive.valid()) {
        sql += " AND l.archive_id = " + next();
        params.emplace_back(q.archive);
    }
    if (q.open_only || q.due_before) sql += " AND l.returned_at = 0";
    if (q.closed_only) sql += " AND l.returned_at <> 0";
    if (q.due_before) {
        sql += " AND l.due_on < " + next();
        params.emplace_back(due_before);
    }
    sql +=
        " ORDER BY CASE WHEN l.returned_at = 0 THEN 0 ELSE 1 END, CASE WHEN l.returned_at = 0 THEN l.due_on END, "
        "l.lent_at DESC, l.id DESC LIMIT " +
        next();
    params.emplace_back(static_cast<std::int64_t>(q.limit));
    std::vector<LoanRow> out;
    tx_.Query(sql, params, [&](const Row& r) { out.push_back(ReadLoan(q.org, r)); });
    return out;
}

}  // namespace patron::storage
