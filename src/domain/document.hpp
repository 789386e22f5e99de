// ARC-1: the electronic part of an archive: scanned documents (PDF, JPEG, PNG), each attached to a
// checklist item of the archive. The bytes are stored content-addressed by their SHA-256
// (storage/blob_store.hpp); the record says what they are, who brought them and when. A document
// is never deleted by a user: it is withdrawn with a reason and stays in the record (ARC-12
// destruction purges the bytes and keeps the record).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "domain/archive.hpp"

namespace patron::domain {

inline constexpr const char* kDocumentTypes[] = {"application/pdf", "image/jpeg", "image/png"};

struct ArchiveDocument {
    DocumentId id;
    ArchiveId archive_id;
    std::string item_code;  // the checklist item it shows ("invoice")
    std::string filename;
    std::string content_type;  // one of kDocumentTypes, from the bytes themselves
    std::int64_t size_bytes = 0;
    std::string sha256;  // lower-case hex; the key of the bytes in the blob store
    UserId uploaded_by;
    Timestamp uploaded_at = 0;
    UserId withdrawn_by;  // invalid while the document stands
    Timestamp withdrawn_at = 0;
    std::string withdrawn_reason;
    bool purged = false;  // ARC-12: the bytes were destroyed with the archive
};

// The type the bytes are by their signature (PDF "%PDF-", JPEG FF D8 FF, PNG's eight bytes); ""
// when they are none of kDocumentTypes.
std::string SniffDocumentType(std::string_view bytes);

// An upload: 1..max_bytes of PDF, JPEG or PNG, whatever the client called it (a declared type, when
// given, must agree with the bytes); a file name of 1–200 characters without path separators or
// control characters (trimmed; "scan.pdf" when empty). Sets content_type and size_bytes.
Status ValidateUpload(ArchiveDocument& document,
                      std::string_view declared_type,
                      std::string_view bytes,
                      std::int64_t max_bytes);

// ARC-4 "copy and scan": the codes of the items recorded present (or defective) that have no
// standing scan (withdrawn and purged documents do not count), in checklist order.
std::vector<std::string> UnscannedItems(const std::vector<ChecklistItem>& checklist,
                                        const std::vector<ArchiveItem>& items,
                                        const std::vector<ArchiveDocument>& documents);

}  // namespace patron::domain
