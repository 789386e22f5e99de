#include "domain/organization.hpp"

#include <algorithm>

#include "domain/formats.hpp"
#include "domain/validation.hpp"

namespace patron::domain {

const std::vector<Role>& DefaultRoles() {
    using namespace perm;
    // Customer-facing staff read, create and update customers of their department and log the
    // relationship (ARC-13); managers also export and see personal data; SEC rules of issue 4
    // add record-level grants on top.
    static const std::vector<std::string> kStaff = {
        kCustomerRead, kCustomerCreate, kCustomerUpdate, kInteractionCreate, kOrgRead, kPolicyRead, kArchiveRead};
    auto plus = [](std::vector<std::string> base, std::initializer_list<const char*> extra) {
        for (const char* p : extra) base.emplace_back(p);
        return base;
    };
    static const std::vector<Role> kRoles = {
        {"system_admin",
         "系统管理员",
         "System administrator",
         {kOrgRead,
          kOrgManage,
          kPolicyRead,
          kPolicyManage,
          kAuditRead,
          kCustomerRead,
          kCustomerCreate,
          kCustomerUpdate,
          kCustomerImport,
          kCustomerExport,
          kInteractionCreate,
          kArchiveRead}},
        {"general_manager",
         "总经理",
         "General manager",
         plus(kStaff,
              {kCustomerImport,
               kCustomerExport,
               kPersonalData,
               kAuditRead,
               kPolicyManage,
               kPenaltyRead,
               kArchiveDestroy,
               kAccessAuthorise,
               kReportPrepare,
               kReportRead})},
        {"customer_director",
         "客户总监",
         "Customer director",
         plus(kStaff,
              {kCustomerImport,
               kCustomerExport,
               kPersonalData,
               kPolicyManage,
               kPenaltyRead,
               kPenaltyDecide,
               kReportPrepare,
               kReportRead})},
        {"customer_service_manager",
         "客服部经理",
         "Customer service manager",
         plus(kStaff, {kCustomerExport, kPersonalData, kPenaltyRead, kIncidentManage, kReportPrepare, kReportRead})},
        {"supervisor", "主管", "Supervisor", plus(kStaff, {kReportRead})},
        {"archive_keeper",
         "客户档案管理员",
         "Archive keeper",
         {kCustomerRead,
          kCustomerUpdate,
          kInteractionCreate,
          kCustomerExport,
          kPersonalData,
          kOrgRead,
          kPolicyRead,
          kArchiveRead,
          kArchiveManage,
          kPenaltyRead}},
        {"customer_info_supervisor",
         "客户信息主管",
         "Customer information supervisor",
         plus(kStaff,
              {kCustomerImport,
               kCustomerExport,
               kPersonalData,
               kAuditRead,
               kIncidentManage,
               kCustomerErase,
               kReportPrepare,
               kReportRead})},
        {"info_specialist",
         "信息管理专员",
         "Information management specialist",
         plus(kStaff, {kCustomerImport, kPersonalData, kReportRead})},
        {"sales_director",
         "销售总监/经理",
         "Sales director / manager",
         plus(kStaff,
              {kCustomerExport,
               kPersonalData,
               kArchiveCreate,
               kArchiveConfirm,
               kPenaltyRead,
               kReportPrepare,
               kReportRead})},
        {"sales_consultant", "销售顾问", "Sales consultant", plus(kStaff, {kArchiveCreate})},
        {"service_advisor", "服务顾问", "Service advisor", plus(kStaff, {kArchiveCreate})},
        {"cr_manager",
         "客户关系经理",
         "Customer relations manager",
         plus(kStaff, {kCustomerExport, kPersonalData, kReportPrepare, kReportRead})},
        {"cr_specialist", "客户关系专员", "Customer relations specialist", plus(kStaff, {kReportRead})},
        {"coordination_assistant", "协调助理", "Coordination assistant", {kCustomerRead, kOrgRead, kPolicyRead}},
        {"customer_resource_director",
         "顾客资源总监",
         "Customer resource director",
         plus(kStaff, {kCustomerExport, kPersonalData, kReportPrepare, kReportRead})},
        {"exec_committee_chair",
         "执委会主席",
         "Executive committee chair",
         {kCustomerRead, kOrgRead, kPolicyRead, kAuditRead, kReportRead}},
        {"auditor", "审计员", "Auditor", {kOrgRead, kPolicyRead, kAuditRead}},
    };
    return kRoles;
}

DepartmentTree::DepartmentTree(const std::vector<Department>& departments) {
    for (const auto& d : departments) {
        parent_[d.id] = d.parent_id;
        if (d.parent_id.valid()) children_[d.parent_id].push_back(d.id);
    }
}

std::vector<DepartmentId> DepartmentTree::Subtree(DepartmentId root) const {
    std::vector<DepartmentId> out;
    if (!Contains(root)) return out;
    std::vector<DepartmentId> stack{root};
    while (!stack.empty()) {
        DepartmentId current = stack.back();
        stack.pop_back();
        out.push_back(current);
        auto it = children_.find(current);
        if (it != children_.end()) stack.insert(stack.end(), it->second.begin(), it->second.end());
    }
    return out;
}

bool DepartmentTree::IsWithin(DepartmentId id, DepartmentId ancestor) const {
    // Bounded walk: a corrupted tree with a cycle cannot loop forever.
    for (std::size_t depth = 0; depth <= parent_.size() && id.valid(); ++depth) {
        if (id == ancestor) return true;
        auto it = parent_.find(id);
        if (it == parent_.end()) return false;
        id = it->second;
    }
    return false;
}

bool DepartmentTree::WouldCycle(DepartmentId id, DepartmentId new_parent) const {
    return new_parent.valid() && IsWithin(new_parent, id);
}

Principal::Principal(OrgId org,
                     UserId user,
                     std::string username,
                     std::string display_name,
                     const std::vector<RoleAssignment>& assignments,
                     const std::vector<Role>& roles,
                     const DepartmentTree& tree)
    : org_id_(org), user_id_(user), username_(std::move(username)), display_name_(std::move(display_name)) {
    auto tables = std::make_shared<Tables>();
    tables->assignments = assignments;
    for (const auto& assignment : assignments) {
        auto role = std::find_if(roles.begin(), roles.end(), [&](const Role& r) { return r.code == assignment.role; });
        if (role == roles.end()) continue;
        std::vector<DepartmentId> covered = tree.Subtree(assignment.department_id);
        for (const auto& permission : role->permissions) {
            auto& scope = tables->scope[permission];
            for (DepartmentId d : covered) scope.insert(d.value);
        }
    }
    tables_ = std::move(tables);
}

bool Principal::Has(std::string_view permission) const {
    auto it = tables_->scope.find(permission);
    return it != tables_->scope.end() && !it->second.empty();
}

bool Principal::HasIn(std::string_view permission, DepartmentId department) const {
    auto it = tables_->scope.find(permission);
    return it != tables_->scope.end() && it->second.count(department.value) > 0;
}

std::vector<DepartmentId> Principal::Scope(std::string_view permission) const {
    std::vector<DepartmentId> out;
    auto it = tables_->scope.find(permission);
    if (it == tables_->scope.end()) return out;
    for (std::int64_t d : it->second) out.emplace_back(d);
    return out;
}

std::vector<std::string> Principal::Permissions() const {
    std::vector<std::string> out;
    for (const auto& [permission, departments] : tables_->scope) {
        if (!departments.empty()) out.push_back(permission);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Status ValidateDepartment(Department& d) {
    Checker check;
    check.Text(d.name, "name", 100, true);
    check.Enum(d.kind, "kind", kDepartmentKinds);
    check.Enum(d.function, "function", kDepartmentFunctions);
    if (d.kind != "group" && !d.parent_id.valid()) check.Add("parent_id", "is required below the group");
    return check.Result();
}

Status ValidateUser(User& u) {
    Checker check;
    bool username_ok = !u.username.empty() && u.username.size() <= 64;
    for (char c : u.username) {
        username_ok = username_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
    }
    if (!username_ok) check.Add("username", "must be 1–64 letters, digits, '.', '_' or '-'");
    check.Text(u.display_name, "display_name", 100, true);
    check.Enum(u.status, "status", kUserStatuses);
    if (!u.department_id.valid()) check.Add("department_id", "is required");
    if (!u.phone.empty()) check.Format(CheckPhone(u.phone), "phone");
    if (!u.email.empty()) check.Format(CheckEmail(u.email), "email");
    return check.Result();
}

Status CheckPasswordStrength(std::string_view password, std::string_view username) {
    int len = Utf8Length(password);
    if (len < 12) return MakeError(ErrorCode::kInvalidArgument, "password must be at least 12 characters", "password");
    if (password.size() > 1024) return MakeError(ErrorCode::kInvalidArgument, "password is too long", "password");
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
        return MakeError(ErrorCode::kInvalidArgument, "password must not repeat one character", "password");
    }
    if (password == username)
        return MakeError(ErrorCode::kInvalidArgument, "password must differ from the username", "password");
    return {};
}

}  // namespace patron::domain
