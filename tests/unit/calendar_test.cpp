// The working-day calendar and deadline arithmetic (issue 3; docs/calendar.md). Expected dates
// are worked out by hand from the State Council notices cited in data/calendar/cn-2025-2026.csv.
#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace patron::domain {
namespace {

using test::At;
using test::China;
using test::Day;

TEST(Calendar, DatesAreWrittenAsIsoDays) {
    Date d{};
    ASSERT_TRUE(ParseDate("2026-01-09", &d));
    EXPECT_EQ(FormatDate(d), "2026-01-09");
    EXPECT_EQ(FormatDate(d + std::chrono::days(356)), "2026-12-31");
    ASSERT_TRUE(ParseDate("0999-11-30", &d));
    EXPECT_EQ(FormatDate(d), "0999-11-30");
}

TEST(Calendar, DefaultScheduleMarksHolidaysAndMakeUpDays) {
    EXPECT_FALSE(China().IsWorkingDay(Day("2026-10-01")));  // National Day
    EXPECT_FALSE(China().IsWorkingDay(Day("2026-10-07")));
    EXPECT_TRUE(China().IsWorkingDay(Day("2026-10-10")));   // Saturday, make-up working day
    EXPECT_FALSE(China().IsWorkingDay(Day("2026-10-11")));  // an ordinary Sunday
    EXPECT_TRUE(China().IsWorkingDay(Day("2026-09-20")));   // Sunday, make-up working day
    EXPECT_TRUE(China().IsWorkingDay(Day("2026-02-14")));   // Saturday before Spring Festival
    EXPECT_FALSE(China().IsWorkingDay(Day("2026-02-23")));  // last day of Spring Festival (Monday)
    EXPECT_TRUE(China().IsWorkingDay(Day("2026-02-28")));   // Saturday after Spring Festival
    EXPECT_TRUE(China().IsWorkingDay(Day("2025-01-26")));   // Sunday, 2025 Spring Festival make-up
    EXPECT_FALSE(China().IsWorkingDay(Day("2025-10-08")));  // 2025 National Day + Mid-Autumn, 8 days
    EXPECT_TRUE(China().IsWorkingDay(Day("2025-10-11")));
    EXPECT_TRUE(China().IsWorkingDay(Day("2026-11-27")));  // an ordinary Friday
    EXPECT_EQ(China().MarkedYears(), (std::set<int>{2025, 2026}));
}

TEST(Calendar, ARC_4_SalesHandoverAcrossNationalDaySkipsHolidaysAndCountsMakeUpSaturday) {
    // Sold Wednesday 2026-09-30 15:00 in Shanghai; 3 working days: 10-08 (Thu), 10-09 (Fri),
    // 10-10 (the make-up Saturday).
    auto d = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-09-30T15:00:00+08:00"), 3);
    EXPECT_EQ(FormatDate(d.event_day), "2026-09-30");
    EXPECT_EQ(FormatDate(d.due_day), "2026-10-10");
    EXPECT_EQ(d.due_at, At("2026-10-11T00:00:00+08:00"));  // the first late instant
    EXPECT_NE(d.explanation.find("2026-10-01–2026-10-07 国庆节"), std::string::npos) << d.explanation;
    EXPECT_NE(d.explanation.find("2026-10-10 (Sat) 国庆节调休上班"), std::string::npos) << d.explanation;
}

TEST(Calendar, ARC_4_SpringFestival2026) {
    // Friday 02-13; 02-14 is a make-up Saturday (1), 02-15..23 holidays, 02-24 (2), 02-25 (3).
    auto d = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-02-13T10:00:00+08:00"), 3);
    EXPECT_EQ(FormatDate(d.due_day), "2026-02-25");
}

TEST(Calendar, ARC_4_AfterSalesEventOnAHolidayCountsFromTheNextWorkingDay) {
    auto d = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-10-03T11:00:00+08:00"), 1);
    EXPECT_EQ(FormatDate(d.event_day), "2026-10-03");
    EXPECT_EQ(FormatDate(d.due_day), "2026-10-08");
}

TEST(Calendar, EventDayIsTheLocalDateWhateverTheHour) {
    // 23:30 Friday in Shanghai is still Friday (15:30 UTC): one working day → Monday.
    auto late_friday = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-11-27T15:30:00Z"), 1);
    EXPECT_EQ(FormatDate(late_friday.event_day), "2026-11-27");
    EXPECT_EQ(FormatDate(late_friday.due_day), "2026-11-30");
    // 00:30 Saturday in Shanghai is 16:30 UTC on Friday: day 0 is Saturday → still Monday.
    auto early_saturday = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-11-27T16:30:00Z"), 1);
    EXPECT_EQ(FormatDate(early_saturday.event_day), "2026-11-28");
    EXPECT_EQ(FormatDate(early_saturday.due_day), "2026-11-30");
    // Two working days from Thursday crosses the weekend.
    auto thursday = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-11-26T09:00:00+08:00"), 2);
    EXPECT_EQ(FormatDate(thursday.due_day), "2026-11-30");
    EXPECT_NE(thursday.explanation.find("2026-11-28–2026-11-29 weekend"), std::string::npos) << thursday.explanation;
}

TEST(Calendar, YearAndMonthEnds) {
    // 2025-12-31 (Wed): New Year 01-01..03 off, 01-04 (Sunday) is a make-up working day.
    EXPECT_EQ(FormatDate(China().AddWorkingDays(Day("2025-12-31"), 1)), "2026-01-04");
    EXPECT_EQ(FormatDate(China().AddWorkingDays(Day("2025-12-31"), 3)), "2026-01-06");
    // 2026-04-30 (Thu): Labour Day 05-01..05 off; 05-06, 05-07, 05-08.
    EXPECT_EQ(FormatDate(China().AddWorkingDays(Day("2026-04-30"), 3)), "2026-05-08");
    // ... and the make-up Saturday 05-09 is the 4th.
    EXPECT_EQ(FormatDate(China().AddWorkingDays(Day("2026-04-30"), 4)), "2026-05-09");
    // An ordinary month end: Friday 2026-07-31 + 1 → Monday 08-03.
    EXPECT_EQ(FormatDate(China().AddWorkingDays(Day("2026-07-31"), 1)), "2026-08-03");
}

TEST(Calendar, ZeroWorkingDaysIsTheSameDay) {
    auto d = WorkingDaysDeadline(China(), TimeZone::Shanghai(), At("2026-10-02T10:00:00+08:00"), 0);
    EXPECT_EQ(FormatDate(d.due_day), "2026-10-02");
    EXPECT_EQ(d.due_at, At("2026-10-03T00:00:00+08:00"));
}

TEST(Calendar, ARC_6i_WorkingDaysLateCountsEachFurtherWorkingDay) {
    // Due 2026-10-10 (make-up Saturday); handed over Wednesday 10-14: 10-12, 10-13, 10-14.
    EXPECT_EQ(China().WorkingDaysBetween(Day("2026-10-10"), Day("2026-10-14")), 3);
    EXPECT_EQ(China().WorkingDaysBetween(Day("2026-10-10"), Day("2026-10-10")), 0);
    EXPECT_EQ(China().WorkingDaysBetween(Day("2026-10-10"), Day("2026-10-11")), 0);  // Sunday
    EXPECT_EQ(China().WorkingDaysBetween(Day("2026-10-14"), Day("2026-10-10")), 0);
}

TEST(Calendar, YearsWithoutMarksCountWeekendsOnly) {
    EXPECT_TRUE(China().IsWorkingDay(Day("2027-01-01")));  // no 2027 schedule shipped
    EXPECT_FALSE(China().IsWorkingDay(Day("2027-01-02")));
}

TEST(Calendar, SixDayWeekAndOrganisationTimeZone) {
    WorkingCalendar sunday_only({7}, {});
    EXPECT_TRUE(sunday_only.IsWorkingDay(Day("2026-11-28")));  // Saturday
    EXPECT_EQ(FormatDate(sunday_only.AddWorkingDays(Day("2026-11-27"), 1)), "2026-11-28");
    auto urumqi = TimeZone::Find("Asia/Urumqi");
    ASSERT_TRUE(urumqi.ok());
    // 01:00 in Shanghai is 23:00 the day before in Urumqi (UTC+6).
    EXPECT_EQ(FormatDate(urumqi->LocalDate(At("2026-11-28T01:00:00+08:00"))), "2026-11-27");
    EXPECT_FALSE(TimeZone::Find("Mars/Olympus").ok());
}

TEST(Calendar, CalendarDaysAndHours) {
    auto days = CalendarDaysDeadline(TimeZone::Shanghai(), At("2026-09-30T15:00:00+08:00"), 3);
    EXPECT_EQ(FormatDate(days.due_day), "2026-10-03");  // holidays count as calendar days
    auto hours = HoursDeadline(TimeZone::Shanghai(), At("2026-09-30T15:00:00+08:00"), 24);
    EXPECT_EQ(hours.due_at, At("2026-10-01T15:00:00+08:00"));
}

TEST(Calendar, WeekendAndDayValidation) {
    EXPECT_FALSE(ValidateWeekend({1, 2, 3, 4, 5, 6, 7}).ok());
    EXPECT_FALSE(ValidateWeekend({0}).ok());
    EXPECT_FALSE(ValidateWeekend({8}).ok());
    EXPECT_TRUE(ValidateWeekend({}).ok());
    EXPECT_TRUE(ValidateWeekend({6, 7}).ok());
    EXPECT_FALSE(ValidateCalendarDay({Day("2026-10-01"), DayKind::kHoliday, "a\nb"}).ok());
    EXPECT_FALSE(ValidateCalendarDay({Day("2026-10-01"), DayKind::kHoliday, std::string(101, 'x')}).ok());
    EXPECT_FALSE(ValidateCalendarDay({Day("1999-12-31"), DayKind::kHoliday, ""}).ok());
    Date d;
    EXPECT_FALSE(ParseDate("2026-02-30", &d));
    EXPECT_FALSE(ParseDate("2026-2-3", &d));
    EXPECT_FALSE(ParseDate("2026-02-03x", &d));
}

TEST(Calendar, CsvNamesTheBadLine) {
    auto bad_kind = ParseCalendarCsv("date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-02,vacation,国庆节\n");
    ASSERT_FALSE(bad_kind.ok());
    EXPECT_EQ(bad_kind.error().message, "line 3: kind must be holiday or workday");
    auto bad_date = ParseCalendarCsv("# comment\n2026-02-30,holiday,x\n");
    ASSERT_FALSE(bad_date.ok());
    EXPECT_EQ(bad_date.error().message, "line 2: date must be YYYY-MM-DD");
    auto twice = ParseCalendarCsv("2026-10-01,holiday,a\n2026-10-01,workday,b\n");
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().message.find("line 2"), std::string::npos);
}

