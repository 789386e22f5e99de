// SEC-11 rules without a database: the item catalogue, the months of a report, the figures of an
// item, the chains of a change and of a distribution, who may decide a step.
#include "domain/report.hpp"

#include <gtest/gtest.h>

namespace patron::domain {
namespace {

class Report : public ::testing::Test {
protected:
    // 集团(1) → A店(2) → A店销售部(3); 集团 → B店(4) → B店销售部(5).
    DepartmentTree tree_{std::vector<Department>{
        {DepartmentId(1), OrgId(1), DepartmentId(), "集团", "group", "", 1},
        {DepartmentId(2), OrgId(1), DepartmentId(1), "A店", "store", "", 1},
        {DepartmentId(3), OrgId(1), DepartmentId(2), "A店销售部", "department", "sales", 1},
        {DepartmentId(4), OrgId(1), DepartmentId(1), "B店", "store", "", 1},
        {DepartmentId(5), OrgId(1), DepartmentId(4), "B店销售部", "department", "sales", 1},
    }};
    // The sales director of A店销售部 (user 20) asks to send a report of their department.
    ReportRequest Distribution(bool own) {
        ReportRequest q;
        q.kind = "distribution";
        q.requester = UserId(20);
        q.requester_department = DepartmentId(3);
        q.report_department = DepartmentId(3);
        q.recipient_department = own ? DepartmentId(3) : DepartmentId(5);
        q.steps = DistributionChain(DefaultApprovalChains(), own);
        return q;
    }
    static std::vector<RoleAssignment> Holds(UserId user, const char* role, DepartmentId where) {
        return {{1, user, role, where}};
    }
};

TEST_F(Report, SEC_11_ItemsComeFromTheCatalogueOnlyAndKeepItsOrder) {
    std::vector<std::string> items = {"vehicles_by_brand", "customers_by_category", "vehicles_by_brand"};
    ASSERT_TRUE(ValidateReportItems(items).ok());
    EXPECT_EQ(items, (std::vector<std::string>{"customers_by_category", "vehicles_by_brand"}));
    std::vector<std::string> personal = {"customers_by_grade", "customer_phones"};
    auto refused = ValidateReportItems(personal);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "items[1]");
    std::vector<std::string> none;
    EXPECT_EQ(ValidateReportItems(none).error().field, "items");
    CustomerReport report;
    report.title = "  ";
    report.items = {"nope"};
    auto both = ValidateReport(report);
    ASSERT_FALSE(both.ok());
    ASSERT_EQ(both.error().details.size(), 2u);  // one answer names every bad field
    EXPECT_EQ(both.error().details[0].field, "title");
    EXPECT_EQ(both.error().details[1].field, "items[0]");
}

TEST_F(Report, SEC_11_NewCustomersAreCountedForEachOfTheLastTwelveMonths) {
    Date today;
    ASSERT_TRUE(ParseDate("2026-10-12", &today));
    auto starts = ReportMonthStarts(today);
    ASSERT_EQ(starts.size(), 13u);
    EXPECT_EQ(FormatDate(starts.front()), "2025-11-01");
    EXPECT_EQ(FormatDate(starts[11]), "2026-10-01");
    EXPECT_EQ(FormatDate(starts.back()), "2026-11-01");
    EXPECT_EQ(MonthKey(starts[2]), "2026-01");
}

TEST_F(Report, SEC_11_AnEnumerationShowsEveryGroupOthersTheLargestFirst) {
    auto categories = FiguresOf("customers_by_category", {{"key", 3}, {"potential", 1}});
    ASSERT_EQ(categories.size(), 4u);
    EXPECT_EQ(categories[0].key, "target");
    EXPECT_EQ(categories[0].count, 0);
    EXPECT_EQ(categories[2].key, "key");
    EXPECT_EQ(categories[2].count, 3);
    auto brands = FiguresOf("vehicles_by_brand", {{"大众", 2}, {"奥迪", 5}, {"宝马", 2}});
    ASSERT_EQ(brands.size(), 3u);
    EXPECT_EQ(brands[0].key, "奥迪");
    EXPECT_EQ(brands[1].count, 2);
    EXPECT_LT(brands[1].key, brands[2].key);
}

TEST_F(Report, SEC_11_ChangesGoToTheGeneralManagerDistributionsAreReviewedAndElsewhereApproved) {
    const auto chains = DefaultApprovalChains();
    ASSERT_EQ(chains.report_change.size(), 1u);
    EXPECT_EQ(chains.report_change[0].roles, std::vector<std::string>{"general_manager"});
    const auto own = Distribution(true).steps;
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(own[0].roles, std::vector<std::string>{"customer_service_manager"});
    const auto other = Distribution(false).steps;
    ASSERT_EQ(other.size(), 2u);
    EXPECT_EQ(other[0].roles, std::vector<std::string>{"customer_service_manager"});
    EXPECT_EQ(other[1].roles, std::vector<std::string>{"general_manager"});
    // The chains are data the administrator edits, like the others.
    auto editable = DefaultApprovalChains();
    for (const char* kind : {"report_change", "report_review", "report_distribution"}) {
        ASSERT_NE(ChainOf(editable, kind), nullptr) << kind;
        EXPECT_TRUE(ValidateChain(*ChainOf(editable, kind), DefaultRoles()).ok()) << kind;
    }
}

TEST_F(Report, SEC_11_NobodyDecidesTheirOwnReportRequestOrTwoStepsOfOne) {
    auto q = Distribution(false);
    const auto csm = Holds(UserId(30), "customer_service_manager", DepartmentId(2));
    const auto gm = Holds(UserId(40), "general_manager", DepartmentId(1));
    // The requester is a general manager too: still not their own request.
    EXPECT_EQ(
        *WhyNotReportApprover(q, UserId(20), Holds(UserId(20), "customer_service_manager", DepartmentId(1)), tree_),
        "nobody approves their own request");
    EXPECT_TRUE(WhyNotReportApprover(q, UserId(40), gm, tree_).has_value());  // the review comes first
    EXPECT_FALSE(WhyNotReportApprover(q, UserId(30), csm, tree_).has_value());
    q.decisions.push_back({0, UserId(30), "approve", "", 1});
    // One person one step: a customer service manager who is also general manager decides once.
    auto both = csm;
    both.push_back({2, UserId(30), "general_manager", DepartmentId(1)});
    EXPECT_EQ(*WhyNotReportApprover(q, UserId(30), both, tree_), "you decided an earlier step of this request");
    EXPECT_FALSE(WhyNotReportApprover(q, UserId(40), gm, tree_).has_value());
    q.status = "approved";
    EXPECT_EQ(*WhyNotReportApprover(q, UserId(40), gm, tree_), "the request is already approved");
}

}  // namespace
}  // namespace patron::domain
