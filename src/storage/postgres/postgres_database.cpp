#include "storage/postgres/postgres_database.hpp"

#include <cstdlib>
#include <mutex>
#include <pqxx/pqxx>
#include <unordered_map>
#include <vector>

#include "common/errors.hpp"

namespace patron::storage::postgres {

std::string RewritePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    for (std::size_t char_idx = 0; char_idx < sql.size(); ++char_idx) {
        char c = sql[char_idx];
        if (c == '?' && char_idx + 1 < sql.size() && sql[char_idx + 1] >= '0' && sql[char_idx + 1] <= '9') {
            out.push_back('$');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

namespace {

// Translates a pqxx failure into the storage exceptions; never lets a pqxx type escape.
[[noreturn]] void Rethrow(std::string_view what) {
    try {
        throw;
    } catch (const pqxx::integrity_constraint_violation& e) {
        throw ConstraintError(std::string(what) + ": " + e.what());
    } catch (const pqxx::serialization_failure& e) {
        throw BusyError(std::string(what) + ": " + e.what());
    } catch (const pqxx::deadlock_detected& e) {
        throw BusyError(std::string(what) + ": " + e.what());
    } catch (const pqxx::failure& e) {
        throw StorageError(std::string(what) + ": " + e.what());
    } catch (const pqxx::usage_error& e) {
        throw StorageError(std::string(what) + ": " + e.what());
    }
}

struct Connection {
    explicit Connection(const std::string& url) : conn(url) {}
    pqxx::connection conn;
    std::unordered_map<std::string, std::string> prepared;  // sql text -> statement name
    bool broken = false;

    const std::string& Prepare(std::string_view sql) {
        auto it = prepared.find(std::string(sql));
        if (it != prepared.end()) return it->second;
        std::string name = "s" + std::to_string(prepared.size());
        conn.prepare(name, RewritePlaceholders(sql));
        return prepared.emplace(std::string(sql), name).first->second;
    }
};

class PgRow final : public Row {
public:
    explicit PgRow(const pqxx::row& row) : row_(row) {}
    bool IsNull(int column) const override { return row_[column].is_null(); }
    std::int64_t Int(int column) const override {
        if (row_[column].is_null()) return 0;
        return row_[column].as<std::int64_t>();
    }
    std::string Text(int column) const override {
        if (row_[column].is_null()) return {};
        return std::string(row_[column].c_str(), row_[column].size());
    }

private:
    const pqxx::row& row_;
};

class PostgresDatabase;

class PgTx final : public SqlTx {
public:
    PgTx(PostgresDatabase* owner, std::unique_ptr<Connection> conn, TxMode mode);
    ~PgTx() override;

    Dialect dialect() const override { return Dialect::kPostgres; }

    void Query(std::string_view sql,
               const Param* params,
               std::size_t n_params,
               const std::function<void(const Row&)>& on_row) override {
        pqxx::result result = Run(sql, params, n_params);
        for (const auto& row : result) on_row(PgRow(row));
    }

    std::int64_t Exec(std::string_view sql, const Param* params, std::size_t n_params) override {
        return Run(sql, params, n_params).affected_rows();
    }

    void Commit() override {
        try {
            work_->commit();
        } catch (...) {
            conn_->broken = true;
            Rethrow("commit");
        }
    }

private:
    pqxx::result Run(std::string_view sql, const Param* params, std::size_t n_params) {
        std::vector<std::string> texts(n_params);
        std::vector<const char*> values(n_params, nullptr);
        for (std::size_t param_idx = 0; param_idx < n_params; ++param_idx) {
            const Param& p = params[param_idx];
            switch (p.kind()) {
                case Param::Kind::kNull:
                    break;
                case Param::Kind::kInt:
                    texts[param_idx] = std::to_string(p.int_value());
                    values[param_idx] = texts[param_idx].c_str();
                    break;
                case Param::Kind::kText:
                    texts[param_idx] = std::string(p.text());
                    values[param_idx] = texts[param_idx].c_str();
                    break;
            }
        }
        try {
            const std::string& name = conn_->Prepare(sql);
            return work_->exec_prepared(name, pqxx::prepare::make_dynamic_params(values.begin(), values.end()));
        } catch (const pqxx::broken_connection&) {
            conn_->broken = true;
            Rethrow("query");
        } catch (...) {
            Rethrow("query");
        }
    }

    PostgresDatabase* owner_;
    std::unique_ptr<Connection> conn_;
    std::unique_ptr<pqxx::transaction_base> work_;
};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(std::string url) : url_(std::move(url)) {
        Release(Connect());  // fail fast on a bad URL
    }

    Dialect dialect() const override { return Dialect::kPostgres; }

    std::unique_ptr<SqlTx> Begin(TxMode mode) override { return std::make_unique<PgTx>(this, Acquire(), mode); }

    void ExecScript(std::string_view sql) override {
        auto conn = Acquire();
        try {
            pqxx::nontransaction txn(conn->conn);
            txn.exec(std::string(sql));
        } catch (...) {
            conn->broken = true;  // may be left inside an aborted transaction block
            Release(std::move(conn));
            Rethrow("script");
        }
        Release(std::move(conn));
    }

    void Backup(const std::string& destination) override {
        std::string command = "pg_dump --format=custom --file='" + destination + "' '" + url_ + "'";
        if (destination.find('\'') != std::string::npos || url_.find('\'') != std::string::npos) {
            throw StorageError("backup destination or URL contains a quote");
        }
        if (std::system(command.c_str()) != 0) throw StorageError("pg_dump failed");
    }

    std::string Describe() const override {
        // Hide the password: postgresql://user:secret@host -> postgresql://user:***@host
        std::string shown = url_;
        auto scheme = shown.find("://");
        auto at = shown.find('@');
        if (scheme != std::string::npos && at != std::string::npos) {
            auto colon = shown.find(':', scheme + 3);
            if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
        }
        return shown;
    }

    std::unique_ptr<Connection> Acquire() {
        {
            std::lock_guard<std::mutex> lock(pool_mutex_);
            if (!pool_.empty()) {
                auto conn = std::move(pool_.back());
                pool_.pop_back();
                return conn;
            }
        }
        return Connect();
    }

    void Release(std::unique_ptr<Connection> conn) {
        if (conn->broken || !conn->conn.is_open()) return;
        std::lock_guard<std::mutex> lock(pool_mutex_);
        pool_.push_back(std::move(conn));
    }

private:
    std::unique_ptr<Connection> Connect() {
        try {
            return std::make_unique<Connection>(url_);
        } catch (...) {
            Rethrow("connect to " + Describe());
        }
    }

    std::string url_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> pool_;  // GUARDED_BY(pool_mutex_)
};

PgTx::PgTx(PostgresDatabase* owner, std::unique_ptr<Connection> conn, TxMode mode)
    : owner_(owner), conn_(std::move(conn)) {
    try {
        // Reads run without BEGIN/COMMIT (each statement its own snapshot): two round trips fewer
        // per request, and a read never needs to see its own statements' effects.
        if (mode == TxMode::kRead) {
            work_ = std::make_unique<pqxx::nontransaction>(conn_->conn);
        } else {
            work_ = std::make_unique<pqxx::work>(conn_->conn);
        }
    } catch (...) {
        conn_->broken = true;
        owner_->Release(std::move(conn_));
        Rethrow("begin");
    }
}

PgTx::~PgTx() {
    try {
        work_.reset();  // aborts when not committed
    } catch (...) {
        conn_->broken = true;
    }
    owner_->Release(std::move(conn_));
}

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& url) { return std::make_unique<PostgresDatabase>(url); }

}  // namespace patron::storage::postgres
