// /api/v1/customer-reports, /api/v1/report-changes, /api/v1/report-distributions: SEC-11 customer
// statistics reports, the general manager's approval of item changes, and distributions reviewed
// (and, to another department, approved) before the recipient department sees them.
#include "app/report_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::array StringsJson(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

json::object StepJson(const domain::ApprovalStep& s) {
    return {{"name", s.name}, {"roles", StringsJson(s.roles)}, {"scope", s.scope}};
}

json::object FigureJson(const domain::ReportFigure& f) {
    return {{"item", f.item}, {"key", f.key}, {"count", f.count}};
}

json::object RequestJson(const app::ReportRequestView& view) {
    const auto& q = view.request;
    json::array decisions = DecisionsJson(q.decisions, view.approver_names);
    json::object out{{"id", q.id},
                     {"version", q.version},
                     {"kind", q.kind},
                     {"status", q.status},
                     {"report_id", q.report_id},
                     {"title", q.title},
                     {"report_department_id", q.report_department.value},
                     {"report_department_name", view.report_department_name},
                     {"requester_id", q.requester.value},
                     {"requester_name", view.requester_name},
                     {"items", StringsJson(q.items)},
                     {"note", q.note},
                     {"steps", ArrayOf(q.steps, StepJson)},
                     {"decisions", std::move(decisions)},
                     {"current_step", q.CurrentStep()},
                     {"may_decide", view.may_decide},
                     {"created_at", FormatTimestamp(q.created_at)},
                     {"decided_at", OptionalTimeJson(q.decided_at)}};
    if (q.kind == "change") {
        out["previous_items"] = StringsJson(q.previous_items);
    } else {
        out["recipient_department_id"] = q.recipient_department.value;
        out["recipient_department_name"] = view.recipient_department_name;
        out["computed_at"] = FormatTimestamp(q.computed_at);
        out["figures"] = ArrayOf(q.snapshot, FigureJson);
        out["received"] = view.received;
    }
    return out;
}

json::object ReportJson(const app::ReportView& view) {
    const auto& r = view.report;
    return {{"id", r.id},
            {"version", r.version},
            {"title", r.title},
            {"department_id", r.department.value},
            {"department_name", view.department_name},
            {"items", StringsJson(r.items)},
            {"created_by", r.created_by.value},
            {"created_by_name", view.created_by_name},
            {"created_at", FormatTimestamp(r.created_at)},
            {"updated_by", r.updated_by.value},
            {"updated_by_name", view.updated_by_name},
            {"updated_at", FormatTimestamp(r.updated_at)},
            {"pending_change",
             view.pending_change ? json::value(RequestJson(*view.pending_change)) : json::value(nullptr)}};
}

json::object ItemsResponse(const std::vector<app::ReportRequestView>& views) {
    return {{"items", ArrayOf(views, RequestJson)}};
}

Expected<std::int64_t> IdOf(Request& req, const char* what) {
    auto id = ParsePositive(req.path_params["id"], "id");
    if (!id.ok()) return MakeError(ErrorCode::kNotFound, std::string(what) + " not found");
    return *id;
}

Response Decision(Request& req, const app::Caller* c, app::ReportService& reports, const std::string& kind) {
    auto id = IdOf(req, kind == "change" ? "report change" : "report distribution");
    if (!id.ok()) return Problem(id.error(), req.request_id);
    std::string decision, comment;
    std::int64_t version = 0;
    Status body = ReadBody(req.body, [&](JsonReader& r) {
        r.Require("decision");
        r.Str("decision", decision, 20);
        r.Str("comment", comment, 2000);
        ReadVersion(r, version);
    });
    if (!body.ok()) return Problem(body.error(), req.request_id);
    return Reply(req, reports.Decide(*c, kind, *id, decision, comment, version), RequestJson);
}

Response Withdraw(Request& req, const app::Caller* c, app::ReportService& reports, const std::string& kind) {
    auto id = IdOf(req, kind == "change" ? "report change" : "report distribution");
    if (!id.ok()) return Problem(id.error(), req.request_id);
    std::int64_t version = 0;
    Status body = ReadBody(req.body, [&](JsonReader& r) { ReadVersion(r, version); });
    if (!body.ok()) return Problem(body.error(), req.request_id);
    return Reply(req, reports.Withdraw(*c, kind, *id, version), RequestJson);
}

