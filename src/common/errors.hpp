// Infrastructure failures: the database is unavailable or corrupt, a constraint the code
// relies on was violated. Each storage backend translates its driver's errors into these at
// its boundary, so no sqlite3 or pqxx type leaves storage/.
#pragma once

#include <stdexcept>
#include <string>

namespace patron {

class Exception : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The storage layer failed (I/O, lost connection, corruption).
class StorageError : public Exception {
public:
    using Exception::Exception;
};

// A unique or foreign-key constraint was violated; the app layer may turn it into kConflict.
class ConstraintError : public StorageError {
public:
    using StorageError::StorageError;
};

// Two writers raced (SQLite busy after the timeout, PostgreSQL serialization failure).
class BusyError : public StorageError {
public:
    using StorageError::StorageError;
};

// Configuration is wrong (bad URL, unreadable file).
class ConfigError : public Exception {
public:
    using Exception::Exception;
};

}  // namespace patron
