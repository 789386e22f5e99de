#include "common/time_zone.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <stdexcept>

namespace patron {

std::string FormatDate(Date day) {
    // By hand rather than snprintf: the penalty run formats a few hundred thousand dates.
    date::year_month_day ymd{day};
    int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) return date::format("%F", day);
    auto month = static_cast<unsigned>(ymd.month());
    auto dom = static_cast<unsigned>(ymd.day());
    std::string out(10, '-');
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[8] = static_cast<char>('0' + dom / 10);
    out[9] = static_cast<char>('0' + dom % 10);
    return out;
}

bool ParseDate(std::string_view text, Date* out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int parts[3] = {0, 0, 0};
    std::size_t starts[3] = {0, 5, 8};
    std::size_t lengths[3] = {4, 2, 2};
    for (int part_idx = 0; part_idx < 3; ++part_idx) {
        for (std::size_t char_idx = 0; char_idx < lengths[part_idx]; ++char_idx) {
            char c = text[starts[part_idx] + char_idx];
            if (c < '0' || c > '9') return false;
            parts[part_idx] = parts[part_idx] * 10 + (c - '0');
        }
    }
    date::year_month_day ymd{
        date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])}, date::day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return false;
    *out = date::sys_days{ymd};
    return true;
}

int Year(Date day) { return static_cast<int>(date::year_month_day{day}.year()); }

int IsoWeekday(Date day) { return static_cast<int>(date::weekday{day}.iso_encoding()); }

Expected<TimeZone> TimeZone::Find(std::string_view name) {
    try {
        const date::time_zone* zone = date::locate_zone(name);
        return TimeZone(std::string(name), zone);
    } catch (const std::exception&) {
        return MakeError(
            ErrorCode::kInvalidArgument, "unknown time zone (use an IANA name such as Asia/Shanghai)", "time_zone");
    }
}

namespace {

Date Clamped(date::year_month_day moved) {
    if (!moved.ok()) moved = date::year_month_day_last{moved.year(), date::month_day_last{moved.month()}};
    return date::sys_days{moved};
}

}  // namespace

Date AddYears(Date day, int years) { return Clamped(date::year_month_day{day} + date::years{years}); }

Date AddMonths(Date day, int months) { return Clamped(date::year_month_day{day} + date::months{months}); }

TimeZone TimeZone::Shanghai() {
    static const TimeZone zone = *Find("Asia/Shanghai");
    return zone;
}

Date TimeZone::LocalDate(Timestamp at) const {
    auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
    auto local = zone_->to_local(instant);
    return Date(date::floor<date::days>(local).time_since_epoch());
}

Timestamp TimeZone::StartOfDay(Date day) const {
    auto local = date::local_days(day.time_since_epoch());
    auto info = zone_->get_info(local);
    date::sys_seconds start;
    if (info.result == date::local_info::nonexistent) {
        start = info.second.begin;  // midnight fell in a gap: the day starts when the gap ends
    } else {
        start = zone_->to_sys(local, date::choose::earliest);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count();
}

}  // namespace patron
