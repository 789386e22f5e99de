#include <algorithm>
#include <set>

#include "domain/search.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

// Rows per INSERT statement in an import's writes (storage::InsertRows): on PostgreSQL up to 64, one
// round trip per batch instead of per row; on SQLite one, because a statement writing several rows
// keeps a statement journal of every page it changes (their foreign keys need it), which measured
// twice the CPU of single rows (and 32 rows a statement still no faster, 2026-11-28).
std::size_t CustomerRowsPerInsert(Dialect d) { return d == Dialect::kSqlite ? 1 : 64; }

constexpr const char* kCustomerColumns =
    "SELECT org_id, id, version, kind, customer_type, special_kind, category, name, company_name, id_number, "
    "enterprise_nature, supervising_unit, address, website, credit_status, grade, secrecy, notes, department_id, "
    "owner_id, created_at, updated_at, created_by, phones, contacts FROM customers ";
constexpr const char* kInsertCustomersHead =
    "INSERT INTO customers(org_id, id, version, kind, customer_type, special_kind, category, name, company_name, "
    "id_number, enterprise_nature, supervising_unit, address, website, credit_status, grade, secrecy, notes, "
    "department_id, owner_id, phones, contacts, created_at, updated_at, created_by) VALUES ";
constexpr const char* kInsertCustomerRow =
    "(?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateCustomer =
    "UPDATE customers SET version = version + 1, kind = ?3, customer_type = ?4, special_kind = ?5, category = ?6, "
    "name = ?7, company_name = ?8, id_number = ?9, enterprise_nature = ?10, supervising_unit = ?11, address = ?12, "
    "website = ?13, credit_status = ?14, grade = ?15, secrecy = ?16, notes = ?17, department_id = ?18, owner_id = ?19, "
    "phones = ?20, contacts = ?21, updated_at = ?22 WHERE org_id = ?1 AND id = ?2 AND version = ?23";
constexpr const char* kCountCustomers = "SELECT COUNT(*) FROM customers WHERE org_id = ?1";

constexpr const char* kVehicleColumns =
    "SELECT org_id, id, customer_id, version, vin, plate, brand, model, color, purchase_date, sold_by_us, created_at "
    "FROM vehicles ";
constexpr const char* kInsertVehiclesHead =
    "INSERT INTO vehicles(org_id, id, customer_id, version, vin, plate, brand, model, color, purchase_date, "
    "sold_by_us, created_at) VALUES ";
constexpr const char* kInsertVehicleRow = "(?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateVehicle =
    "UPDATE vehicles SET version = version + 1, customer_id = ?3, vin = ?4, plate = ?5, brand = ?6, model = ?7, "
    "color = ?8, purchase_date = ?9, sold_by_us = ?10 WHERE org_id = ?1 AND id = ?2 AND version = ?11";

constexpr const char* kInsertInteraction =
    "INSERT INTO interactions(org_id, customer_id, id, kind, direction, subject, body, occurred_at, author_id, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kSelectInteractions =
    "SELECT i.id, i.customer_id, i.kind, i.direction, i.subject, i.body, i.occurred_at, i.author_id, "
    "COALESCE(u.display_name, ''), i.created_at FROM interactions i LEFT JOIN users u ON u.org_id = i.org_id AND "
    "u.id = i.author_id WHERE i.org_id = ?1 AND i.customer_id = ?2 ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?3";

constexpr const char* kInsertHistoryHead =
    "INSERT INTO customer_history(org_id, customer_id, id, version, field, old_value, new_value, changed_by, "
    "changed_at) VALUES ";
constexpr const char* kInsertHistoryRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectHistory =
    "SELECT h.id, h.customer_id, h.version, h.field, h.old_value, h.new_value, h.changed_by, "
    "COALESCE(u.display_name, ''), h.changed_at FROM customer_history h LEFT JOIN users u ON u.org_id = h.org_id "
    "AND u.id = h.changed_by WHERE h.org_id = ?1 AND h.customer_id = ?2 ORDER BY h.id DESC LIMIT ?3";

constexpr const char* kUpsertSearch =
    "INSERT INTO customer_search(org_id, customer_id, text) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (org_id, customer_id) DO UPDATE SET text = excluded.text";
