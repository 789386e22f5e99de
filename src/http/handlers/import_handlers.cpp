// /api/v1/imports: customer CSV import with dry run and progress (issue 2 §8).
#include "app/import_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object ReportJson(const app::ImportReport& r) {
    json::array errors;
    for (const auto& e : r.errors) errors.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
    return {{"id", r.id.value},
            {"status", r.status},
            {"dry_run", r.dry_run},
            {"total", r.total},
            {"processed", r.processed},
            {"imported", r.imported},
            {"errors", std::move(errors)},
            {"created_at", FormatTimestamp(r.created_at)},
            {"finished_at", OptionalTimeJson(r.finished_at)}};
}

}  // namespace

void AddImportRoutes(Router& router, Services& s) {
    router.Add({"POST", "/api/v1/imports/customers", AuthMode::kSession, "customer.import", true, app::kMaxImportBytes},
               [&s](Request& req, const app::Caller* c) {
                   const std::string& type = req.Header("content-type");
                   if (!type.starts_with("text/csv") && !type.starts_with("application/octet-stream") &&
                       !type.starts_with("text/plain")) {
                       return Problem(MakeError(ErrorCode::kUnsupportedMediaType, "send the CSV file as text/csv"),
                                      req.request_id);
                   }
                   std::string dry = QueryText(req, "dry_run");
                   if (!dry.empty() && dry != "true" && dry != "false") {
                       return Problem(
                           MakeError(ErrorCode::kInvalidArgument, "dry_run must be true or false", "dry_run"),
                           req.request_id);
                   }
                   return Reply(req, s.imports.Start(*c, std::move(req.body), dry != "false"), ReportJson, 202);
               });
    router.Add({"GET", "/api/v1/imports/{id}", AuthMode::kSession, "customer.import"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<ImportJobId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.imports.Get(*c, *id), ReportJson);
               });
}

}  // namespace patron::http
