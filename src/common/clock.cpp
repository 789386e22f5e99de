#include "common/clock.hpp"

#include <date/date.h>

#include <sstream>

namespace patron {

Timestamp SystemClock::Now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(Timestamp ts) {
    using namespace std::chrono;
    sys_time<milliseconds> tp{milliseconds{ts}};
    return date::format("%FT%TZ", tp);
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
