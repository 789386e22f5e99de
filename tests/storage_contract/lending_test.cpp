// SEC-5 lending register through the services, on every backend: borrowing approvals, lending,
// overdue reminders, the return (注销) and ARC-6g on damage.
#include <gtest/gtest.h>

#include "app/access_service.hpp"
#include "app/archive_service.hpp"
#include "app/customer_service.hpp"
#include "app/lending_service.hpp"
#include "app/penalty_service.hpp"
#include "app/reminder_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Lending : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "lend");
        world_->clock.Set(At("2026-10-12T10:00:00+08:00"));
        app::CustomerService customers(world_->ctx);
        auto c = SampleCustomer(f_.sales_b, "周杰");
        c.owner_id = f_.sales2;
        auto created = customers.Create(As(f_.sales2), c);
        ASSERT_TRUE(created.ok()) << created.error().message;
        auto v = customers.AddVehicle(As(f_.sales2), created->customer.id, SampleVehicle());
        ASSERT_TRUE(v.ok()) << v.error().message;
        app::NewArchive input;
        input.vehicle_id = v->id;
        input.department_id = f_.sales_b;
        input.event_at = At("2026-10-12T10:00:00+08:00");
        auto archive = app::ArchiveService(world_->ctx).Create(As(f_.sales2), input);
        ASSERT_TRUE(archive.ok()) << archive.error().message;
        archive_ = archive->archive.id;
        number_ = archive->archive.number;
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::AccessService access() { return app::AccessService(world_->ctx); }
    app::LendingService lending() { return app::LendingService(world_->ctx); }
    app::ReminderService reminders() { return app::ReminderService(world_->ctx); }
    app::NewLoan Loan(UserId borrower) {
        return {archive_, borrower, "销售合同原件、购车发票复印件", 2, "客户投诉处理需核对合同原件", true};
    }
    // sales1 (A店销售部) asks to borrow B店's archive; their director, then the specialist approve.
    void ApprovedBorrowing() {
        auto request =
            access().Request(As(f_.sales1), {"archive", archive_.value, {"lend"}, "借阅", "核对合同原件", 3});
        ASSERT_TRUE(request.ok()) << request.error().message;
        const auto id = request->request.id;
        ASSERT_TRUE(access().Decide(As(f_.sales_director), id, "approve", "", 1).ok());
        ASSERT_TRUE(access().Decide(As(f_.infospec), id, "approve", "", 2).ok());
    }
    std::vector<std::string> OpenKeys(UserId user) {
        std::vector<std::string> keys;
        auto open = reminders().Open(As(user));
        EXPECT_TRUE(open.ok());
        for (const auto& r : *open) {
            if (r.rule == "SEC-5") keys.push_back(r.key);
        }
        return keys;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
    ArchiveId archive_;
    std::string number_;
};

TEST_P(Lending, SEC_5_AFileIsLentOnlyAfterTheBorrowersManagerAndTheInformationSpecialistApprove) {
    auto request = access().Request(As(f_.sales1), {"archive", archive_.value, {"lend"}, "借阅", "核对合同原件", 3});
    ASSERT_TRUE(request.ok()) << request.error().message;
    // The lending chain, not SEC-4's general manager: the borrower's own department head first.
    ASSERT_EQ(request->request.steps.size(), 2u);
    EXPECT_EQ(request->request.steps[0].scope, "requester_department");
    EXPECT_EQ(request->request.steps[1].roles, std::vector<std::string>{"info_specialist"});
    const auto id = request->request.id;
    EXPECT_EQ(lending().Lend(As(f_.keeper), Loan(f_.sales1)).error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(access().Decide(As(f_.gm), id, "approve", "", 1).error().code, ErrorCode::kForbidden);
    ASSERT_TRUE(access().Decide(As(f_.sales_director), id, "approve", "", 1).ok());
    EXPECT_EQ(lending().Lend(As(f_.keeper), Loan(f_.sales1)).error().code, ErrorCode::kFailedPrecondition);
    ASSERT_TRUE(access().Decide(As(f_.infospec), id, "approve", "同意", 2).ok());
    // Only a keeper lends, with the borrower's signature in the register.
    EXPECT_EQ(lending().Lend(As(f_.sales2), Loan(f_.sales1)).error().code, ErrorCode::kForbidden);
    auto unsigned_loan = Loan(f_.sales1);
    unsigned_loan.borrower_signed = false;
    auto refused = lending().Lend(As(f_.keeper), unsigned_loan);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().details.at(0).field, "borrower_signed");
    // Someone else holding no approval gets nothing.
    EXPECT_EQ(lending().Lend(As(f_.keeper), Loan(f_.advisor)).error().code, ErrorCode::kFailedPrecondition);
    auto lent = lending().Lend(As(f_.keeper), Loan(f_.sales1));
    ASSERT_TRUE(lent.ok()) << lent.error().message;
    EXPECT_EQ(lent->row.loan.due_on, Day("2026-10-15"));  // lending.max_days = 3
    EXPECT_EQ(lent->status, "out");
    EXPECT_EQ(lent->row.archive_number, number_);
    EXPECT_TRUE(lent->row.loan.grant_id.valid());
    // One paper file cannot be lent twice.
    EXPECT_EQ(lending().Lend(As(f_.keeper), Loan(f_.sales1)).error().code, ErrorCode::kConflict);
    // The register: the keeper and the borrower see the loan; another consultant does not.
    EXPECT_EQ(lending().List(As(f_.keeper), {"out", false, {}})->size(), 1u);
    EXPECT_EQ(lending().List(As(f_.sales1), {})->size(), 1u);
    EXPECT_TRUE(lending().List(As(f_.sales2), {})->empty());
    EXPECT_EQ(lending().Get(As(f_.sales2), lent->row.loan.id).error().code, ErrorCode::kNotFound);
    // The borrower cannot close their own loan.
    EXPECT_EQ(lending().Return(As(f_.sales1), lent->row.loan.id, {"intact", "", 0, 1}).error().code,
              ErrorCode::kForbidden);
}

