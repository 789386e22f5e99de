// The SQL driver interface both backends implement. Repositories (storage/store.cpp) are written
// once against it, in SQL that SQLite 3.40 and PostgreSQL 15 both accept (see sql_text.hpp);
// what the two dialects do differently (substring search) is asked of the Dialect.
//
// Placeholders are written ?1, ?2 ... (SQLite's positional form); the PostgreSQL driver
// rewrites them to $1, $2 when it prepares a statement. Statements are prepared once per
// connection and cached by their text.
//
// Errors: drivers throw patron::StorageError (or ConstraintError / BusyError); no sqlite3 or
// pqxx type or exception leaves a driver.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.hpp"

namespace patron::storage {

// One bound parameter. Strings are borrowed: they must outlive the call.
class Param {
public:
    enum class Kind { kNull, kInt, kText };
    Param(std::nullptr_t) : kind_(Kind::kNull) {}                  // NOLINT(google-explicit-constructor)
    Param(std::int64_t v) : kind_(Kind::kInt), int_(v) {}          // NOLINT(google-explicit-constructor)
    Param(int v) : kind_(Kind::kInt), int_(v) {}                   // NOLINT(google-explicit-constructor)
    Param(bool v) : kind_(Kind::kInt), int_(v ? 1 : 0) {}          // NOLINT(google-explicit-constructor)
    Param(std::string_view v) : kind_(Kind::kText), text_(v) {}    // NOLINT(google-explicit-constructor)
    Param(const std::string& v) : kind_(Kind::kText), text_(v) {}  // NOLINT(google-explicit-constructor)
    Param(const char* v) : kind_(Kind::kText), text_(v) {}         // NOLINT(google-explicit-constructor)
    template <typename Tag>
    Param(Id<Tag> id) : kind_(Kind::kInt), int_(id.value) {}  // NOLINT(google-explicit-constructor)

    Kind kind() const { return kind_; }
    std::int64_t int_value() const { return int_; }
    std::string_view text() const { return text_; }

private:
    Kind kind_;
    std::int64_t int_ = 0;
    std::string_view text_;
};

// An id that may be absent: NULL when not valid.
template <typename Tag>
Param OptionalId(Id<Tag> id) {
    return id.valid() ? Param(id.value) : Param(nullptr);
}

// "(?3, ?4, ?5)": appends `values` to `params` and returns the placeholder list for an IN clause.
template <typename T>
std::string InList(std::vector<Param>& params, const std::vector<T>& values) {
    std::string out = "(";
    for (std::size_t value_idx = 0; value_idx < values.size(); ++value_idx) {
        params.emplace_back(values[value_idx]);
        out += (value_idx ? ", ?" : "?") + std::to_string(params.size());
    }
    return out + ")";
}

// SEC-4: the records of one type granted to a user for reading at an instant; grantee 0: none. The
// grants stay in the database (a subquery), so a user with many grants costs one index range, not
// a parameter per record.
struct GrantedTo {
    std::int64_t grantee = 0;
    const char* object_type = "customer";
    std::int64_t now = 0;
};

// SEC-4/SEC-6: the rows a viewer may see, as a WHERE term ("" when unrestricted; nullopt when
// nothing): in `scope` (nullopt: everywhere) and, when `viewer` is valid, normal, kept by the
// viewer, or in a department of `keeper_scope`; plus the records granted to `granted.grantee`
// (of the organisation in ?1). Columns name the department, secrecy, custodian and id.
struct VisibleColumns {
    const char* department;
    const char* secrecy;
    const char* custodian;
    const char* id;
};
template <typename UserIdT>
std::optional<std::string> VisibleTerm(std::vector<Param>& params,
                                       const std::optional<std::vector<DepartmentId>>& scope,
                                       UserIdT viewer,
                                       const GrantedTo& granted,
                                       const std::vector<DepartmentId>& keeper_scope,
                                       const VisibleColumns& columns) {
    if (!scope && !viewer.valid()) return std::string();
    if (scope && scope->empty() && granted.grantee == 0) return std::nullopt;
    std::string visible = "1 = 1";
    if (scope) visible = scope->empty() ? "1 = 0" : std::string(columns.department) + " IN " + InList(params, *scope);
    if (viewer.valid()) {
        params.emplace_back(viewer);
        std::string kept = std::string(columns.custodian) + " = ?" + std::to_string(params.size());
        if (!keeper_scope.empty())
            kept += " OR " + std::string(columns.department) + " IN " + InList(params, keeper_scope);
        visible = "(" + visible + ") AND (" + columns.secrecy + " = 'normal' OR " + kept + ")";
    }
    if (granted.grantee != 0) {
        // The action list is stored comma-separated (records.hpp JoinCodes).
        params.emplace_back(granted.grantee);
        const std::string grantee = "?" + std::to_string(params.size());
        params.emplace_back(granted.object_type);
        const std::string type = "?" + std::to_string(params.size());
        params.emplace_back(granted.now);
        const std::string now = "?" + std::to_string(params.size());
        visible = "(" + visible + ") OR " + columns.id +
                  " IN (SELECT g.object_id FROM access_grants g WHERE g.org_id = ?1 AND g.grantee_id = " + grantee +
                  " AND g.object_type = " + type + " AND g.valid_until > " + now + " AND g.valid_from <= " + now +
                  " AND g.revoked_at = 0 AND ',' || g.actions || ',' LIKE '%,read,%')";
    }
    return " AND (" + visible + ")";
}

// One result row; valid only inside the callback that received it.
class Row {
public:
    virtual ~Row() = default;
    virtual bool IsNull(int column) const = 0;
    virtual std::int64_t Int(int column) const = 0;  // 0 for NULL
    virtual std::string Text(int column) const = 0;  // "" for NULL
    template <typename IdT>
    IdT GetId(int column) const {
        return IdT(Int(column));
    }
};

enum class Dialect { kSqlite, kPostgres };

// One transaction on one connection. Not thread-safe; owned by one request at a time.
// Destroying it without Commit() rolls back.
class SqlTx {
public:
    virtual ~SqlTx() = default;
    virtual Dialect dialect() const = 0;
    // Runs a statement and calls on_row for each row it returns.
    virtual void Query(std::string_view sql,
                       const Param* params,
                       std::size_t n_params,
                       const std::function<void(const Row&)>& on_row) = 0;
    // Runs a statement; returns the number of rows it changed.
    virtual std::int64_t Exec(std::string_view sql, const Param* params, std::size_t n_params) = 0;
    virtual void Commit() = 0;

