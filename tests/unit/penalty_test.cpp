// The penalty engine (ARC-6), on domain objects only. Amounts in fen; expected values from the
// policy's defaults (50 RMB per late vehicle, 20 per item, doubling from the 2nd / 3rd violation).
#include "domain/penalty.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace patron::domain {
namespace {

using test::At;
using test::China;
using test::Day;

Archive NewCar(std::int64_t id, const char* sold) {
    Archive a;
    a.id = ArchiveId(id);
    a.number = "XC-2026-" + std::to_string(id);
    a.kind = "new_car";
    a.responsible_id = UserId(7);
    a.department_id = DepartmentId(3);
    a.event_at = At(sold);
    return a;
}

Handover HandedAt(const char* at) {
    Handover h;
    h.handed_at = At(at);
    return h;
}

TEST(Penalties, AmountsAreWrittenInYuanWithTwoDecimals) {
    EXPECT_EQ(domain::Yuan(0), "0.00");
    EXPECT_EQ(domain::Yuan(5), "0.05");
    EXPECT_EQ(domain::Yuan(5000), "50.00");
    EXPECT_EQ(domain::Yuan(1234567), "12345.67");
    EXPECT_EQ(domain::Yuan(-150), "-1.50");
}

TEST(Penalties, ARC_6a_LateSalesHandoverAcrossNationalDayIsFinedWithTheFacts) {
    PolicyValues policy;
    auto a = NewCar(1, "2026-09-30T15:00:00+08:00");
    auto v = DeadlineViolations(a,
                                {HandedAt("2026-10-12T10:00:00+08:00")},
                                China(),
                                TimeZone::Shanghai(),
                                policy,
                                At("2026-10-20T00:00:00+08:00"),
                                0);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, "ARC-6a");
    EXPECT_EQ(v[0].base_fen, 5000);
    EXPECT_EQ(FormatDate(v[0].day), "2026-10-12");
    EXPECT_NE(v[0].facts.find("sold 2026-09-30, handed over 2026-10-12, deadline 2026-10-10"), std::string::npos)
        << v[0].facts;
    EXPECT_NE(v[0].facts.find("国庆节"), std::string::npos);
}

TEST(Penalties, ARC_6a_OnTimeIsNotFinedAndNotHandedOverIsFinedTheDayAfterTheDeadline) {
    PolicyValues policy;
    auto on_time = NewCar(1, "2026-09-30T15:00:00+08:00");
    EXPECT_TRUE(DeadlineViolations(on_time,
                                   {HandedAt("2026-10-10T18:00:00+08:00")},
                                   China(),
                                   TimeZone::Shanghai(),
                                   policy,
                                   At("2026-10-20T00:00:00+08:00"),
                                   0)
                    .empty());
    auto missing = NewCar(2, "2026-09-30T15:00:00+08:00");
    EXPECT_TRUE(
        DeadlineViolations(missing, {}, China(), TimeZone::Shanghai(), policy, At("2026-10-10T23:59:00+08:00"), 0)
            .empty());
    auto late =
        DeadlineViolations(missing, {}, China(), TimeZone::Shanghai(), policy, At("2026-10-11T00:00:00+08:00"), 0);
    ASSERT_EQ(late.size(), 1u);
    EXPECT_EQ(FormatDate(late[0].day), "2026-10-11");
}

TEST(Penalties, ARC_6f_SalesConsultantsSecondViolationOfTheMonthIsDoubled) {
    PolicyValues policy;
    std::vector<Violation> month;
    for (int violation_idx = 0; violation_idx < 3; ++violation_idx) {
        Violation v;
        v.rule = "ARC-6a";
        v.offender_kind = "sales";
        v.base_fen = 5000;
        month.push_back(v);
    }
    auto amounts = ApplyRepeatRule(month, policy);
    EXPECT_EQ(amounts[0].amount_fen, 5000);
    EXPECT_EQ(amounts[1].amount_fen, 10000);
    EXPECT_EQ(amounts[2].amount_fen, 10000);
    EXPECT_EQ(
        amounts[1].arithmetic,
        "ARC-6a: 50.00 × 2 = 100.00 (ARC-6f: 2nd violation this month of a sales consultant, doubled from the 2nd)");
    EXPECT_TRUE(FlagsPayDeduction(amounts));
    // A service advisor's fines double from the 3rd.
    for (auto& v : month) v.offender_kind = "service";
    auto service = ApplyRepeatRule(month, policy);
    EXPECT_EQ(service[1].amount_fen, 5000);
    EXPECT_EQ(service[2].amount_fen, 10000);
    EXPECT_FALSE(FlagsPayDeduction(ApplyRepeatRule({month[0], month[1]}, policy)));
    // The threshold is a policy setting.
    policy.Set("penalty.service_double_from_nth", 2);
    EXPECT_EQ(ApplyRepeatRule(month, policy)[1].amount_fen, 10000);
}

TEST(Penalties, ARC_6b_EachSalesDocumentWithoutTheCustomersSignature) {
    PolicyValues policy;
    auto a = NewCar(1, "2026-09-30T15:00:00+08:00");
    a.items = {{"green_card", "present", "", false, false},  // needs the customer's signature
               {"contract", "present", "", false, true},     // idem
               {"invoice", "present", "", false, false},     // needs none
               {"pdi", "present", "", false, false}};        // internal only: not ARC-6b
    auto v = CheckViolations(a, DefaultChecklist(a.kind), policy, Day("2026-10-12"));
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].rule, "ARC-6b");
    EXPECT_EQ(v[0].base_fen, 2000);
    EXPECT_EQ(v[0].key, "ARC-6b:1:green_card");
    EXPECT_EQ(v[1].key, "ARC-6b:1:contract");
}

