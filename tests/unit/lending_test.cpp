// SEC-5 lending rules without a database: the due day, what the register needs, the statuses, the
// lending approval chain.
#include "domain/lending.hpp"

#include <gtest/gtest.h>

#include "common/time_zone.hpp"

namespace patron::domain {
namespace {

Date D(const char* text) {
    Date d{};
    EXPECT_TRUE(ParseDate(text, &d)) << text;
    return d;
}

TEST(Lending, SEC_5_ALoanIsDueAtMostMaxDaysAfterTheDayItLeavesAcrossMonthAndYearEnds) {
    EXPECT_EQ(LoanDueDay(D("2026-10-12"), 3), D("2026-10-15"));
    EXPECT_EQ(LoanDueDay(D("2026-10-30"), 3), D("2026-11-02"));
    EXPECT_EQ(LoanDueDay(D("2026-12-30"), 3), D("2027-01-02"));
    EXPECT_EQ(LoanDueDay(D("2026-10-12"), 1), D("2026-10-13"));
}

TEST(Lending, SEC_5_ALoanIsOverdueOnlyAfterItsDueDayAndClosedOnceReturnedOrLost) {
    Loan loan;
    loan.due_on = D("2026-10-15");
    EXPECT_EQ(LoanStatus(loan, D("2026-10-15")), "out");
    EXPECT_EQ(LoanStatus(loan, D("2026-10-16")), "overdue");
    loan.returned_at = 1;
    loan.condition = "damaged";
    EXPECT_EQ(LoanStatus(loan, D("2026-10-20")), "returned");
    loan.condition = "lost";
    EXPECT_EQ(LoanStatus(loan, D("2026-10-20")), "lost");
}

TEST(Lending, SEC_5_TheRegisterRecordsTitleCopiesReasonAndTheBorrowersSignature) {
    Loan loan;
    loan.title = "  销售合同原件 ";
    loan.copies = 2;
    loan.reason = "核对合同";
    loan.borrower_signed = true;
    EXPECT_TRUE(ValidateLoan(loan).ok());
    EXPECT_EQ(loan.title, "销售合同原件");
    Loan empty;
    empty.copies = 0;
    auto status = ValidateLoan(empty);
    ASSERT_FALSE(status.ok());
    std::vector<std::string> fields;
    for (const auto& d : status.error().details) fields.push_back(d.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"title", "reason", "copies", "borrower_signed"}));
}

TEST(Lending, SEC_5_AReturnOtherThanIntactSaysWhatHappened) {
    std::string condition = "intact", note;
    EXPECT_TRUE(ValidateReturn(condition, note).ok());
    condition = "damaged";
    EXPECT_FALSE(ValidateReturn(condition, note).ok());
    note = "水渍";
    EXPECT_TRUE(ValidateReturn(condition, note).ok());
    condition = "borrowed";
    EXPECT_FALSE(ValidateReturn(condition, note).ok());
}

TEST(Lending, SEC_5_BorrowingGoesToTheBorrowersManagerThenTheInformationSpecialistPlusSEC_3ForClassified) {
    const auto chains = DefaultApprovalChains();
    auto steps = ChainFor(chains, false, false, {"lend"});
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].scope, "requester_department");
    EXPECT_EQ(steps[1].roles, std::vector<std::string>{"info_specialist"});
    auto classified = ChainFor(chains, true, true, {"lend"});
    ASSERT_EQ(classified.size(), 3u);
    EXPECT_EQ(classified[2].roles, std::vector<std::string>{"customer_service_manager"});
    // Reading keeps SEC-4's chain.
    EXPECT_EQ(ChainFor(chains, false, false, {"read"})[0].roles, std::vector<std::string>{"general_manager"});
}

}  // namespace
}  // namespace patron::domain