constexpr const char* kDeleteFts = "DELETE FROM customer_fts WHERE rowid = ?1";
constexpr const char* kInsertFts = "INSERT INTO customer_fts(rowid, text, org_id) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertFtsRange =
    "INSERT INTO customer_fts(rowid, text, org_id) SELECT customer_id, text, org_id FROM customer_search "
    "WHERE org_id = ?1 AND customer_id BETWEEN ?2 AND ?3";
constexpr const char* kDeleteGrams = "DELETE FROM customer_grams WHERE org_id = ?1 AND customer_id = ?2";

constexpr const char* kInsertBacklog = "INSERT INTO search_backlog(org_id, first_id, last_id) VALUES (?1, ?2, ?3)";
constexpr const char* kSelectBacklog =
    "SELECT first_id, last_id FROM search_backlog WHERE org_id = ?1 ORDER BY first_id";
constexpr const char* kSelectBacklogOrgs = "SELECT DISTINCT org_id FROM search_backlog ORDER BY org_id";
constexpr const char* kAdvanceBacklog = "UPDATE search_backlog SET first_id = ?3 WHERE org_id = ?1 AND first_id = ?2";
constexpr const char* kDeleteBacklog = "DELETE FROM search_backlog WHERE org_id = ?1 AND first_id = ?2";
constexpr const char* kDeleteSearchRange =
    "DELETE FROM customer_search WHERE org_id = ?1 AND customer_id BETWEEN ?2 AND ?3";
constexpr const char* kDeleteGramsRange =
    "DELETE FROM customer_grams WHERE org_id = ?1 AND customer_id BETWEEN ?2 AND ?3";
constexpr const char* kDeleteFtsRange = "DELETE FROM customer_fts WHERE rowid BETWEEN ?1 AND ?2";

// Phones and contacts live in the customer row (storage/records.hpp).
std::string EncodePhones(const std::vector<domain::Phone>& phones) {
    std::string out;
    for (const auto& p : phones) {
        if (!out.empty()) out.push_back(kRecordSep);
        out += p.kind + kFieldSep + p.number + kFieldSep + p.label;
    }
    return out;
}

std::vector<domain::Phone> DecodePhones(const std::string& text) {
    std::vector<domain::Phone> phones;
    for (auto& f : SplitRecords(text)) {
        f.resize(3);
        phones.push_back({std::move(f[0]), std::move(f[1]), std::move(f[2])});
    }
    return phones;
}

std::string EncodeContacts(const std::vector<domain::Contact>& contacts) {
    std::string out;
    for (const auto& k : contacts) {
        if (!out.empty()) out.push_back(kRecordSep);
        out += k.name + kFieldSep + k.title + kFieldSep + k.mobile + kFieldSep + k.landline + kFieldSep + k.email +
               kFieldSep + (k.is_primary ? "1" : "0");
    }
    return out;
}

std::vector<domain::Contact> DecodeContacts(const std::string& text) {
    std::vector<domain::Contact> contacts;
    for (auto& f : SplitRecords(text)) {
        f.resize(6);
        contacts.push_back(
            {std::move(f[0]), std::move(f[1]), std::move(f[2]), std::move(f[3]), std::move(f[4]), f[5] == "1"});
    }
    return contacts;
}

