// Expected<T>: the value of an operation whose failure is an expected business outcome
// (invalid input, not found, forbidden, conflict). GCC 12 in C++20 has no std::expected.
// Infrastructure failures are exceptions (patron::Error); bugs are PATRON_ASSERT.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/assert.hpp"

namespace patron {

// The business outcomes. One table in http/ maps them to HTTP statuses, one in cli/ to exit codes.
enum class ErrorCode {
    kInvalidArgument,     // a field is missing, of the wrong type or format, or out of range
    kUnauthenticated,     // no valid session
    kForbidden,           // authenticated, but the caller may not do this
    kNotFound,            // no such record, or the caller may not know it exists
    kConflict,            // stale version, duplicate key
    kFailedPrecondition,  // illegal state transition
    kTooManyRequests,     // throttled
    kPayloadTooLarge,     // body over the limit
    kUnsupportedMediaType,
};

// One violated field of an invalid request.
struct FieldError {
    std::string field;
    std::string message;
};

struct Error {
    ErrorCode code;
    std::string message;
    std::string field;                  // the offending field (JSON pointer-ish, "phones[1].number"), if any
    std::vector<FieldError> details{};  // every violated field when several were checked at once
};

inline Error MakeError(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

template <typename T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Expected(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return data_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        PATRON_ASSERT(ok());
        return std::get<0>(data_);
    }
    const T& value() const& {
        PATRON_ASSERT(ok());
        return std::get<0>(data_);
    }
    T&& value() && {
        PATRON_ASSERT(ok());
        return std::get<0>(std::move(data_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        PATRON_ASSERT(!ok());
        return std::get<1>(data_);
    }

private:
    std::variant<T, Error> data_;
};

struct Unit {};

template <>
class [[nodiscard]] Expected<void> {
public:
    Expected() = default;
    Expected(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const {
        PATRON_ASSERT(!ok_);
        return error_;
    }

private:
    Error error_{};
    bool ok_ = true;
};

using Status = Expected<void>;

// Propagates an error from an Expected-returning expression.
#define PATRON_TRY(expr)                       \
    do {                                       \
        auto&& patron_try_result_ = (expr);    \
        if (!patron_try_result_.ok()) {        \
            return patron_try_result_.error(); \
        }                                      \
    } while (false)

}  // namespace patron
