#include "app/report_service.hpp"

#include <algorithm>

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "app/csv.hpp"
#include "common/errors.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;
constexpr int kListLimit = 200;

std::string IdText(std::int64_t id) { return std::to_string(id); }

std::string Codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
    return out;
}

const char* ObjectType(const std::string& kind) { return kind == "change" ? "report_change" : "report_distribution"; }

}  // namespace

domain::ApprovalChains ReportService::LoadChains(storage::Tx& tx, OrgId org) {
    domain::ApprovalChains chains = domain::DefaultApprovalChains();
    for (const char* kind : {"report_change", "report_review", "report_distribution"}) {
        if (auto c = tx.access().GetChain(org, kind)) *domain::ChainOf(chains, kind) = std::move(c->first);
    }
    return chains;
}

Expected<domain::CustomerReport> ReportService::LoadReport(storage::Tx& tx,
                                                           const Caller& caller,
                                                           std::int64_t id,
                                                           const char* action) {
    auto report = tx.reports().Get(caller.org(), id);
    if (!report) return NotFound("customer report");
    if (!caller.principal.HasIn(kReportPrepare, report->department)) {
        ctx_.audit.Record(AuditFor(caller, action, "customer_report", IdText(id), "denied"));
        return Forbidden("prepare reports of that department (report.prepare, SEC-11)");
    }
    return *report;
}

std::vector<domain::ReportFigure> ReportService::Figures(storage::Tx& tx,
                                                         OrgId org,
                                                         const domain::CustomerReport& report,
                                                         Timestamp now) {
    const domain::DepartmentTree tree(tx.org().ListDepartments(org));
    const auto departments = tree.Subtree(report.department);
    auto directory = ctx_.directory.Get(org);
    std::vector<domain::ReportFigure> figures;
    auto add = [&](const std::string& item, const std::vector<std::pair<std::string, std::int64_t>>& counted) {
        auto more = domain::FiguresOf(item, counted);
        figures.insert(figures.end(), more.begin(), more.end());
    };
    for (const auto& item : report.items) {
        using storage::CustomerDimension;
        if (item == "customers_by_category") {
            add(item, tx.reports().CountCustomers(org, departments, CustomerDimension::kCategory));
        } else if (item == "customers_by_type") {
            add(item, tx.reports().CountCustomers(org, departments, CustomerDimension::kType));
        } else if (item == "customers_by_kind") {
            add(item, tx.reports().CountCustomers(org, departments, CustomerDimension::kKind));
        } else if (item == "customers_by_grade") {
            add(item, tx.reports().CountCustomers(org, departments, CustomerDimension::kGrade));
        } else if (item == "customers_by_department") {
            // The snapshot names the departments as they are called when it is computed.
            auto counted = tx.reports().CountCustomers(org, departments, CustomerDimension::kDepartment);
            for (auto& [key, count] : counted) key = directory->Department(DepartmentId(std::stoll(key)));
            add(item, counted);
        } else if (item == "new_customers_by_month") {
            const auto zone = CalendarService::Resolve(tx, org)->zone;
            const auto starts = domain::ReportMonthStarts(zone.LocalDate(now));
            std::vector<Timestamp> bounds;
            for (Date start : starts) bounds.push_back(zone.StartOfDay(start));
            const auto counts = tx.reports().CountCreated(org, departments, bounds);
            for (std::size_t month_idx = 0; month_idx < counts.size(); ++month_idx) {
                figures.push_back({item, domain::MonthKey(starts[month_idx]), counts[month_idx]});
            }
        } else if (item == "vehicles_by_brand") {
            add(item, tx.reports().CountVehiclesByBrand(org, departments));
        }
    }
    return figures;
}

ReportView ReportService::View(storage::Tx& tx, const Caller& caller, domain::CustomerReport report) {
    ReportView view;
    auto directory = ctx_.directory.Get(caller.org());
    view.department_name = directory->Department(report.department);
    view.created_by_name = directory->User(report.created_by);
    view.updated_by_name = directory->User(report.updated_by);
    storage::ReportRequestQuery q;
    q.org = caller.org();
    q.kind = "change";
    q.status = "pending";
    q.report_id = report.id;
    q.limit = 1;
    auto pending = tx.reports().ListRequests(q);
    if (!pending.empty()) {
        const domain::DepartmentTree tree(tx.org().ListDepartments(caller.org()));
        view.pending_change = RequestView(caller, std::move(pending.front()), tree);
    }
    view.report = std::move(report);
    return view;
}

