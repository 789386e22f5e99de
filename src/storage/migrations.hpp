// Numbered schema migrations, embedded from storage/migrations/{sqlite,postgres}/NNNN_name.sql at
// build time. Applied in order, each in one transaction together with its schema_migrations row,
// so a crash leaves the schema at the last whole version.
#pragma once

#include <vector>

#include "storage/sql.hpp"

namespace patron::storage {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

const std::vector<Migration>& Migrations_sqlite();
const std::vector<Migration>& Migrations_postgres();

// Applies every migration not yet applied, then refreshes planner statistics; returns how many
// migrations ran. Idempotent.
int Migrate(Database& db);
// Refreshes the query planner's statistics (SQLite ANALYZE, sampled); run at start-up by Migrate
// and after large imports.
void RefreshPlannerStatistics(Database& db);
// The highest applied version (0 for an empty database).
int SchemaVersion(Database& db);

}  // namespace patron::storage
