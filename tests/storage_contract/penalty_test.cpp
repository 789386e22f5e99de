// The ARC-6 penalty run, decisions and statements on every backend.
#include <gtest/gtest.h>

#include <map>

#include "app/archive_service.hpp"
#include "app/customer_service.hpp"
#include "app/penalty_service.hpp"
#include "common/errors.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Penalties : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "pen");
        world_->clock.Set(At("2026-09-30T15:00:00+08:00"));
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    // A sold vehicle's archive, handed over at `handed` (nullptr: not handed over).
    ArchiveId SoldAndHandedOver(const char* vin, const char* sold, const char* handed) {
        world_->clock.Set(At(sold));
        app::CustomerService customers(world_->ctx);
        auto c = customers.Create(As(f_.sales1), SampleCustomer(f_.sales_a));
        auto v = customers.AddVehicle(As(f_.sales1), c->customer.id, SampleVehicle(vin, ""));
        EXPECT_TRUE(v.ok()) << v.error().message;
        app::NewArchive input;
        input.vehicle_id = v->id;
        input.department_id = f_.sales_a;
        input.event_at = At(sold);
        auto archive = archives().Create(As(f_.sales1), input);
        EXPECT_TRUE(archive.ok()) << archive.error().message;
        if (handed) {
            world_->clock.Set(At(handed));
            app::HandoverInput h;
            h.receiver_id = f_.keeper;
            h.items_handed = {"green_card"};
            auto done = archives().RegisterHandover(As(f_.sales1), archive->archive.id, h);
            EXPECT_TRUE(done.ok()) << done.error().message;
        }
        return archive->archive.id;
    }
    app::ArchiveService archives() { return app::ArchiveService(world_->ctx); }
    app::PenaltyService penalties() { return app::PenaltyService(world_->ctx); }

    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(Penalties, ARC_6a_ARC_6f_MonthlyRunFinesLateHandoversAndDoublesTheSecond) {
    SoldAndHandedOver("LSVAU218XN2183294", "2026-09-30T15:00:00+08:00", "2026-10-12T10:00:00+08:00");
    SoldAndHandedOver("LGB50DG78RU529906", "2026-10-13T10:00:00+08:00", "2026-10-20T10:00:00+08:00");
    SoldAndHandedOver("LSVMNSPR9LE166878", "2026-10-14T10:00:00+08:00", "2026-10-15T10:00:00+08:00");  // on time
    world_->clock.Set(At("2026-11-02T09:00:00+08:00"));
    auto run = penalties().Run(As(f_.admin), "2026-10");
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_EQ(run->proposed, 2);
    EXPECT_EQ(run->total_fen, 5000 + 10000);
    auto fines = penalties().List(As(f_.sales1), "2026-10");
    ASSERT_EQ(fines->size(), 2u);
    const auto& first = (*fines)[0].fine;
    EXPECT_EQ(first.violation.rule, "ARC-6a");
    EXPECT_EQ(first.amount_fen, 5000);
    EXPECT_NE(first.violation.facts.find("handed over 2026-10-12, deadline 2026-10-10"), std::string::npos)
        << first.violation.facts;
    const auto& second = (*fines)[1].fine;
    EXPECT_EQ(second.amount_fen, 10000);
    EXPECT_NE(second.arithmetic.find("ARC-6f: 2nd violation"), std::string::npos) << second.arithmetic;
    // A second run changes nothing.
    auto again = penalties().Run(As(f_.admin), "2026-10");
    EXPECT_EQ(again->proposed, 0);
    EXPECT_EQ(again->unchanged, 2);
    // Only the customer director decides; a waiver needs a reason and leaves the fine on record.
    EXPECT_EQ(penalties().Decide(As(f_.sales1), first.id, "waive", "x", first.version).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(penalties().Decide(As(f_.director), first.id, "waive", "", first.version).error().field, "reason");
    auto waived = penalties().Decide(As(f_.director), first.id, "waive", "系统故障导致延误", first.version);
    ASSERT_TRUE(waived.ok()) << waived.error().message;
    EXPECT_EQ(penalties().Decide(As(f_.director), first.id, "confirm", "", first.version).error().code,
              ErrorCode::kConflict);
    // With the first waived, the second is the month's first violation: 50, not 100.
    ASSERT_TRUE(penalties().Run(As(f_.admin), "2026-10").ok());
    auto after = penalties().List(As(f_.director), "2026-10");
    ASSERT_EQ(after->size(), 2u);
    EXPECT_EQ((*after)[0].fine.status, "waived");
    EXPECT_EQ((*after)[1].fine.amount_fen, 5000);
    auto confirmed = penalties().Decide(As(f_.director), (*after)[1].fine.id, "confirm", "", (*after)[1].fine.version);
    ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
    auto statement = penalties().MonthlyStatement(As(f_.director), "2026-10");
    ASSERT_EQ(statement->persons.size(), 1u);
    EXPECT_EQ(statement->persons[0].person, f_.sales1);
    EXPECT_EQ(statement->persons[0].violations, 1);
    EXPECT_EQ(statement->persons[0].confirmed_fen, 5000);
    EXPECT_FALSE(statement->persons[0].pay_deduction);
    ASSERT_EQ(statement->departments.size(), 1u);
    EXPECT_EQ(statement->departments[0].department, f_.sales_a);
}

TEST_P(Penalties, ARC_6a_TheEarliestHandoverCountsWhateverOrderTheBookLinesAreEntered) {
    // Sold 2026-09-30, deadline 2026-10-10. A late line (10-12) stored first, then an earlier line
    // of the paper book (10-09, a further handover of the same archive): the archive was first
    // handed over on time and nothing is fined.
    ArchiveId archive =
        SoldAndHandedOver("LSVAU218XN2183294", "2026-09-30T15:00:00+08:00", "2026-10-12T10:00:00+08:00");
    {
        auto tx = world_->store.Write();
        domain::Handover earlier;
        earlier.id = HandoverId(tx->NextId());
        earlier.archive_id = archive;
        earlier.sender_id = f_.sales1;
        earlier.receiver_id = f_.keeper;
        earlier.handed_at = At("2026-10-09T10:00:00+08:00");
        earlier.items_handed = {"invoice"};
        tx->archives().InsertHandover(f_.org.id, earlier);
        tx->Commit();
    }
    world_->clock.Set(At("2026-11-02T09:00:00+08:00"));
    auto run = penalties().Run(As(f_.admin), "2026-10");
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_EQ(run->proposed, 0);
    auto kpis = penalties().ArchiveKpis(As(f_.director), "2026-10");
    ASSERT_TRUE(kpis.ok()) << kpis.error().message;
    ASSERT_EQ(kpis->size(), 1u);
    EXPECT_EQ((*kpis)[0].kpi.on_time, 1);
}

TEST_P(Penalties, ARC_6a_NotHandedOverIsFinedAndFinesAreSeenOnlyByWhomTheyConcern) {
    SoldAndHandedOver("LSVAU218XN2183294", "2026-10-20T10:00:00+08:00", nullptr);
    world_->clock.Set(At("2026-10-31T09:00:00+08:00"));
    ASSERT_TRUE(penalties().Run(As(f_.director), "2026-10").ok());
    EXPECT_EQ(penalties().List(As(f_.sales1), "2026-10")->size(), 1u);  // own
    EXPECT_EQ(penalties().List(As(f_.keeper), "2026-10")->size(), 1u);  // penalty.read over the group
    EXPECT_EQ(penalties().List(As(f_.sales2), "2026-10")->size(), 0u);  // another store's consultant
    EXPECT_EQ(penalties().Run(As(f_.sales1), "2026-10").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(penalties().Run(As(f_.director), "2026-13").error().field, "month");
}

TEST_P(Penalties, ARC_6b_KeepersCheckFindingsAreFinedOnTheCheckDay) {
    auto id = SoldAndHandedOver("LSVAU218XN2183294", "2026-10-20T10:00:00+08:00", "2026-10-21T10:00:00+08:00");
    world_->clock.Set(At("2026-10-22T10:00:00+08:00"));
    auto archive = archives().Get(As(f_.keeper), id);
    std::vector<domain::ArchiveItem> items;
    for (const auto& spec : archive->checklist) items.push_back({spec.code, "present", "", true, true});
    items[0].customer_signed = false;  // green card
    ASSERT_TRUE(archives().RecordCheck(As(f_.keeper), id, items, archive->archive.version).ok());
    auto fines = penalties().List(As(f_.keeper), "2026-10");
    ASSERT_EQ(fines->size(), 1u);
    EXPECT_EQ((*fines)[0].fine.violation.rule, "ARC-6b");
    EXPECT_EQ(FormatDate((*fines)[0].fine.violation.day), "2026-10-22");
    EXPECT_EQ((*fines)[0].fine.amount_fen, 2000);
}

TEST_P(Penalties, ARC_6h_DepartmentKpisFromStoredArchives) {
    SoldAndHandedOver("LSVAU218XN2183294", "2026-09-30T15:00:00+08:00", "2026-10-12T10:00:00+08:00");  // late
    SoldAndHandedOver("LGB50DG78RU529906", "2026-10-13T10:00:00+08:00", "2026-10-14T10:00:00+08:00");  // on time
    world_->clock.Set(At("2026-11-02T09:00:00+08:00"));
    auto kpis = app::PenaltyService(world_->ctx).ArchiveKpis(As(f_.director), "2026-10");
    ASSERT_TRUE(kpis.ok()) << kpis.error().message;
    ASSERT_EQ(kpis->size(), 1u);
    EXPECT_EQ((*kpis)[0].kpi.department, f_.sales_a);
    EXPECT_EQ((*kpis)[0].kpi.due, 2);
    EXPECT_EQ((*kpis)[0].kpi.on_time, 1);
    EXPECT_EQ(app::PenaltyService(world_->ctx).ArchiveKpis(As(f_.sales1), "2026-10").error().code,
              ErrorCode::kForbidden);
}

TEST_P(Penalties, ARC_6g_LostThroughLateFilingCostsTheResponsiblePersonPerFileAndTheRunKeepsIt) {
    // On time, so the incident is the consultant's only violation of the month until the 2nd.
    ArchiveId id = SoldAndHandedOver("LSVAU218XN2183294", "2026-10-12T10:00:00+08:00", "2026-10-13T10:00:00+08:00");
    world_->clock.Set(At("2026-10-20T10:00:00+08:00"));
    domain::ArchiveIncident lost;
    lost.kind = "lost";
    lost.cause = "late_filing";
    lost.responsible_id = f_.sales1;
    lost.files = 2;
    lost.occurred_on = Day("2026-10-19");
    lost.description = "交车照片和保险单复印件未及时归档，遗失";
    EXPECT_EQ(archives().RecordIncident(As(f_.sales1), id, lost).error().code, ErrorCode::kForbidden);
    auto bad = lost;
    bad.files = 0;
    bad.description = "";
    auto invalid = archives().RecordIncident(As(f_.keeper), id, bad);
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().details.size(), 2u);
    auto recorded = archives().RecordIncident(As(f_.keeper), id, lost);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    ASSERT_EQ(recorded->incidents.size(), 1u);
    // A damage with another cause is recorded and not fined.
    auto other = lost;
    other.kind = "damaged";
    other.cause = "other";
    other.description = "漏水";
    ASSERT_TRUE(archives().RecordIncident(As(f_.keeper), id, other).ok());
    auto fines = penalties().List(As(f_.sales1), "2026-10");
    ASSERT_EQ(fines->size(), 1u);
    const auto& fine = (*fines)[0].fine;
    EXPECT_EQ(fine.violation.rule, "ARC-6g");
    EXPECT_EQ(fine.violation.person, f_.sales1);
    EXPECT_EQ(fine.amount_fen, 2 * 2000);
    EXPECT_NE(fine.violation.facts.find("2 file(s) × 20.00 = 40.00"), std::string::npos) << fine.violation.facts;
    // The monthly run keeps it and counts it for ARC-6f: a second violation of the month doubles.
    SoldAndHandedOver("LGB50DG78RU529906", "2026-10-21T10:00:00+08:00", "2026-10-28T10:00:00+08:00");  // late
    world_->clock.Set(At("2026-11-02T09:00:00+08:00"));
    ASSERT_TRUE(penalties().Run(As(f_.admin), "2026-10").ok());
    auto after = penalties().List(As(f_.sales1), "2026-10");
    ASSERT_EQ(after->size(), 2u);
    EXPECT_EQ((*after)[0].fine.violation.rule, "ARC-6g");
    EXPECT_EQ((*after)[0].fine.status, "proposed");
    EXPECT_EQ((*after)[1].fine.violation.rule, "ARC-6a");
    EXPECT_EQ((*after)[1].fine.amount_fen, 2 * 5000);
}

TEST_P(Penalties, ARC_6_ManyFinesAreWrittenWholeAndAViolationIsNeverFinedTwice) {
    // 70 fines: two full multi-row statements and a remainder (FineRepo::InsertMany).
    auto fine = [&](int n, ArchiveId archive) {
        storage::Fine f;
        f.version = 1;
        f.violation.rule = "ARC-6i";
        f.violation.key = "ARC-6i:" + std::to_string(archive.value) + ":" + std::to_string(n);
        f.violation.person = f_.sales1;
        f.violation.department = f_.sales_a;
        f.violation.archive = archive;
        f.violation.offender_kind = "sales";
        ParseDate("2026-10-" + std::string(n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1), &f.violation.day);
        f.violation.base_fen = 5000 + n;
        f.violation.facts = "facts " + std::to_string(n);
        f.ordinal = n + 1;
        f.amount_fen = 100 * n;
        f.arithmetic = "arithmetic " + std::to_string(n);
        f.created_at = f.updated_at = 1000 + n;
        return f;
    };
    std::vector<storage::Fine> fines;
    {
        auto tx = world_->store.Write();
        for (int n = 0; n < 70; ++n) {
            fines.push_back(fine(n, ArchiveId(900 + n % 3)));
            fines.back().id = FineId(tx->NextId());
        }
        tx->fines().InsertMany(f_.org.id, fines);
        tx->Commit();
    }
    auto read = world_->store.Read();
    auto stored = read->fines().ForMonth(f_.org.id, "2026-10");
    ASSERT_EQ(stored.size(), 70u);
    std::map<std::string, storage::Fine> by_key;
    for (auto& f : stored) by_key[f.violation.key] = f;
    for (const auto& f : fines) {
        ASSERT_EQ(by_key.count(f.violation.key), 1u) << f.violation.key;
        const auto& s = by_key[f.violation.key];
        EXPECT_EQ(s.id, f.id);
        EXPECT_EQ(s.violation.archive, f.violation.archive);
        EXPECT_EQ(s.violation.day, f.violation.day);
        EXPECT_EQ(s.violation.base_fen, f.violation.base_fen);
        EXPECT_EQ(s.violation.facts, f.violation.facts);
        EXPECT_EQ(s.ordinal, f.ordinal);
        EXPECT_EQ(s.amount_fen, f.amount_fen);
        EXPECT_EQ(s.arithmetic, f.arithmetic);
    }
    EXPECT_EQ(read->fines().ForArchive(f_.org.id, ArchiveId(901)).size(), 23u);
    read.reset();
    // The same violation again, alone or inside a block of new ones: refused, and nothing of the
    // block is kept.
    for (std::size_t size : {1u, 40u}) {
        auto tx = world_->store.Write();
        std::vector<storage::Fine> again;
        for (std::size_t n = 0; n + 1 < size; ++n) {
            again.push_back(fine(100 + static_cast<int>(n), ArchiveId(950)));
            again.back().id = FineId(tx->NextId());
        }
        again.push_back(fines[37]);
        again.back().id = FineId(tx->NextId());
        EXPECT_THROW(tx->fines().InsertMany(f_.org.id, again), patron::ConstraintError) << size;
    }
    EXPECT_EQ(world_->store.Read()->fines().ForMonth(f_.org.id, "2026-10").size(), 70u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Penalties, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
