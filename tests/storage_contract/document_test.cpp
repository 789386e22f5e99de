// Scanned documents (ARC-1) and editable checklist templates (ARC-2/ARC-3) on every backend.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/admin_service.hpp"
#include "app/document_service.hpp"
#include "app/penalty_service.hpp"
#include "archive_fixture.hpp"
#include "common/errors.hpp"

namespace patron::test {
namespace {

// A tiny PDF and its SHA-256 as `sha256sum` prints it (computed outside Patron).
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
const std::string kPdfSha256 = "df2fc30cd2744d070694c51fb03de038e760efacd057d094ffbabb7802fc3ec4";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "not really an image, but signed like one";

class Documents : public ArchiveFixture {
protected:
    app::DocumentService documents() { return app::DocumentService(world_->ctx); }
    std::filesystem::path BlobPath(const std::string& sha256) {
        return world_->store.blobs().root() / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
    }
    std::size_t BlobFiles() {
        std::size_t n = 0;
        if (!std::filesystem::exists(world_->store.blobs().root())) return 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(world_->store.blobs().root())) {
            n += entry.is_regular_file();
        }
        return n;
    }
    std::int64_t AuditCount(const std::string& action) {
        world_->audit.Flush();
        auto tx = world_->store.Read();
        storage::AuditQuery q;
        q.org = f_.org.id;
        q.action = action;
        q.limit = 100;
        return static_cast<std::int64_t>(tx->audit().Search(q).size());
    }
};

TEST_P(Documents, ARC_1_ScansAreStoredContentAddressedOnceAndReadBackAudited) {
    auto archive = CheckedArchive();
    auto first =
        documents().Upload(As(f_.keeper), archive.archive.id, {"invoice", "发票.pdf", "application/pdf"}, kPdf);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->sha256, kPdfSha256);
    EXPECT_EQ(first->content_type, "application/pdf");
    EXPECT_EQ(first->size_bytes, static_cast<std::int64_t>(kPdf.size()));
    EXPECT_EQ(first->uploaded_by, f_.keeper);
    // The bytes lie under their hash, as they were sent.
    std::ifstream in(BlobPath(kPdfSha256), std::ios::binary);
    std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(stored, kPdf);
    // The same bytes for another item: a second record, one file.
    auto second = documents().Upload(As(f_.sales1), archive.archive.id, {"contract", "", ""}, kPdf);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->filename, "scan.pdf");
    EXPECT_EQ(BlobFiles(), 1u);
    auto listed = documents().List(As(f_.keeper), archive.archive.id);
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].item_code, "invoice");
    EXPECT_EQ((*listed)[0].filename, "发票.pdf");
    // The archive view carries them.
    EXPECT_EQ(service().Get(As(f_.keeper), archive.archive.id)->documents.size(), 2u);
    // SEC-1: reading the content is audited.
    const auto reads_before = AuditCount("archive.document.read");
    auto content = documents().Download(As(f_.gm), archive.archive.id, first->id);
    ASSERT_TRUE(content.ok()) << content.error().message;
    EXPECT_EQ(content->bytes, kPdf);
    EXPECT_EQ(AuditCount("archive.document.read"), reads_before + 1);
}

