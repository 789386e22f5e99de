#include "app/calendar_service.hpp"

#include "app/audit_writer.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

const Date kFirstDay = Date(std::chrono::days(10957));  // 2000-01-01
const Date kLastDay = Date(std::chrono::days(47481));   // 2099-12-31

storage::CalendarSettings DefaultSettings() { return {"Asia/Shanghai", {6, 7}, 0, UserId(), 0}; }

Date YearStart(int year) {
    Date d;
    ParseDate(std::to_string(year) + "-01-01", &d);
    return d;
}

Date YearEnd(int year) { return YearStart(year + 1) - std::chrono::days(1); }

}  // namespace

std::shared_ptr<const ResolvedCalendar> CalendarService::Resolve(storage::Tx& tx, OrgId org) {
    auto settings = tx.calendar().GetSettings(org);
    if (!settings) {
        return std::make_shared<ResolvedCalendar>(
            ResolvedCalendar{domain::WorkingCalendar({6, 7}, domain::DefaultChinaCalendar()), TimeZone::Shanghai()});
    }
    auto zone = TimeZone::Find(settings->time_zone);
    return std::make_shared<ResolvedCalendar>(
        ResolvedCalendar{domain::WorkingCalendar(settings->weekend, tx.calendar().ListDays(org, kFirstDay, kLastDay)),
                         zone.ok() ? *zone : TimeZone::Shanghai()});
}

Date CalendarService::Today(storage::Tx& tx, OrgId org, Timestamp now) { return Resolve(tx, org)->zone.LocalDate(now); }

std::shared_ptr<const ResolvedCalendar> CalendarService::Resolve(OrgId org) {
    auto tx = ctx_.store.Read();
    return Resolve(*tx, org);
}

Expected<CalendarView> CalendarService::Get(const Caller& caller, Date from, Date to) {
    if (to < from) return MakeError(ErrorCode::kInvalidArgument, "to must not be before from", "to");
    if (to - from > std::chrono::days(3700)) {
        return MakeError(ErrorCode::kInvalidArgument, "at most ten years at a time", "to");
    }
    auto tx = ctx_.store.Read();
    auto settings = tx->calendar().GetSettings(caller.org());
    CalendarView view;
    std::vector<domain::CalendarDay> all;
    if (settings) {
        view.time_zone = settings->time_zone;
        view.weekend = settings->weekend;
        view.version = settings->version;
        view.updated_by = settings->updated_by;
        view.updated_at = settings->updated_at;
        all = tx->calendar().ListDays(caller.org(), kFirstDay, kLastDay);
    } else {
        auto d = DefaultSettings();
        view.time_zone = d.time_zone;
        view.weekend = d.weekend;
        all = domain::DefaultChinaCalendar();
    }
    for (const auto& day : all) {
        if (day.date >= from && day.date <= to) view.days.push_back(day);
    }
    view.marked_years = domain::WorkingCalendar(view.weekend, all).MarkedYears();
    return view;
}

Status CalendarService::CheckManage(const Caller& caller, const std::string& action, const std::string& object_id) {
    if (caller.principal.Has(kPolicyManage)) return {};
    ctx_.audit.Record(AuditFor(caller, action, "calendar", object_id, "denied"));
    return Forbidden("change the working-day calendar");
}

std::int64_t CalendarService::Materialize(storage::Tx& tx, OrgId org, Timestamp now) {
    if (auto settings = tx.calendar().GetSettings(org)) return settings->version;
    auto d = DefaultSettings();
    d.updated_at = now;
    tx.calendar().PutSettings(org, d, 0);
    for (const auto& day : domain::DefaultChinaCalendar()) tx.calendar().PutDay(org, day);
    return 1;
}

void CalendarService::BumpVersion(storage::Tx& tx, OrgId org, const Caller& caller, Timestamp now) {
    auto settings = tx.calendar().GetSettings(org);
    PATRON_ASSERT(settings.has_value());
    std::int64_t version = settings->version;
    settings->updated_by = caller.user();
    settings->updated_at = now;
    // Inside the write transaction nobody else can have moved the version.
    PATRON_ASSERT(tx.calendar().PutSettings(org, *settings, version));
}

Expected<CalendarView> CalendarService::UpdateSettings(const Caller& caller,
                                                       const std::string& time_zone,
                                                       const std::vector<int>& weekend,
                                                       std::int64_t version) {
    auto zone = TimeZone::Find(time_zone);
    if (!zone.ok()) return zone.error();
    PATRON_TRY(domain::ValidateWeekend(weekend));
    PATRON_TRY(CheckManage(caller, "calendar.settings", ""));
    const Timestamp now = ctx_.clock.Now();
    {
        auto tx = ctx_.store.Write();
        auto current = tx->calendar().GetSettings(caller.org());
        std::int64_t current_version = current ? current->version : 0;
        if (version != current_version) return StaleVersion(current_version);
        current_version = Materialize(*tx, caller.org(), now);
        storage::CalendarSettings s{time_zone, weekend, 0, caller.user(), now};
        PATRON_ASSERT(tx->calendar().PutSettings(caller.org(), s, current_version));
        tx->Commit();
    }
    std::string weekend_text;
    for (int day : weekend) weekend_text += std::to_string(day);
    ctx_.audit.Record(
        AuditFor(caller, "calendar.settings", "calendar", "", "ok", time_zone + " weekend=" + weekend_text));
    // The settings as stored; the caller asked for no days (a one-day range before any mark).
    return Get(caller, kFirstDay, kFirstDay);
}

