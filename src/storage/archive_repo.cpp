#include "common/errors.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kArchiveColumns =
    "a.org_id, a.id, a.version, a.number, a.kind, a.customer_id, a.vehicle_id, a.department_id, a.responsible_id, "
    "a.event_at, a.visit_ref, a.contact_verified, a.status, a.cabinet, a.shelf, a.bag, a.items, a.confirmed_by, "
    "a.confirmed_at, a.created_at, a.updated_at, a.created_by, a.checked_at, a.correction_ordered_at, a.corrected_at";
constexpr const char* kInsertArchive =
    "INSERT INTO archives(org_id, id, version, number, kind, customer_id, vehicle_id, department_id, responsible_id, "
    "event_at, visit_ref, contact_verified, status, cabinet, shelf, bag, items, confirmed_by, confirmed_at, "
    "created_at, updated_at, created_by, checked_at, correction_ordered_at, corrected_at) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
constexpr const char* kUpdateArchive =
    "UPDATE archives SET version = ?3, responsible_id = ?9, event_at = ?10, visit_ref = ?11, contact_verified = ?12, "
    "status = ?13, cabinet = ?14, shelf = ?15, bag = ?16, items = ?17, confirmed_by = ?18, confirmed_at = ?19, "
    "updated_at = ?21, checked_at = ?23, correction_ordered_at = ?24, corrected_at = ?25 "
    "WHERE org_id = ?1 AND id = ?2 AND version = ?26 AND number = ?4 AND kind = ?5 AND "
    "customer_id = ?6 AND vehicle_id = ?7 AND department_id = ?8 AND created_at = ?20 AND "
    "(created_by = ?22 OR created_by IS NULL)";
// The columns after kArchiveColumns that make an ArchiveRow (ReadArchiveRow).
constexpr const char* kArchiveRowJoins =
    ", c.name, v.plate, v.vin, c.secrecy FROM archives a JOIN customers c ON c.org_id = a.org_id AND "
    "c.id = a.customer_id JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id";
constexpr const char* kNextNumber =
    "INSERT INTO archive_sequences(org_id, kind, year, value) VALUES (?1, ?2, ?3, 1) "
    "ON CONFLICT (org_id, kind, year) DO UPDATE SET value = archive_sequences.value + 1";
constexpr const char* kCurrentNumber =
    "SELECT value FROM archive_sequences WHERE org_id = ?1 AND kind = ?2 AND year = ?3";
// ARC-6 run: the sale or delivery since ?2, or a correction ordered and not made before ?2. Two
// branches, each served by its index (an OR would scan the table), never overlapping.
constexpr const char* kCandidateByEvent = "a.org_id = ?1 AND a.event_at >= ?2";
// "+a.event_at": not through the event index (most archives are older than ?2), but through
// archives_open_correction.
constexpr const char* kCandidateByCorrection =
    "a.org_id = ?1 AND +a.event_at < ?2 AND a.correction_ordered_at > 0 AND a.corrected_at = 0 "
    "UNION ALL SELECT {} FROM {} WHERE a.org_id = ?1 AND +a.event_at < ?2 AND a.correction_ordered_at > 0 AND "
    "a.corrected_at >= ?2";
constexpr const char* kHandoverColumns =
    "h.id, h.archive_id, h.sender_id, h.receiver_id, h.handed_at, h.items_handed, h.items_missing, h.sender_signed, "
    "h.receiver_signed, h.notes, h.due_at, h.late_days, h.explanation";
constexpr const char* kInsertHandover =
    "INSERT INTO handovers(org_id, id, archive_id, sender_id, receiver_id, handed_at, items_handed, items_missing, "
    "sender_signed, receiver_signed, notes, due_at, late_days, explanation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11, ?12, ?13, ?14)";

std::string EncodeItems(const std::vector<domain::ArchiveItem>& items) {
    std::vector<std::vector<std::string>> records;
    for (const auto& i : items) {
        records.push_back({i.code, i.state, i.customer_signed ? "1" : "0", i.internal_signed ? "1" : "0", i.defect});
    }
    return JoinRecords(records);
}

std::vector<domain::ArchiveItem> DecodeItems(const std::string& text) {
    std::vector<domain::ArchiveItem> items;
    for (auto& f : SplitRecords(text)) {
        f.resize(5);
        items.push_back({std::move(f[0]), std::move(f[1]), std::move(f[4]), f[2] == "1", f[3] == "1"});
    }
    return items;
}

