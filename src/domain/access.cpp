#include "domain/access.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace patron::domain {

bool IsClassified(std::string_view secrecy) { return secrecy == "confidential" || secrecy == "top_secret"; }

ApprovalChains DefaultApprovalChains() {
    // "Department manager": the roles that head a department in ORG-2.
    const std::vector<std::string> kDepartmentHeads = {"supervisor",
                                                       "sales_director",
                                                       "cr_manager",
                                                       "customer_service_manager",
                                                       "customer_resource_director",
                                                       "customer_director"};
    ApprovalChains chains;
    chains.own_department = {{"部门经理审批 (SEC-4)", kDepartmentHeads, "record_department"}};
    chains.other_department = {{"总经理审批 (SEC-4)", {"general_manager"}, "organisation"}};
    chains.classified = {{"客服部经理审批 (SEC-3)", {"customer_service_manager"}, "organisation"}};
    chains.lending = {{"借阅人部门经理审批 (SEC-5)", kDepartmentHeads, "requester_department"},
                      {"信息管理专员审批 (SEC-5)", {"info_specialist"}, "organisation"}};
    chains.copying = {
        {"总经理或客户信息主管审批 (SEC-7)", {"general_manager", "customer_info_supervisor"}, "organisation"}};
    chains.disclosure = {{"客户信息主管审批 (SEC-8)", {"customer_info_supervisor"}, "organisation"},
                         {"客服部经理审批 (SEC-8)", {"customer_service_manager"}, "organisation"}};
    chains.report_change = {{"总经理审批报表项目变更 (SEC-11)", {"general_manager"}, "organisation"}};
    chains.report_review = {{"客服部经理审核 (SEC-11)", {"customer_service_manager"}, "organisation"}};
    chains.report_distribution = {{"客服部经理审核 (SEC-11)", {"customer_service_manager"}, "organisation"},
                                  {"总经理批准 (SEC-11)", {"general_manager"}, "organisation"}};
    return chains;
}

std::vector<ApprovalStep>* ChainOf(ApprovalChains& chains, std::string_view kind) {
    if (kind == "own_department") return &chains.own_department;
    if (kind == "other_department") return &chains.other_department;
    if (kind == "classified") return &chains.classified;
    if (kind == "lending") return &chains.lending;
    if (kind == "copying") return &chains.copying;
    if (kind == "disclosure") return &chains.disclosure;
    if (kind == "report_change") return &chains.report_change;
    if (kind == "report_review") return &chains.report_review;
    if (kind == "report_distribution") return &chains.report_distribution;
    return nullptr;
}

Status ValidateChain(const std::vector<ApprovalStep>& chain, const std::vector<Role>& roles) {
    Checker check;
    if (chain.size() > 5) check.Add("steps", "must have at most 5 steps");
    for (std::size_t step_idx = 0; step_idx < chain.size(); ++step_idx) {
        ApprovalStep step = chain[step_idx];
        const std::string field = "steps[" + std::to_string(step_idx) + "]";
        check.Text(step.name, field + ".name", 60, true);
        check.Enum(step.scope, field + ".scope", kStepScopes);
        if (step.roles.empty()) check.Add(field + ".roles", "must name at least one role");
        for (const auto& role : step.roles) {
            bool known = std::any_of(roles.begin(), roles.end(), [&](const Role& r) { return r.code == role; });
            if (!known) check.Add(field + ".roles", "no role '" + role + "'");
        }
    }
    return check.Result();
}

std::vector<ApprovalStep> ChainFor(const ApprovalChains& chains,
                                   bool own_department,
                                   bool classified,
                                   const std::vector<std::string>& actions) {
    auto asks = [&](std::string_view action) {
        return std::find(actions.begin(), actions.end(), action) != actions.end();
    };
    std::vector<ApprovalStep> steps;
    auto add = [&](const std::vector<ApprovalStep>& chain) {
        for (const auto& step : chain) {
            bool already = std::any_of(steps.begin(), steps.end(), [&](const ApprovalStep& s) {
                return s.roles == step.roles && s.scope == step.scope;
            });
            if (!already) steps.push_back(step);
        }
    };
    const bool special = asks("lend") || asks("copy") || asks("disclose");
    if (asks("read") || !special) add(own_department ? chains.own_department : chains.other_department);
    if (asks("lend")) add(chains.lending);
    if (asks("copy")) add(chains.copying);
    if (asks("disclose")) add(chains.disclosure);
    if (classified) add(chains.classified);
    return steps;
}