TEST(Penalties, ARC_6c_6d_6e_AfterSalesVisit) {
    PolicyValues policy;
    Archive a = NewCar(5, "2026-11-26T17:00:00+08:00");  // delivered Thursday
    a.kind = "after_sales";
    a.visit_ref = "WO-9";
    a.contact_verified = false;
    // One working day: due Friday 11-27; handed over Monday 11-30.
    auto v = DeadlineViolations(a,
                                {HandedAt("2026-11-30T09:00:00+08:00")},
                                China(),
                                TimeZone::Shanghai(),
                                policy,
                                At("2026-12-01T00:00:00+08:00"),
                                0);
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].rule, "ARC-6d");
    EXPECT_EQ(v[0].offender_kind, "service");
    EXPECT_EQ(v[1].rule, "ARC-6c");
    EXPECT_EQ(v[1].base_fen, 5000);
    a.items = {{"reception_sheet", "present", "", false, true},   // customer signature missing: 50
               {"work_order", "defective", "涂改", true, false},  // defective 20 + internal signature 20
               {"settlement", "missing", "", false, false},       // missing 20
               {"free_inspection", "present", "", false, true}};  // fine
    auto items = CheckViolations(a, DefaultChecklist(a.kind), policy, Day("2026-11-30"));
    std::int64_t total = 0;
    for (const auto& i : items) total += i.base_fen;
    EXPECT_EQ(items.size(), 4u);
    EXPECT_EQ(total, 5000 + 2000 + 2000 + 2000);
}

TEST(Penalties, ARC_6i_UncorrectedOrderRepeatsEachFurtherWorkingDayUntilCorrected) {
    PolicyValues policy;
    auto a = NewCar(1, "2026-11-20T10:00:00+08:00");
    // The ordering check found the green card unsigned: a 20 RMB ARC-6b fine, repeated.
    a.correction_ordered_at = At("2026-11-25T10:00:00+08:00");  // Wednesday; due Thursday 11-26
    auto open = DeadlineViolations(a,
                                   {HandedAt("2026-11-21T10:00:00+08:00")},
                                   China(),
                                   TimeZone::Shanghai(),
                                   policy,
                                   At("2026-12-01T12:00:00+08:00"),
                                   2000);
    std::vector<std::string> days;
    for (const auto& v : open) {
        if (v.rule == "ARC-6i") {
            days.push_back(FormatDate(v.day));
            EXPECT_EQ(v.base_fen, 2000);
        }
    }
    // Friday 11-27, Monday 11-30, Tuesday 12-01: the weekend does not count.
    EXPECT_EQ(days, (std::vector<std::string>{"2026-11-27", "2026-11-30", "2026-12-01"}));
    // A month's run asks only for its window; the repeats keep their count from the due day.
    auto window = DeadlineViolations(a,
                                     {HandedAt("2026-11-21T10:00:00+08:00")},
                                     China(),
                                     TimeZone::Shanghai(),
                                     policy,
                                     At("2026-12-01T12:00:00+08:00"),
                                     2000,
                                     Day("2026-11-30"),
                                     Day("2026-11-30"));
    ASSERT_EQ(window.size(), 1u);
    EXPECT_NE(window[0].facts.find("(2nd working day late)"), std::string::npos) << window[0].facts;
    // Corrected on Monday 11-30: only Friday repeats.
    a.corrected_at = At("2026-11-30T09:00:00+08:00");
    int repeats = 0;
    for (const auto& v : DeadlineViolations(a,
                                            {HandedAt("2026-11-21T10:00:00+08:00")},
                                            China(),
                                            TimeZone::Shanghai(),
                                            policy,
                                            At("2026-12-01T12:00:00+08:00"),
                                            2000)) {
        repeats += v.rule == "ARC-6i";
    }
    EXPECT_EQ(repeats, 1);
}

TEST(Penalties, ARC_6h_OnTimeAndCompletenessRatesPerDepartment) {
    PolicyValues policy;
    // Three sales archives due in October (deadline 10-10, 10-16, 10-19), one handed over late
    // and one not at all; a fourth due in November does not count.
    auto on_time = NewCar(1, "2026-09-30T15:00:00+08:00");
    auto late = NewCar(2, "2026-10-13T10:00:00+08:00");
    auto never = NewCar(3, "2026-10-14T10:00:00+08:00");
    auto november = NewCar(4, "2026-10-30T10:00:00+08:00");
    // Checked in October: archive 1 complete at once, archive 2 needed a correction.
    on_time.checked_at = At("2026-10-12T10:00:00+08:00");
    late.checked_at = At("2026-10-23T10:00:00+08:00");
    late.correction_ordered_at = At("2026-10-21T10:00:00+08:00");
    auto kpis = ArchiveKpis({{&on_time, At("2026-10-09T10:00:00+08:00")},
                             {&late, At("2026-10-20T10:00:00+08:00")},
                             {&never, 0},
                             {&november, 0}},
                            China(),
                            TimeZone::Shanghai(),
                            policy,
                            Day("2026-10-01"),
                            Day("2026-10-31"));
    ASSERT_EQ(kpis.size(), 1u);
    EXPECT_EQ(kpis[0].due, 3);
    EXPECT_EQ(kpis[0].on_time, 1);
    EXPECT_NEAR(kpis[0].OnTimeRate(), 33.33, 0.01);
    EXPECT_EQ(kpis[0].checked, 2);
    EXPECT_EQ(kpis[0].complete_first_time, 1);
    EXPECT_DOUBLE_EQ(kpis[0].CompletenessRate(), 50.0);
}

}  // namespace
}  // namespace patron::domain
