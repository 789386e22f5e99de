#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kFineColumns =
    "SELECT id, version, key, rule, person_id, department_id, archive_id, offender_kind, day, base_fen, facts, "
    "ordinal, "
    "multiplier, amount_fen, arithmetic, status, decided_by, decided_at, reason, created_at, updated_at FROM fines ";
// "INSERT OR FAIL" on SQLite: a statement of many rows that may abort half-way needs a statement
// journal (a copy of each page it changes) to undo its own rows; FAIL keeps them, and InsertMany's
// caller rolls back the whole transaction on an error anyway. PostgreSQL has no such clause.
constexpr const char* kInsertFinesHead =
    " INTO fines(org_id, id, version, key, rule, person_id, department_id, archive_id, offender_kind, day, "
    "month, base_fen, facts, ordinal, multiplier, amount_fen, arithmetic, status, decided_by, decided_at, reason, "
    "created_at, updated_at) VALUES ";
constexpr const char* kInsertFineRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Rows a statement in InsertMany. On SQLite too: a statement that inserts many rows keeps its
// cursors on the table and its three indexes open and positioned, where one statement per row
// seeks each B-tree from its root (bench/archives.sh: a first run writing 138k fines, ~0.4 s less).
constexpr std::size_t kFinesPerInsert = 32;
constexpr const char* kUpdateFine =
    "UPDATE fines SET version = ?3, base_fen = ?5, facts = ?6, ordinal = ?7, multiplier = ?8, amount_fen = ?9, "
    "arithmetic = ?10, status = ?11, decided_by = ?12, decided_at = ?13, reason = ?14, updated_at = ?15 "
    "WHERE org_id = ?1 AND id = ?2 AND version = ?16 AND key = ?4";

Fine ReadFine(const Row& r) {
    Fine f;
    f.id = r.GetId<FineId>(0);
    f.version = r.Int(1);
    auto& v = f.violation;
    v.key = r.Text(2);
    v.rule = r.Text(3);
    v.person = r.GetId<UserId>(4);
    v.department = r.GetId<DepartmentId>(5);
    v.archive = r.GetId<ArchiveId>(6);
    v.offender_kind = r.Text(7);
    ParseDate(r.Text(8), &v.day);
    v.base_fen = r.Int(9);
    v.facts = r.Text(10);
    f.ordinal = static_cast<int>(r.Int(11));
    f.multiplier = r.Int(12);
    f.amount_fen = r.Int(13);
    f.arithmetic = r.Text(14);
    f.status = r.Text(15);
    f.decided_by = r.GetId<UserId>(16);
    f.decided_at = r.IsNull(17) ? 0 : r.Int(17);
    f.reason = r.Text(18);
    f.created_at = r.Int(19);
    f.updated_at = r.Int(20);
    return f;
}

// Appends kInsertFineRow's parameters: views into `f`, `day` and `month`, which must outlive them.
void AppendFineParams(
    std::vector<Param>& out, OrgId org, const Fine& f, const std::string& day, const std::string& month) {
    const auto& v = f.violation;
    out.insert(out.end(),
               {org,
                f.id,
                f.version,
                v.key,
                v.rule,
                v.person,
                v.department,
                v.archive,
                v.offender_kind,
                day,
                month,
                v.base_fen,
                v.facts,
                f.ordinal,
                f.multiplier,
                f.amount_fen,
                f.arithmetic,
                f.status,
                OptionalId(f.decided_by),
                f.decided_at ? Param(f.decided_at) : Param(nullptr),
                f.reason,
                f.created_at,
                f.updated_at});
}

}  // namespace

std::vector<Fine> FineRepo::ForMonth(OrgId org, std::string_view month) {
    static const std::string kSql = std::string(kFineColumns) + "WHERE org_id = ?1 AND month = ?2 ORDER BY day, key";
    std::vector<Fine> out;
    tx_.Query(kSql, {org, month}, [&](const Row& r) { out.push_back(ReadFine(r)); });
    return out;
}

void FineRepo::EachInMonth(OrgId org, std::string_view month, const std::function<void(Fine&&)>& on_fine) {
    static const std::string kSql = std::string(kFineColumns) + "WHERE org_id = ?1 AND month = ?2";
    tx_.Query(kSql, {org, month}, [&](const Row& r) { on_fine(ReadFine(r)); });
}

std::vector<Fine> FineRepo::ForArchive(OrgId org, ArchiveId archive) {
    static const std::string kSql =
        std::string(kFineColumns) + "WHERE org_id = ?1 AND archive_id = ?2 ORDER BY day, key";
    std::vector<Fine> out;
    tx_.Query(kSql, {org, archive}, [&](const Row& r) { out.push_back(ReadFine(r)); });
    return out;
}

std::optional<Fine> FineRepo::Get(OrgId org, FineId id) {
    static const std::string kSql = std::string(kFineColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<Fine> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadFine(r); });
    return out;
}

void FineRepo::Insert(OrgId org, const Fine& f) { InsertMany(org, {f}); }

void FineRepo::InsertMany(OrgId org, const std::vector<Fine>& fines) {
    // The parameters borrow the dates' text: both lists are sized once, so it does not move.
    std::vector<std::string> days, months;
    days.reserve(fines.size());
    months.reserve(fines.size());
    for (const auto& f : fines) {
        days.push_back(FormatDate(f.violation.day));
        months.push_back(domain::MonthOf(f.violation.day));
    }
    const std::string head =
        std::string(tx_.dialect() == Dialect::kSqlite ? "INSERT OR FAIL" : "INSERT") + kInsertFinesHead;
    InsertRows(tx_, kFinesPerInsert, head, kInsertFineRow, fines.size(), [&](std::size_t i, auto& out) {
        AppendFineParams(out, org, fines[i], days[i], months[i]);
    });
}

bool FineRepo::Update(OrgId org, const Fine& f, std::int64_t expected_version) {
    // PostgreSQL must infer every parameter's type, so the list holds only what the UPDATE uses.
    return tx_.Exec(kUpdateFine,
                    {org,
                     f.id,
                     f.version,
                     f.violation.key,
                     f.violation.base_fen,
                     f.violation.facts,
                     f.ordinal,
                     f.multiplier,
                     f.amount_fen,
                     f.arithmetic,
                     f.status,
                     OptionalId(f.decided_by),
                     f.decided_at ? Param(f.decided_at) : Param(nullptr),
                     f.reason,
                     f.updated_at,
                     expected_version}) == 1;
}

}  // namespace patron::storage
