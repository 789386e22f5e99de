// SQLite backend driver: WAL mode, busy_timeout, one connection per concurrent transaction from a
// pool, prepared statements cached per connection, writers serialised in-process by a mutex
// (and across processes by BEGIN IMMEDIATE).
#pragma once

#include <memory>
#include <string>

#include "storage/sql.hpp"

namespace patron::storage::sqlite {

// Opens (creating if needed) the database file at `path`. ":memory:" is not supported (each pooled
// connection would see its own database); tests use a temporary file.
// The audit log is kept in a second file beside it, AuditPath(path) (see the connection set-up);
// Backup writes both.
std::unique_ptr<Database> OpenSqlite(const std::string& path);

// "<path>-audit": the file holding the audit log of the database at `path`.
std::string AuditPath(const std::string& path);

}  // namespace patron::storage::sqlite