Expected<domain::CalendarDay> CalendarService::PutDay(const Caller& caller, domain::CalendarDay day) {
    PATRON_TRY(domain::ValidateCalendarDay(day));
    PATRON_TRY(CheckManage(caller, "calendar.day.put", FormatDate(day.date)));
    const Timestamp now = ctx_.clock.Now();
    {
        auto tx = ctx_.store.Write();
        Materialize(*tx, caller.org(), now);
        tx->calendar().PutDay(caller.org(), day);
        BumpVersion(*tx, caller.org(), caller, now);
        tx->Commit();
    }
    ctx_.audit.Record(AuditFor(caller,
                               "calendar.day.put",
                               "calendar",
                               FormatDate(day.date),
                               "ok",
                               std::string(domain::DayKindName(day.kind)) + " " + day.name));
    return day;
}

Status CalendarService::DeleteDay(const Caller& caller, Date day) {
    PATRON_TRY(CheckManage(caller, "calendar.day.delete", FormatDate(day)));
    const Timestamp now = ctx_.clock.Now();
    {
        auto tx = ctx_.store.Write();
        Materialize(*tx, caller.org(), now);
        if (!tx->calendar().DeleteDay(caller.org(), day)) return NotFound("calendar mark");
        BumpVersion(*tx, caller.org(), caller, now);
        tx->Commit();
    }
    ctx_.audit.Record(AuditFor(caller, "calendar.day.delete", "calendar", FormatDate(day), "ok"));
    return {};
}

Expected<CalendarImportResult> CalendarService::Import(const Caller& caller,
                                                       std::string_view text,
                                                       CalendarFormat format,
                                                       bool replace) {
    auto days = format == CalendarFormat::kCsv ? domain::ParseCalendarCsv(text) : domain::ParseCalendarIcs(text);
    if (!days.ok()) return days.error();
    if (days->empty()) return MakeError(ErrorCode::kInvalidArgument, "the file holds no days", "file");
    PATRON_TRY(CheckManage(caller, "calendar.import", ""));
    const Timestamp now = ctx_.clock.Now();
    CalendarImportResult result;
    {
        auto tx = ctx_.store.Write();
        Materialize(*tx, caller.org(), now);
        if (replace) {
            std::set<int> years = domain::WorkingCalendar({}, *days).MarkedYears();
            for (int year : years) {
                tx->calendar().DeleteDays(caller.org(), YearStart(year), YearEnd(year));
                result.years_replaced.push_back(year);
            }
        }
        for (const auto& day : *days) tx->calendar().PutDay(caller.org(), day);
        BumpVersion(*tx, caller.org(), caller, now);
        result.version = tx->calendar().GetSettings(caller.org())->version;
        tx->Commit();
    }
    result.imported = static_cast<int>(days->size());
    ctx_.audit.Record(
        AuditFor(caller,
                 "calendar.import",
                 "calendar",
                 "",
                 "ok",
                 std::to_string(result.imported) + " days" + (replace ? " (replacing their years)" : "")));
    return result;
}

Expected<std::string> CalendarService::Export(const Caller& caller, int year, CalendarFormat format) {
    if (year != 0 && (year < 2000 || year > 2099)) {
        return MakeError(ErrorCode::kInvalidArgument, "year must be 2000–2099", "year");
    }
    auto view = Get(caller, year ? YearStart(year) : kFirstDay, year ? YearEnd(year) : kLastDay);
    if (!view.ok()) return view.error();
    if (format == CalendarFormat::kCsv) return domain::CalendarCsv(view->days);
    return domain::CalendarIcs(view->days, "Patron working-day calendar");
}

Expected<domain::Deadline> CalendarService::ComputeDeadline(const Caller& caller,
                                                            Timestamp event,
                                                            int amount,
                                                            Unit unit) {
    if (amount < 0 || amount > 366) return MakeError(ErrorCode::kInvalidArgument, "amount must be 0–366", "amount");
    auto resolved = Resolve(caller.org());
    switch (unit) {
        case Unit::kWorkingDays:
            return domain::WorkingDaysDeadline(resolved->calendar, resolved->zone, event, amount);
        case Unit::kCalendarDays:
            return domain::CalendarDaysDeadline(resolved->zone, event, amount);
        case Unit::kHours:
            return domain::HoursDeadline(resolved->zone, event, amount);
    }
    return MakeError(ErrorCode::kInvalidArgument, "unknown unit", "unit");
}

}  // namespace patron::app
