#include "storage/migrations.hpp"

#include <string>

namespace patron::storage {
namespace {

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

}  // namespace

int SchemaVersion(Database& db) {
    db.ExecScript(kCreateMigrationsTable);
    auto tx = db.Begin(TxMode::kRead);
    return static_cast<int>(tx->QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}).value_or(0));
}

void RefreshPlannerStatistics(Database& db) {
    // SQLite plans by sqlite_stat1; without it, it may scan a table's primary key where an index
    // would do. A sampled ANALYZE (analysis_limit) takes milliseconds even on millions of rows.
    // PostgreSQL keeps its statistics itself (autovacuum).
    if (db.dialect() == Dialect::kSqlite) db.ExecScript("PRAGMA analysis_limit = 1000; ANALYZE;");
}

int Migrate(Database& db) {
    const auto& list = db.dialect() == Dialect::kSqlite ? Migrations_sqlite() : Migrations_postgres();
    int current = SchemaVersion(db);
    int applied = 0;
    for (const auto& migration : list) {
        if (migration.version <= current) continue;
        std::string script = "BEGIN;\n";
        script += migration.sql;
        script += ";\nINSERT INTO schema_migrations(version, name, applied_at) VALUES (" +
                  std::to_string(migration.version) + ", '" + migration.name + "', CURRENT_TIMESTAMP);\nCOMMIT;";
        db.ExecScript(script);
        ++applied;
    }
    RefreshPlannerStatistics(db);
    return applied;
}

}  // namespace patron::storage
