// SEC-1 … SEC-6, SEC-12: who may read a customer or an archive beyond what their roles give them.
// A role gives its permissions over the departments of its assignment (ORG-3); anything else —
// another department's record, or a classified one (SEC-6) even in one's own department — needs
// an access grant: time-limited, for named records and actions. A grant comes from an access
// request approved step by step along an approval chain (SEC-2/SEC-4; SEC-3 adds the customer
// service manager for classified records), or from a general manager's authorisation (SEC-12).
// Pure data and rules: no storage, no HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "domain/organization.hpp"

namespace patron::domain {

using AccessRequestId = Id<struct AccessRequestTag>;
using AccessGrantId = Id<struct AccessGrantTag>;

// What a grant allows on its record: read it, copy or excerpt it (SEC-7), lend its paper file
// (SEC-5), give it to an outside party (SEC-8).
inline constexpr const char* kAccessActions[] = {"read", "copy", "lend", "disclose"};
inline constexpr const char* kAccessObjectTypes[] = {"customer", "archive"};
// Where the approver of a step must hold one of its roles.
inline constexpr const char* kStepScopes[] = {"record_department", "requester_department", "organisation"};
inline constexpr int kMaxGrantDays = 90;

bool IsClassified(std::string_view secrecy);  // confidential or top secret (SEC-6)

// One step of an approval chain: any holder of one of `roles` whose assignment covers the place
// `scope` names may decide it.
struct ApprovalStep {
    std::string name;  // shown to people: "部门经理审批"
    std::vector<std::string> roles;
    std::string scope = "record_department";
};

// The organisation's chains (data, editable by its administrator).
struct ApprovalChains {
    std::vector<ApprovalStep> own_department;       // SEC-4: a record of the requester's own department
    std::vector<ApprovalStep> other_department;     // SEC-4: any other department's record
    std::vector<ApprovalStep> classified;           // SEC-3: added after either for a classified record
    std::vector<ApprovalStep> lending;              // SEC-5: borrowing a paper file
    std::vector<ApprovalStep> copying;              // SEC-7: copying or excerpting
    std::vector<ApprovalStep> disclosure;           // SEC-8: handing material to an outside party
    std::vector<ApprovalStep> report_change;        // SEC-11: changing a customer report's items
    std::vector<ApprovalStep> report_review;        // SEC-11: a report to its own department (subtree)
    std::vector<ApprovalStep> report_distribution;  // SEC-11: a report to any other department
};

inline constexpr const char* kApprovalChainKinds[] = {"own_department",
                                                      "other_department",
                                                      "classified",
                                                      "lending",
                                                      "copying",
                                                      "disclosure",
                                                      "report_change",
                                                      "report_review",
                                                      "report_distribution"};
// The chain of `kind` (one of kApprovalChainKinds); nullptr for any other kind.
std::vector<ApprovalStep>* ChainOf(ApprovalChains& chains, std::string_view kind);

// SEC-2/SEC-3/SEC-4 as written: the department manager for one's own department; the general
// manager for another department; the customer service manager in addition for classified records.
// SEC-5: borrowing goes to the borrower's department manager, then the information management
// specialist. SEC-7: copying to the general manager or the customer information supervisor. SEC-8:
// giving material to an outside party to the customer information supervisor, then the customer
// service manager. SEC-11: a report's item change to the general manager; a report's distribution
// reviewed by the customer service manager, and, to another department, then approved by the
// general manager.
ApprovalChains DefaultApprovalChains();
Status ValidateChain(const std::vector<ApprovalStep>& chain, const std::vector<Role>& roles);
// The steps a request passes: the own/other department chain (SEC-4) when it asks to read (or for
// nothing else), then the chain of each other action it asks for — lend (SEC-5), copy (SEC-7),
// disclose (SEC-8) — a step already on the way once only; then the classified steps (SEC-3).
std::vector<ApprovalStep> ChainFor(const ApprovalChains& chains,
                                   bool own_department,
                                   bool classified,
                                   const std::vector<std::string>& actions);

struct StepDecision {
    int step = 0;
    UserId approver;
    std::string decision;  // approve, reject
    std::string comment;
    Timestamp at = 0;
};

inline constexpr const char* kRequestStatuses[] = {"pending", "approved", "rejected", "withdrawn"};

struct AccessRequest {
    AccessRequestId id;
    OrgId org_id;
    std::int64_t version = 0;
    UserId requester;
    DepartmentId requester_department;
    std::string object_type;  // customer, archive
    std::int64_t object_id = 0;
    DepartmentId object_department;
    std::string object_secrecy = "normal";
    std::vector<std::string> actions;
    std::string purpose;
    std::string reason;
    int days = 3;                     // how long the grant lasts once approved
    std::int64_t visitor_id = 0;      // SEC-3: filed by its host for this registered non-employee
    std::vector<ApprovalStep> steps;  // the chain as it was when the request was made
    std::vector<StepDecision> decisions;
    std::string status = "pending";
    Timestamp created_at = 0;
    Timestamp decided_at = 0;
    int CurrentStep() const { return static_cast<int>(decisions.size()); }
};

// Checks purpose, reason, actions and days (1 … kMaxGrantDays).
Status ValidateRequest(AccessRequest& request);  // trims the texts

// What decides who may take the next step of any request along a chain (access requests, SEC-11
// report requests): its state, who asked from where, and the department of what it is about.
struct ApprovalSubject {
    const std::string& status;
    UserId requester;
    DepartmentId requester_department;
    DepartmentId object_department;  // the step scope "record_department"
    const std::vector<ApprovalStep>& steps;
    const std::vector<StepDecision>& decisions;
};
std::optional<std::string> WhyNotStepApprover(const ApprovalSubject& subject,
                                              UserId approver,
                                              const std::vector<RoleAssignment>& approver_assignments,
                                              const DepartmentTree& tree);

// Why `approver` may not decide the request's current step; nullopt when they may. Nobody decides
// their own request, nobody decides two steps of one request, and the approver must hold one of
// the step's roles where the step says.
std::optional<std::string> WhyNotApprover(const AccessRequest& request,
                                          UserId approver,
                                          const std::vector<RoleAssignment>& approver_assignments,
                                          const DepartmentTree& tree);

// A step decision's input: approve or reject; a comment (trimmed, at most 500 characters) is
// required to reject.
Status CheckDecision(std::string_view decision, std::string& comment);

// Records `decision` (approve, reject) of the request's current step, checked with WhyNot*Approver:
// a rejection, or the approval of the last step, ends the request (approved / rejected, decided_at).
// For any request along a chain (access requests, SEC-11 report requests).
template <typename ChainRequest>
StepDecision DecideStep(
    ChainRequest& request, UserId approver, std::string_view decision, std::string_view comment, Timestamp now) {
    StepDecision d{request.CurrentStep(), approver, std::string(decision), std::string(comment), now};
    request.decisions.push_back(d);
    request.version += 1;
    if (decision == "reject" || request.CurrentStep() >= static_cast<int>(request.steps.size())) {
        request.status = decision == "reject" ? "rejected" : "approved";
        request.decided_at = now;
    }
    return d;
}

struct AccessGrant {
    AccessGrantId id;
    OrgId org_id;
    UserId grantee;
    std::string object_type;
    std::int64_t object_id = 0;
    std::vector<std::string> actions;
    Timestamp valid_from = 0;
    Timestamp valid_until = 0;     // exclusive
    std::string kind = "request";  // request (SEC-2/4), authorisation (SEC-12)
    AccessRequestId request_id;
    UserId granted_by;
    std::string reason;
    Timestamp revoked_at = 0;
    UserId revoked_by;
    std::string revoke_reason;
    Timestamp created_at = 0;
};

// In force at `now` for `action`: not revoked, started, not expired.
bool GrantAllows(const AccessGrant& grant, std::string_view action, Timestamp now);
std::string GrantStatus(const AccessGrant& grant, Timestamp now);  // active, expired, revoked, future

// The facts of a record that decide who may see it.
struct RecordAccess {
    DepartmentId department;
    std::string secrecy = "normal";
    UserId custodian;  // SEC-6: the named person who manages a classified record
    // SEC-6: holders of this permission in the record's department manage classified records too
    // (archives: the archive keepers, archive.manage, who keep them apart); empty: nobody.
    std::string keeper_permission;
};

// SEC-1/SEC-4/SEC-6: may the principal use `permission` on the record without a grant? Normal
// records: when the permission holds in the record's department. Classified records: only their
// custodian and keepers (who must also hold the permission there).
bool AllowedByRole(const Principal& principal, std::string_view permission, const RecordAccess& record);

}  // namespace patron::domain