bool ReportService::MaySee(const Caller& caller,
                           const domain::ReportRequest& q,
                           const domain::DepartmentTree& tree) const {
    if (q.requester == caller.user()) return true;
    for (const auto& d : q.decisions) {
        if (d.approver == caller.user()) return true;
    }
    if (q.status == "pending" &&
        !domain::WhyNotReportApprover(q, caller.user(), caller.principal.assignments(), tree).has_value()) {
        return true;
    }
    // The preparers of the report see the changes proposed for it.
    if (q.kind == "change") return caller.principal.HasIn(kReportPrepare, q.report_department);
    // SEC-11: the recipient department reads a distribution once it is approved, not before.
    return q.status == "approved" && caller.principal.HasIn(kReportRead, q.recipient_department);
}

ReportRequestView ReportService::RequestView(const Caller& caller,
                                             domain::ReportRequest request,
                                             const domain::DepartmentTree& tree) {
    ReportRequestView view;
    auto directory = ctx_.directory.Get(caller.org());
    view.requester_name = directory->User(request.requester);
    view.report_department_name = directory->Department(request.report_department);
    if (request.recipient_department.valid()) {
        view.recipient_department_name = directory->Department(request.recipient_department);
    }
    for (const auto& d : request.decisions) view.approver_names.push_back(directory->User(d.approver));
    view.may_decide = request.status == "pending" &&
                      !domain::WhyNotReportApprover(request, caller.user(), caller.principal.assignments(), tree);
    view.received = request.kind == "distribution" && request.status == "approved" &&
                    caller.principal.HasIn(kReportRead, request.recipient_department);
    view.request = std::move(request);
    return view;
}

Expected<ReportView> ReportService::Create(const Caller& caller, NewReport input) {
    domain::CustomerReport report;
    report.title = std::move(input.title);
    report.items = std::move(input.items);
    report.department = input.department;
    PATRON_TRY(domain::ValidateReport(report));
    auto tx = ctx_.store.Write();
    if (!input.department.valid() || !tx->org().GetDepartment(caller.org(), input.department)) {
        return MakeError(ErrorCode::kInvalidArgument, "no department with this id", "department_id");
    }
    if (!caller.principal.HasIn(kReportPrepare, report.department)) {
        ctx_.audit.Record(AuditFor(
            caller, "report.create", "department", IdText(report.department.value), "denied", "no report.prepare"));
        return Forbidden("prepare reports of that department (report.prepare, SEC-11)");
    }
    const Timestamp now = ctx_.clock.Now();
    report.id = tx->NextId();
    report.org_id = caller.org();
    report.version = 1;
    report.created_by = caller.user();
    report.created_at = now;
    report.updated_by = caller.user();
    report.updated_at = now;
    tx->reports().Insert(report);
    auto view = View(*tx, caller, report);
    tx->Commit();
    ctx_.audit.Record(
        AuditFor(caller, "report.create", "customer_report", IdText(report.id), "ok", Codes(report.items)));
    return view;
}

Expected<ReportView> ReportService::Get(const Caller& caller, std::int64_t id) {
    auto tx = ctx_.store.Read();
    auto report = LoadReport(*tx, caller, id, "report.get");
    if (!report.ok()) return report.error();
    return View(*tx, caller, std::move(*report));
}

Expected<std::vector<ReportView>> ReportService::List(const Caller& caller) {
    if (!caller.principal.Has(kReportPrepare)) return Forbidden("prepare customer reports (report.prepare, SEC-11)");
    auto tx = ctx_.store.Read();
    std::vector<ReportView> out;
    for (auto& report : tx->reports().List(caller.org(), caller.principal.Scope(kReportPrepare), kListLimit)) {
        out.push_back(View(*tx, caller, std::move(report)));
    }
    return out;
}

