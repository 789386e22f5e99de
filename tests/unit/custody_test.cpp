// Domain rules of archive custody: ARC-12 retention dates and the four-eyes destruction decision,
// ARC-11 inspection due dates.
#include <gtest/gtest.h>

#include "domain/inspection.hpp"
#include "domain/retention.hpp"
#include "test_support.hpp"

namespace patron::domain {
namespace {

using test::At;
using test::Day;

PolicyValues Retention(std::int64_t new_car_years, std::int64_t after_sales_years) {
    PolicyValues policy;
    policy.Set(policy_key::kRetentionYearsNewCar, new_car_years);
    policy.Set(policy_key::kRetentionYearsAfterSales, after_sales_years);
    return policy;
}

TEST(Retention, ARC_12_KeptForThePolicysYearsFromTheLocalDayOfTheEvent) {
    Archive a;
    a.kind = "new_car";
    // 23:30 on 31 December in Shanghai is still 2025 there (UTC says 31 December 15:30).
    a.event_at = At("2025-12-31T23:30:00+08:00");
    EXPECT_EQ(FormatDate(RetentionUntil(a, TimeZone::Shanghai(), Retention(10, 3))), "2035-12-31");
    a.kind = "after_sales";
    EXPECT_EQ(FormatDate(RetentionUntil(a, TimeZone::Shanghai(), Retention(10, 3))), "2028-12-31");
    // 29 February: kept until 28 February of a common year.
    a.event_at = At("2024-02-29T10:00:00+08:00");
    EXPECT_EQ(FormatDate(RetentionUntil(a, TimeZone::Shanghai(), Retention(10, 3))), "2027-02-28");
    EXPECT_EQ(FormatDate(OldestRetainedEvent("after_sales", Day("2027-03-01"), Retention(10, 3))), "2024-03-01");
}

TEST(Retention, ARC_12_TheProposerNeverApprovesAndARejectionSaysWhy) {
    Destruction d;
    d.status = "proposed";
    d.proposed_by = UserId(7);
    EXPECT_EQ(CheckDestructionDecision(d, UserId(7), "approve", "").error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(CheckDestructionDecision(d, UserId(8), "approve", "").ok());
    EXPECT_EQ(CheckDestructionDecision(d, UserId(8), "reject", "").error().field, "reason");
    EXPECT_EQ(CheckDestructionDecision(d, UserId(8), "destroy", "x").error().field, "decision");
    d.status = "approved";
    EXPECT_EQ(CheckDestructionDecision(d, UserId(8), "approve", "").error().code, ErrorCode::kFailedPrecondition);
}

TEST(Inspection, ARC_11_DueSixMonthsAfterTheLastClampedToTheMonthsEnd) {
    EXPECT_EQ(FormatDate(NextInspectionDue(Day("2026-08-31"), 6, Day("2026-09-01"))), "2027-02-28");
    EXPECT_EQ(FormatDate(NextInspectionDue(Day("2026-10-01"), 6, Day("2026-10-02"))), "2027-04-01");
    EXPECT_EQ(FormatDate(NextInspectionDue(std::nullopt, 6, Day("2026-10-02"))), "2026-10-02");
}

}  // namespace
}  // namespace patron::domain
