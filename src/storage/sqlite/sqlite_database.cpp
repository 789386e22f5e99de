#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/errors.hpp"

namespace patron::storage::sqlite {
namespace {

constexpr const char* kNormalCache = "PRAGMA cache_size=-65536;";  // 64 MiB per connection

[[noreturn]] void Throw(sqlite3* db, int rc, std::string_view what) {
    std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    int primary = rc & 0xff;
    if (primary == SQLITE_CONSTRAINT) throw ConstraintError(message);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw BusyError(message);
    throw StorageError(message);
}

class Connection {
public:
    explicit Connection(const std::string& path) {
        int rc = sqlite3_open_v2(
            path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            throw StorageError("cannot open SQLite database " + path + ": " + message);
        }
        sqlite3_busy_timeout(db_, 10000);
        // The audit log lives in its own file beside the database (AuditPath). A commit to a WAL
        // database makes every other connection drop its page cache at its next read; with the
        // log in the main file, the audit writer's commits (every few milliseconds under load)
        // kept every reader's cache cold. Unqualified names resolve to main first, then to
        // attached databases, so queries name `audit_log` without a schema.
        sqlite3_stmt* attach = nullptr;
        std::string audit = AuditPath(path);
        if (sqlite3_prepare_v2(db_, "ATTACH DATABASE ?1 AS audit", -1, &attach, nullptr) != SQLITE_OK ||
            sqlite3_bind_text(attach, 1, audit.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
            sqlite3_step(attach) != SQLITE_DONE) {
            std::string message = sqlite3_errmsg(db_);
            sqlite3_finalize(attach);
            sqlite3_close(db_);
            throw StorageError("cannot open SQLite audit database " + audit + ": " + message);
        }
        sqlite3_finalize(attach);
        Script(std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; ") +
               kNormalCache +
               " PRAGMA temp_store=MEMORY; PRAGMA mmap_size=2147418112; "
               "PRAGMA audit.journal_mode=WAL; PRAGMA audit.synchronous=FULL; PRAGMA audit.cache_size=-65536;");
    }
    ~Connection() {
        for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void Script(std::string_view sql) {
        std::string text(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string message = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            std::string what = "script failed: " + message;
            int primary = rc & 0xff;
            if (primary == SQLITE_BUSY) throw BusyError(what);
            if (primary == SQLITE_CONSTRAINT) throw ConstraintError(what);
            throw StorageError(what);
        }
    }

    sqlite3_stmt* Prepare(std::string_view sql) {
        auto it = statements_.find(sql);
        if (it != statements_.end()) return it->second;
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(
            db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) Throw(db_, rc, "prepare");
        // Dynamic SQL (search with varying filters) would grow the cache without bound; cap it.
        if (statements_.size() > 512) {
            for (auto& [text, old] : statements_) sqlite3_finalize(old);
            statements_.clear();
        }
        return statements_.emplace(std::string(sql), stmt).first->second;
    }

    // Runs a statement without parameters or results through the statement cache (BEGIN, COMMIT,
    // ROLLBACK run on every request: sqlite3_exec would compile them each time).
    void Step(std::string_view sql) {
        sqlite3_stmt* stmt = Prepare(sql);
        int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) Throw(db_, rc, sql);
    }

    sqlite3* db() const { return db_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> statements_;
};

class StmtRow final : public Row {
public:
    explicit StmtRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
    bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
    std::string Text(int column) const override {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        if (text == nullptr) return {};
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
    }

private:
    sqlite3_stmt* stmt_;
};

class SqliteDatabase;

class SqliteTx final : public SqlTx {
public:
    SqliteTx(SqliteDatabase* owner,
             std::unique_ptr<Connection> conn,
             std::unique_lock<std::mutex> write_lock,
             TxMode mode);
    ~SqliteTx() override;

    Dialect dialect() const override { return Dialect::kSqlite; }

    void Query(std::string_view sql,
               const Param* params,
               std::size_t n_params,
               const std::function<void(const Row&)>& on_row) override {
        sqlite3_stmt* stmt = Bind(sql, params, n_params);
        StmtRow row(stmt);
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                try {
                    on_row(row);
                } catch (...) {
                    sqlite3_reset(stmt);
                    throw;
                }
                continue;
            }
            sqlite3_reset(stmt);
            if (rc != SQLITE_DONE) Throw(conn_->db(), rc, "query");
            break;
        }
    }

    std::int64_t Exec(std::string_view sql, const Param* params, std::size_t n_params) override {
        sqlite3_stmt* stmt = Bind(sql, params, n_params);
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE) Throw(conn_->db(), rc, "exec");
        return sqlite3_changes64(conn_->db());
    }

    void Commit() override {
        conn_->Step("COMMIT");
        open_ = false;
    }

private:
    sqlite3_stmt* Bind(std::string_view sql, const Param* params, std::size_t n_params) {
        sqlite3_stmt* stmt = conn_->Prepare(sql);
        sqlite3_clear_bindings(stmt);
        for (std::size_t param_idx = 0; param_idx < n_params; ++param_idx) {
            const Param& p = params[param_idx];
            int pos = static_cast<int>(param_idx) + 1;
            int rc = SQLITE_OK;
            switch (p.kind()) {
                case Param::Kind::kNull:
                    rc = sqlite3_bind_null(stmt, pos);
                    break;
                case Param::Kind::kInt:
                    rc = sqlite3_bind_int64(stmt, pos, p.int_value());
                    break;
                case Param::Kind::kText:
                    rc = sqlite3_bind_text64(stmt, pos, p.text().data(), p.text().size(), SQLITE_STATIC, SQLITE_UTF8);
                    break;
            }
            if (rc != SQLITE_OK) Throw(conn_->db(), rc, "bind");
        }
        return stmt;
    }