Response Box(Request& req, const app::Caller* c, app::ReportService& reports, const std::string& kind) {
    std::string box = QueryText(req, "box");
    return Reply(req, reports.Requests(*c, kind, box.empty() ? "mine" : box), ItemsResponse);
}

}  // namespace

void AddReportRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/customer-reports", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.reports.List(*c), [](const auto& list) {
                       return json::object{{"items", ArrayOf(list, ReportJson)}};
                   });
               });
    router.Add({"POST", "/api/v1/customer-reports", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   app::NewReport input;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("title");
                       r.Require("department_id");
                       r.Require("items");
                       r.Str("title", input.title, 1000);
                       r.IdField("department_id", input.department);
                       r.Strings("items", input.items, 20);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.reports.Create(*c, std::move(input)), ReportJson, 201);
               });
    router.Add({"GET", "/api/v1/customer-reports/{id}", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "customer report");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.reports.Get(*c, *id), ReportJson);
               });
    router.Add({"PATCH", "/api/v1/customer-reports/{id}", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "customer report");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   app::ReportUpdate input;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       ReadVersion(r, input.version);
                       if (r.Has("title")) {
                           std::string title;
                           r.Str("title", title, 1000);
                           input.title = std::move(title);
                       }
                       if (r.Has("items")) {
                           std::vector<std::string> items;
                           r.Strings("items", items, 20);
                           input.items = std::move(items);
                       }
                       r.Str("note", input.note, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.reports.Update(*c, *id, std::move(input)), ReportJson);
               });
    router.Add({"GET", "/api/v1/customer-reports/{id}/figures", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "customer report");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.reports.Compute(*c, *id), [](const app::ReportFigures& f) {
                       return json::object{{"report_id", f.report_id},
                                           {"items", StringsJson(f.items)},
                                           {"computed_at", FormatTimestamp(f.computed_at)},
                                           {"figures", ArrayOf(f.figures, FigureJson)}};
                   });
               });
    router.Add({"POST", "/api/v1/customer-reports/{id}/distributions", AuthMode::kSession, "report.prepare"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "customer report");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   DepartmentId recipient;
                   std::string note;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("recipient_department_id");
                       r.IdField("recipient_department_id", recipient);
                       r.Str("note", note, 2000);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.reports.Distribute(*c, *id, recipient, std::move(note)), RequestJson, 201);
               });
    // Item changes: the requester, the report's preparers and the approvers see them.
    router.Add({"GET", "/api/v1/report-changes", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Box(req, c, s.reports, "change"); });
    router.Add({"GET", "/api/v1/report-changes/{id}", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "report change");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.reports.GetRequest(*c, "change", *id), RequestJson);
               });
    router.Add({"POST", "/api/v1/report-changes/{id}/decision", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Decision(req, c, s.reports, "change"); });
    router.Add({"POST", "/api/v1/report-changes/{id}/withdraw", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Withdraw(req, c, s.reports, "change"); });
    // Distributions: the requester and the approvers; once approved, the recipient department.
    router.Add({"GET", "/api/v1/report-distributions", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Box(req, c, s.reports, "distribution"); });
    router.Add({"GET", "/api/v1/report-distributions/{id}", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "report distribution");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   return Reply(req, s.reports.GetRequest(*c, "distribution", *id), RequestJson);
               });
    router.Add({"POST", "/api/v1/report-distributions/{id}/decision", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Decision(req, c, s.reports, "distribution"); });
    router.Add({"POST", "/api/v1/report-distributions/{id}/withdraw", AuthMode::kSession, ""},
               [&s](Request& req, const app::Caller* c) { return Withdraw(req, c, s.reports, "distribution"); });
    router.Add({"GET", "/api/v1/report-distributions/{id}/export", AuthMode::kSession, "report.read", true},
               [&s](Request& req, const app::Caller* c) {
                   auto id = IdOf(req, "report distribution");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto csv = s.reports.ExportCsv(*c, *id);
                   if (!csv.ok()) return Problem(csv.error(), req.request_id);
                   Response r;
                   r.content_type = "text/csv; charset=utf-8";
                   r.body = std::move(*csv);
                   r.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"customer-report-" + std::to_string(*id) + ".csv\"");
                   r.headers.emplace_back("Cache-Control", "no-store");
                   return r;
               });
}

}  // namespace patron::http