TEST_P(Lending, SEC_5_AnOverdueLoanIsRemindedEveryDayToTheKeepersAndItsBorrowerUntilReturned) {
    ApprovedBorrowing();
    auto lent = lending().Lend(As(f_.keeper), Loan(f_.sales1));
    ASSERT_TRUE(lent.ok()) << lent.error().message;
    const std::string loan = std::to_string(lent->row.loan.id);
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-15")).ok());  // due today: not yet late
    EXPECT_TRUE(OpenKeys(f_.keeper).empty());
    world_->clock.Set(At("2026-10-16T09:00:00+08:00"));
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-16")).ok());
    EXPECT_EQ(OpenKeys(f_.keeper), std::vector<std::string>{"SEC-5:2026-10-16"});
    EXPECT_EQ(OpenKeys(f_.sales1), std::vector<std::string>{"SEC-5:" + loan + ":2026-10-16"});
    EXPECT_TRUE(OpenKeys(f_.sales2).empty());
    EXPECT_EQ(lending().List(As(f_.keeper), {"overdue", false, {}})->size(), 1u);
    EXPECT_EQ(lending().Get(As(f_.sales1), lent->row.loan.id)->status, "overdue");
    // The next day: reminded again, yesterday's reminder resolved.
    world_->clock.Set(At("2026-10-17T09:00:00+08:00"));
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-17")).ok());
    EXPECT_EQ(OpenKeys(f_.keeper), std::vector<std::string>{"SEC-5:2026-10-17"});
    auto back = lending().Return(As(f_.keeper), lent->row.loan.id, {"intact", "", 0, 1});
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->status, "returned");
    EXPECT_EQ(back->row.loan.received_by, f_.keeper);
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-17")).ok());
    EXPECT_TRUE(OpenKeys(f_.keeper).empty());
    EXPECT_TRUE(OpenKeys(f_.sales1).empty());
    EXPECT_TRUE(lending().List(As(f_.keeper), {"out", false, {}})->empty());
    EXPECT_EQ(lending().List(As(f_.keeper), {"returned", false, {}})->size(), 1u);
    // Returned, it goes out again only under an approval still in force (that one ran out on the 15th).
    EXPECT_EQ(lending().Lend(As(f_.keeper), Loan(f_.sales1)).error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(Lending, ARC_6g_SEC_5_AFileReturnedDamagedIsTheBorrowersIncidentAndFine) {
    ApprovedBorrowing();
    auto lent = lending().Lend(As(f_.keeper), Loan(f_.sales1));
    ASSERT_TRUE(lent.ok()) << lent.error().message;
    const auto id = lent->row.loan.id;
    EXPECT_EQ(lending().Return(As(f_.keeper), id, {"damaged", "", 0, 1}).error().details.at(0).field, "note");
    EXPECT_EQ(lending().Return(As(f_.keeper), id, {"damaged", "合同被水浸湿", 1, 5}).error().code,
              ErrorCode::kConflict);
    auto back = lending().Return(As(f_.keeper), id, {"damaged", "合同被水浸湿", 1, 1});
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_NE(back->row.loan.incident_id, 0);
    EXPECT_EQ(lending().Return(As(f_.keeper), id, {"intact", "", 0, 2}).error().code, ErrorCode::kFailedPrecondition);
    auto view = app::ArchiveService(world_->ctx).Get(As(f_.keeper), archive_);
    ASSERT_EQ(view->incidents.size(), 1u);
    EXPECT_EQ(view->incidents[0].kind, "damaged");
    EXPECT_EQ(view->incidents[0].cause, "borrowing_breach");
    EXPECT_EQ(view->incidents[0].responsible_id, f_.sales1);
    auto fines = app::PenaltyService(world_->ctx).List(As(f_.sales1), "2026-10");
    ASSERT_EQ(fines->size(), 1u);
    EXPECT_EQ((*fines)[0].fine.violation.rule, "ARC-6g");
    EXPECT_EQ((*fines)[0].fine.violation.person, f_.sales1);
    EXPECT_EQ((*fines)[0].fine.amount_fen, 2000);
}

INSTANTIATE_TEST_SUITE_P(Backends, Lending, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
