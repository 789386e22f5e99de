// PostgreSQL backend driver (libpqxx): a pool of connections, statements prepared once per
// connection, ?N placeholders rewritten to $N. Selected by a postgresql:// URL.
#pragma once

#include <memory>
#include <string>

#include "storage/sql.hpp"

namespace patron::storage::postgres {

std::unique_ptr<Database> OpenPostgres(const std::string& url);

// "?1 ... ?12" -> "$1 ... $12". Exposed for its unit test.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace patron::storage::postgres
