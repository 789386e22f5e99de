// The job runner on every backend (issue 3 "Jobs"): once per period across processes, lease
// takeover after a crash, the daily penalty job.
#include <gtest/gtest.h>

#include "app/archive_service.hpp"
#include "app/customer_service.hpp"
#include "app/penalty_service.hpp"
#include "app/reminder_service.hpp"
#include "jobs/runner.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Jobs : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "job");
        world_->clock.Set(At("2026-11-27T09:00:00+08:00"));
    }
    jobs::Job Counting(int* runs) {
        return {"count", [runs](OrgId, Date) -> Expected<std::string> {
                    ++*runs;
                    return std::string("ok");
                }};
    }
    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(Jobs, AJobRunsOncePerDayHoweverManyProcessesShareTheDatabase) {
    int runs = 0;
    jobs::JobRunner a(world_->ctx, {Counting(&runs)}, "host-a:1");
    jobs::JobRunner b(world_->ctx, {Counting(&runs)}, "host-b:2");
    a.RunDue();
    b.RunDue();
    a.RunDue();
    EXPECT_EQ(runs, 1);
    // Monday after a weekend of downtime: Monday's period runs once.
    world_->clock.Set(At("2026-11-30T08:00:00+08:00"));
    b.RunDue();
    a.RunDue();
    EXPECT_EQ(runs, 2);
    auto tx = world_->store.Read();
    auto finished = tx->jobs().Finished(f_.org.id, "count", 10);
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(finished[0].first, "2026-11-30");
}

// Issue 2: an import that stopped between its commit and the end of its search indexing (the
// process was killed) leaves a backlog; the next pass of any server's runner indexes it.
TEST_P(Jobs, ASearchBacklogLeftBehindIsIndexedOnTheNextPass) {
    auto customers = app::CustomerService(world_->ctx);
    domain::Customer c = SampleCustomer(f_.sales_a, "司马相如");
    {
        auto tx = world_->store.Write();
        c.org_id = f_.org.id;
        c.id = CustomerId(tx->NextId());
        c.version = 1;
        tx->customers().InsertCustomer(c);
        tx->customers().AddSearchBacklog(f_.org.id, {c.id.value, c.id.value});
        tx->Commit();
    }
    auto indexed = [&] {
        auto tx = world_->store.Read();
        return tx->customers().SearchBacklog(f_.org.id).empty();
    };
    EXPECT_FALSE(indexed());
    jobs::JobRunner runner(world_->ctx, {}, "host-a:1");
    runner.RunDue();
    EXPECT_TRUE(indexed());
    app::CustomerListQuery q;
    q.q = "司马相";
    auto found = customers.List(f_.CallerFor(world_->store, f_.gm), q);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->items.size(), 1u);
    EXPECT_EQ(found->items[0].summary.name, "司马相如");
}

TEST_P(Jobs, AClaimWhoseOwnerDiedIsTakenOverWhenItsLeaseExpires) {
    {
        auto tx = world_->store.Write();
        const Timestamp now = world_->clock.Now();
        ASSERT_TRUE(tx->jobs().Claim(f_.org.id, "count", "2026-11-27", "dead:1", now, now + 1000));
        tx->Commit();
    }
    int runs = 0;
    jobs::JobRunner b(world_->ctx, {Counting(&runs)}, "host-b:2");
    b.RunDue();
    EXPECT_EQ(runs, 0);  // the lease still holds
    world_->clock.Advance(2000);
    b.RunDue();
    EXPECT_EQ(runs, 1);
}

TEST_P(Jobs, ARC_6_TheDailyJobProposesTheMonthsFines) {
    world_->clock.Set(At("2026-11-02T10:00:00+08:00"));
    app::CustomerService customers(world_->ctx);
    auto c = customers.Create(f_.CallerFor(world_->store, f_.sales1), SampleCustomer(f_.sales_a));
    auto v = customers.AddVehicle(f_.CallerFor(world_->store, f_.sales1), c->customer.id, SampleVehicle());
    app::NewArchive input;
    input.vehicle_id = v->id;
    input.department_id = f_.sales_a;
    ASSERT_TRUE(app::ArchiveService(world_->ctx).Create(f_.CallerFor(world_->store, f_.sales1), input).ok());
    // Due Thursday 11-05; never handed over; the job on Friday 11-06 proposes the ARC-6a fine.
    world_->clock.Set(At("2026-11-06T09:00:00+08:00"));
    jobs::JobRunner runner(world_->ctx, jobs::StandardJobs(world_->ctx), "host:1");
    EXPECT_EQ(runner.RunDue(), 2);  // one organisation: the penalty run and the reminders
    EXPECT_EQ(runner.RunDue(), 0);  // once a day
    auto fines = app::PenaltyService(world_->ctx).List(f_.CallerFor(world_->store, f_.director), "2026-11");
    ASSERT_EQ(fines->size(), 1u);
    EXPECT_EQ((*fines)[0].fine.violation.rule, "ARC-6a");
    // ARC-11: never inspected, so the reminders job raised the inspection for the keeper.
    auto reminders = app::ReminderService(world_->ctx).Open(f_.CallerFor(world_->store, f_.keeper));
    ASSERT_EQ(reminders->size(), 1u);
    EXPECT_EQ((*reminders)[0].rule, "ARC-11");
}

INSTANTIATE_TEST_SUITE_P(Backends, Jobs, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
