#include "domain/calendar.hpp"

#include <algorithm>

#include "common/assert.hpp"
#include "domain/formats.hpp"

namespace patron::domain {

extern const char* const kDefaultCalendarCsv;  // generated from data/calendar/cn-2025-2026.csv

namespace {

constexpr const char* kWeekdayNames[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::size_t kMaxNameBytes = 100;

std::string DayText(Date day) { return FormatDate(day) + " (" + kWeekdayNames[IsoWeekday(day)] + ")"; }

std::vector<std::string_view> SplitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

Error LineError(std::size_t line, const std::string& message) {
    return MakeError(ErrorCode::kInvalidArgument, "line " + std::to_string(line) + ": " + message, "file");
}

// "20261001" → Date.
bool ParseBasicDate(std::string_view text, Date* out) {
    if (text.size() < 8) return false;
    std::string iso =
        std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2));
    return ParseDate(iso, out);
}

std::string BasicDate(Date day) {
    std::string iso = FormatDate(day);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    return iso;
}

std::string IcsEscape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string IcsUnescape(std::string_view text) {
    std::string out;
    for (std::size_t char_idx = 0; char_idx < text.size(); ++char_idx) {
        char c = text[char_idx];
        if (c == '\\' && char_idx + 1 < text.size()) {
            char next = text[++char_idx];
            out += (next == 'n' || next == 'N') ? '\n' : next;
            continue;
        }
        out += c;
    }
    return out;
}

// RFC 5545 3.1: lines longer than 75 octets are folded, never inside a UTF-8 sequence.
void AppendFolded(std::string& out, const std::string& line) {
    std::size_t start = 0;
    std::size_t limit = 75;
    while (line.size() - start > limit) {
        std::size_t cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line, start, cut - start);
        out += "\r\n ";
        start = cut;
        limit = 74;  // the leading space counts
    }
    out.append(line, start, std::string::npos);
    out += "\r\n";
}

}  // namespace

const char* DayKindName(DayKind kind) { return kind == DayKind::kHoliday ? "holiday" : "workday"; }

bool ParseDayKind(std::string_view text, DayKind* out) {
    if (text == "holiday") {
        *out = DayKind::kHoliday;
        return true;
    }
    if (text == "workday") {
        *out = DayKind::kWorkday;
        return true;
    }
    return false;
}

Status ValidateWeekend(const std::vector<int>& weekend) {
    for (int day : weekend) {
        if (day < 1 || day > 7) {
            return MakeError(
                ErrorCode::kInvalidArgument, "weekend days are ISO weekdays 1 (Mon) to 7 (Sun)", "weekend");
        }
    }
    if (std::set<int>(weekend.begin(), weekend.end()).size() >= 7) {
        return MakeError(ErrorCode::kInvalidArgument, "a week needs at least one working day", "weekend");
    }
    return {};
}

Status ValidateCalendarDay(const CalendarDay& day) {
    if (day.name.size() > kMaxNameBytes) {
        return MakeError(ErrorCode::kInvalidArgument, "name is longer than 100 bytes", "name");
    }
    if (Utf8Length(day.name) < 0) return MakeError(ErrorCode::kInvalidArgument, "name is not valid UTF-8", "name");
    for (char c : day.name) {
        if (static_cast<unsigned char>(c) < 0x20) {
            return MakeError(ErrorCode::kInvalidArgument, "name contains a control character", "name");
        }
    }
    int year = Year(day.date);
    if (year < 2000 || year > 2100) {
        return MakeError(ErrorCode::kInvalidArgument, "date must be in the years 2000–2100", "date");
    }
    return {};
}

WorkingCalendar::WorkingCalendar(const std::vector<int>& weekend, const std::vector<CalendarDay>& days) {
    for (int day : weekend) {
        if (day >= 1 && day <= 7) weekend_[day] = true;
    }
    for (const auto& day : days) marks_[day.date] = day;
}

