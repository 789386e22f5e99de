// SEC-11: customer statistics reports (客户统计报表) and their distribution. A report counts the
// customers of one department's subtree along items chosen from a fixed catalogue — aggregates
// only, never a name, a phone or any other personal data. Classified customers (SEC-6) are counted
// like any other: a count is not personal data, and leaving them out would make the figures wrong
// for everyone; no field of theirs appears.
//
// SEC-11 as written: changing a report's items needs the general manager's approval (chain
// `report_change`); the report keeps its items until the change is approved. Every distribution is
// reviewed first: one to the report's own department (or below it) along `report_review` (the
// customer service manager), one to any other department along `report_distribution` (the customer
// service manager's review, then the general manager's approval). What the approvers decide on is a
// snapshot computed when the distribution is requested; after the last approval exactly that
// snapshot is what the recipient department sees. Pure data and rules: no storage, no HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"
#include "domain/access.hpp"

namespace patron::domain {

// The catalogue of report items: each one count of customers (or vehicles) grouped by one fact.
inline constexpr const char* kReportItems[] = {
    "customers_by_category",    // CLS-2: target, general, key, potential
    "customers_by_type",        // CLS-1: general, special
    "customers_by_kind",        // individual, organisation
    "customers_by_grade",       // CLS-3: A, B, C ("" not yet graded)
    "customers_by_department",  // the departments of the subtree (their names when computed)
    "new_customers_by_month",   // customers created in each of the last 12 local months
    "vehicles_by_brand",        // the customers' vehicles by brand
};
inline constexpr int kReportMonths = 12;
inline constexpr int kMaxReportTitleChars = 100;
inline constexpr int kMaxReportNoteChars = 500;

struct CustomerReport {
    std::int64_t id = 0;
    OrgId org_id;
    std::int64_t version = 0;
    std::string title;
    DepartmentId department;  // whose customers it counts (its subtree)
    std::vector<std::string> items;
    UserId created_by;
    Timestamp created_at = 0;
    UserId updated_by;
    Timestamp updated_at = 0;
};

// One figure of a computed report: the item, the group ("key", a code, a YYYY-MM month, a
// department's name or a brand) and its count.
struct ReportFigure {
    std::string item;
    std::string key;
    std::int64_t count = 0;
};

// The figures of one item from its counted groups: an item over a fixed enumeration (category,
// type, kind, grade) shows every group in the enumeration's order, 0 where nobody is counted; the
// others (departments, brands) show the counted groups, largest first, ties by key.
std::vector<ReportFigure> FiguresOf(const std::string& item,
                                    const std::vector<std::pair<std::string, std::int64_t>>& counted);

// Title (required, at most kMaxReportTitleChars) and items (see ValidateReportItems).
Status ValidateReport(CustomerReport& report);
// At least one item, every one from kReportItems (field "items[N]" names a bad one); duplicates
// are dropped and the catalogue's order kept, so two lists of the same items compare equal.
Status ValidateReportItems(std::vector<std::string>& items);

// The 13 first days of the local months that bound the last kReportMonths months up to and
// including the month of `today`: month i is [starts[i], starts[i + 1]).
std::vector<Date> ReportMonthStarts(Date today);
// "2026-03" for 2026-03-01.
std::string MonthKey(Date month_start);

inline constexpr const char* kReportRequestKinds[] = {"change", "distribution"};

// A request along an approval chain: an item change (kind "change") or a distribution (kind
// "distribution", with its snapshot). Decided step by step like an access request (WhyNotApprover);
// never deleted.
struct ReportRequest {
    std::int64_t id = 0;
    OrgId org_id;
    std::int64_t version = 0;
    std::int64_t report_id = 0;
    std::string kind;
    UserId requester;
    DepartmentId requester_department;
    DepartmentId report_department;
    std::string title;                        // the report's title when requested
    std::vector<std::string> items;           // change: the proposed items; distribution: the snapshot's
    std::vector<std::string> previous_items;  // change: the items it replaces
    DepartmentId recipient_department;        // distribution only
    std::string note;
    std::vector<ReportFigure> snapshot;  // distribution only: what is reviewed is what is sent
    Timestamp computed_at = 0;
    std::vector<ApprovalStep> steps;  // the chain as it was when requested
    std::vector<StepDecision> decisions;
    std::string status = "pending";  // pending, approved, rejected (kRequestStatuses)
    Timestamp created_at = 0;
    Timestamp decided_at = 0;
    int CurrentStep() const { return static_cast<int>(decisions.size()); }
};

// SEC-11: the chain of a distribution: `report_review` to the report's own department or inside
// its subtree, `report_distribution` to any other department.
const std::vector<ApprovalStep>& DistributionChain(const ApprovalChains& chains, bool within_report_department);

// Why `approver` may not decide the request's current step (nullopt when they may): the rules of
// WhyNotApprover — nobody decides their own request, nobody two steps of one request, the step's
// roles where the step says ("record_department" is the report's department).
std::optional<std::string> WhyNotReportApprover(const ReportRequest& request,
                                                UserId approver,
                                                const std::vector<RoleAssignment>& approver_assignments,
                                                const DepartmentTree& tree);

}  // namespace patron::domain
