#include "app/document_service.hpp"

#include <algorithm>

#include "app/archive_service.hpp"
#include "app/audit_writer.hpp"
#include "common/errors.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

std::string DocumentRef(ArchiveId archive, DocumentId id) {
    return std::to_string(archive.value) + "/" + std::to_string(id.value);
}

}  // namespace

Expected<domain::ArchiveDocument> DocumentService::Upload(const Caller& caller,
                                                          ArchiveId archive_id,
                                                          UploadInput input,
                                                          std::string_view bytes) {
    domain::ArchiveDocument d;
    d.archive_id = archive_id;
    d.item_code = std::move(input.item_code);
    d.filename = std::move(input.filename);
    const auto policy = ctx_.policy.Get(caller.org());
    const std::int64_t max_bytes = policy.Get(domain::policy_key::kMaxDocumentMib) * 1024 * 1024;
    {
        // Checks first, in a read transaction: the bytes are written only for an upload that stands.
        auto tx = ctx_.store.Read();
        auto archive = LoadArchive(ctx_, *tx, caller, archive_id, kArchiveRead, "archive.document.upload");
        if (!archive.ok()) return archive.error();
        if (!caller.principal.HasIn(kArchiveCreate, archive->department_id) &&
            !caller.principal.HasIn(kArchiveManage, archive->department_id)) {
            ctx_.audit.Record(
                AuditFor(caller, "archive.document.upload", "archive", std::to_string(archive_id.value), "denied"));
            return Forbidden("add documents to archives of that department");
        }
        if (archive->status == "destroyed") {
            return MakeError(ErrorCode::kFailedPrecondition, "the archive was destroyed (ARC-12)", "status");
        }
        auto checklist = ChecklistFor(*tx, caller.org(), archive->kind);
        bool known =
            std::any_of(checklist.begin(), checklist.end(), [&](const auto& item) { return item.code == d.item_code; });
        if (d.item_code.empty()) return MakeError(ErrorCode::kInvalidArgument, "item is required", "item");
        if (!known) return MakeError(ErrorCode::kInvalidArgument, "unknown checklist item " + d.item_code, "item");
        PATRON_TRY(domain::ValidateUpload(d, input.declared_type, bytes, max_bytes));
    }
    auto tx = ctx_.store.Write();
    auto archive = LoadArchive(ctx_, *tx, caller, archive_id, kArchiveRead, "archive.document.upload");
    if (!archive.ok()) return archive.error();
    if (archive->status == "destroyed") {
        return MakeError(ErrorCode::kFailedPrecondition, "the archive was destroyed (ARC-12)", "status");
    }
    // Durable before the record that names it is committed (storage/blob_store.hpp); written
    // inside the transaction, so an ARC-12 purge of equal bytes (which removes them inside its own
    // transaction) cannot slip between the write and the record.
    d.sha256 = ctx_.store.blobs().Put(bytes);
    d.id = DocumentId(tx->NextId());
    d.uploaded_by = caller.user();
    d.uploaded_at = ctx_.clock.Now();
    tx->archives().InsertDocument(caller.org(), d);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.document.upload",
                               "archive",
                               std::to_string(archive_id.value),
                               "ok",
                               d.item_code + " " + d.content_type + " " + std::to_string(d.size_bytes) + " bytes"));
    return d;
}

Expected<std::vector<domain::ArchiveDocument>> DocumentService::List(const Caller& caller, ArchiveId archive_id) {
    auto tx = ctx_.store.Read();
    auto archive = LoadArchive(ctx_, *tx, caller, archive_id, kArchiveRead, "archive.read");
    if (!archive.ok()) return archive.error();
    return tx->archives().Documents(caller.org(), archive_id);
}

Expected<DocumentContent> DocumentService::Download(const Caller& caller, ArchiveId archive_id, DocumentId id) {
    domain::ArchiveDocument d;
    {
        auto tx = ctx_.store.Read();
        auto archive = LoadArchive(ctx_, *tx, caller, archive_id, kArchiveRead, "archive.document.read");
        if (!archive.ok()) return archive.error();
        auto found = tx->archives().GetDocument(caller.org(), archive_id, id);
        if (!found || found->purged) return NotFound("document");
        d = std::move(*found);
    }
    auto bytes = ctx_.store.blobs().Get(d.sha256);
    if (!bytes) throw StorageError("document " + DocumentRef(archive_id, id) + " has lost its bytes");
    // SEC-1: every read of an archive's content is audited.
    ctx_.audit.Record(AuditFor(caller,
                               "archive.document.read",
                               "archive",
                               std::to_string(archive_id.value),
                               "ok",
                               "document " + std::to_string(id.value) + " " + d.item_code));
    return DocumentContent{std::move(d), std::move(*bytes)};
}

Expected<domain::ArchiveDocument> DocumentService::Withdraw(const Caller& caller,
                                                            ArchiveId archive_id,
                                                            DocumentId id,
                                                            std::string reason) {
    domain::Checker check;
    check.Text(reason, "reason", 500, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto archive = LoadArchive(ctx_, *tx, caller, archive_id, kArchiveManage, "archive.document.withdraw");
    if (!archive.ok()) return archive.error();
    auto d = tx->archives().GetDocument(caller.org(), archive_id, id);
    if (!d) return NotFound("document");
    if (d->withdrawn_by.valid() || d->purged) {
        return MakeError(ErrorCode::kFailedPrecondition, "the document was withdrawn already", "status");
    }
    d->withdrawn_by = caller.user();
    d->withdrawn_at = ctx_.clock.Now();
    d->withdrawn_reason = std::move(reason);
    tx->archives().UpdateDocument(caller.org(), *d);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.document.withdraw",
                               "archive",
                               std::to_string(archive_id.value),
                               "ok",
                               "document " + std::to_string(id.value) + ": " + d->withdrawn_reason));
    return std::move(*d);
}

}  // namespace patron::app