Expected<ReportView> ReportService::Update(const Caller& caller, std::int64_t id, ReportUpdate input) {
    domain::Checker check;
    if (input.title) check.Text(*input.title, "title", domain::kMaxReportTitleChars, true);
    check.Text(input.note, "note", domain::kMaxReportNoteChars, false, true);
    PATRON_TRY(check.Result());
    if (input.items) PATRON_TRY(domain::ValidateReportItems(*input.items));
    auto tx = ctx_.store.Write();
    auto report = LoadReport(*tx, caller, id, "report.update");
    if (!report.ok()) return report.error();
    if (report->version != input.version) return StaleVersion(report->version);
    const bool new_items = input.items && *input.items != report->items;
    const bool new_title = input.title && *input.title != report->title;
    if (!new_items && !new_title) return View(*tx, caller, std::move(*report));
    const Timestamp now = ctx_.clock.Now();
    domain::ReportRequest change;
    if (new_items) {
        storage::ReportRequestQuery pending;
        pending.org = caller.org();
        pending.kind = "change";
        pending.status = "pending";
        pending.report_id = id;
        pending.limit = 1;
        if (auto open = tx->reports().ListRequests(pending); !open.empty()) {
            return MakeError(
                ErrorCode::kConflict,
                "a change of this report's items waits for approval (request " + IdText(open[0].id) + ", SEC-11)",
                "items");
        }
        auto user = tx->org().GetUser(caller.org(), caller.user());
        if (!user) return NotFound("user");
        change.steps = LoadChains(*tx, caller.org()).report_change;
        if (change.steps.empty()) {
            return MakeError(ErrorCode::kFailedPrecondition, "the approval chain has no steps", "steps");
        }
        change.id = tx->NextId();
        change.org_id = caller.org();
        change.version = 1;
        change.report_id = id;
        change.kind = "change";
        change.requester = caller.user();
        change.requester_department = user->department_id;
        change.report_department = report->department;
        change.title = input.title.value_or(report->title);
        change.items = *input.items;
        change.previous_items = report->items;
        change.note = input.note;
        change.created_at = now;
        tx->reports().InsertRequest(change);
    }
    // The report itself changes only in its title now (its items once the change is approved); its
    // version moves either way, so an edit based on what it was before is refused as stale.
    if (new_title) report->title = *input.title;
    report->version = input.version + 1;
    report->updated_by = caller.user();
    report->updated_at = now;
    if (!tx->reports().Update(*report, input.version)) return StaleVersion(input.version + 1);
    auto view = View(*tx, caller, std::move(*report));
    tx->Commit();
    if (new_title) ctx_.audit.Record(AuditFor(caller, "report.update", "customer_report", IdText(id), "ok", "title"));
    if (new_items) {
        ctx_.audit.Record(AuditFor(caller,
                                   "report.change_request",
                                   "customer_report",
                                   IdText(id),
                                   "ok",
                                   "request " + IdText(change.id) + " items " + Codes(change.items)));
    }
    return view;
}

Expected<ReportFigures> ReportService::Compute(const Caller& caller, std::int64_t id) {
    auto tx = ctx_.store.Read();
    auto report = LoadReport(*tx, caller, id, "report.compute");
    if (!report.ok()) return report.error();
    ReportFigures out;
    out.report_id = id;
    out.items = report->items;
    out.computed_at = ctx_.clock.Now();
    out.figures = Figures(*tx, caller.org(), *report, out.computed_at);
    ctx_.audit.Record(AuditFor(caller, "report.compute", "customer_report", IdText(id)));
    return out;
}

