#include "domain/document.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace patron::domain {

std::string SniffDocumentType(std::string_view bytes) {
    if (bytes.starts_with("%PDF-")) return "application/pdf";
    if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
    if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
    return "";
}

Status ValidateUpload(ArchiveDocument& document,
                      std::string_view declared_type,
                      std::string_view bytes,
                      std::int64_t max_bytes) {
    if (bytes.empty()) return MakeError(ErrorCode::kInvalidArgument, "the file is empty", "file");
    if (static_cast<std::int64_t>(bytes.size()) > max_bytes) {
        return MakeError(ErrorCode::kPayloadTooLarge,
                         "the file is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB",
                         "file");
    }
    std::string sniffed = SniffDocumentType(bytes);
    if (sniffed.empty()) {
        return MakeError(ErrorCode::kUnsupportedMediaType, "only PDF, JPEG and PNG scans are accepted", "file");
    }
    // "image/jpeg; charset=..." never happens for these, but parameters are allowed by RFC 9110.
    std::string_view declared = declared_type.substr(0, declared_type.find(';'));
    while (!declared.empty() && declared.back() == ' ') declared.remove_suffix(1);
    if (!declared.empty() && declared != "application/octet-stream" && declared != sniffed) {
        return MakeError(ErrorCode::kUnsupportedMediaType,
                         "the file is " + sniffed + " but was sent as " + std::string(declared),
                         "file");
    }
    Checker check;
    if (document.filename.empty()) {
        document.filename = sniffed == "application/pdf" ? "scan.pdf"
                            : sniffed == "image/png"     ? "scan.png"
                                                         : "scan.jpg";
    }
    check.Text(document.filename, "filename", 200, true);
    if (document.filename.find_first_of("/\\") != std::string::npos) {
        check.Add("filename", "must not contain / or \\");
    }
    PATRON_TRY(check.Result());
    document.content_type = sniffed;
    document.size_bytes = static_cast<std::int64_t>(bytes.size());
    return {};
}

std::vector<std::string> UnscannedItems(const std::vector<ChecklistItem>& checklist,
                                        const std::vector<ArchiveItem>& items,
                                        const std::vector<ArchiveDocument>& documents) {
    std::vector<std::string> out;
    for (const auto& item : ItemsWithTemplate(checklist, items)) {
        if (item.state == "missing") continue;
        bool scanned = std::any_of(documents.begin(), documents.end(), [&](const ArchiveDocument& d) {
            return d.item_code == item.code && !d.withdrawn_by.valid() && !d.purged;
        });
        if (!scanned) out.push_back(item.code);
    }
    return out;
}

}  // namespace patron::domain
