// Time: Timestamp is UTC milliseconds since the Unix epoch, the form stored in every backend.
// Domain code never reads the system clock; it is handed a Clock, which tests replace.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace patron {

using Timestamp = std::int64_t;  // UTC ms since 1970-01-01

class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
public:
    Timestamp Now() const override;
};

// The system clock moved by an offset read from a file: for browser and end-to-end tests that must
// cross a deadline (a grant's expiry, a filing deadline) in a running server, and for
// demonstrations. The file holds whole seconds (e.g. "691200" = eight days ahead); it is re-read
// at most every kClockFileRecheckMs, and a missing or unreadable file means no offset. With an
// empty path this is the system clock and never touches the file system. Thread-safe.
class AdjustableClock final : public Clock {
public:
    static constexpr std::int64_t kClockFileRecheckMs = 200;
    explicit AdjustableClock(std::string offset_file = {}) : offset_file_(std::move(offset_file)) {}
    Timestamp Now() const override;
    const std::string& offset_file() const { return offset_file_; }

private:
    std::string offset_file_;
    mutable std::atomic<std::int64_t> offset_ms_{0};
    mutable std::atomic<Timestamp> checked_at_{0};  // system time of the last read
};

// A clock tests set by hand. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Timestamp now) : now_(now) {}
    Timestamp Now() const override { return now_.load(); }
    void Set(Timestamp now) { now_.store(now); }
    void Advance(std::int64_t ms) { now_.fetch_add(ms); }

private:
    std::atomic<Timestamp> now_;
};

constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// RFC 3339 in UTC with milliseconds: 2026-11-27T08:13:41.123Z
std::string FormatTimestamp(Timestamp ts);
// Parses RFC 3339 (with Z or an offset) or a bare date (YYYY-MM-DD, taken as UTC midnight).
bool ParseTimestamp(std::string_view text, Timestamp* out);

}  // namespace patron