Status CheckDecision(std::string_view decision, std::string& comment) {
    if (decision != "approve" && decision != "reject") {
        return MakeError(ErrorCode::kInvalidArgument, "decision must be approve or reject", "decision");
    }
    Checker check;
    check.Text(comment, "comment", 500, decision == "reject", true);
    return check.Result();
}

Status ValidateRequest(AccessRequest& request) {
    Checker check;
    check.Enum(request.object_type, "object_type", kAccessObjectTypes);
    check.Text(request.purpose, "purpose", 200, true);
    check.Text(request.reason, "reason", 1000, true, true);
    if (request.actions.empty()) check.Add("actions", "must name at least one action");
    for (const auto& action : request.actions) check.Enum(action, "actions", kAccessActions);
    std::sort(request.actions.begin(), request.actions.end());
    request.actions.erase(std::unique(request.actions.begin(), request.actions.end()), request.actions.end());
    if (request.days < 1 || request.days > kMaxGrantDays) {
        check.Add("days", "must be between 1 and " + std::to_string(kMaxGrantDays));
    }
    return check.Result();
}

std::optional<std::string> WhyNotStepApprover(const ApprovalSubject& subject,
                                              UserId approver,
                                              const std::vector<RoleAssignment>& approver_assignments,
                                              const DepartmentTree& tree) {
    if (subject.status != "pending") return "the request is already " + subject.status;
    if (approver == subject.requester) return "nobody approves their own request";
    for (const auto& d : subject.decisions) {
        if (d.approver == approver) return "you decided an earlier step of this request";
    }
    const auto step_idx = subject.decisions.size();
    if (step_idx >= subject.steps.size()) return "the request has no step left to decide";
    const ApprovalStep& step = subject.steps[step_idx];
    for (const auto& a : approver_assignments) {
        if (std::find(step.roles.begin(), step.roles.end(), a.role) == step.roles.end()) continue;
        if (step.scope == "organisation") return std::nullopt;
        DepartmentId where =
            step.scope == "requester_department" ? subject.requester_department : subject.object_department;
        if (tree.IsWithin(where, a.department_id)) return std::nullopt;
    }
    return "the step '" + step.name + "' is decided by another role";
}

std::optional<std::string> WhyNotApprover(const AccessRequest& request,
                                          UserId approver,
                                          const std::vector<RoleAssignment>& approver_assignments,
                                          const DepartmentTree& tree) {
    return WhyNotStepApprover({request.status,
                               request.requester,
                               request.requester_department,
                               request.object_department,
                               request.steps,
                               request.decisions},
                              approver,
                              approver_assignments,
                              tree);
}

bool GrantAllows(const AccessGrant& grant, std::string_view action, Timestamp now) {
    if (grant.revoked_at != 0 || now < grant.valid_from || now >= grant.valid_until) return false;
    return std::find(grant.actions.begin(), grant.actions.end(), action) != grant.actions.end();
}

std::string GrantStatus(const AccessGrant& grant, Timestamp now) {
    if (grant.revoked_at != 0) return "revoked";
    if (now < grant.valid_from) return "future";
    if (now >= grant.valid_until) return "expired";
    return "active";
}

bool AllowedByRole(const Principal& principal, std::string_view permission, const RecordAccess& record) {
    if (!principal.HasIn(permission, record.department)) return false;
    if (!IsClassified(record.secrecy) || record.custodian == principal.user_id()) return true;
    return !record.keeper_permission.empty() && principal.HasIn(record.keeper_permission, record.department);
}

}  // namespace patron::domain
