#include "common/clock.hpp"

#include <date/date.h>

#include <cstdio>
#include <sstream>

namespace patron {

Timestamp SystemClock::Now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Timestamp AdjustableClock::Now() const {
    const Timestamp now = SystemClock().Now();
    if (offset_file_.empty()) return now;
    if (now - checked_at_.load(std::memory_order_relaxed) >= kClockFileRecheckMs) {
        checked_at_.store(now, std::memory_order_relaxed);
        std::int64_t seconds = 0;
        if (std::FILE* file = std::fopen(offset_file_.c_str(), "r")) {
            long long value = 0;
            if (std::fscanf(file, "%lld", &value) == 1) seconds = value;
            std::fclose(file);
        }
        offset_ms_.store(seconds * kSecondMs, std::memory_order_relaxed);
    }
    return now + offset_ms_.load(std::memory_order_relaxed);
}

std::string FormatTimestamp(Timestamp ts) {
    // Written digit by digit: every answer formats several timestamps, and date::format (an
    // ostringstream) or snprintf cost more than the rest of the conversion.
    using namespace std::chrono;
    sys_time<milliseconds> tp{milliseconds{ts}};
    auto day = floor<date::days>(tp);
    date::year_month_day ymd{day};
    std::int64_t ms_of_day = (tp - day).count();
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&](std::size_t at, std::int64_t value, int width) {
        for (int digit = width - 1; digit >= 0; --digit) {
            out[at + static_cast<std::size_t>(digit)] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<int>(ymd.year()), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, ms_of_day / 3600000, 2);
    put(14, ms_of_day / 60000 % 60, 2);
    put(17, ms_of_day / 1000 % 60, 2);
    put(20, ms_of_day % 1000, 3);
    return out;
}

bool ParseTimestamp(std::string_view text, Timestamp* out) {
    using namespace std::chrono;
    std::string s(text);
    if (s.size() == 10) {
        std::istringstream in(s);
        date::sys_days day;
        in >> date::parse("%F", day);
        if (in.fail()) return false;
        *out = duration_cast<milliseconds>(day.time_since_epoch()).count();
        return true;
    }
    sys_time<milliseconds> tp;
    {
        std::istringstream in(s);
        in >> date::parse("%FT%T%Ez", tp);
        if (!in.fail()) {
            *out = tp.time_since_epoch().count();
            return true;
        }
    }
    std::istringstream in(s);
    in >> date::parse("%FT%TZ", tp);
    if (in.fail()) return false;
    *out = tp.time_since_epoch().count();
    return true;
}

}  // namespace patron
