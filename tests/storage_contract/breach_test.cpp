// SEC-10: breach incidents on every backend: reported, told at once, acted on, closed.
#include <gtest/gtest.h>

#include "app/breach_service.hpp"
#include "app/reminder_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Breaches : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "sec10");
        world_->clock.Set(At("2026-11-20T10:00:00+08:00"));
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::BreachService breaches() { return app::BreachService(world_->ctx); }
    bool Reminded(UserId user, std::int64_t incident) {
        auto open = app::ReminderService(world_->ctx).Open(As(user));
        EXPECT_TRUE(open.ok());
        for (const auto& r : *open) {
            if (r.key == "SEC-10:" + std::to_string(incident)) return true;
        }
        return false;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(Breaches, SEC_10_ALeakIsToldAtOnceToTheTwoRolesActedOnWithOwnersAndClosed) {
    domain::BreachIncident report;
    report.severity = "possible";
    report.title = "客户名单可能外泄";
    report.description = "打印的客户名单遗落在展厅前台";
    report.records = "北京店销售部 10 月新客户";
    EXPECT_EQ(breaches().Report(As(f_.sales1), domain::BreachIncident{}).error().field, "title");
    auto future = report;
    future.occurred_on = Day("2026-12-01");
    EXPECT_EQ(breaches().Report(As(f_.sales1), future).error().field, "occurred_on");
    auto reported = breaches().Report(As(f_.sales1), report);
    ASSERT_TRUE(reported.ok()) << reported.error().message;
    const std::int64_t id = reported->id;
    EXPECT_EQ(reported->occurred_on, Day("2026-11-20"));
    // At once: the customer service manager's dashboard shows it; a colleague's does not.
    EXPECT_TRUE(Reminded(f_.csm, id));
    EXPECT_FALSE(Reminded(f_.sales2, id));
    EXPECT_EQ(breaches().List(As(f_.sales1))->size(), 1u);
    EXPECT_TRUE(breaches().List(As(f_.sales2))->empty());
    EXPECT_EQ(breaches().Get(As(f_.sales2), id).error().code, ErrorCode::kNotFound);
    // Remedial actions come from the two roles, each with an owner who marks it done.
    domain::RemedialAction action;
    action.description = "收回名单并核查复印件";
    action.owner = f_.sales_director;
    EXPECT_EQ(breaches().AddAction(As(f_.sales1), id, action).error().code, ErrorCode::kForbidden);
    auto acted = breaches().AddAction(As(f_.csm), id, action);
    ASSERT_TRUE(acted.ok()) << acted.error().message;
    ASSERT_EQ(acted->actions.size(), 1u);
    const std::int64_t action_id = acted->actions[0].id;
    EXPECT_EQ(breaches().Close(As(f_.csm), id, "已处理", acted->version).error().code,
              ErrorCode::kFailedPrecondition);  // an action is open
    EXPECT_EQ(breaches().CompleteAction(As(f_.sales2), id, action_id, "x").error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(breaches().Get(As(f_.sales_director), id).ok());  // the owner sees the incident
    auto done = breaches().CompleteAction(As(f_.sales_director), id, action_id, "名单已收回，无复印");
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_NE(done->actions[0].done_at, 0);
    EXPECT_EQ(breaches().CompleteAction(As(f_.csm), id, action_id, "again").error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(breaches().Close(As(f_.csm), id, " ", done->version).error().field, "summary");
    EXPECT_EQ(breaches().Close(As(f_.sales1), id, "已处理", done->version).error().code, ErrorCode::kForbidden);
    auto closed = breaches().Close(As(f_.csm), id, "名单已收回，对前台人员进行了保密培训", done->version);
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, "closed");
    EXPECT_FALSE(Reminded(f_.csm, id));
    auto stored = breaches().Get(As(f_.csm), id);
    EXPECT_EQ(stored->status, "closed");
    EXPECT_EQ(stored->closed_by, f_.csm);
    EXPECT_EQ(stored->actions[0].result, "名单已收回，无复印");
}

INSTANTIATE_TEST_SUITE_P(Backends, Breaches, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