// The first phone number of an encoded list.
std::string FirstPhone(const std::string& text) {
    auto start = text.find(kFieldSep);
    if (start == std::string::npos) return {};
    auto end = text.find_first_of(std::string{kFieldSep, kRecordSep}, start + 1);
    return text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

domain::Customer ReadCustomer(const Row& r) {
    domain::Customer c;
    c.org_id = r.GetId<OrgId>(0);
    c.id = r.GetId<CustomerId>(1);
    c.version = r.Int(2);
    c.kind = r.Text(3);
    c.customer_type = r.Text(4);
    c.special_kind = r.Text(5);
    c.category = r.Text(6);
    c.name = r.Text(7);
    c.company_name = r.Text(8);
    c.id_number = r.Text(9);
    c.enterprise_nature = r.Text(10);
    c.supervising_unit = r.Text(11);
    c.address = r.Text(12);
    c.website = r.Text(13);
    c.credit_status = r.Text(14);
    c.grade = r.Text(15);
    c.secrecy = r.Text(16);
    c.notes = r.Text(17);
    c.department_id = r.GetId<DepartmentId>(18);
    c.owner_id = r.GetId<UserId>(19);
    c.created_at = r.Int(20);
    c.updated_at = r.Int(21);
    c.created_by = r.GetId<UserId>(22);
    c.phones = DecodePhones(r.Text(23));
    c.contacts = DecodeContacts(r.Text(24));
    return c;
}

domain::Vehicle ReadVehicle(const Row& r) {
    domain::Vehicle v;
    v.org_id = r.GetId<OrgId>(0);
    v.id = r.GetId<VehicleId>(1);
    v.customer_id = r.GetId<CustomerId>(2);
    v.version = r.Int(3);
    v.vin = r.Text(4);
    v.plate = r.Text(5);
    v.brand = r.Text(6);
    v.model = r.Text(7);
    v.color = r.Text(8);
    v.purchase_date = r.Text(9);
    v.sold_by_us = r.Int(10) != 0;
    v.created_at = r.Int(11);
    return v;
}

// Escapes LIKE wildcards; used with ESCAPE '\'.
std::string LikePattern(std::string_view q) {
    std::string out = "%";
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('%');
    return out;
}

// An FTS5 phrase: the query in double quotes, inner quotes doubled.
std::string FtsPhrase(std::string_view q) {
    std::string out = "\"";
    for (char c : q) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// `id_column` is the customer id as the driving index holds it (f.rowid, g.customer_id, ...):
// ordering by it lets the first page come straight off that index instead of a sort of every match.
std::string OrderBy(std::string_view sort, const std::string& id_column) {
    if (sort == "name") return " ORDER BY c.name, c.id";
    if (sort == "-name") return " ORDER BY c.name DESC, c.id DESC";
    if (sort == "updated_at") return " ORDER BY c.updated_at, c.id";
    if (sort == "-updated_at") return " ORDER BY c.updated_at DESC, c.id DESC";
    if (sort == "id") return " ORDER BY " + id_column;
    return " ORDER BY " + id_column + " DESC";
}

}  // namespace

namespace {

// The first 21 parameters of kInsertCustomerRow and ?1..?21 of kUpdateCustomer. The encoded lists are borrowed: they
// must outlive the statement.
std::vector<Param> CustomerParams(const domain::Customer& c, const std::string& phones, const std::string& contacts) {
    return {c.org_id,
            c.id,
            c.kind,
            c.customer_type,
            c.special_kind,
            c.category,
            c.name,
            c.company_name,
            c.id_number,
            c.enterprise_nature,
            c.supervising_unit,
            c.address,
            c.website,
            c.credit_status,
            c.grade,
            c.secrecy,
            c.notes,
            c.department_id,
            OptionalId(c.owner_id),
            phones,
            contacts};
}

}  // namespace

void CustomerRepo::InsertCustomer(const domain::Customer& c) { InsertCustomers({&c}); }

void CustomerRepo::InsertCustomers(const std::vector<const domain::Customer*>& customers) {
    std::vector<std::string> lists;  // the encoded phones and contacts the parameters borrow
    lists.reserve(customers.size() * 2);
    std::vector<Param> params;
    params.reserve(customers.size() * 24);
    for (const domain::Customer* c : customers) {
        lists.push_back(EncodePhones(c->phones));
        lists.push_back(EncodeContacts(c->contacts));
        auto row = CustomerParams(*c, lists[lists.size() - 2], lists.back());
        params.insert(params.end(), row.begin(), row.end());
        params.insert(params.end(), {c->created_at, c->updated_at, OptionalId(c->created_by)});
    }
    InsertRows(tx_, CustomerRowsPerInsert(tx_.dialect()), kInsertCustomersHead, kInsertCustomerRow, params);
}

bool CustomerRepo::UpdateCustomer(const domain::Customer& c, std::int64_t expected_version) {
    std::string phones = EncodePhones(c.phones);
    std::string contacts = EncodeContacts(c.contacts);
    std::vector<Param> params = CustomerParams(c, phones, contacts);
    params.insert(params.end(), {c.updated_at, expected_version});
    return tx_.Exec(kUpdateCustomer, params) == 1;
}

std::optional<domain::Customer> CustomerRepo::GetCustomer(OrgId org, CustomerId id) {
    static const std::string kSql = std::string(kCustomerColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::Customer> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadCustomer(r); });
    return out;
}

