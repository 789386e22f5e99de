// SEC-11: customer statistics reports and their distribution (domain/report.hpp).
//
// Who does what:
// - Holders of report.prepare in a report's department define it, change its title, propose new
//   items, preview its figures and ask to distribute it. A change of items waits for the
//   `report_change` chain (the general manager); the report keeps its items until then, and keeps
//   them when the change is rejected.
// - A distribution is computed when asked into a stored snapshot and goes along `report_review`
//   (to the report's own department or below it) or `report_distribution` (to any other
//   department). Approvers decide step by step (nobody their own request, nobody two steps of one).
// - Before the last approval a distribution is seen by its requester and its approvers only; after
//   it, also by the holders of report.read in the recipient department, who may download it as CSV
//   under a watermark. Anyone else gets 404, as for a record that does not exist.
// Every step, read and export is audited; refusals too. Nothing is deleted.
#pragma once

#include <optional>

#include "app/context.hpp"
#include "domain/report.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct NewReport {
    std::string title;
    DepartmentId department;
    std::vector<std::string> items;
};

struct ReportUpdate {
    std::optional<std::string> title;
    std::optional<std::vector<std::string>> items;  // different from the current items: a change request
    std::string note;                               // why the items change (shown to the approver)
    std::int64_t version = 0;
};

struct ReportRequestView {
    domain::ReportRequest request;
    std::string requester_name;
    std::string report_department_name;
    std::string recipient_department_name;
    std::vector<std::string> approver_names;  // one per decision
    bool may_decide = false;                  // the caller may decide its current step
    bool received = false;                    // an approved distribution the caller's department received
};

struct ReportView {
    domain::CustomerReport report;
    std::string department_name;
    std::string created_by_name;
    std::string updated_by_name;
    std::optional<ReportRequestView> pending_change;  // the item change waiting for approval
};

struct ReportFigures {
    std::int64_t report_id = 0;
    std::vector<std::string> items;
    std::vector<domain::ReportFigure> figures;
    Timestamp computed_at = 0;
};

inline constexpr const char* kReportBoxes[] = {"mine", "inbox", "received"};

class ReportService {
public:
    explicit ReportService(AppContext& ctx) : ctx_(ctx) {}

    Expected<ReportView> Create(const Caller& caller, NewReport input);
    Expected<ReportView> Get(const Caller& caller, std::int64_t id);
    // The reports of the departments where the caller holds report.prepare.
    Expected<std::vector<ReportView>> List(const Caller& caller);
    // A new title applies at once; new items become a change request (SEC-11: the general manager
    // approves). kConflict when the version is stale or a change of items is already pending.
    Expected<ReportView> Update(const Caller& caller, std::int64_t id, ReportUpdate input);
    // The report's figures now (the preparer's preview; audited).
    Expected<ReportFigures> Compute(const Caller& caller, std::int64_t id);
    // SEC-11: asks to send the report, computed now, to `recipient`.
    Expected<ReportRequestView> Distribute(const Caller& caller,
                                           std::int64_t id,
                                           DepartmentId recipient,
                                           std::string note);

    // Approve or reject the current step of a change ("change") or distribution ("distribution").
    Expected<ReportRequestView> Decide(const Caller& caller,
                                       const std::string& kind,
                                       std::int64_t request_id,
                                       const std::string& decision,
                                       std::string comment,
                                       std::int64_t version);
    // kNotFound unless the caller may see it (see the header comment); audited.
    // The requester recalls a pending request (as an access request is withdrawn): it ends as
    // "withdrawn", nothing is distributed or changed; anyone else gets 404, a decided one 422.
    Expected<ReportRequestView> Withdraw(const Caller& caller,
                                         const std::string& kind,
                                         std::int64_t request_id,
                                         std::int64_t version);
    Expected<ReportRequestView> GetRequest(const Caller& caller, const std::string& kind, std::int64_t request_id);
    // box: mine (asked by the caller), inbox (pending, the caller may decide), received (approved
    // distributions sent to a department where the caller holds report.read).
    Expected<std::vector<ReportRequestView>> Requests(const Caller& caller,
                                                      const std::string& kind,
                                                      const std::string& box);
    // An approved distribution as CSV under the watermark line, for report.read holders of the
    // recipient department; audited.
    Expected<std::string> ExportCsv(const Caller& caller, std::int64_t request_id);

private:
    Expected<domain::CustomerReport> LoadReport(storage::Tx& tx,
                                                const Caller& caller,
                                                std::int64_t id,
                                                const char* action);
    std::vector<domain::ReportFigure> Figures(storage::Tx& tx,
                                              OrgId org,
                                              const domain::CustomerReport& report,
                                              Timestamp now);
    domain::ApprovalChains LoadChains(storage::Tx& tx, OrgId org);
    ReportView View(storage::Tx& tx, const Caller& caller, domain::CustomerReport report);
    ReportRequestView RequestView(const Caller& caller,
                                  domain::ReportRequest request,
                                  const domain::DepartmentTree& tree);
    bool MaySee(const Caller& caller, const domain::ReportRequest& request, const domain::DepartmentTree& tree) const;

    AppContext& ctx_;
};

}  // namespace patron::app
