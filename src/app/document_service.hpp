// ARC-1: the electronic archive: scanned documents (PDF, JPEG, PNG) attached to the checklist items
// of an archive. Uploading needs archive.create (the consultant or advisor who assembles the file)
// or archive.manage (the keeper who scans it) in the archive's department; reading needs
// archive.read there, and every download is audited (SEC-1). Documents are never deleted by a
// user: the keeper withdraws a wrong scan with a reason and it stays listed.
#pragma once

#include "app/context.hpp"
#include "domain/document.hpp"

namespace patron::app {

struct UploadInput {
    std::string item_code;
    std::string filename;
    std::string declared_type;  // the request's Content-Type; "" when none
};

struct DocumentContent {
    domain::ArchiveDocument document;
    std::string bytes;
};

class DocumentService {
public:
    explicit DocumentService(AppContext& ctx) : ctx_(ctx) {}

    // Stores the bytes durably (content-addressed) and then records the document. Refused for a
    // destroyed archive (ARC-12) and for an item the archive's checklist does not have.
    Expected<domain::ArchiveDocument> Upload(const Caller& caller,
                                             ArchiveId archive,
                                             UploadInput input,
                                             std::string_view bytes);
    Expected<std::vector<domain::ArchiveDocument>> List(const Caller& caller, ArchiveId archive);
    // The stored bytes; kNotFound for a purged document.
    Expected<DocumentContent> Download(const Caller& caller, ArchiveId archive, DocumentId id);
    // The keeper takes a wrong or unreadable scan out of the archive (reason required).
    Expected<domain::ArchiveDocument> Withdraw(const Caller& caller,
                                               ArchiveId archive,
                                               DocumentId id,
                                               std::string reason);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
