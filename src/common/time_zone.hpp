// Civil dates and IANA time zones (Howard Hinnant's date/tz over the system's tz database,
// /usr/share/zoneinfo). Deadlines are counted in an organisation's local dates (docs/calendar.md).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/expected.hpp"

namespace date {
class time_zone;
}

namespace patron {

using Date = std::chrono::sys_days;  // a civil date, no time zone

// "2026-10-01".
std::string FormatDate(Date day);
// Strict YYYY-MM-DD of a real date (2026-02-30 fails).
bool ParseDate(std::string_view text, Date* out);
// ISO weekday: Monday 1 … Sunday 7.
int IsoWeekday(Date day);
// The calendar year of a date.
int Year(Date day);
// The same month and day `years` later (29 February becomes 28 February in a common year).
Date AddYears(Date day, int years);
// The same day `months` later (clamped to the month's last day: 31 August + 6 months = 28/29 February).
Date AddMonths(Date day, int months);

// An IANA time zone. Cheap to copy; thread-safe.
class TimeZone {
public:
    // kInvalidArgument (field "time_zone") when the name is not in the tz database.
    static Expected<TimeZone> Find(std::string_view name);
    static TimeZone Shanghai();

    const std::string& name() const { return name_; }
    // The local date at an instant.
    Date LocalDate(Timestamp at) const;
    // The first instant of a local date (local midnight, or the first valid time after a gap).
    Timestamp StartOfDay(Date day) const;

private:
    TimeZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}
    std::string name_;
    const date::time_zone* zone_;
};

}  // namespace patron
