#include "common/clock.hpp"

#include <date/date.h>

#include <cstdio>
#include <sstream>

namespace patron {

Timestamp SystemClock::Now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(Timestamp ts) {
    // Formatted by hand: date::format goes through an ostringstream, and every answer formats
    // several timestamps.
    using namespace std::chrono;
    sys_time<milliseconds> tp{milliseconds{ts}};
    auto day = floor<date::days>(tp);
    date::year_month_day ymd{day};
    date::hh_mm_ss<milliseconds> time{tp - day};
    char buf[32];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()),
                  static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()),
                  static_cast<int>(time.subseconds().count()));
    return buf;
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
