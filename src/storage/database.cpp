#include "storage/postgres/postgres_database.hpp"
#include "storage/sql.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace patron::storage {

std::unique_ptr<Database> OpenDatabase(const std::string& url) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return postgres::OpenPostgres(url);
    if (url.starts_with("sqlite:")) return sqlite::OpenSqlite(url.substr(7));
    return sqlite::OpenSqlite(url);
}

}  // namespace patron::storage