TEST_P(Documents, ARC_1_OnlyPdfJpegAndPngOfAllowedSizeFromTheArchivesDepartment) {
    auto archive = CheckedArchive();
    const ArchiveId id = archive.archive.id;
    auto text =
        documents().Upload(As(f_.keeper), id, {"invoice", "invoice.pdf", "application/pdf"}, "hello, not a pdf");
    EXPECT_EQ(text.error().code, ErrorCode::kUnsupportedMediaType);
    auto mislabelled = documents().Upload(As(f_.keeper), id, {"invoice", "a.png", "image/png"}, kPdf);
    EXPECT_EQ(mislabelled.error().code, ErrorCode::kUnsupportedMediaType);
    EXPECT_EQ(documents().Upload(As(f_.keeper), id, {"invoice", "a.pdf", ""}, "").error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(documents().Upload(As(f_.keeper), id, {"no_such_item", "a.pdf", ""}, kPdf).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(documents().Upload(As(f_.keeper), id, {"invoice", "../etc/passwd", ""}, kPdf).error().code,
              ErrorCode::kInvalidArgument);
    // ARC-1 size limit is a policy setting (MiB).
    auto admin = As(f_.admin);
    ASSERT_TRUE(app::PolicyService(world_->ctx).Set(admin, "archive.max_document_mib", 1, 0, "test").ok());
    std::string big = kPdf + std::string(1024 * 1024, ' ');
    EXPECT_EQ(documents().Upload(As(f_.keeper), id, {"invoice", "big.pdf", ""}, big).error().code,
              ErrorCode::kPayloadTooLarge);
    // A consultant of the other store may not add to this archive; the auditor reads but adds nothing.
    EXPECT_EQ(documents().Upload(As(f_.sales2), id, {"invoice", "a.pdf", ""}, kPdf).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(documents().Upload(As(f_.auditor), id, {"invoice", "a.pdf", ""}, kPdf).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(documents().Download(As(f_.sales2), id, DocumentId(1)).error().code, ErrorCode::kForbidden);
    // Nothing refused left a record or a file behind.
    EXPECT_TRUE(documents().List(As(f_.keeper), id)->empty());
    EXPECT_EQ(BlobFiles(), 0u);
    auto png = documents().Upload(As(f_.keeper), id, {"delivery_photos", "photo.png", "image/png"}, kPng);
    ASSERT_TRUE(png.ok()) << png.error().message;
    EXPECT_EQ(png->content_type, "image/png");
}

TEST_P(Documents, ARC_1_DamagedBytesAreRefusedNotServed) {
    auto archive = CheckedArchive();
    auto doc = documents().Upload(As(f_.keeper), archive.archive.id, {"invoice", "a.pdf", ""}, kPdf);
    ASSERT_TRUE(doc.ok());
    std::filesystem::permissions(
        BlobPath(doc->sha256), std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
    std::ofstream(BlobPath(doc->sha256), std::ios::binary | std::ios::trunc) << "%PDF-1.4 tampered";
    EXPECT_THROW((void)documents().Download(As(f_.keeper), archive.archive.id, doc->id), StorageError);
}

TEST_P(Documents, ARC_4_WithdrawnScanStaysListedAndNoLongerCountsForFiling) {
    auto archive = CheckedArchive();
    const ArchiveId id = archive.archive.id;
    std::vector<DocumentId> ids;
    for (const auto& item : archive.items) {
        if (item.state == "missing") continue;
        auto doc = documents().Upload(As(f_.keeper), id, {item.code, item.code + ".pdf", ""}, kPdf + item.code);
        ASSERT_TRUE(doc.ok()) << doc.error().message;
        ids.push_back(doc->id);
    }
    // Only the keeper withdraws, and says why.
    EXPECT_EQ(documents().Withdraw(As(f_.sales1), id, ids[0], "blurred").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(documents().Withdraw(As(f_.keeper), id, ids[0], "  ").error().code, ErrorCode::kInvalidArgument);
    auto withdrawn = documents().Withdraw(As(f_.keeper), id, ids[0], "扫描模糊");
    ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
    EXPECT_EQ(withdrawn->withdrawn_by, f_.keeper);
    EXPECT_EQ(documents().Withdraw(As(f_.keeper), id, ids[0], "again").error().code, ErrorCode::kFailedPrecondition);
    auto listed = documents().List(As(f_.keeper), id);
    ASSERT_EQ(listed->size(), ids.size());  // nothing is deleted
    EXPECT_EQ((*listed)[0].withdrawn_reason, "扫描模糊");
    auto version = service().Get(As(f_.keeper), id)->archive.version;
    auto refused = service().File(As(f_.keeper), id, "A1", "3", "", version);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("green_card"), std::string::npos) << refused.error().message;
    ASSERT_TRUE(documents().Upload(As(f_.keeper), id, {"green_card", "again.pdf", ""}, kPdf + "rescan").ok());
    auto filed = service().File(As(f_.keeper), id, "A1", "3", "", version);
    ASSERT_TRUE(filed.ok()) << filed.error().message;
    EXPECT_EQ(filed->archive.status, "filed");
}

// The policy may let the keeper file without scans.
TEST_P(Documents, ARC_4_FilingWithoutScansWhenThePolicySaysSo) {
    auto archive = CheckedArchive();
    ASSERT_TRUE(app::PolicyService(world_->ctx).Set(As(f_.admin), "archive.filing_requires_scans", 0, 0, "").ok());
    auto filed = service().File(As(f_.keeper), archive.archive.id, "A1", "3", "", archive.archive.version);
    ASSERT_TRUE(filed.ok()) << filed.error().message;
}

TEST_P(Documents, ARC_3_AdministratorEditsTheChecklistAndArchivesFollowIt) {
    auto checklists = service().Checklists(As(f_.sales1));
    ASSERT_TRUE(checklists.ok());
    ASSERT_EQ(checklists->size(), 2u);
    EXPECT_EQ((*checklists)[0].kind, "new_car");
    EXPECT_EQ((*checklists)[0].version, 0);  // the shipped default
    auto items = (*checklists)[0].items;
    items.push_back({"trade_in", "旧车置换协议", "Trade-in agreement", true, false, false});
    EXPECT_EQ(service().PutChecklist(As(f_.keeper), "new_car", items, 0).error().code, ErrorCode::kForbidden);
    auto bad = items;
    bad.push_back({"Bad Code", "", "x", false, false, false});
    auto invalid = service().PutChecklist(As(f_.admin), "new_car", bad, 0);
    ASSERT_FALSE(invalid.ok());
    ASSERT_EQ(invalid.error().details.size(), 2u);
    EXPECT_EQ(invalid.error().details[0].field, "items[13].code");
    EXPECT_EQ(invalid.error().details[1].field, "items[13].title_zh");
    EXPECT_EQ(service().PutChecklist(As(f_.admin), "boat", items, 0).error().code, ErrorCode::kNotFound);
    auto saved = service().PutChecklist(As(f_.admin), "new_car", items, 0);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(saved->version, 1);
    EXPECT_EQ(service().PutChecklist(As(f_.admin), "new_car", items, 0).error().code, ErrorCode::kConflict);
    EXPECT_EQ(service().Checklists(As(f_.sales1))->at(0).items.size(), 13u);

    // An archive is judged by the organisation's checklist: the new item is missing, and a check
    // that finds it present without the customer's signature is fined (ARC-6b).
    auto archive = NewCarArchive();
    ASSERT_EQ(archive.checklist.size(), 13u);
    EXPECT_EQ(archive.items.back().code, "trade_in");
    EXPECT_EQ(archive.items.back().state, "missing");
    world_->clock.Set(At("2026-10-09T10:00:00+08:00"));
    auto handed = service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-09T10:00:00+08:00"));
    ASSERT_TRUE(handed.ok());
    std::vector<domain::ArchiveItem> found;
    for (const auto& spec : handed->checklist) found.push_back({spec.code, "present", "", true, true});
    found.back().customer_signed = false;
    auto checked = service().RecordCheck(As(f_.keeper), archive.archive.id, found, handed->archive.version);
    ASSERT_TRUE(checked.ok()) << checked.error().message;
    EXPECT_FALSE(checked->complete);
    auto fines = app::PenaltyService(world_->ctx).List(As(f_.sales1), "2026-10");
    ASSERT_TRUE(fines.ok());
    ASSERT_EQ(fines->size(), 1u);
    EXPECT_EQ((*fines)[0].fine.violation.rule, "ARC-6b");
    EXPECT_NE((*fines)[0].fine.violation.facts.find("trade_in"), std::string::npos);
    // The other organisation still has the default.
    auto other = MakeOrg(world_->ctx, "arc2");
    EXPECT_EQ(service().Checklists(other.CallerFor(world_->store, other.admin))->at(0).items.size(), 12u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Documents, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