std::int64_t CustomerRepo::CountCustomers(OrgId org) { return tx_.QueryInt(kCountCustomers, {org}).value_or(0); }

void CustomerRepo::IndexCustomer(const domain::Customer& c,
                                 const std::vector<domain::Vehicle>& vehicles,
                                 IndexMode mode) {
    // Lower-cased like queries are (domain::NormalizeQuery), so LIKE matches the same on both backends.
    std::string text = domain::SearchText(c, vehicles);
    for (auto& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    tx_.Exec(kUpsertSearch, {c.org_id, c.id, text});
    if (mode == IndexMode::kReplace) tx_.Exec(kDeleteGrams, {c.org_id, c.id});
    // One multi-row INSERT per customer (statements cached per row count).
    std::set<std::string> grams = domain::ShortGrams(c, vehicles);
    if (!grams.empty()) {
        std::string sql = "INSERT INTO customer_grams(org_id, gram, customer_id) VALUES ";
        std::vector<Param> params;
        params.reserve(grams.size() * 3);
        for (const auto& gram : grams) {
            std::size_t base = params.size();
            sql += (base ? ", (?" : "(?") + std::to_string(base + 1) + ", ?" + std::to_string(base + 2) + ", ?" +
                   std::to_string(base + 3) + ")";
            params.emplace_back(c.org_id);
            params.emplace_back(gram);
            params.emplace_back(c.id);
        }
        tx_.Exec(sql, params);
    }
    // The FTS5 table last: once it is part of the transaction, every later statement that opens a
    // statement journal makes FTS5 flush its pending terms (see IndexTrigrams).
    if (tx_.dialect() == Dialect::kSqlite && mode != IndexMode::kNewDeferTrigrams) {
        if (mode == IndexMode::kReplace) tx_.Exec(kDeleteFts, {c.id});
        tx_.Exec(kInsertFts, {c.id, text, c.org_id});
    }
}

void CustomerRepo::IndexNewCustomers(OrgId org, const std::vector<IndexedCustomer>& customers) {
    if (customers.empty()) return;
    std::vector<std::pair<std::string, std::int64_t>> grams;  // (gram, customer id)
    std::vector<std::string> texts;                           // the parameters borrow them
    texts.reserve(customers.size());
    std::vector<Param> params;
    params.reserve(customers.size() * 3);
    for (const auto& ic : customers) {
        texts.push_back(domain::SearchText(ic.customer, ic.vehicles));
        for (auto& ch : texts.back()) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        params.insert(params.end(), {org, ic.customer.id, texts.back()});
        for (auto& gram : domain::ShortGrams(ic.customer, ic.vehicles)) grams.emplace_back(gram, ic.customer.id.value);
    }
    InsertRows(tx_,
               CustomerRowsPerInsert(tx_.dialect()),
               "INSERT INTO customer_search(org_id, customer_id, text) VALUES ",
               "(?, ?, ?)",
               params);
    // In gram order: consecutive rows land on the same pages of the (org, gram, customer) key
    // instead of one random page each, which in a large index is most of the cost.
    std::sort(grams.begin(), grams.end());
    params.clear();
    params.reserve(grams.size() * 3);
    for (const auto& [gram, customer] : grams) params.insert(params.end(), {org, gram, customer});
    InsertRows(tx_,
               CustomerRowsPerInsert(tx_.dialect()),
               "INSERT INTO customer_grams(org_id, gram, customer_id) VALUES ",
               "(?, ?, ?)",
               params);
    IndexTrigrams(org, customers.front().customer.id, customers.back().customer.id);
}

void CustomerRepo::IndexTrigrams(OrgId org, CustomerId first, CustomerId last) {
    // One statement for a whole import: FTS5 builds its segments once instead of flushing at the
    // statement savepoint of every row. PostgreSQL's pg_trgm index follows customer_search itself.
    if (tx_.dialect() != Dialect::kSqlite) return;
    tx_.Exec(kInsertFtsRange, {org, first, last});
}

void CustomerRepo::AddSearchBacklog(OrgId org, IdRange range) {
    tx_.Exec(kInsertBacklog, {org, range.first, range.last});
}

std::vector<IdRange> CustomerRepo::SearchBacklog(OrgId org) {
    std::vector<IdRange> out;
    tx_.Query(kSelectBacklog, {org}, [&](const Row& r) { out.push_back({r.Int(0), r.Int(1)}); });
    return out;
}

std::vector<OrgId> CustomerRepo::OrgsWithSearchBacklog() {
    std::vector<OrgId> out;
    tx_.Query(kSelectBacklogOrgs, {}, [&](const Row& r) { out.push_back(r.GetId<OrgId>(0)); });
    return out;
}

std::optional<IdRange> CustomerRepo::LockFirstSearchBacklog(OrgId org) {
    static const std::string kSqlite = std::string(kSelectBacklog) + " LIMIT 1";
    static const std::string kPostgres = kSqlite + " FOR UPDATE";
    std::optional<IdRange> out;
    tx_.Query(tx_.dialect() == Dialect::kSqlite ? kSqlite : kPostgres, {org}, [&](const Row& r) {
        out = IdRange{r.Int(0), r.Int(1)};
    });
    return out;
}

void CustomerRepo::AdvanceSearchBacklog(OrgId org, std::int64_t first, std::int64_t next) {
    std::optional<std::int64_t> last;
    tx_.Query("SELECT last_id FROM search_backlog WHERE org_id = ?1 AND first_id = ?2",
              {org, first},
              [&](const Row& r) { last = r.Int(0); });
    if (!last) return;
    if (next > *last) {
        tx_.Exec(kDeleteBacklog, {org, first});
    } else {
        tx_.Exec(kAdvanceBacklog, {org, first, next});
    }
}

std::vector<IndexedCustomer> CustomerRepo::LoadForIndexing(OrgId org, IdRange range, std::int64_t limit) {
    static const std::string kCustomers =
        std::string(kCustomerColumns) + "WHERE org_id = ?1 AND id BETWEEN ?2 AND ?3 ORDER BY id LIMIT ?4";
    static const std::string kCustomersLocked = kCustomers + " FOR SHARE";
    static const std::string kVehicles =
        std::string(kVehicleColumns) + "WHERE org_id = ?1 AND customer_id BETWEEN ?2 AND ?3 ORDER BY customer_id, id";
    std::vector<IndexedCustomer> out;
    tx_.Query(tx_.dialect() == Dialect::kSqlite ? kCustomers : kCustomersLocked,
              {org, range.first, range.last, limit},
              [&](const Row& r) {
                  out.push_back({ReadCustomer(r), {}});
              });
    if (out.empty()) return out;
    std::size_t at = 0;
    tx_.Query(kVehicles, {org, out.front().customer.id, out.back().customer.id}, [&](const Row& r) {
        domain::Vehicle v = ReadVehicle(r);
        while (at < out.size() && out[at].customer.id < v.customer_id) ++at;
        if (at < out.size() && out[at].customer.id == v.customer_id) out[at].vehicles.push_back(std::move(v));
    });
    return out;
}

void CustomerRepo::DeleteIndexRows(OrgId org, IdRange range) {
    tx_.Exec(kDeleteSearchRange, {org, range.first, range.last});
    tx_.Exec(kDeleteGramsRange, {org, range.first, range.last});
    if (tx_.dialect() == Dialect::kSqlite) tx_.Exec(kDeleteFtsRange, {range.first, range.last});
}

Page<CustomerSummary> CustomerRepo::Search(const CustomerQuery& query) {
    std::vector<Param> params{query.org};
    std::string from = " FROM customers c";
    std::string where = " WHERE c.org_id = ?1";
    std::string id_column = "c.id";
    std::string pattern, backlog_pattern;
    auto next = [&]() { return "?" + std::to_string(params.size() + 1); };
    // Substring search: an FTS5 trigram phrase on SQLite for 3+ characters; the short-gram index
    // for 1–2 Chinese characters; otherwise LIKE on the search text (PostgreSQL's pg_trgm index
    // serves it for 3+ characters; 1–2 digits or letters scan).
    const domain::QueryPlan plan = domain::PlanQuery(query.q);
    // The index answering q: joined to customers (`match_from`, `match_where`), or as the ids it
    // matches (`match_ids`) when the search backlog needs an OR beside it.
    std::string match_from, match_id, match_where, match_ids;
    if (plan == domain::QueryPlan::kTrigram && tx_.dialect() == Dialect::kSqlite) {
        pattern = FtsPhrase(query.q);  // parameters borrow their text: it must outlive the query
        params.emplace_back(pattern);
        const std::string p = "?" + std::to_string(params.size());
        match_from = " FROM customer_fts f JOIN customers c ON c.org_id = ?1 AND c.id = f.rowid";
        match_id = "f.rowid";
        match_where = " AND f.org_id = ?1 AND customer_fts MATCH " + p;
        match_ids = "SELECT rowid FROM customer_fts WHERE org_id = ?1 AND customer_fts MATCH " + p;
    } else if (plan == domain::QueryPlan::kGram) {
        pattern = query.q;
        params.emplace_back(pattern);
        const std::string p = "?" + std::to_string(params.size());
        match_from = " FROM customer_grams g JOIN customers c ON c.org_id = g.org_id AND c.id = g.customer_id";
        match_id = "g.customer_id";
        match_where = " AND g.org_id = ?1 AND g.gram = " + p;
        match_ids = "SELECT customer_id FROM customer_grams WHERE org_id = ?1 AND gram = " + p;
    } else if (plan != domain::QueryPlan::kAll) {
        pattern = LikePattern(query.q);
        params.emplace_back(pattern);
        const std::string p = "?" + std::to_string(params.size());
        match_from = " FROM customer_search s JOIN customers c ON c.org_id = s.org_id AND c.id = s.customer_id";
        match_id = "s.customer_id";
        match_where = " AND s.org_id = ?1 AND s.text LIKE " + p + " ESCAPE '\\'";
        match_ids = "SELECT customer_id FROM customer_search WHERE org_id = ?1 AND text LIKE " + p + " ESCAPE '\\'";
    }
    const std::vector<IdRange> backlog =
        plan == domain::QueryPlan::kAll ? std::vector<IdRange>{} : SearchBacklog(query.org);
    if (!backlog.empty()) {
        // Issue 2: customers an import committed and the search indexer has not reached yet match
        // on their own columns (the ones domain::SearchText indexes), lower-cased as queries are.
        backlog_pattern = LikePattern(query.q);
        params.emplace_back(backlog_pattern);
        const std::string p = "?" + std::to_string(params.size());
        auto like = [&](const std::string& column) { return "lower(" + column + ") LIKE " + p + " ESCAPE '\\'"; };
        std::string ranges;
        for (const auto& range : backlog) {
            ranges += (ranges.empty() ? "" : " OR ") + std::string("c.id BETWEEN ") + std::to_string(range.first) +
                      " AND " + std::to_string(range.last);
        }
        where += " AND (c.id IN (" + match_ids + ") OR ((" + ranges + ") AND (" + like("c.name") + " OR " +
                 like("c.company_name") + " OR " + like("c.phones") + " OR " + like("c.contacts") +
                 " OR EXISTS (SELECT 1 FROM vehicles v WHERE v.org_id = ?1 AND v.customer_id = c.id AND (" +
                 like("v.plate") + " OR " + like("v.vin") + ")))))";
    } else if (!match_from.empty()) {
        from = match_from;
        id_column = match_id;
        where += match_where;
    }
    auto visible = VisibleTerm(
        params, query.scope, query.viewer, query.granted, {}, {"c.department_id", "c.secrecy", "c.owner_id", "c.id"});
    if (!visible) return {};
    where += *visible;
    if (query.department.valid()) {
        where += " AND c.department_id = " + next();
        params.emplace_back(query.department);
    }
    if (query.owner.valid()) {
        where += " AND c.owner_id = " + next();
        params.emplace_back(query.owner);
    }
    if (!query.category.empty()) {
        where += " AND c.category = " + next();
        params.emplace_back(query.category);
    }
    Page<CustomerSummary> page;
    // Counting is capped: past kCountCap matches the answer says "1000+" instead of counting on.
    std::string count_sql =
        "SELECT COUNT(*) FROM (SELECT 1" + from + where + " LIMIT " + std::to_string(kCountCap + 1) + ") t";
    tx_.Query(count_sql, params, [&](const Row& r) { page.total = r.Int(0); });
    if (page.total > kCountCap) {
        page.total = kCountCap;
        page.total_is_estimate = true;
    }
    std::string sql =
        "SELECT c.id, c.version, c.name, c.kind, c.customer_type, c.category, c.company_name, c.grade, c.secrecy, "
        "c.phones, c.department_id, c.owner_id, c.updated_at" +
        from + where + OrderBy(query.sort, id_column) + " LIMIT " + next();
    params.emplace_back(query.limit);
    sql += " OFFSET " + next();
    params.emplace_back(query.offset);
    tx_.Query(sql, params, [&](const Row& r) {
        CustomerSummary s;
        s.id = r.GetId<CustomerId>(0);
        s.version = r.Int(1);
        s.name = r.Text(2);
        s.kind = r.Text(3);
        s.customer_type = r.Text(4);
        s.category = r.Text(5);
        s.company_name = r.Text(6);
        s.grade = r.Text(7);
        s.secrecy = r.Text(8);
        s.phone = FirstPhone(r.Text(9));
        s.department_id = r.GetId<DepartmentId>(10);
        s.owner_id = r.GetId<UserId>(11);
        s.updated_at = r.Int(12);
        page.items.push_back(std::move(s));
    });
    return page;
}

namespace {

// The first 10 parameters of kInsertVehicleRow and ?1..?10 of kUpdateVehicle.
std::vector<Param> VehicleParams(const domain::Vehicle& v) {
    return {v.org_id, v.id, v.customer_id, v.vin, v.plate, v.brand, v.model, v.color, v.purchase_date, v.sold_by_us};
}

}  // namespace

void CustomerRepo::InsertVehicle(const domain::Vehicle& v) { InsertVehicles({&v}); }

void CustomerRepo::InsertVehicles(const std::vector<const domain::Vehicle*>& vehicles) {
    std::vector<Param> params;
    params.reserve(vehicles.size() * 11);
    for (const domain::Vehicle* v : vehicles) {
        auto row = VehicleParams(*v);
        params.insert(params.end(), row.begin(), row.end());
        params.emplace_back(v->created_at);
    }
    InsertRows(tx_, CustomerRowsPerInsert(tx_.dialect()), kInsertVehiclesHead, kInsertVehicleRow, params);
}

bool CustomerRepo::UpdateVehicle(const domain::Vehicle& v, std::int64_t expected_version) {
    std::vector<Param> params = VehicleParams(v);
    params.emplace_back(expected_version);
    return tx_.Exec(kUpdateVehicle, params) == 1;
}

std::optional<domain::Vehicle> CustomerRepo::GetVehicle(OrgId org, VehicleId id) {
    static const std::string kSql = std::string(kVehicleColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::Vehicle> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadVehicle(r); });
    return out;
}