Expected<ReportRequestView> ReportService::Distribute(const Caller& caller,
                                                      std::int64_t id,
                                                      DepartmentId recipient,
                                                      std::string note) {
    domain::Checker check;
    check.Text(note, "note", domain::kMaxReportNoteChars, false, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto report = LoadReport(*tx, caller, id, "report.distribute");
    if (!report.ok()) return report.error();
    if (!recipient.valid() || !tx->org().GetDepartment(caller.org(), recipient)) {
        return MakeError(ErrorCode::kInvalidArgument, "no department with this id", "recipient_department_id");
    }
    auto user = tx->org().GetUser(caller.org(), caller.user());
    if (!user) return NotFound("user");
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    const bool own = tree.IsWithin(recipient, report->department);
    const Timestamp now = ctx_.clock.Now();
    domain::ReportRequest q;
    q.steps = domain::DistributionChain(LoadChains(*tx, caller.org()), own);
    if (q.steps.empty()) return MakeError(ErrorCode::kFailedPrecondition, "the approval chain has no steps", "steps");
    q.id = tx->NextId();
    q.org_id = caller.org();
    q.version = 1;
    q.report_id = id;
    q.kind = "distribution";
    q.requester = caller.user();
    q.requester_department = user->department_id;
    q.report_department = report->department;
    q.title = report->title;
    q.items = report->items;
    q.recipient_department = recipient;
    q.note = std::move(note);
    // What the reviewers approve is exactly what is sent: the figures as of now, stored.
    q.snapshot = Figures(*tx, caller.org(), *report, now);
    q.computed_at = now;
    q.created_at = now;
    tx->reports().InsertRequest(q);
    auto view = RequestView(caller, q, tree);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "report.distribute",
                               "customer_report",
                               IdText(id),
                               "ok",
                               "request " + IdText(q.id) + " to department " + IdText(recipient.value) +
                                   (own ? " (review)" : " (review and approval)")));
    return view;
}

Expected<ReportRequestView> ReportService::Decide(const Caller& caller,
                                                  const std::string& kind,
                                                  std::int64_t request_id,
                                                  const std::string& decision,
                                                  std::string comment,
                                                  std::int64_t version) {
    PATRON_TRY(domain::CheckDecision(decision, comment));
    auto tx = ctx_.store.Write();
    auto q = tx->reports().GetRequest(caller.org(), request_id);
    if (!q || q->kind != kind) return NotFound(std::string("report ") + kind);
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    const std::string action = "report." + kind + "_decide";
    if (auto why = domain::WhyNotReportApprover(*q, caller.user(), caller.principal.assignments(), tree)) {
        ctx_.audit.Record(AuditFor(caller, action, ObjectType(kind), IdText(request_id), "denied", *why));
        if (q->status != "pending") return MakeError(ErrorCode::kFailedPrecondition, *why, "status");
        return Forbidden("decide this step: " + *why);
    }
    if (q->version != version) return StaleVersion(q->version);
    const Timestamp now = ctx_.clock.Now();
    const domain::StepDecision d = domain::DecideStep(*q, caller.user(), decision, comment, now);
    if (!tx->reports().Decide(*q, d, version)) return StaleVersion(version + 1);
    if (q->kind == "change" && q->status == "approved") {
        // SEC-11: the general manager approved: the report takes the new items now.
        auto report = tx->reports().Get(caller.org(), q->report_id);
        if (!report) return NotFound("customer report");
        const std::int64_t current = report->version;
        report->items = q->items;
        report->version = current + 1;
        report->updated_by = caller.user();
        report->updated_at = now;
        if (!tx->reports().Update(*report, current)) return StaleVersion(current + 1);
    }
    auto view = RequestView(caller, *q, tree);
    tx->Commit();
    ctx_.audit.Record(
        AuditFor(caller,
                 action,
                 ObjectType(kind),
                 IdText(request_id),
                 "ok",
                 decision + " step " + IdText(d.step + 1) + (q->status != "pending" ? " " + q->status : "")));
    return view;
}

Expected<ReportRequestView> ReportService::Withdraw(const Caller& caller,
                                                    const std::string& kind,
                                                    std::int64_t request_id,
                                                    std::int64_t version) {
    auto tx = ctx_.store.Write();
    auto q = tx->reports().GetRequest(caller.org(), request_id);
    if (!q || q->kind != kind || q->requester != caller.user()) return NotFound(std::string("report ") + kind);
    if (auto withdrawn = WithdrawPending(*q, version, ctx_.clock.Now()); !withdrawn.ok()) return withdrawn.error();
    if (!tx->reports().UpdateStatus(*q, version)) return StaleVersion(version + 1);
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    auto view = RequestView(caller, std::move(*q), tree);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "report." + kind + "_withdraw", ObjectType(kind), IdText(request_id)));
    return view;
}

