// ARC-10: new customers are filed within the policy's working days of the meeting, on every backend.
#include <gtest/gtest.h>

#include "app/customer_service.hpp"
#include "app/reminder_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Filings : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "fil");
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::CustomerService customers() { return app::CustomerService(world_->ctx); }
    std::vector<std::string> OverdueNames(UserId user) {
        auto list = customers().OverdueFilings(As(user), 100);
        EXPECT_TRUE(list.ok());
        std::vector<std::string> names;
        for (const auto& item : list.value()) names.push_back(item.row.customer_name);
        return names;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(Filings, ARC_10_AnIncompleteBasicFormIsOverdueFiveWorkingDaysAfterTheMeeting) {
    // Met on Monday 2026-11-02: five working days, due Monday 2026-11-09.
    world_->clock.Set(At("2026-11-03T10:00:00+08:00"));
    auto partial = SampleCustomer(f_.sales_a, "赵六");
    partial.address.clear();
    auto created = customers().Create(As(f_.sales1), partial, Day("2026-11-02"));
    ASSERT_TRUE(created.ok()) << created.error().message;
    // A complete form is filed at once and never overdue.
    ASSERT_TRUE(customers().Create(As(f_.sales1), SampleCustomer(f_.sales_a, "钱七"), Day("2026-11-02")).ok());
    EXPECT_EQ(customers().Create(As(f_.sales1), SampleCustomer(f_.sales_a, "孙八"), Day("2026-11-04")).error().field,
              "met_on");

    world_->clock.Set(At("2026-11-09T23:59:00+08:00"));
    EXPECT_TRUE(OverdueNames(f_.sales1).empty());
    world_->clock.Set(At("2026-11-10T00:00:00+08:00"));
    EXPECT_EQ(OverdueNames(f_.sales1), std::vector<std::string>{"赵六"});
    auto list = customers().OverdueFilings(As(f_.sales1), 100);
    EXPECT_EQ(list->at(0).missing, std::vector<std::string>{"address"});
    EXPECT_EQ(FormatDate(list->at(0).row.filing.due_day), "2026-11-09");
    // Another store sees nothing of it.
    EXPECT_TRUE(OverdueNames(f_.sales2).empty());
    // The daily job reminds the department's staff.
    ASSERT_TRUE(app::ReminderService(world_->ctx).Refresh(f_.org.id, Day("2026-11-10")).ok());
    auto reminders = app::ReminderService(world_->ctx).Open(As(f_.sales1));
    ASSERT_TRUE(reminders.ok());
    ASSERT_EQ(reminders->size(), 1u);
    EXPECT_EQ((*reminders)[0].rule, "ARC-10");
    EXPECT_EQ((*reminders)[0].detail, "1");

    // Completing the form files the customer (late, but filed): off the list, reminder resolved.
    auto filed = customers().Update(As(f_.sales1), created->customer.id, created->customer.version, [](auto& c) {
        c.address = "北京市海淀区中关村大街1号";
        return Status{};
    });
    ASSERT_TRUE(filed.ok()) << filed.error().message;
    EXPECT_TRUE(OverdueNames(f_.sales1).empty());
    ASSERT_TRUE(app::ReminderService(world_->ctx).Refresh(f_.org.id, Day("2026-11-11")).ok());
    EXPECT_TRUE(app::ReminderService(world_->ctx).Open(As(f_.sales1))->empty());
}

TEST_P(Filings, ARC_10_AChangeReportedAfterFiveWorkingDaysIsLate) {
    world_->clock.Set(At("2026-11-02T10:00:00+08:00"));
    auto created = customers().Create(As(f_.sales1), SampleCustomer(f_.sales_a, "周九"));
    ASSERT_TRUE(created.ok());
    auto move = [](const char* address) {
        return [address](domain::Customer& c) {
            c.address = address;
            return Status{};
        };
    };
    // The customer moved on Monday 11-09: due Monday 11-16 (five working days).
    world_->clock.Set(At("2026-11-16T18:00:00+08:00"));
    auto on_time = customers().Update(
        As(f_.sales1), created->customer.id, 1, move("上海市浦东新区世纪大道1号"), Day("2026-11-09"));
    ASSERT_TRUE(on_time.ok()) << on_time.error().message;
    world_->clock.Set(At("2026-11-17T09:00:00+08:00"));
    auto late = customers().Update(
        As(f_.sales1), created->customer.id, 2, move("上海市浦东新区世纪大道2号"), Day("2026-11-09"));
    ASSERT_TRUE(late.ok()) << late.error().message;
    EXPECT_EQ(
        customers().Update(As(f_.sales1), created->customer.id, 3, move("x路3号"), Day("2026-11-18")).error().field,
        "changed_on");
    auto reports = customers().LateChangeReports(As(f_.sales1), "2026-11");
    ASSERT_TRUE(reports.ok()) << reports.error().message;
    ASSERT_EQ(reports->size(), 1u);
    EXPECT_EQ((*reports)[0].first.version, 3);
    EXPECT_EQ((*reports)[0].first.fields, "address");
    EXPECT_EQ(FormatDate((*reports)[0].first.due_day), "2026-11-16");
    EXPECT_EQ((*reports)[0].second, "周九");
    EXPECT_TRUE(customers().LateChangeReports(As(f_.sales2), "2026-11")->empty());
    EXPECT_EQ(customers().LateChangeReports(As(f_.sales1), "November").error().field, "month");
}

INSTANTIATE_TEST_SUITE_P(Backends, Filings, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
