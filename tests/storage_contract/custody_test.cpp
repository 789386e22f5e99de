// ARC-11 storage inspections, ARC-12 retention and destruction, and their reminders, on every
// backend.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/admin_service.hpp"
#include "app/custody_service.hpp"
#include "app/document_service.hpp"
#include "app/reminder_service.hpp"
#include "archive_fixture.hpp"

namespace patron::test {
namespace {

const std::string kScan = "%PDF-1.4\n% the invoice\n%%EOF\n";

class Custody : public ArchiveFixture {
protected:
    app::CustodyService custody() { return app::CustodyService(world_->ctx); }
    app::ReminderService reminders() { return app::ReminderService(world_->ctx); }
    std::filesystem::path BlobPath(const std::string& sha256) {
        return world_->store.blobs().root() / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
    }
    // New-car archives are kept one year here (the shortest a policy allows).
    void KeepOneYear() {
        ASSERT_TRUE(
            app::PolicyService(world_->ctx).Set(As(f_.admin), "archive.retention_years_new_car", 1, 0, "test").ok());
    }
    std::vector<std::string> OpenKeys(UserId user) {
        auto open = reminders().Open(As(user));
        EXPECT_TRUE(open.ok());
        std::vector<std::string> keys;
        for (const auto& r : open.value()) keys.push_back(r.key);
        return keys;
    }
};

TEST_P(Custody, ARC_12_PastRetentionIsDestroyedOnlyWithApprovalAndTheRecordStays) {
    KeepOneYear();
    auto archive = CheckedArchive();  // sold 2026-09-30
    const ArchiveId id = archive.archive.id;
    app::DocumentService documents(world_->ctx);
    auto scan = documents.Upload(As(f_.keeper), id, {"invoice", "invoice.pdf", ""}, kScan);
    ASSERT_TRUE(scan.ok()) << scan.error().message;

    // Kept until 2027-09-30: on that day it is not on the list and cannot be proposed.
    world_->clock.Set(At("2027-09-30T12:00:00+08:00"));
    EXPECT_TRUE(custody().DestructionList(As(f_.keeper), 100)->empty());
    auto early = custody().ProposeDestruction(As(f_.keeper), {id}, "过期");
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(early.error().message.find("2027-09-30"), std::string::npos) << early.error().message;

    world_->clock.Set(At("2027-10-08T10:00:00+08:00"));
    auto list = custody().DestructionList(As(f_.keeper), 100);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(FormatDate((*list)[0].retention_until), "2027-09-30");
    // The keeper proposes; a consultant may not; a reason is required.
    EXPECT_EQ(custody().ProposeDestruction(As(f_.sales1), {id}, "x").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(custody().ProposeDestruction(As(f_.keeper), {id}, " ").error().code, ErrorCode::kInvalidArgument);
    auto proposed = custody().ProposeDestruction(As(f_.keeper), {id}, "保管期满，按制度销毁");
    ASSERT_TRUE(proposed.ok()) << proposed.error().message;
    EXPECT_EQ(proposed->status, "proposed");
    ASSERT_EQ(proposed->lines.size(), 1u);
    EXPECT_EQ(proposed->lines[0].number, archive.archive.number);
    EXPECT_EQ(proposed->lines[0].customer_name, "李雷");
    EXPECT_EQ(proposed->lines[0].vin, "LSVAU218XN2183294");
    EXPECT_EQ(proposed->lines[0].documents, 1);
    // Proposed once: off the list, and not proposed twice.
    EXPECT_TRUE(custody().DestructionList(As(f_.keeper), 100)->empty());
    EXPECT_EQ(custody().ProposeDestruction(As(f_.keeper), {id}, "again").error().code, ErrorCode::kConflict);
    // Nothing is destroyed before the general manager approves; the keeper cannot approve.
    EXPECT_EQ(service().Get(As(f_.keeper), id)->archive.status, "checked");
    EXPECT_EQ(custody().DecideDestruction(As(f_.keeper), proposed->id, "approve", "", 1).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(custody().DecideDestruction(As(f_.gm), proposed->id, "approve", "", 7).error().code,
              ErrorCode::kConflict);
    auto approved = custody().DecideDestruction(As(f_.gm), proposed->id, "approve", "同意", 1);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->status, "approved");
    EXPECT_EQ(approved->decided_by, f_.gm);

    // The content is purged: no checklist record, no paper location, no scan bytes.
    auto destroyed = service().Get(As(f_.keeper), id);
    EXPECT_EQ(destroyed->archive.status, "destroyed");
    EXPECT_TRUE(destroyed->archive.items.empty());
    ASSERT_EQ(destroyed->documents.size(), 1u);
    EXPECT_TRUE(destroyed->documents[0].purged);
    EXPECT_FALSE(std::filesystem::exists(BlobPath(scan->sha256)));
    EXPECT_EQ(documents.Download(As(f_.keeper), id, scan->id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(documents.Upload(As(f_.keeper), id, {"invoice", "again.pdf", ""}, kScan).error().code,
              ErrorCode::kFailedPrecondition);
    // The record stays: what, when, by whom, approved by whom.
    auto record = custody().GetDestruction(As(f_.gm), proposed->id);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->proposed_by, f_.keeper);
    EXPECT_EQ(record->decided_by, f_.gm);
    EXPECT_EQ(record->lines[0].number, archive.archive.number);
    EXPECT_EQ(custody().Destructions(As(f_.keeper))->size(), 1u);
    // Decided once.
    EXPECT_EQ(custody().DecideDestruction(As(f_.gm), proposed->id, "reject", "no", 2).error().code,
              ErrorCode::kFailedPrecondition);
}

TEST_P(Custody, ARC_12_BytesAnotherArchiveStillUsesStayAndARejectionPutsItBack) {
    KeepOneYear();
    auto old_archive = CheckedArchive();
    app::DocumentService documents(world_->ctx);
    auto old_scan = documents.Upload(As(f_.keeper), old_archive.archive.id, {"invoice", "a.pdf", ""}, kScan);
    ASSERT_TRUE(old_scan.ok());
    // A later archive of another vehicle holds the same bytes.
    world_->clock.Set(At("2027-08-02T10:00:00+08:00"));
    app::CustomerService customers(world_->ctx);
    auto v = customers.AddVehicle(As(f_.sales1), customer_, SampleVehicle("LGB50DG78RU529906", "京B54321"));
    ASSERT_TRUE(v.ok());
    app::NewArchive input;
    input.vehicle_id = v->id;
    input.department_id = f_.sales_a;
    auto recent = service().Create(As(f_.sales1), input);
    ASSERT_TRUE(recent.ok());
    ASSERT_TRUE(documents.Upload(As(f_.sales1), recent->archive.id, {"invoice", "b.pdf", ""}, kScan).ok());

    world_->clock.Set(At("2027-10-08T10:00:00+08:00"));
    auto first = custody().ProposeDestruction(As(f_.keeper), {old_archive.archive.id}, "保管期满");
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(custody().DecideDestruction(As(f_.gm), first->id, "reject", "", 1).error().code,
              ErrorCode::kInvalidArgument);
    auto rejected = custody().DecideDestruction(As(f_.gm), first->id, "reject", "涉诉，暂缓销毁", 1);
    ASSERT_TRUE(rejected.ok()) << rejected.error().message;
    EXPECT_EQ(custody().DestructionList(As(f_.keeper), 100)->size(), 1u);  // back on the list
    auto second = custody().ProposeDestruction(As(f_.keeper), {old_archive.archive.id}, "诉讼结束");
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(custody().DecideDestruction(As(f_.gm), second->id, "approve", "", 1).ok());
    EXPECT_TRUE(std::filesystem::exists(BlobPath(old_scan->sha256)));
    auto kept = documents.List(As(f_.sales1), recent->archive.id);
    ASSERT_EQ(kept->size(), 1u);
    EXPECT_EQ(documents.Download(As(f_.sales1), recent->archive.id, (*kept)[0].id)->bytes, kScan);
    EXPECT_EQ(custody().Destructions(As(f_.gm))->size(), 2u);  // the rejection is on record too
}

TEST_P(Custody, ARC_11_HalfYearlyInspectionIsRemindedRecordedAndResolved) {
    world_->clock.Set(At("2026-10-01T09:00:00+08:00"));
    // Never inspected: due at once, for the keeper (not for a consultant).
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-01")).ok());
    EXPECT_EQ(OpenKeys(f_.keeper), std::vector<std::string>{"ARC-11:2026-10-01"});
    EXPECT_TRUE(OpenKeys(f_.sales1).empty());

    domain::StorageInspection damp;
    damp.inspected_on = Day("2026-10-01");
    damp.location = "档案室A 1-6号柜";
    damp.damp = true;
    auto undescribed = custody().RecordInspection(As(f_.keeper), damp);
    ASSERT_FALSE(undescribed.ok());
    EXPECT_EQ(undescribed.error().field, "findings");
    damp.findings = "北墙返潮，3号柜底层档案袋受潮";
    damp.repairs = "除湿机已开启，受潮档案晾干后复印替换";
    damp.damaged_files = 4;
    auto future = damp;
    future.inspected_on = Day("2026-10-02");
    EXPECT_EQ(custody().RecordInspection(As(f_.keeper), future).error().field, "inspected_on");
    EXPECT_EQ(custody().RecordInspection(As(f_.sales1), damp).error().code, ErrorCode::kForbidden);
    auto recorded = custody().RecordInspection(As(f_.keeper), damp);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    EXPECT_EQ(recorded->inspector_id, f_.keeper);

    auto overview = custody().Inspections(As(f_.keeper));
    ASSERT_TRUE(overview.ok());
    EXPECT_EQ(FormatDate(overview->next_due), "2027-04-01");
    EXPECT_FALSE(overview->overdue);
    ASSERT_EQ(overview->inspections.size(), 1u);
    EXPECT_EQ(overview->inspections[0].damaged_files, 4);
    // Recording it resolved the reminder; two weeks before the next one it comes back.
    EXPECT_TRUE(OpenKeys(f_.keeper).empty());
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2026-10-02")).ok());
    EXPECT_TRUE(OpenKeys(f_.keeper).empty());
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2027-03-17")).ok());
    EXPECT_TRUE(OpenKeys(f_.keeper).empty());
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2027-03-18")).ok());
    EXPECT_EQ(OpenKeys(f_.keeper), std::vector<std::string>{"ARC-11:2027-04-01"});
    world_->clock.Set(At("2027-04-02T09:00:00+08:00"));
    EXPECT_TRUE(custody().Inspections(As(f_.keeper))->overdue);
}

TEST_P(Custody, ARC_12_TheDestructionListIsReminded) {
    KeepOneYear();
    CheckedArchive();
    world_->clock.Set(At("2027-10-08T10:00:00+08:00"));
    ASSERT_TRUE(reminders().Refresh(f_.org.id, Day("2027-10-08")).ok());
    auto open = reminders().Open(As(f_.keeper));
    ASSERT_TRUE(open.ok());
    bool retention = false;
    for (const auto& r : open.value()) retention = retention || (r.rule == "ARC-12" && r.detail == "1");
    EXPECT_TRUE(retention);
}

INSTANTIATE_TEST_SUITE_P(Backends, Custody, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