domain::Archive ReadArchive(const Row& r) {
    domain::Archive a;
    a.org_id = r.GetId<OrgId>(0);
    a.id = r.GetId<ArchiveId>(1);
    a.version = r.Int(2);
    a.number = r.Text(3);
    a.kind = r.Text(4);
    a.customer_id = r.GetId<CustomerId>(5);
    a.vehicle_id = r.GetId<VehicleId>(6);
    a.department_id = r.GetId<DepartmentId>(7);
    a.responsible_id = r.GetId<UserId>(8);
    a.event_at = r.Int(9);
    a.visit_ref = r.Text(10);
    a.contact_verified = r.Int(11) != 0;
    a.status = r.Text(12);
    a.cabinet = r.Text(13);
    a.shelf = r.Text(14);
    a.bag = r.Text(15);
    a.items = DecodeItems(r.Text(16));
    a.confirmed_by = r.GetId<UserId>(17);
    a.confirmed_at = r.IsNull(18) ? 0 : r.Int(18);
    a.created_at = r.Int(19);
    a.updated_at = r.Int(20);
    a.created_by = r.GetId<UserId>(21);
    a.checked_at = r.Int(22);
    a.correction_ordered_at = r.Int(23);
    a.corrected_at = r.Int(24);
    return a;
}

domain::Handover ReadHandover(const Row& r, int first) {
    domain::Handover h;
    h.id = r.GetId<HandoverId>(first);
    h.archive_id = r.GetId<ArchiveId>(first + 1);
    h.sender_id = r.GetId<UserId>(first + 2);
    h.receiver_id = r.GetId<UserId>(first + 3);
    h.handed_at = r.Int(first + 4);
    h.items_handed = SplitCodes(r.Text(first + 5));
    h.items_missing = SplitCodes(r.Text(first + 6));
    h.sender_signed = r.Int(first + 7) != 0;
    h.receiver_signed = r.Int(first + 8) != 0;
    h.notes = r.Text(first + 9);
    h.due_at = r.Int(first + 10);
    h.late_days = r.Int(first + 11);
    h.deadline_explanation = r.Text(first + 12);
    return h;
}

// Views into `a` and `items`, which must outlive the list.
std::vector<Param> ArchiveParams(const domain::Archive& a, const std::string& items) {
    return {a.org_id,
            a.id,
            a.version,
            a.number,
            a.kind,
            a.customer_id,
            a.vehicle_id,
            a.department_id,
            a.responsible_id,
            a.event_at,
            a.visit_ref,
            a.contact_verified,
            a.status,
            a.cabinet,
            a.shelf,
            a.bag,
            items,
            OptionalId(a.confirmed_by),
            a.confirmed_at ? Param(a.confirmed_at) : Param(nullptr),
            a.created_at,
            a.updated_at,
            OptionalId(a.created_by),
            a.checked_at,
            a.correction_ordered_at,
            a.corrected_at};
}

ArchiveRow ReadArchiveRow(const Row& r) { return {ReadArchive(r), r.Text(25), r.Text(26), r.Text(27), r.Text(28)}; }

}  // namespace

std::int64_t ArchiveRepo::NextNumber(OrgId org, std::string_view kind, int year) {
    tx_.Exec(kNextNumber, {org, kind, year});
    return tx_.QueryInt(kCurrentNumber, {org, kind, year}).value_or(0);
}

void ArchiveRepo::Insert(const domain::Archive& a) {
    std::string items = EncodeItems(a.items);
    tx_.Exec(kInsertArchive, ArchiveParams(a, items));
}

bool ArchiveRepo::Update(const domain::Archive& a, std::int64_t expected_version) {
    std::string items = EncodeItems(a.items);
    auto params = ArchiveParams(a, items);
    params.emplace_back(expected_version);
    return tx_.Exec(kUpdateArchive, params) == 1;
}

std::optional<domain::Archive> ArchiveRepo::Get(OrgId org, ArchiveId id) {
    static const std::string kSql =
        std::string("SELECT ") + kArchiveColumns + " FROM archives a WHERE a.org_id = ?1 AND a.id = ?2";
    std::optional<domain::Archive> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadArchive(r); });
    return out;
}

