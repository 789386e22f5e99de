// /api/v1/archive-loans: the SEC-5 lending register (lend, return, list).
#include "app/lending_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object LoanJson(const app::LoanView& v) {
    const domain::Loan& l = v.row.loan;
    return {{"id", l.id},
            {"version", l.version},
            {"archive_id", l.archive_id.value},
            {"archive_number", v.row.archive_number},
            {"department_id", v.row.department_id.value},
            {"department_name", v.department_name},
            {"borrower_id", l.borrower.value},
            {"borrower_name", v.borrower_name},
            {"grant_id", l.grant_id.value},
            {"title", l.title},
            {"copies", l.copies},
            {"reason", l.reason},
            {"borrower_signed", l.borrower_signed},
            {"lent_by", l.lent_by.value},
            {"lent_by_name", v.lent_by_name},
            {"lent_at", FormatTimestamp(l.lent_at)},
            {"due_on", FormatDate(l.due_on)},
            {"returned_at", OptionalTimeJson(l.returned_at)},
            {"received_by", OptionalIdJson(l.received_by)},
            {"received_by_name", v.received_by_name},
            {"condition", l.condition},
            {"return_note", l.return_note},
            {"incident_id", l.incident_id ? json::value(l.incident_id) : json::value(nullptr)},
            {"status", v.status}};
}

Expected<std::int64_t> LoanId(Request& req) {
    auto id = ParsePositive(req.path_params["id"], "id");
    if (!id.ok()) return MakeError(ErrorCode::kNotFound, "loan not found");
    return *id;
}

}  // namespace

void AddLendingRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/archive-loans", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        app::LoanListQuery q;
        q.status = QueryText(req, "status");
        q.mine = QueryText(req, "mine") == "true";
        auto archive = QueryInt(req, "archive_id", 0);
        if (!archive.ok()) return Problem(archive.error(), req.request_id);
        q.archive = ArchiveId(*archive);
        return Reply(req, s.lending.List(*c, q), [](const auto& list) {
            return json::object{{"items", ArrayOf(list, LoanJson)}};
        });
    });
    router.Add({"POST", "/api/v1/archive-loans", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   app::NewLoan loan;
                   std::int64_t copies = 1;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("archive_id");
                       r.Require("borrower_id");
                       r.Require("title");
                       r.Require("reason");
                       r.Require("borrower_signed");
                       r.IdField("archive_id", loan.archive_id);
                       r.IdField("borrower_id", loan.borrower);
                       r.Str("title", loan.title, 1000);
                       r.Int("copies", copies);
                       r.Str("reason", loan.reason, 5000);
                       r.Bool("borrower_signed", loan.borrower_signed);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   loan.copies = copies < 0 || copies > 1000 ? 0 : static_cast<int>(copies);
                   return Reply(req, s.lending.Lend(*c, std::move(loan)), LoanJson, 201);
               });
    router.Add({"GET", "/api/v1/archive-loans/{id}", AuthMode::kSession, ""}, [&s](Request& req, const app::Caller* c) {
        auto id = LoanId(req);
        if (!id.ok()) return Problem(id.error(), req.request_id);
        return Reply(req, s.lending.Get(*c, *id), LoanJson);
    });
    router.Add({"POST", "/api/v1/archive-loans/{id}/return", AuthMode::kSession, "archive.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = LoanId(req);
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   app::LoanReturn ret;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("condition");
                       r.Str("condition", ret.condition, 20);
                       r.Str("note", ret.note, 5000);
                       r.Int("files", ret.files);
                       ReadVersion(r, ret.version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.lending.Return(*c, *id, std::move(ret)), LoanJson);
               });
}

}  // namespace patron::http
