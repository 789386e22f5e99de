// Configuration: a TOML file (patron.toml) with environment overrides. Precedence: command-line
// flag > environment > file > default.
//   [server]   host, port, io_threads, blocking_threads, static_root, secure_cookies, access_log,
//              plain_http_from, trusted_proxies, allow_plain_http (SEC-9; http/server.hpp)
//   [database] url            ("sqlite:./var/patron.db" or "postgresql://user@host/db"),
//              files_dir      (scanned documents; default beside the SQLite file, or ./var/files)
//   [security] argon2_ops, argon2_mem_kib
//   [log]      level          (trace, debug, info, warn, error)
// Environment: PATRON_DATABASE_URL, PATRON_FILES_DIR, PATRON_HOST, PATRON_PORT, PATRON_STATIC_ROOT, PATRON_LOG_LEVEL,
// PATRON_IO_THREADS, PATRON_ACCESS_LOG (1 or true), PATRON_PLAIN_HTTP_FROM and PATRON_TRUSTED_PROXIES (comma-
// separated networks; "none"), PATRON_ALLOW_PLAIN_HTTP (1 or true), PATRON_TEST_CLOCK_FILE (tests and demonstrations
// only: a file holding a number of seconds by which the server's clock runs ahead; see AdjustableClock).
#pragma once

#include <string>

#include "common/crypto.hpp"
#include "http/server.hpp"

namespace patron::cli {

// I/O threads when the database is PostgreSQL and none were configured.
inline constexpr int kPostgresIoThreads = 16;

struct Config {
    std::string database_url = "sqlite:./var/patron.db";
    std::string files_dir;  // "" = storage::DefaultBlobRoot(database_url)
    http::ServerOptions server;
    std::string static_root;  // default: web/dist next to the source tree the binary was built from
    bool secure_cookies = false;
    crypto::PasswordCost password_cost;
    std::string log_level = "info";
    bool io_threads_explicit = false;  // set in the file or the environment
    std::string clock_file;            // PATRON_TEST_CLOCK_FILE
};

// Reads `path` if it is not empty (a missing explicit file is an error), then the environment.
Config LoadConfig(const std::string& path);

// Defaults that depend on the database chosen (after command-line overrides): PostgreSQL gets
// kPostgresIoThreads I/O threads unless they were configured.
void ApplyBackendDefaults(Config& config);

// "127.0.0.1:8080" -> host, port. False when malformed.
bool ParseListen(const std::string& listen, std::string* host, unsigned short* port);

}  // namespace patron::cli