bool WorkingCalendar::IsWorkingDay(Date day) const {
    auto it = marks_.find(day);
    if (it != marks_.end()) return it->second.kind == DayKind::kWorkday;
    return !IsWeekend(day);
}

const CalendarDay* WorkingCalendar::Mark(Date day) const {
    auto it = marks_.find(day);
    return it == marks_.end() ? nullptr : &it->second;
}

Date WorkingCalendar::AddWorkingDays(Date from, int n) const {
    Date day = from;
    // ValidateWeekend guarantees a working weekday, so this ends; the bound guards a calendar
    // whose marks make a whole year holidays.
    for (int counted = 0, steps = 0; counted < n && steps < 3700; ++steps) {
        day += std::chrono::days(1);
        if (IsWorkingDay(day)) ++counted;
    }
    return day;
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
    int count = 0;
    for (Date day = from + std::chrono::days(1); day <= to; day += std::chrono::days(1)) {
        if (IsWorkingDay(day)) ++count;
    }
    return count;
}

std::set<int> WorkingCalendar::MarkedYears() const {
    std::set<int> years;
    for (const auto& [day, mark] : marks_) years.insert(Year(day));
    return years;
}

const Deadline& DeadlineMemo::WorkingDays(Timestamp event, int days) {
    auto key = std::make_pair(zone_.LocalDate(event), days);
    auto it = deadlines_.find(key);
    if (it == deadlines_.end()) it = deadlines_.emplace(key, WorkingDaysDeadline(calendar_, zone_, event, days)).first;
    return it->second;
}

int DeadlineMemo::WorkingDaysBetween(Date from, Date to) {
    auto key = std::make_pair(from, to);
    auto it = between_.find(key);
    if (it == between_.end()) it = between_.emplace(key, calendar_.WorkingDaysBetween(from, to)).first;
    return it->second;
}

Deadline WorkingDaysDeadline(const WorkingCalendar& calendar, const TimeZone& zone, Timestamp event, int days) {
    Deadline d;
    d.event_day = zone.LocalDate(event);
    d.due_day = calendar.AddWorkingDays(d.event_day, days);
    d.due_at = zone.StartOfDay(d.due_day + std::chrono::days(1));
    d.explanation = std::to_string(days) + " working day" + (days == 1 ? "" : "s") + " after " + DayText(d.event_day) +
                    ": due " + DayText(d.due_day);
    // Name what the count skipped and which weekend days it counted, grouped into runs.
    std::vector<std::string> skipped;
    std::vector<std::string> counted;
    Date run_start{};
    Date run_end{};
    std::string run_name;
    auto close_run = [&]() {
        if (run_name.empty()) return;
        std::string range = FormatDate(run_start);
        if (run_end != run_start) range += "–" + FormatDate(run_end);
        skipped.push_back(range + " " + run_name);
        run_name.clear();
    };
    for (Date day = d.event_day + std::chrono::days(1); day <= d.due_day; day += std::chrono::days(1)) {
        const CalendarDay* mark = calendar.Mark(day);
        if (calendar.IsWorkingDay(day)) {
            close_run();
            if (mark != nullptr) counted.push_back(DayText(day) + " " + mark->name);
            continue;
        }
        std::string name = mark != nullptr ? mark->name : "weekend";
        if (name != run_name || day != run_end + std::chrono::days(1)) {
            close_run();
            run_start = day;
            run_name = name;
        }
        run_end = day;
    }
    close_run();
    auto join = [](const std::vector<std::string>& parts) {
        std::string out;
        for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
        return out;
    };
    if (!skipped.empty()) d.explanation += "; not counted: " + join(skipped);
    if (!counted.empty()) d.explanation += "; make-up working days counted: " + join(counted);
    return d;
}

Deadline CalendarDaysDeadline(const TimeZone& zone, Timestamp event, int days) {
    Deadline d;
    d.event_day = zone.LocalDate(event);
    d.due_day = d.event_day + std::chrono::days(days);
    d.due_at = zone.StartOfDay(d.due_day + std::chrono::days(1));
    d.explanation = std::to_string(days) + " calendar day" + (days == 1 ? "" : "s") + " after " + DayText(d.event_day) +
                    ": due " + DayText(d.due_day);
    return d;
}

