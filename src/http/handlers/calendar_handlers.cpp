// /api/v1/calendar: the working-day calendar (docs/calendar.md) and deadline arithmetic.
#include "app/calendar_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object DayJson(const domain::CalendarDay& d) {
    return {{"date", FormatDate(d.date)}, {"kind", domain::DayKindName(d.kind)}, {"name", d.name}};
}

json::object CalendarJson(const app::CalendarView& v) {
    json::array weekend;
    for (int day : v.weekend) weekend.push_back(day);
    json::array years;
    for (int year : v.marked_years) years.push_back(year);
    json::object o{{"time_zone", v.time_zone},
                   {"weekend", std::move(weekend)},
                   {"version", v.version},
                   {"is_default", v.version == 0},
                   {"marked_years", std::move(years)},
                   {"days", ArrayOf(v.days, DayJson)}};
    o["updated_at"] = OptionalTimeJson(v.updated_at);
    o["updated_by"] = OptionalIdJson(v.updated_by);
    return o;
}

Expected<app::CalendarFormat> FormatParam(const Request& req) {
    std::string format = QueryText(req, "format");
    if (format.empty() || format == "csv") return app::CalendarFormat::kCsv;
    if (format == "ics") return app::CalendarFormat::kIcs;
    return MakeError(ErrorCode::kInvalidArgument, "format must be csv or ics", "format");
}

}  // namespace

void AddCalendarRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/calendar", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        std::string from_text = QueryText(req, "from");
        std::string to_text = QueryText(req, "to");
        auto from = DateParam(from_text.empty() ? "2000-01-01" : from_text, "from");
        if (!from.ok()) return Problem(from.error(), req.request_id);
        auto to = DateParam(to_text.empty() ? "2099-12-31" : to_text, "to");
        if (!to.ok()) return Problem(to.error(), req.request_id);
        if (from_text.empty() && to_text.empty()) {
            // Default: the current year and the next.
            std::string year =
                FormatDate(Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))).substr(0, 4);
            from = DateParam(year + "-01-01", "from");
            to = DateParam(std::to_string(std::stoi(year) + 1) + "-12-31", "to");
        }
        return Reply(req, s.calendar.Get(*c, *from, *to), CalendarJson);
    });
    router.Add({"PUT", "/api/v1/calendar/settings", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   std::string time_zone;
                   std::vector<int> weekend;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("time_zone");
                       r.Str("time_zone", time_zone, 64);
                       r.Require("weekend");
                       std::vector<std::int64_t> days;
                       r.Ints("weekend", days, 7);
                       for (auto day : days) weekend.push_back(static_cast<int>(day));
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.calendar.UpdateSettings(*c, time_zone, weekend, version), CalendarJson);
               });
    router.Add({"PUT", "/api/v1/calendar/days/{date}", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto date = DateParam(req.path_params["date"], "date");
                   if (!date.ok()) return Problem(date.error(), req.request_id);
                   domain::CalendarDay day{*date, domain::DayKind::kHoliday, ""};
                   std::string kind;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("kind");
                       r.Str("kind", kind, 16);
                       r.Str("name", day.name, 200);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   if (!domain::ParseDayKind(kind, &day.kind)) {
                       return Problem(MakeError(ErrorCode::kInvalidArgument, "kind must be holiday or workday", "kind"),
                                      req.request_id);
                   }
                   return Reply(req, s.calendar.PutDay(*c, day), DayJson);
               });
    router.Add({"DELETE", "/api/v1/calendar/days/{date}", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto date = DateParam(req.path_params["date"], "date");
                   if (!date.ok()) return Problem(date.error(), req.request_id);
                   return ReplyStatus(req, s.calendar.DeleteDay(*c, *date));
               });
    router.Add({"POST", "/api/v1/calendar/import", AuthMode::kSession, "policy.manage"},
               [&s](Request& req, const app::Caller* c) {
                   const std::string& type = req.Header("content-type");
                   app::CalendarFormat format;
                   if (type.starts_with("text/csv") || type.starts_with("text/plain")) {
                       format = app::CalendarFormat::kCsv;
                   } else if (type.starts_with("text/calendar")) {
                       format = app::CalendarFormat::kIcs;
                   } else {
                       return Problem(MakeError(ErrorCode::kUnsupportedMediaType,
                                                "send the calendar as text/csv or text/calendar (iCalendar)"),
                                      req.request_id);
                   }
                   std::string replace = QueryText(req, "replace");
                   if (!replace.empty() && replace != "true" && replace != "false") {
                       return Problem(
                           MakeError(ErrorCode::kInvalidArgument, "replace must be true or false", "replace"),
                           req.request_id);
                   }
                   return Reply(req,
                                s.calendar.Import(*c, req.body, format, replace == "true"),
                                [](const app::CalendarImportResult& r) {
                                    json::array years;
                                    for (int year : r.years_replaced) years.push_back(year);
                                    return json::object{{"imported", r.imported},
                                                        {"years_replaced", std::move(years)},
                                                        {"version", r.version}};
                                });
               });
    router.Add({"GET", "/api/v1/calendar/export", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        auto format = FormatParam(req);
        if (!format.ok()) return Problem(format.error(), req.request_id);
        std::int64_t year = 0;
        if (!QueryText(req, "year").empty()) {
            auto parsed = QueryInt(req, "year", 0);
            if (!parsed.ok()) return Problem(parsed.error(), req.request_id);
            year = *parsed;
        }
        auto text = s.calendar.Export(*c, static_cast<int>(year), *format);
        if (!text.ok()) return Problem(text.error(), req.request_id);
        bool ics = *format == app::CalendarFormat::kIcs;
        Response r;
        r.content_type = ics ? "text/calendar; charset=utf-8" : "text/csv; charset=utf-8";
        r.body = std::move(*text);
        std::string name = "calendar" + (year ? "-" + std::to_string(year) : std::string()) + (ics ? ".ics" : ".csv");
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return r;
    });
    router.Add({"GET", "/api/v1/calendar/deadline", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        Timestamp event = 0;
        if (!ParseTimestamp(QueryText(req, "from"), &event)) {
            return Problem(MakeError(ErrorCode::kInvalidArgument, "from must be an RFC 3339 time", "from"),
                           req.request_id);
        }
        std::string amount_text = QueryText(req, "amount");
        int amount = 0;
        auto [ptr, ec] = std::from_chars(amount_text.data(), amount_text.data() + amount_text.size(), amount);
        if (amount_text.empty() || ec != std::errc() || ptr != amount_text.data() + amount_text.size()) {
            return Problem(MakeError(ErrorCode::kInvalidArgument, "amount must be a whole number", "amount"),
                           req.request_id);
        }
        std::string unit_text = QueryText(req, "unit");
        app::CalendarService::Unit unit;
        if (unit_text.empty() || unit_text == "working_days") {
            unit = app::CalendarService::Unit::kWorkingDays;
        } else if (unit_text == "days") {
            unit = app::CalendarService::Unit::kCalendarDays;
        } else if (unit_text == "hours") {
            unit = app::CalendarService::Unit::kHours;
        } else {
            return Problem(MakeError(ErrorCode::kInvalidArgument, "unit must be working_days, days or hours", "unit"),
                           req.request_id);
        }
        return Reply(req, s.calendar.ComputeDeadline(*c, event, amount, unit), [](const domain::Deadline& d) {
            return json::object{{"event_day", FormatDate(d.event_day)},
                                {"due_day", FormatDate(d.due_day)},
                                {"due_at", FormatTimestamp(d.due_at)},
                                {"explanation", d.explanation}};
        });
    });
}

}  // namespace patron::http