std::optional<domain::Vehicle> CustomerRepo::FindVehicleByVin(OrgId org, std::string_view vin) {
    static const std::string kSql = std::string(kVehicleColumns) + "WHERE org_id = ?1 AND vin = ?2";
    std::optional<domain::Vehicle> out;
    tx_.Query(kSql, {org, vin}, [&](const Row& r) { out = ReadVehicle(r); });
    return out;
}

std::vector<std::string> CustomerRepo::RegisteredVins(OrgId org, const std::vector<std::string>& vins) {
    constexpr std::size_t kPerQuery = 64;  // one round trip per 64 VINs on PostgreSQL
    std::vector<std::string> out;
    std::vector<Param> params;
    for (std::size_t at = 0; at < vins.size(); at += kPerQuery) {
        const std::vector<std::string> chunk(
            vins.begin() + static_cast<std::ptrdiff_t>(at),
            vins.begin() + static_cast<std::ptrdiff_t>(std::min(at + kPerQuery, vins.size())));
        params.assign(1, org);
        const std::string sql = "SELECT vin FROM vehicles WHERE org_id = ?1 AND vin IN " + InList(params, chunk);
        tx_.Query(sql, params, [&](const Row& r) { out.push_back(r.Text(0)); });
    }
    return out;
}

void CustomerRepo::ScrubPersonalText(OrgId org, CustomerId customer, std::string_view mask) {
    tx_.Exec(
        "UPDATE customer_history SET old_value = CASE WHEN old_value = '' THEN '' ELSE ?3 END, "
        "new_value = CASE WHEN new_value = '' THEN '' ELSE ?3 END WHERE org_id = ?1 AND customer_id = ?2",
        {org, customer, mask});
    tx_.Exec("UPDATE interactions SET subject = ?3, body = '' WHERE org_id = ?1 AND customer_id = ?2",
             {org, customer, mask});
}