Deadline HoursDeadline(const TimeZone& zone, Timestamp event, int hours) {
    Deadline d;
    d.event_day = zone.LocalDate(event);
    d.due_at = event + static_cast<Timestamp>(hours) * kHourMs;
    d.due_day = zone.LocalDate(d.due_at - 1);
    d.explanation = std::to_string(hours) + " hour" + (hours == 1 ? "" : "s") + " after " + FormatTimestamp(event) +
                    ": due " + FormatTimestamp(d.due_at);
    return d;
}

Expected<std::vector<CalendarDay>> ParseCalendarCsv(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
    std::vector<CalendarDay> days;
    std::set<Date> seen;
    bool header = false;
    auto lines = SplitLines(text);
    for (std::size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
        std::string_view line = Trim(lines[line_idx]);
        std::size_t line_no = line_idx + 1;
        if (line.empty() || line.front() == '#') continue;
        if (!header) {
            header = true;
            if (line.substr(0, 4) == "date") continue;
        }
        std::size_t first = line.find(',');
        std::size_t second = first == std::string_view::npos ? first : line.find(',', first + 1);
        if (first == std::string_view::npos) return LineError(line_no, "expected date,kind,name");
        CalendarDay day;
        if (!ParseDate(Trim(line.substr(0, first)), &day.date)) {
            return LineError(line_no, "date must be YYYY-MM-DD");
        }
        std::string_view kind =
            Trim(line.substr(first + 1, second == std::string_view::npos ? line.npos : second - first - 1));
        if (!ParseDayKind(kind, &day.kind)) return LineError(line_no, "kind must be holiday or workday");
        if (second != std::string_view::npos) {
            std::string_view name = Trim(line.substr(second + 1));
            if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
                name = name.substr(1, name.size() - 2);
                for (std::size_t char_idx = 0; char_idx < name.size(); ++char_idx) {
                    day.name += name[char_idx];
                    if (name[char_idx] == '"' && char_idx + 1 < name.size() && name[char_idx + 1] == '"') ++char_idx;
                }
            } else {
                day.name = std::string(name);
            }
        }
        if (auto valid = ValidateCalendarDay(day); !valid.ok()) return LineError(line_no, valid.error().message);
        if (!seen.insert(day.date).second) return LineError(line_no, FormatDate(day.date) + " appears twice");
        days.push_back(std::move(day));
    }
    return days;
}

std::string CalendarCsv(const std::vector<CalendarDay>& days) {
    std::string out = "date,kind,name\n";
    for (const auto& day : days) {
        std::string name = day.name;
        if (name.find_first_of(",\"") != std::string::npos) {
            std::string quoted = "\"";
            for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            name = quoted + "\"";
        }
        out += FormatDate(day.date) + "," + DayKindName(day.kind) + "," + name + "\n";
    }
    return out;
}

