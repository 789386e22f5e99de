// Customer archives and the handover book on every backend (ARC-1 … ARC-5, ARC-8, ARC-14).
#include <gtest/gtest.h>

#include "app/document_service.hpp"
#include "archive_fixture.hpp"

namespace patron::test {
namespace {

class Archives : public ArchiveFixture {};

TEST_P(Archives, ARC_1_OneVehicleOneNewCarArchiveNumberedPerYear) {
    auto first = NewCarArchive();
    EXPECT_EQ(first.archive.number, "XC-2026-000001");
    EXPECT_EQ(first.archive.status, "open");
    EXPECT_EQ(first.archive.customer_id, customer_);
    EXPECT_EQ(first.checklist.size(), 12u);  // ARC-2
    EXPECT_FALSE(first.complete);
    app::NewArchive again;
    again.vehicle_id = vehicle_;
    again.department_id = f_.sales_a;
    auto second = service().Create(As(f_.sales1), again);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    // After-sales archives: one per service visit, also for the same vehicle (ARC-1, ARC-3).
    app::NewArchive visit;
    visit.kind = "after_sales";
    visit.vehicle_id = vehicle_;
    visit.department_id = f_.service_a;
    visit.visit_ref = "WO-1";
    auto service_archive = service().Create(As(f_.advisor), visit);
    ASSERT_TRUE(service_archive.ok()) << service_archive.error().message;
    EXPECT_EQ(service_archive->archive.number, "SH-2026-000001");
    EXPECT_EQ(service_archive->checklist.size(), 4u);
}

TEST_P(Archives, ARC_4_HandoverAfterNationalDayIsOneWorkingDayLateWithTheArithmetic) {
    auto archive = NewCarArchive();
    EXPECT_EQ(FormatDate(archive.deadline.due_day), "2026-10-10");  // 3 working days, make-up Saturday
    world_->clock.Set(At("2026-10-12T10:00:00+08:00"));
    auto view = service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-12T10:00:00+08:00"));
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->archive.status, "handed_over");
    ASSERT_EQ(view->handovers.size(), 1u);
    const auto& h = view->handovers[0];
    EXPECT_EQ(h.late_days, 1);  // 10-11 is a Sunday, 10-12 a working day
    EXPECT_EQ(h.due_at, At("2026-10-11T00:00:00+08:00"));
    EXPECT_NE(h.deadline_explanation.find("国庆节"), std::string::npos) << h.deadline_explanation;
    EXPECT_EQ(h.items_missing, std::vector<std::string>{"licence"});
}

TEST_P(Archives, ARC_4_HandoverOnTheDeadlineDayIsOnTime) {
    auto archive = NewCarArchive();
    world_->clock.Set(At("2026-10-10T23:30:00+08:00"));
    auto view = service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-10T23:30:00+08:00"));
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->handovers[0].late_days, 0);
}

TEST_P(Archives, ARC_4_TheReceiverMustBeAnArchiveKeeper) {
    auto archive = NewCarArchive();
    auto h = Handover("2026-10-09T10:00:00+08:00");
    h.receiver_id = f_.sales2;
    world_->clock.Set(At("2026-10-09T10:00:00+08:00"));
    auto view = service().RegisterHandover(As(f_.sales1), archive.archive.id, h);
    ASSERT_FALSE(view.ok());
    EXPECT_EQ(view.error().field, "receiver_id");
    auto unchanged = service().Get(As(f_.sales1), archive.archive.id);
    EXPECT_EQ(unchanged->archive.status, "open");
    EXPECT_TRUE(unchanged->handovers.empty());
}