Expected<ReportRequestView> ReportService::GetRequest(const Caller& caller,
                                                      const std::string& kind,
                                                      std::int64_t request_id) {
    auto tx = ctx_.store.Read();
    auto q = tx->reports().GetRequest(caller.org(), request_id);
    if (!q || q->kind != kind) return NotFound(std::string("report ") + kind);
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    if (!MaySee(caller, *q, tree)) {
        ctx_.audit.Record(AuditFor(caller, "report.read", ObjectType(kind), IdText(request_id), "denied"));
        return NotFound(std::string("report ") + kind);
    }
    ctx_.audit.Record(AuditFor(caller, "report.read", ObjectType(kind), IdText(request_id)));
    return RequestView(caller, std::move(*q), tree);
}

Expected<std::vector<ReportRequestView>> ReportService::Requests(const Caller& caller,
                                                                 const std::string& kind,
                                                                 const std::string& box) {
    if (!domain::OneOf(box, kReportBoxes) || (kind == "change" && box == "received")) {
        return MakeError(ErrorCode::kInvalidArgument,
                         kind == "change" ? "box must be mine or inbox" : "box must be mine, inbox or received",
                         "box");
    }
    auto tx = ctx_.store.Read();
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    storage::ReportRequestQuery q;
    q.org = caller.org();
    q.kind = kind;
    q.limit = kListLimit;
    if (box == "mine") q.requester = caller.user();
    if (box == "inbox") q.status = "pending";
    if (box == "received") {
        q.status = "approved";
        q.recipients = caller.principal.Scope(kReportRead);
    }
    std::vector<ReportRequestView> out;
    for (auto& request : tx->reports().ListRequests(q)) {
        if (!MaySee(caller, request, tree)) continue;
        auto view = RequestView(caller, std::move(request), tree);
        if (box == "inbox" && !view.may_decide) continue;
        if (box == "received" && !view.received) continue;
        out.push_back(std::move(view));
    }
    if (box == "received") {
        ctx_.audit.Record(
            AuditFor(caller, "report.list", "report_distribution", "", "ok", IdText(out.size()) + " received"));
    }
    return out;
}

Expected<std::string> ReportService::ExportCsv(const Caller& caller, std::int64_t request_id) {
    auto tx = ctx_.store.Read();
    auto q = tx->reports().GetRequest(caller.org(), request_id);
    if (!q || q->kind != "distribution") return NotFound("report distribution");
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    if (!MaySee(caller, *q, tree)) {
        ctx_.audit.Record(AuditFor(caller, "report.export", "report_distribution", IdText(request_id), "denied"));
        return NotFound("report distribution");
    }
    if (q->status != "approved" || !caller.principal.HasIn(kReportRead, q->recipient_department)) {
        ctx_.audit.Record(AuditFor(caller, "report.export", "report_distribution", IdText(request_id), "denied"));
        return Forbidden("download reports only once approved, in the department they were sent to (SEC-11)");
    }
    auto directory = ctx_.directory.Get(caller.org());
    const Timestamp now = ctx_.clock.Now();
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel opens UTF-8 CSV correctly with it
    out += ExportWatermark("customer report", caller.principal.username(), now);
    out += "report," + CsvField(q->title) + "\n";
    out += "department," + CsvField(directory->Department(q->report_department)) + "\n";
    out += "recipient," + CsvField(directory->Department(q->recipient_department)) + "\n";
    out += "computed_at," + FormatTimestamp(q->computed_at) + "\n";
    out += "approved_at," + FormatTimestamp(q->decided_at) + "\n";
    out += "item,group,count\n";
    for (const auto& f : q->snapshot) {
        out += CsvField(f.item) + "," + CsvField(f.key) + "," + std::to_string(f.count) + "\n";
    }
    ctx_.audit.Record(AuditFor(caller,
                               "report.export",
                               "report_distribution",
                               IdText(request_id),
                               "ok",
                               "rows=" + std::to_string(q->snapshot.size())));
    return out;
}

}  // namespace patron::app
