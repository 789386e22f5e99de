// The organisation's working-day calendar and deadline arithmetic: every "working day" in
// POLICIES.md (ARC-4, ARC-6, ARC-10, ...) is counted here. The exact semantics, written down in
// docs/calendar.md:
// - A day is a working day when the calendar marks it a make-up working day (调休上班), or it is
//   not marked a holiday and its weekday is not a weekend day (Saturday and Sunday by default).
// - An event's day ("day 0") is its local date in the organisation's time zone, whatever the
//   hour, working day or not. "Within N working days of E" ends with the N-th working day after
//   day 0; the deadline is the end of that local day (the first instant of the next one is the
//   first late instant). An event on a holiday therefore starts counting on the next working day.
//   N = 0 means "the same day" (ARC-5: registered that day).
// - "Within N calendar days" ends with the local date day 0 + N; "within N hours" is E + N hours.
// Years the calendar holds no marks for count weekends only (CalendarYears says which are marked).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/expected.hpp"
#include "common/time_zone.hpp"

namespace patron::domain {

enum class DayKind { kHoliday, kWorkday };
const char* DayKindName(DayKind kind);  // "holiday", "workday"
bool ParseDayKind(std::string_view text, DayKind* out);

// A mark on one date that overrides the weekly pattern.
struct CalendarDay {
    Date date;
    DayKind kind = DayKind::kHoliday;
    std::string name;  // "春节", "国庆节调休上班"
};

// Weekend days as ISO weekdays (Monday 1 … Sunday 7).
Status ValidateWeekend(const std::vector<int>& weekend);
Status ValidateCalendarDay(const CalendarDay& day);

// Immutable once built; thread-safe to share.
class WorkingCalendar {
public:
    WorkingCalendar() : WorkingCalendar({6, 7}, {}) {}
    WorkingCalendar(const std::vector<int>& weekend, const std::vector<CalendarDay>& days);

    bool IsWorkingDay(Date day) const;
    bool IsWeekend(Date day) const { return weekend_[static_cast<std::size_t>(IsoWeekday(day))]; }
    // The mark on `day`, or nullptr.
    const CalendarDay* Mark(Date day) const;
    // The n-th working day after `from` (n >= 1); `from` itself when n == 0.
    Date AddWorkingDays(Date from, int n) const;
    // How many working days d satisfy from < d <= to (0 when to <= from). A handover on the
    // deadline day is 0 days late; each further working day counts one (ARC-6i).
    int WorkingDaysBetween(Date from, Date to) const;
    // Years with at least one mark.
    std::set<int> MarkedYears() const;

private:
    bool weekend_[8] = {};  // by ISO weekday; [0] unused
    std::map<Date, CalendarDay> marks_;
};

// A computed deadline with the arithmetic spelled out for the people it binds.
struct Deadline {
    Date event_day;    // day 0, local
    Date due_day;      // the last day on time, local
    Timestamp due_at;  // the first late instant: start of the day after due_day, UTC ms
    std::string explanation;
};

Deadline WorkingDaysDeadline(const WorkingCalendar& calendar, const TimeZone& zone, Timestamp event, int days);
Deadline CalendarDaysDeadline(const TimeZone& zone, Timestamp event, int days);

// WorkingDaysDeadline remembered by (local event day, days), on which alone it depends: a run over
// many archives computes each day's deadline and its explanation once. Not thread-safe; the
// calendar and zone must outlive it.
class DeadlineMemo {
public:
    DeadlineMemo(const WorkingCalendar& calendar, const TimeZone& zone) : calendar_(calendar), zone_(zone) {}
    const Deadline& WorkingDays(Timestamp event, int days);
    // WorkingCalendar::WorkingDaysBetween, remembered by (from, to).
    int WorkingDaysBetween(Date from, Date to);
    const WorkingCalendar& calendar() const { return calendar_; }
    const TimeZone& zone() const { return zone_; }

private:
    const WorkingCalendar& calendar_;
    const TimeZone& zone_;
    std::map<std::pair<Date, int>, Deadline> deadlines_;
    std::map<std::pair<Date, Date>, int> between_;
};
Deadline HoursDeadline(const TimeZone& zone, Timestamp event, int hours);

// The calendar CSV: "date,kind,name" with a header line; '#' lines are comments. Errors name the
// line ("line 7: kind must be holiday or workday").
Expected<std::vector<CalendarDay>> ParseCalendarCsv(std::string_view text);
std::string CalendarCsv(const std::vector<CalendarDay>& days);
// iCalendar (RFC 5545): one all-day VEVENT per mark, X-PATRON-KIND holding the kind. Import also
// takes multi-day events (DTEND exclusive) and public holiday feeds without X-PATRON-KIND, where a
// SUMMARY with 班 (上班, 补班) or "workday" marks make-up working days and anything else holidays.
Expected<std::vector<CalendarDay>> ParseCalendarIcs(std::string_view text);
std::string CalendarIcs(const std::vector<CalendarDay>& days, std::string_view calendar_name);

// The mainland China official schedule shipped as every new organisation's calendar
// (data/calendar/cn-2025-2026.csv, sources cited there).
const std::vector<CalendarDay>& DefaultChinaCalendar();

}  // namespace patron::domain