TEST(Calendar, CsvAndIcsRoundTrip) {
    std::vector<CalendarDay> days{{Day("2026-10-01"), DayKind::kHoliday, "国庆节, \"黄金周\""},
                                  {Day("2026-10-10"), DayKind::kWorkday, "国庆节调休上班"}};
    auto csv = ParseCalendarCsv(CalendarCsv(days));
    ASSERT_TRUE(csv.ok()) << csv.error().message;
    ASSERT_EQ(csv->size(), 2u);
    EXPECT_EQ((*csv)[0].name, "国庆节, \"黄金周\"");
    EXPECT_EQ((*csv)[1].kind, DayKind::kWorkday);
    std::string ics = CalendarIcs(days, "测试");
    EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261001\r\n"), std::string::npos);
    auto back = ParseCalendarIcs(ics);
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].name, days[0].name);
    EXPECT_EQ((*back)[1].kind, DayKind::kWorkday);
}

TEST(Calendar, IcsFromAPublicHolidayFeed) {
    // A multi-day event (DTEND exclusive) and a make-up day recognised by 班 in its summary.
    std::string feed =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\n"
        "DTEND;VALUE=DATE:20270209\r\nSUMMARY:春节 休\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
        "DTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节 补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    auto days = ParseCalendarIcs(feed);
    ASSERT_TRUE(days.ok()) << days.error().message;
    ASSERT_EQ(days->size(), 4u);
    EXPECT_EQ(FormatDate((*days)[2].date), "2027-02-08");
    EXPECT_EQ((*days)[2].kind, DayKind::kHoliday);
    EXPECT_EQ(FormatDate((*days)[3].date), "2027-02-14");
    EXPECT_EQ((*days)[3].kind, DayKind::kWorkday);
    EXPECT_FALSE(ParseCalendarIcs("not a calendar").ok());
}

}  // namespace
}  // namespace patron::domain
