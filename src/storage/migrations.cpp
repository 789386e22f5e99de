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
    return applied;
}

}  // namespace patron::storage