std::vector<ArchiveRow> ArchiveRepo::Search(const ArchiveQuery& q) {
    std::vector<Param> params{q.org};
    std::string sql = std::string("SELECT ") + kArchiveColumns + kArchiveRowJoins + " WHERE a.org_id = ?1";
    auto visible = VisibleTerm(
        params, q.scope, q.viewer, q.granted, q.keeper_scope, {"a.department_id", "c.secrecy", "c.owner_id", "a.id"});
    if (!visible) return {};
    sql += *visible;
    const std::string number_pattern = q.number_prefix + "%";  // params hold views: keep it alive
    if (q.customers) {
        if (q.customers->empty() && q.number_prefix.empty()) return {};
        // An empty IN () is SQLite-only; 0 is never an id.
        sql += " AND (a.customer_id IN " + (q.customers->empty() ? std::string("(0)") : InList(params, *q.customers));
        if (!q.number_prefix.empty()) {
            params.emplace_back(number_pattern);
            sql += " OR a.number LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
        }
        sql += ")";
    } else if (!q.number_prefix.empty()) {
        params.emplace_back(number_pattern);
        sql += " AND a.number LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
    }
    if (!q.kind.empty()) {
        params.emplace_back(q.kind);
        sql += " AND a.kind = ?" + std::to_string(params.size());
    }
    if (!q.status.empty()) {
        params.emplace_back(q.status);
        sql += " AND a.status = ?" + std::to_string(params.size());
    }
    params.emplace_back(q.limit);
    sql += " ORDER BY a.event_at DESC, a.id DESC LIMIT ?" + std::to_string(params.size());
    params.emplace_back(q.offset);
    sql += " OFFSET ?" + std::to_string(params.size());
    std::vector<ArchiveRow> out;
    tx_.Query(sql, params, [&](const Row& r) { out.push_back(ReadArchiveRow(r)); });
    return out;
}

std::vector<domain::Archive> ArchiveRepo::ForVehicle(OrgId org, VehicleId vehicle) {
    static const std::string kSql = std::string("SELECT ") + kArchiveColumns +
                                    " FROM archives a WHERE a.org_id = ?1 AND a.vehicle_id = ?2 ORDER BY a.event_at";
    std::vector<domain::Archive> out;
    tx_.Query(kSql, {org, vehicle}, [&](const Row& r) { out.push_back(ReadArchive(r)); });
    return out;
}

namespace {

// "SELECT <columns> FROM <from> WHERE <by correction>", both branches.
std::string ByCorrectionQuery(const std::string& columns, const std::string& from) {
    std::string by_correction = kCandidateByCorrection;
    for (const std::string& part : {columns, from}) by_correction.replace(by_correction.find("{}"), 2, part);
    return "SELECT " + columns + " FROM " + from + " WHERE " + by_correction;
}

// "SELECT <columns> FROM <from> WHERE <by event> UNION ALL <by correction>".
std::string CandidateQuery(const std::string& columns, const std::string& from) {
    return "SELECT " + columns + " FROM " + from + " WHERE " + kCandidateByEvent + " UNION ALL " +
           ByCorrectionQuery(columns, from);
}

// Every column of archives_penalty and archives_open_correction (first_handed_at is kept there by
// InsertHandover): the candidates come from the indexes alone.
constexpr const char* kCandidateColumns =
    "a.id, a.number, a.kind, a.department_id, a.responsible_id, a.event_at, a.visit_ref, a.contact_verified, "
    "a.status, a.checked_at, a.correction_ordered_at, a.corrected_at, a.first_handed_at";

std::vector<PenaltyFacts> ReadCandidates(SqlTx& tx, OrgId org, const std::string& sql, std::vector<Param> params) {
    std::vector<PenaltyFacts> out;
    tx.Query(sql, params, [&](const Row& r) {
        PenaltyFacts f;
        auto& a = f.archive;
        a.org_id = org;
        a.id = r.GetId<ArchiveId>(0);
        a.number = r.Text(1);
        a.kind = r.Text(2);
        a.department_id = r.GetId<DepartmentId>(3);
        a.responsible_id = r.GetId<UserId>(4);
        a.event_at = r.Int(5);
        a.visit_ref = r.Text(6);
        a.contact_verified = r.Int(7) != 0;
        a.status = r.Text(8);
        a.checked_at = r.Int(9);
        a.correction_ordered_at = r.Int(10);
        a.corrected_at = r.Int(11);
        f.first_handed_at = r.Int(12);
        out.push_back(std::move(f));
    });
    return out;
}

}  // namespace

std::vector<PenaltyFacts> ArchiveRepo::PenaltyCandidates(OrgId org, Timestamp since) {
    static const std::string kSql = CandidateQuery(kCandidateColumns, "archives a");
    return ReadCandidates(tx_, org, kSql, {org, since});
}

std::vector<PenaltyFacts> ArchiveRepo::PenaltyCandidatesByEvent(OrgId org, Timestamp from, Timestamp to) {
    static const std::string kSql = std::string("SELECT ") + kCandidateColumns +
                                    " FROM archives a WHERE a.org_id = ?1 AND a.event_at >= ?2 AND a.event_at < ?3";
    return ReadCandidates(tx_, org, kSql, {org, from, to});
}

std::vector<PenaltyFacts> ArchiveRepo::PenaltyCandidatesByCorrection(OrgId org, Timestamp since) {
    static const std::string kSql = ByCorrectionQuery(kCandidateColumns, "archives a");
    return ReadCandidates(tx_, org, kSql, {org, since});
}