TEST_P(Archives, ARC_5_HandoverBookListsTheDaysHandovers) {
    auto archive = NewCarArchive();
    world_->clock.Set(At("2026-10-09T10:00:00+08:00"));
    ASSERT_TRUE(
        service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-09T10:00:00+08:00")).ok());
    auto book = service().HandoverBook(As(f_.keeper), At("2026-10-09T00:00:00+08:00"), At("2026-10-10T00:00:00+08:00"));
    ASSERT_TRUE(book.ok());
    ASSERT_EQ(book->size(), 1u);
    EXPECT_EQ((*book)[0].archive_number, "XC-2026-000001");
    EXPECT_EQ((*book)[0].handover.sender_id, f_.sales1);
    EXPECT_EQ((*book)[0].handover.receiver_id, f_.keeper);
    // Another store's sales consultant sees nothing of it.
    auto other =
        service().HandoverBook(As(f_.sales2), At("2026-10-09T00:00:00+08:00"), At("2026-10-10T00:00:00+08:00"));
    EXPECT_TRUE(other->empty());
}

TEST_P(Archives, ARC_4_KeeperChecksFilesAndARC_14_SalesDirectorConfirms) {
    auto archive = NewCarArchive();
    world_->clock.Set(At("2026-10-09T10:00:00+08:00"));
    auto handed = service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-09T10:00:00+08:00"));
    ASSERT_TRUE(handed.ok());
    // Only the keeper checks; a consultant may not.
    EXPECT_EQ(service().RecordCheck(As(f_.sales1), archive.archive.id, {}, handed->archive.version).error().code,
              ErrorCode::kForbidden);
    std::vector<domain::ArchiveItem> items;
    for (const auto& spec : handed->checklist) {
        items.push_back({spec.code, spec.optional ? "missing" : "present", "", true, true});
    }
    items[0].customer_signed = false;  // the green card lacks the customer's signature
    auto checked = service().RecordCheck(As(f_.keeper), archive.archive.id, items, handed->archive.version);
    ASSERT_TRUE(checked.ok()) << checked.error().message;
    EXPECT_EQ(checked->archive.status, "checked");
    EXPECT_FALSE(checked->complete);
    items[0].customer_signed = true;
    // Back to the consultant for the signature, then checked again: complete.
    auto stale = service().File(As(f_.keeper), archive.archive.id, "A1", "3", "", handed->archive.version);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    auto no_place = service().File(As(f_.keeper), archive.archive.id, "", "", "", checked->archive.version);
    EXPECT_EQ(no_place.error().code, ErrorCode::kFailedPrecondition);
    // ARC-4: copied and scanned before the original is shelved.
    auto unscanned = service().File(As(f_.keeper), archive.archive.id, "A1", "3", "袋12", checked->archive.version);
    ASSERT_FALSE(unscanned.ok());
    EXPECT_EQ(unscanned.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(unscanned.error().message.find("green_card"), std::string::npos) << unscanned.error().message;
    app::DocumentService documents(world_->ctx);
    for (const auto& item : items) {
        if (item.state == "missing") continue;
        std::string scan = "%PDF-1.4\n% scan of " + item.code + "\n%%EOF\n";
        ASSERT_TRUE(
            documents.Upload(As(f_.keeper), archive.archive.id, {item.code, item.code + ".pdf", ""}, scan).ok());
    }
    auto filed = service().File(As(f_.keeper), archive.archive.id, "A1", "3", "袋12", checked->archive.version);
    ASSERT_TRUE(filed.ok()) << filed.error().message;
    EXPECT_EQ(filed->archive.status, "filed");
    EXPECT_EQ(service().Confirm(As(f_.sales1), archive.archive.id, filed->archive.version).error().code,
              ErrorCode::kForbidden);
    auto confirmed = service().Confirm(As(f_.sales_director), archive.archive.id, filed->archive.version);
    ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
    EXPECT_EQ(confirmed->archive.confirmed_by, f_.sales_director);
}

TEST_P(Archives, ARC_8_LookupByNumberNamePlateAndVin) {
    NewCarArchive();
    for (const char* q : {"XC-2026", "李雷", "京A12345", "2183294"}) {
        app::ArchiveListQuery query;
        query.q = q;
        auto rows = service().List(As(f_.keeper), query);
        ASSERT_TRUE(rows.ok()) << q;
        ASSERT_EQ(rows->size(), 1u) << q;
        EXPECT_EQ((*rows)[0].plate, "京A12345");
    }
    app::ArchiveListQuery nothing;
    nothing.q = "王五";
    EXPECT_TRUE(service().List(As(f_.keeper), nothing)->empty());
    // SEC-1: a consultant of another store finds nothing; reading it is refused and audited.
    app::ArchiveListQuery all;
    EXPECT_TRUE(service().List(As(f_.sales2), all)->empty());
}

TEST_P(Archives, SEC_1_ArchiveReadsAreAuditedAndOtherDepartmentsRefused) {
    auto archive = NewCarArchive();
    EXPECT_EQ(service().Get(As(f_.sales2), archive.archive.id).error().code, ErrorCode::kForbidden);
    ASSERT_TRUE(service().Get(As(f_.keeper), archive.archive.id).ok());
    world_->audit.Flush();
    storage::AuditQuery q;
    q.org = f_.org.id;
    q.object_type = "archive";
    q.action = "archive.read";
    auto tx = world_->store.Read();
    auto entries = tx->audit().Search(q);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].outcome, "ok");
    EXPECT_EQ(entries[0].username, "keeper");
    EXPECT_EQ(entries[1].outcome, "denied");
}

TEST_P(Archives, OrganisationsAreIsolated) {
    auto archive = NewCarArchive();
    auto other = MakeOrg(world_->ctx, "arc2");
    auto read = service().Get(other.CallerFor(world_->store, other.keeper), archive.archive.id);
    EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
    app::NewArchive steal;
    steal.vehicle_id = vehicle_;
    steal.department_id = other.sales_a;
    EXPECT_EQ(service().Create(other.CallerFor(world_->store, other.sales1), steal).error().field, "vehicle_id");
}

INSTANTIATE_TEST_SUITE_P(Backends, Archives, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
