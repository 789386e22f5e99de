// The working-day calendar on every backend (issue 3; docs/calendar.md): the shipped default,
// edits, imports, optimistic concurrency, permissions and audit, organisation isolation.
#include <gtest/gtest.h>

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

constexpr Timestamp kFriday = 1'795'741'200'000;  // 2026-11-27 09:00 Asia/Shanghai

class CalendarUseCases : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "cal");
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::CalendarService service() { return app::CalendarService(world_->ctx); }
    std::vector<domain::AuditEntry> Audit(const std::string& action) {
        world_->audit.Flush();
        storage::AuditQuery q;
        q.org = f_.org.id;
        q.action = action;
        auto tx = world_->store.Read();
        return tx->audit().Search(q);
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(CalendarUseCases, NewOrganisationUsesTheShippedChinaSchedule) {
    auto view = service().Get(As(f_.sales1), Day("2026-10-01"), Day("2026-10-31"));
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->version, 0);
    EXPECT_EQ(view->time_zone, "Asia/Shanghai");
    EXPECT_EQ(view->weekend, (std::vector<int>{6, 7}));
    ASSERT_EQ(view->days.size(), 8u);  // 10-01..07 off, 10-10 make-up
    EXPECT_EQ(view->days.back().kind, domain::DayKind::kWorkday);
    EXPECT_TRUE(view->marked_years.count(2026));
}

TEST_P(CalendarUseCases, AdministratorMarksADayAndDeadlinesFollow) {
    // A company holiday on Monday 2026-11-30 moves "1 working day after Friday 11-27" to 12-01.
    auto before = service().ComputeDeadline(
        As(f_.sales1), kFriday, 1, app::CalendarService::Unit::kWorkingDays);  // 2026-11-27 (Fri)
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(FormatDate(before->due_day), "2026-11-30");
    auto put = service().PutDay(As(f_.admin), {Day("2026-11-30"), domain::DayKind::kHoliday, "店庆"});
    ASSERT_TRUE(put.ok()) << put.error().message;
    auto after = service().ComputeDeadline(As(f_.sales1), kFriday, 1, app::CalendarService::Unit::kWorkingDays);
    EXPECT_EQ(FormatDate(after->due_day), "2026-12-01");
    // The first change stored the default schedule too: National Day is still there.
    auto view = service().Get(As(f_.sales1), Day("2026-10-01"), Day("2026-12-31"));
    EXPECT_EQ(view->version, 2);
    EXPECT_EQ(view->days.size(), 9u);
    ASSERT_EQ(Audit("calendar.day.put").size(), 1u);
    EXPECT_EQ(Audit("calendar.day.put")[0].object_id, "2026-11-30");
    // Removing the mark restores the weekday.
    ASSERT_TRUE(service().DeleteDay(As(f_.admin), Day("2026-11-30")).ok());
    EXPECT_EQ(service().DeleteDay(As(f_.admin), Day("2026-11-30")).error().code, ErrorCode::kNotFound);
}

TEST_P(CalendarUseCases, OnlyPolicyManagersChangeTheCalendarAndRefusalsAreAudited) {
    auto put = service().PutDay(As(f_.sales1), {Day("2026-11-30"), domain::DayKind::kHoliday, "x"});
    ASSERT_FALSE(put.ok());
    EXPECT_EQ(put.error().code, ErrorCode::kForbidden);
    auto denied = Audit("calendar.day.put");
    ASSERT_EQ(denied.size(), 1u);
    EXPECT_EQ(denied[0].outcome, "denied");
    EXPECT_EQ(service().Get(As(f_.sales1), Day("2026-11-30"), Day("2026-11-30"))->days.size(), 0u);
    EXPECT_EQ(service().Import(As(f_.advisor), "2026-11-30,holiday,x\n", app::CalendarFormat::kCsv, false).error().code,
              ErrorCode::kForbidden);
}

TEST_P(CalendarUseCases, SettingsCarryAVersionAndAStaleOneChangesNothing) {
    auto first = service().UpdateSettings(As(f_.admin), "Asia/Urumqi", {7}, 0);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->version, 2);
    auto stale = service().UpdateSettings(As(f_.admin), "Asia/Shanghai", {6, 7}, 0);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    auto bad_zone = service().UpdateSettings(As(f_.admin), "Asia/Atlantis", {6, 7}, 2);
    EXPECT_EQ(bad_zone.error().field, "time_zone");
    auto view = service().Get(As(f_.sales1), Day("2026-01-01"), Day("2026-01-01"));
    EXPECT_EQ(view->time_zone, "Asia/Urumqi");
    EXPECT_EQ(view->weekend, (std::vector<int>{7}));
    // A six-day week: Saturday 2026-11-28 is a working day now.
    auto due = service().ComputeDeadline(As(f_.sales1), kFriday, 1, app::CalendarService::Unit::kWorkingDays);
    EXPECT_EQ(FormatDate(due->due_day), "2026-11-28");
}

TEST_P(CalendarUseCases, ImportReplacesTheYearsItCoversAllOrNothing) {
    // A bad line anywhere: nothing is written.
    auto bad = service().Import(
        As(f_.admin), "2027-01-01,holiday,元旦\n2027-02-30,holiday,x\n", app::CalendarFormat::kCsv, true);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("line 2"), std::string::npos);
    EXPECT_FALSE(service().Get(As(f_.admin), Day("2027-01-01"), Day("2027-12-31"))->marked_years.count(2027));
    // Replacing 2026 with a one-day schedule removes the shipped 2026 marks but keeps 2025's.
    auto ok =
        service().Import(As(f_.admin), "date,kind,name\n2026-12-31,holiday,年终\n", app::CalendarFormat::kCsv, true);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->imported, 1);
    EXPECT_EQ(ok->years_replaced, (std::vector<int>{2026}));
    auto y2026 = service().Get(As(f_.admin), Day("2026-01-01"), Day("2026-12-31"));
    ASSERT_EQ(y2026->days.size(), 1u);
    EXPECT_EQ(y2026->days[0].name, "年终");
    EXPECT_EQ(service().Get(As(f_.admin), Day("2025-01-01"), Day("2025-12-31"))->days.size(),
              33u);  // the 2025 notice: 28 days off and 5 make-up working days
    auto exported = service().Export(As(f_.sales1), 2026, app::CalendarFormat::kIcs);
    ASSERT_TRUE(exported.ok());
    EXPECT_NE(exported->find("DTSTART;VALUE=DATE:20261231"), std::string::npos);
    EXPECT_EQ(Audit("calendar.import").size(), 1u);
}

TEST_P(CalendarUseCases, OrganisationsHaveTheirOwnCalendars) {
    auto other = MakeOrg(world_->ctx, "cal2");
    ASSERT_TRUE(service().PutDay(As(f_.admin), {Day("2026-11-30"), domain::DayKind::kHoliday, "店庆"}).ok());
    auto mine = service().Get(As(f_.sales1), Day("2026-11-30"), Day("2026-11-30"));
    auto theirs = service().Get(other.CallerFor(world_->store, other.sales1), Day("2026-11-30"), Day("2026-11-30"));
    EXPECT_EQ(mine->days.size(), 1u);
    EXPECT_EQ(theirs->days.size(), 0u);
    EXPECT_EQ(theirs->version, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarUseCases, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
