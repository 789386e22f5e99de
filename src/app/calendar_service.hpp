// The organisation's working-day calendar (docs/calendar.md): read by everyone (deadlines bind
// everyone), changed by holders of policy.manage, every change audited. Deadline arithmetic for
// the other use cases goes through Resolve().
#pragma once

#include <memory>

#include "app/context.hpp"
#include "domain/calendar.hpp"

namespace patron::app {

struct CalendarView {
    std::string time_zone;
    std::vector<int> weekend;
    std::int64_t version = 0;  // 0: the shipped default, never changed
    UserId updated_by;
    Timestamp updated_at = 0;
    std::vector<domain::CalendarDay> days;  // within the requested range
    std::set<int> marked_years;             // years with holidays entered (all of the calendar)
};

// An organisation's calendar ready for arithmetic. Immutable; shared.
struct ResolvedCalendar {
    domain::WorkingCalendar calendar;
    TimeZone zone;
};

enum class CalendarFormat { kCsv, kIcs };

struct CalendarImportResult {
    int imported = 0;                 // marks written
    std::vector<int> years_replaced;  // with replace: years whose old marks were removed first
    std::int64_t version = 0;
};

class CalendarService {
public:
    explicit CalendarService(AppContext& ctx) : ctx_(ctx) {}

    Expected<CalendarView> Get(const Caller& caller, Date from, Date to);
    Expected<CalendarView> UpdateSettings(const Caller& caller,
                                          const std::string& time_zone,
                                          const std::vector<int>& weekend,
                                          std::int64_t version);
    Expected<domain::CalendarDay> PutDay(const Caller& caller, domain::CalendarDay day);
    Status DeleteDay(const Caller& caller, Date day);
    // Adds or replaces the file's marks; with `replace`, first removes every mark of the years the
    // file covers (a new official schedule replaces the old one). All or nothing.
    Expected<CalendarImportResult> Import(const Caller& caller,
                                          std::string_view text,
                                          CalendarFormat format,
                                          bool replace);
    // year 0: every mark.
    Expected<std::string> Export(const Caller& caller, int year, CalendarFormat format);
    // "Within N working days / calendar days / hours of `event`" for this organisation.
    enum class Unit { kWorkingDays, kCalendarDays, kHours };
    Expected<domain::Deadline> ComputeDeadline(const Caller& caller, Timestamp event, int amount, Unit unit);

    // The organisation's calendar for other use cases (no permission check: callers check theirs).
    std::shared_ptr<const ResolvedCalendar> Resolve(OrgId org);
    // Same from an open transaction.
    static std::shared_ptr<const ResolvedCalendar> Resolve(storage::Tx& tx, OrgId org);
    // The organisation's local date at `now`.
    static Date Today(storage::Tx& tx, OrgId org, Timestamp now);

private:
    Status CheckManage(const Caller& caller, const std::string& action, const std::string& object_id);
    // Stores the default calendar if the organisation has none yet; returns the current version.
    static std::int64_t Materialize(storage::Tx& tx, OrgId org, Timestamp now);
    static void BumpVersion(storage::Tx& tx, OrgId org, const Caller& caller, Timestamp now);

    AppContext& ctx_;
};

}  // namespace patron::app
