// /api/v1/archives/{id}/documents: scanned documents of an archive (ARC-1). The upload is the
// file itself as the request body (Content-Type application/pdf, image/jpeg or image/png), with
// the checklist item and file name in the query: no multipart parsing, and a browser sends a File
// object as it is.
#include <cctype>
#include <cstdio>

#include "app/document_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/document_json.hpp"

namespace patron::http {

json::object DocumentJson(const domain::ArchiveDocument& d) {
    return {{"id", d.id.value},
            {"archive_id", d.archive_id.value},
            {"item_code", d.item_code},
            {"filename", d.filename},
            {"content_type", d.content_type},
            {"size_bytes", d.size_bytes},
            {"sha256", d.sha256},
            {"uploaded_by", d.uploaded_by.value},
            {"uploaded_at", FormatTimestamp(d.uploaded_at)},
            {"withdrawn", d.withdrawn_by.valid()},
            {"withdrawn_by", OptionalIdJson(d.withdrawn_by)},
            {"withdrawn_at", OptionalTimeJson(d.withdrawn_at)},
            {"withdrawn_reason", d.withdrawn_reason},
            {"purged", d.purged}};
}

namespace {

// "attachment; filename=\"scan.pdf\"; filename*=UTF-8''%E5%8F%91…" (RFC 6266): the ASCII name
// for old clients, the exact name percent-encoded for the rest.
std::string ContentDisposition(const std::string& filename) {
    std::string ascii, encoded;
    for (unsigned char ch : filename) {
        bool plain = std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_';
        ascii += plain ? static_cast<char>(ch) : '_';
        if (plain) {
            encoded += static_cast<char>(ch);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", ch);
            encoded += hex;
        }
    }
    return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

void AddDocumentRoutes(Router& router, Services& s) {
    // The body limit is the largest size an organisation may allow (archive.max_document_mib at
    // most 100); the organisation's own limit is checked by the use case.
    router.Add(
        {"POST", "/api/v1/archives/{id}/documents", AuthMode::kSession, "archive.read", true, 100u << 20},
        [&s](Request& req, const app::Caller* c) {
            auto id = PathId<ArchiveId>(req, "id");
            if (!id.ok()) return Problem(id.error(), req.request_id);
            app::UploadInput input{QueryText(req, "item"), QueryText(req, "filename"), req.Header("content-type")};
            return Reply(req, s.documents.Upload(*c, *id, std::move(input), req.body), DocumentJson, 201);
        });
    router.Add({"GET", "/api/v1/archives/{id}/documents", AuthMode::kSession, "archive.read"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.documents.List(*c, *id), [](const auto& documents) {
                       return json::object{{"items", ArrayOf(documents, DocumentJson)}};
                   });
               });
    router.Add({"GET", "/api/v1/archives/{id}/documents/{doc}/content", AuthMode::kSession, "archive.read", true},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto doc = PathId<DocumentId>(req, "doc");
                   if (!doc.ok()) return Problem(doc.error(), req.request_id);
                   auto content = s.documents.Download(*c, *id, *doc);
                   if (!content.ok()) return Problem(content.error(), req.request_id);
                   Response r;
                   r.content_type = content->document.content_type;
                   r.body = std::move(content->bytes);
                   r.headers.emplace_back("Content-Disposition", ContentDisposition(content->document.filename));
                   r.headers.emplace_back("Cache-Control", "private, no-store");
                   r.headers.emplace_back("ETag", "\"" + content->document.sha256 + "\"");
                   return r;
               });
    router.Add({"POST", "/api/v1/archives/{id}/documents/{doc}/withdraw", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ArchiveId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto doc = PathId<DocumentId>(req, "doc");
                   if (!doc.ok()) return Problem(doc.error(), req.request_id);
                   std::string reason;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("reason");
                       r.Str("reason", reason, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.documents.Withdraw(*c, *id, *doc, std::move(reason)), DocumentJson);
               });
}

}  // namespace patron::http