std::vector<domain::Vehicle> CustomerRepo::ListVehicles(OrgId org, CustomerId customer) {
    // No ORDER BY: SQLite would then prefer the primary key (scanning the organisation) to a sort.
    static const std::string kSql = std::string(kVehicleColumns) + "WHERE org_id = ?1 AND customer_id = ?2";
    std::vector<domain::Vehicle> out;
    tx_.Query(kSql, {org, customer}, [&](const Row& r) { out.push_back(ReadVehicle(r)); });
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

void CustomerRepo::InsertInteraction(const domain::Interaction& i) {
    tx_.Exec(kInsertInteraction,
             {i.org_id,
              i.customer_id,
              i.id,
              i.kind,
              i.direction,
              i.subject,
              i.body,
              i.occurred_at,
              i.author_id,
              i.created_at});
}

std::vector<domain::Interaction> CustomerRepo::ListInteractions(OrgId org, CustomerId customer, std::int64_t limit) {
    std::vector<domain::Interaction> out;
    tx_.Query(kSelectInteractions, {org, customer, limit}, [&](const Row& r) {
        domain::Interaction i;
        i.org_id = org;
        i.id = r.GetId<InteractionId>(0);
        i.customer_id = r.GetId<CustomerId>(1);
        i.kind = r.Text(2);
        i.direction = r.Text(3);
        i.subject = r.Text(4);
        i.body = r.Text(5);
        i.occurred_at = r.Int(6);
        i.author_id = r.GetId<UserId>(7);
        i.author_name = r.Text(8);
        i.created_at = r.Int(9);
        out.push_back(std::move(i));
    });
    return out;
}

void CustomerRepo::InsertHistory(OrgId org, const std::vector<domain::HistoryEntry>& entries) {
    std::vector<Param> params;
    params.reserve(entries.size() * 9);
    for (const auto& h : entries) {
        params.insert(
            params.end(),
            {org, h.customer_id, h.id, h.version, h.field, h.old_value, h.new_value, h.changed_by, h.changed_at});
    }
    InsertRows(tx_, CustomerRowsPerInsert(tx_.dialect()), kInsertHistoryHead, kInsertHistoryRow, params);
}

std::vector<domain::HistoryEntry> CustomerRepo::ListHistory(OrgId org, CustomerId customer, std::int64_t limit) {
    std::vector<domain::HistoryEntry> out;
    tx_.Query(kSelectHistory, {org, customer, limit}, [&](const Row& r) {
        domain::HistoryEntry h;
        h.id = r.Int(0);
        h.customer_id = r.GetId<CustomerId>(1);
        h.version = r.Int(2);
        h.field = r.Text(3);
        h.old_value = r.Text(4);
        h.new_value = r.Text(5);
        h.changed_by = r.GetId<UserId>(6);
        h.changed_by_name = r.Text(7);
        h.changed_at = r.Int(8);
        out.push_back(std::move(h));
    });
    return out;
}

}  // namespace patron::storage