Expected<std::vector<CalendarDay>> ParseCalendarIcs(std::string_view text) {
    // Unfold continuation lines first (RFC 5545 3.1).
    std::vector<std::pair<std::size_t, std::string>> lines;
    auto raw = SplitLines(text);
    for (std::size_t line_idx = 0; line_idx < raw.size(); ++line_idx) {
        std::string_view line = raw[line_idx];
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !lines.empty()) {
            lines.back().second.append(line.substr(1));
        } else {
            lines.emplace_back(line_idx + 1, std::string(line));
        }
    }
    std::map<Date, CalendarDay> days;
    bool in_event = false;
    bool any_calendar = false;
    std::size_t event_line = 0;
    Date start{};
    Date end{};
    bool has_start = false;
    bool has_end = false;
    std::string summary;
    std::string kind_text;
    for (const auto& [line_no, line] : lines) {
        std::size_t colon = line.find(':');
        std::string name = line.substr(0, std::min(colon, line.find(';')));
        std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
        if (line == "BEGIN:VCALENDAR") any_calendar = true;
        if (line == "BEGIN:VEVENT") {
            in_event = true;
            event_line = line_no;
            has_start = has_end = false;
            summary.clear();
            kind_text.clear();
            continue;
        }
        if (!in_event) continue;
        if (name == "DTSTART") {
            if (!ParseBasicDate(value, &start)) return LineError(line_no, "DTSTART must be a date (YYYYMMDD)");
            has_start = true;
        } else if (name == "DTEND") {
            if (!ParseBasicDate(value, &end)) return LineError(line_no, "DTEND must be a date (YYYYMMDD)");
            has_end = true;
        } else if (name == "SUMMARY") {
            summary = IcsUnescape(value);
        } else if (name == "X-PATRON-KIND") {
            kind_text = value;
        } else if (line == "END:VEVENT") {
            in_event = false;
            if (!has_start) return LineError(event_line, "event without DTSTART");
            if (!has_end || end <= start) end = start + std::chrono::days(1);
            if (end - start > std::chrono::days(60)) return LineError(event_line, "event longer than 60 days");
            CalendarDay day;
            if (!kind_text.empty()) {
                if (!ParseDayKind(kind_text, &day.kind)) {
                    return LineError(event_line, "X-PATRON-KIND must be holiday or workday");
                }
            } else {
                bool workday = summary.find("班") != std::string::npos || summary.find("workday") != std::string::npos;
                day.kind = workday ? DayKind::kWorkday : DayKind::kHoliday;
            }
            day.name = summary;
            for (Date d = start; d < end; d += std::chrono::days(1)) {
                day.date = d;
                if (auto valid = ValidateCalendarDay(day); !valid.ok()) {
                    return LineError(event_line, valid.error().message);
                }
                days[d] = day;
            }
        }
    }
    if (!any_calendar) return LineError(1, "not an iCalendar file (no BEGIN:VCALENDAR)");
    if (in_event) return LineError(event_line, "event without END:VEVENT");
    std::vector<CalendarDay> out;
    for (auto& [d, day] : days) out.push_back(std::move(day));
    return out;
}

std::string CalendarIcs(const std::vector<CalendarDay>& days, std::string_view calendar_name) {
    std::string out;
    AppendFolded(out, "BEGIN:VCALENDAR");
    AppendFolded(out, "VERSION:2.0");
    AppendFolded(out, "PRODID:-//Patron//Working-day calendar//ZH");
    AppendFolded(out, "CALSCALE:GREGORIAN");
    AppendFolded(out, "X-WR-CALNAME:" + IcsEscape(calendar_name));
    for (const auto& day : days) {
        std::string basic = BasicDate(day.date);
        AppendFolded(out, "BEGIN:VEVENT");
        AppendFolded(out, "UID:" + basic + "-" + DayKindName(day.kind) + "@patron");
        AppendFolded(out, "DTSTAMP:" + basic + "T000000Z");
        AppendFolded(out, "DTSTART;VALUE=DATE:" + basic);
        AppendFolded(out, "DTEND;VALUE=DATE:" + BasicDate(day.date + std::chrono::days(1)));
        AppendFolded(out, "SUMMARY:" + IcsEscape(day.name));
        AppendFolded(out, std::string("X-PATRON-KIND:") + DayKindName(day.kind));
        AppendFolded(out, "TRANSP:TRANSPARENT");
        AppendFolded(out, "END:VEVENT");
    }
    AppendFolded(out, "END:VCALENDAR");
    return out;
}

const std::vector<CalendarDay>& DefaultChinaCalendar() {
    static const std::vector<CalendarDay> days = [] {
        auto parsed = ParseCalendarCsv(kDefaultCalendarCsv);
        PATRON_ASSERT(parsed.ok());
        return std::move(*parsed);
    }();
    return days;
}

}  // namespace patron::domain