    SqliteDatabase* owner_;
    std::unique_ptr<Connection> conn_;
    std::unique_lock<std::mutex> write_lock_;
    bool open_ = true;
    bool bulk_ = false;
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(std::string path) : path_(std::move(path)) {
        // Open one connection now so a bad path fails at start-up, and WAL mode is set once.
        Release(std::make_unique<Connection>(path_));
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    std::unique_ptr<SqlTx> Begin(TxMode mode) override {
        std::unique_lock<std::mutex> write_lock;
        if (mode != TxMode::kRead) write_lock = std::unique_lock<std::mutex>(write_mutex_);
        return std::make_unique<SqliteTx>(this, Acquire(), std::move(write_lock), mode);
    }

    void ExecScript(std::string_view sql) override {
        std::unique_lock<std::mutex> write_lock(write_mutex_);
        auto conn = Acquire();
        conn->Script(sql);
        Release(std::move(conn));
    }

    void Backup(const std::string& destination) override {
        BackupSchema("main", destination);
        BackupSchema("audit", AuditPath(destination));
    }

    std::string Describe() const override { return "sqlite:" + path_; }

    std::unique_ptr<Connection> Acquire() {
        {
            std::lock_guard<std::mutex> lock(pool_mutex_);
            if (!pool_.empty()) {
                auto conn = std::move(pool_.back());
                pool_.pop_back();
                return conn;
            }
        }
        return std::make_unique<Connection>(path_);
    }

    void Release(std::unique_ptr<Connection> conn) {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        pool_.push_back(std::move(conn));
    }

private:
    void BackupSchema(const char* schema, const std::string& destination) {
        auto conn = Acquire();
        sqlite3* dest = nullptr;
        if (sqlite3_open(destination.c_str(), &dest) != SQLITE_OK) {
            std::string message = sqlite3_errmsg(dest);
            sqlite3_close(dest);
            throw StorageError("cannot open backup file " + destination + ": " + message);
        }
        sqlite3_backup* backup = sqlite3_backup_init(dest, "main", conn->db(), schema);
        if (backup == nullptr) {
            std::string message = sqlite3_errmsg(dest);
            sqlite3_close(dest);
            throw StorageError("backup failed: " + message);
        }
        int rc;
        // Copy in steps so writers are not blocked for the whole copy.
        while ((rc = sqlite3_backup_step(backup, 1024)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (rc != SQLITE_OK) sqlite3_sleep(10);
        }
        sqlite3_backup_finish(backup);
        rc = sqlite3_errcode(dest);
        sqlite3_close(dest);
        Release(std::move(conn));
        if (rc != SQLITE_OK && rc != SQLITE_DONE)
            throw StorageError("backup failed: " + std::string(sqlite3_errstr(rc)));
    }

    std::string path_;
    std::mutex write_mutex_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> pool_;  // GUARDED_BY(pool_mutex_)
};

SqliteTx::SqliteTx(SqliteDatabase* owner,
                   std::unique_ptr<Connection> conn,
                   std::unique_lock<std::mutex> write_lock,
                   TxMode mode)
    : owner_(owner), conn_(std::move(conn)), write_lock_(std::move(write_lock)), bulk_(mode == TxMode::kBulkWrite) {
    try {
        // A bulk transaction's commit only appends its pages to the WAL (durable there); copying
        // them into the database file (the checkpoint, otherwise run inside COMMIT once the WAL
        // passes 1,000 pages) follows when the transaction is released, so the commit returns as
        // soon as the data is safe and visible.
        if (bulk_) {
            conn_->Script("PRAGMA cache_size=-" + std::to_string(kBulkCacheMiB * 1024) +
                          "; PRAGMA wal_autocheckpoint=0;");
        }
        conn_->Step(mode == TxMode::kRead ? "BEGIN" : "BEGIN IMMEDIATE");
    } catch (...) {
        owner_->Release(std::move(conn_));
        throw;
    }
}

SqliteTx::~SqliteTx() {
    if (open_) {
        try {
            conn_->Step("ROLLBACK");
        } catch (...) {
            // The connection is in an unknown state: drop it rather than pool it.
            return;
        }
    }
    if (bulk_) {
        try {
            // Frees the bulk pages, then runs the checkpoint the commit left (see the constructor).
            conn_->Script(kNormalCache);
            conn_->Script("PRAGMA wal_autocheckpoint=1000; PRAGMA wal_checkpoint(PASSIVE);");
        } catch (...) {
            return;
        }
    }
    owner_->Release(std::move(conn_));
}

}  // namespace

std::string AuditPath(const std::string& path) { return path + "-audit"; }

std::unique_ptr<Database> OpenSqlite(const std::string& path) {
    // SQLite's allocation statistics take a global mutex on every malloc, which every thread's
    // queries contend for; Patron never reads them. Only possible before SQLite initialises.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    return std::make_unique<SqliteDatabase>(path);
}

}  // namespace patron::storage::sqlite