    // Conveniences over the two above.
    void Query(std::string_view sql,
               std::initializer_list<Param> params,
               const std::function<void(const Row&)>& on_row) {
        Query(sql, params.begin(), params.size(), on_row);
    }
    void Query(std::string_view sql, const std::vector<Param>& params, const std::function<void(const Row&)>& on_row) {
        Query(sql, params.data(), params.size(), on_row);
    }
    std::int64_t Exec(std::string_view sql, std::initializer_list<Param> params = {}) {
        return Exec(sql, params.begin(), params.size());
    }
    std::int64_t Exec(std::string_view sql, const std::vector<Param>& params) {
        return Exec(sql, params.data(), params.size());
    }
    // The single integer the statement returns; nullopt for no row.
    std::optional<std::int64_t> QueryInt(std::string_view sql, std::initializer_list<Param> params) {
        std::optional<std::int64_t> out;
        Query(sql, params, [&](const Row& row) { out = row.Int(0); });
        return out;
    }
};

// Inserts the rows whose parameters `params` holds one after another, `rows_per_statement` rows a
// statement: "<head>(?, ?), (?, ?), ..." with `row` ("(?, ?)") repeated and its placeholders numbered.
void InsertRows(SqlTx& tx,
                std::size_t rows_per_statement,
                std::string_view head,
                std::string_view row,
                const std::vector<Param>& params);
// The same for `rows` rows whose parameters params_of(row index, out) appends, a statement's at a
// time (a large insert never holds every row's parameters at once).
void InsertRows(SqlTx& tx,
                std::size_t rows_per_statement,
                std::string_view head,
                std::string_view row,
                std::size_t rows,
                const std::function<void(std::size_t, std::vector<Param>&)>& params_of);

// kBulkWrite: a kWrite that will change many pages (an import): SQLite gives the connection a
// page cache of kBulkCacheMiB for it, so dirty pages are not spilled to the WAL mid-transaction.
enum class TxMode { kRead, kWrite, kBulkWrite };
inline constexpr int kBulkCacheMiB = 1024;

// A database: a pool of connections. Thread-safe.
class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // Starts a transaction. kWrite takes the write lock up front (SQLite BEGIN IMMEDIATE) so two
    // writers never deadlock on a lock upgrade. kRead is a consistent snapshot on SQLite; on
    // PostgreSQL each statement of a kRead sees its own snapshot (no BEGIN/COMMIT round trips).
    virtual std::unique_ptr<SqlTx> Begin(TxMode mode) = 0;
    // Runs a schema script (several statements) outside any transaction. Takes the write lock:
    // never call it while the calling thread holds a write transaction (it would wait forever).
    virtual void ExecScript(std::string_view sql) = 0;
    // Writes a consistent copy of the database to `destination` (SQLite online backup; pg_dump).
    virtual void Backup(const std::string& destination) = 0;
    virtual std::string Describe() const = 0;  // for logs: path or URL without password
};

// Opens a database from a URL: "sqlite:PATH", a plain path, or "postgresql://...".
std::unique_ptr<Database> OpenDatabase(const std::string& url);

}  // namespace patron::storage