std::vector<std::tuple<ArchiveId, Date, std::int64_t>> ArchiveRepo::CorrectionFindings(OrgId org, Timestamp since) {
    static const std::string kSql = "SELECT f.archive_id, f.day, f.base_fen FROM (" +
                                    CandidateQuery("a.id, a.correction_ordered_at AS ordered", "archives a") +
                                    ") c JOIN fines f ON f.org_id = ?1 AND f.archive_id = c.id WHERE c.ordered > 0 AND "
                                    "f.rule IN ('ARC-6b', 'ARC-6e') AND f.status <> 'waived'";
    std::vector<std::tuple<ArchiveId, Date, std::int64_t>> out;
    tx_.Query(kSql, {org, since}, [&](const Row& r) {
        Date day{};
        ParseDate(r.Text(1), &day);
        out.emplace_back(r.GetId<ArchiveId>(0), day, r.Int(2));
    });
    return out;
}

void ArchiveRepo::InsertHandover(OrgId org, const domain::Handover& h) {
    std::string handed = JoinCodes(h.items_handed);
    std::string missing = JoinCodes(h.items_missing);
    tx_.Exec(kInsertHandover,
             {org,
              h.id,
              h.archive_id,
              h.sender_id,
              h.receiver_id,
              h.handed_at,
              handed,
              missing,
              h.sender_signed,
              h.receiver_signed,
              h.notes,
              h.due_at,
              h.late_days,
              h.deadline_explanation});
    // The archive keeps the time of its first handover for the penalty index (PenaltyCandidates).
    tx_.Exec(
        "UPDATE archives SET first_handed_at = ?3 WHERE org_id = ?1 AND id = ?2 AND "
        "(first_handed_at = 0 OR first_handed_at > ?3)",
        {org, h.archive_id, h.handed_at});
}

std::vector<domain::Handover> ArchiveRepo::Handovers(OrgId org, ArchiveId archive) {
    static const std::string kSql = std::string("SELECT ") + kHandoverColumns +
                                    " FROM handovers h WHERE h.org_id = ?1 AND h.archive_id = ?2 ORDER BY h.handed_at";
    std::vector<domain::Handover> out;
    tx_.Query(kSql, {org, archive}, [&](const Row& r) { out.push_back(ReadHandover(r, 0)); });
    return out;
}

std::vector<HandoverRow> ArchiveRepo::HandoverBook(OrgId org,
                                                   Timestamp from,
                                                   Timestamp to,
                                                   const std::optional<std::vector<DepartmentId>>& scope,
                                                   UserId viewer,
                                                   const std::vector<DepartmentId>& keeper_scope) {
    std::vector<Param> params{org, from, to};
    std::string sql = std::string("SELECT ") + kHandoverColumns +
                      ", a.number, a.kind, a.department_id FROM handovers h JOIN archives a ON a.org_id = h.org_id "
                      "AND a.id = h.archive_id JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id "
                      "WHERE h.org_id = ?1 AND h.handed_at >= ?2 AND h.handed_at < ?3";
    auto visible =
        VisibleTerm(params, scope, viewer, {}, keeper_scope, {"a.department_id", "c.secrecy", "c.owner_id", "a.id"});
    if (!visible) return {};
    sql += *visible;
    sql += " ORDER BY h.handed_at DESC LIMIT 1000";
    std::vector<HandoverRow> out;
    tx_.Query(sql, params, [&](const Row& r) {
        out.push_back({ReadHandover(r, 0), r.Text(13), r.Text(14), r.GetId<DepartmentId>(15)});
    });
    return out;
}

// CustodyRepo's query over archives lives here, beside the archive columns it reads.
std::vector<ArchiveRow> CustodyRepo::RetentionCandidates(OrgId org,
                                                         std::string_view kind,
                                                         Timestamp event_before,
                                                         const std::optional<std::vector<DepartmentId>>& scope,
                                                         std::int64_t limit) {
    std::vector<Param> params{org, kind, event_before, limit};
    std::string sql = std::string("SELECT ") + kArchiveColumns + kArchiveRowJoins +
                      " "
                      "WHERE a.org_id = ?1 AND a.kind = ?2 AND a.event_at < ?3 AND a.status <> 'destroyed' "
                      "AND NOT EXISTS (SELECT 1 FROM archive_destruction_lines l JOIN archive_destructions d "
                      "ON d.org_id = l.org_id AND d.id = l.destruction_id WHERE l.org_id = a.org_id AND "
                      "l.archive_id = a.id AND d.status = 'proposed')";
    if (scope) {
        if (scope->empty()) return {};
        sql += " AND a.department_id IN " + InList(params, *scope);
    }
    sql += " ORDER BY a.event_at, a.id LIMIT ?4";
    std::vector<ArchiveRow> out;
    tx_.Query(sql, params, [&](const Row& r) { out.push_back(ReadArchiveRow(r)); });
    return out;
}

}  // namespace patron::storage
