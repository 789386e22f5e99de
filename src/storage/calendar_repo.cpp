#include <sstream>

#include "common/errors.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kSelectSettings =
    "SELECT time_zone, weekend, version, updated_by, updated_at FROM calendars WHERE org_id = ?1";
constexpr const char* kInsertSettings =
    "INSERT INTO calendars(org_id, time_zone, weekend, version, updated_by, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
    "ON CONFLICT (org_id) DO NOTHING";
constexpr const char* kUpdateSettings =
    "UPDATE calendars SET time_zone = ?2, weekend = ?3, version = version + 1, updated_by = ?4, updated_at = ?5 "
    "WHERE org_id = ?1 AND version = ?6";
constexpr const char* kSelectDays =
    "SELECT day, kind, name FROM calendar_days WHERE org_id = ?1 AND day >= ?2 AND day <= ?3 ORDER BY day";
constexpr const char* kUpsertDay =
    "INSERT INTO calendar_days(org_id, day, kind, name) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (org_id, day) DO UPDATE SET kind = excluded.kind, name = excluded.name";
constexpr const char* kDeleteDay = "DELETE FROM calendar_days WHERE org_id = ?1 AND day = ?2";
constexpr const char* kDeleteDays = "DELETE FROM calendar_days WHERE org_id = ?1 AND day >= ?2 AND day <= ?3";

std::string WeekendText(const std::vector<int>& weekend) {
    std::string out;
    for (int day : weekend) out += (out.empty() ? "" : ",") + std::to_string(day);
    return out;
}

std::vector<int> ParseWeekend(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        if (!part.empty()) out.push_back(std::stoi(part));
    }
    return out;
}

}  // namespace

std::optional<CalendarSettings> CalendarRepo::GetSettings(OrgId org) {
    std::optional<CalendarSettings> out;
    tx_.Query(kSelectSettings, {org}, [&](const Row& r) {
        out = CalendarSettings{r.Text(0), ParseWeekend(r.Text(1)), r.Int(2), r.GetId<UserId>(3), r.Int(4)};
    });
    return out;
}

bool CalendarRepo::PutSettings(OrgId org, const CalendarSettings& s, std::int64_t expected_version) {
    std::string weekend = WeekendText(s.weekend);
    std::int64_t changed =
        expected_version == 0
            ? tx_.Exec(kInsertSettings, {org, s.time_zone, weekend, OptionalId(s.updated_by), s.updated_at})
            : tx_.Exec(kUpdateSettings,
                       {org, s.time_zone, weekend, OptionalId(s.updated_by), s.updated_at, expected_version});
    return changed == 1;
}

std::vector<domain::CalendarDay> CalendarRepo::ListDays(OrgId org, Date from, Date to) {
    std::vector<domain::CalendarDay> out;
    tx_.Query(kSelectDays, {org, FormatDate(from), FormatDate(to)}, [&](const Row& r) {
        domain::CalendarDay day;
        std::string date = r.Text(0);
        std::string kind = r.Text(1);
        if (!ParseDate(date, &day.date) || !domain::ParseDayKind(kind, &day.kind)) {
            throw StorageError("calendar_days holds an unreadable row: " + date + " " + kind);
        }
        day.name = r.Text(2);
        out.push_back(std::move(day));
    });
    return out;
}

void CalendarRepo::PutDay(OrgId org, const domain::CalendarDay& day) {
    tx_.Exec(kUpsertDay, {org, FormatDate(day.date), domain::DayKindName(day.kind), day.name});
}

bool CalendarRepo::DeleteDay(OrgId org, Date day) { return tx_.Exec(kDeleteDay, {org, FormatDate(day)}) == 1; }

void CalendarRepo::DeleteDays(OrgId org, Date from, Date to) {
    tx_.Exec(kDeleteDays, {org, FormatDate(from), FormatDate(to)});
}

}  // namespace patron::storage
