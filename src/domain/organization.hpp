// The organisation: departments as a tree (ORG-1: group -> store -> department), users, the
// ORG-2 roles with their permissions, and role assignments per department (ORG-3). The access
// rule: an assignment grants its role's permissions over the department it names and every
// department below it. Pure data and functions, thread-safe when not shared mutably.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"

namespace patron::domain {

struct Organization {
    OrgId id;
    std::string code;  // short login code, unique in the deployment
    std::string name;
    Timestamp created_at = 0;
};

// ORG-1 levels of the tree.
inline constexpr const char* kDepartmentKinds[] = {"group", "store", "department"};
// ORG-1 department functions (empty for group/store nodes).
inline constexpr const char* kDepartmentFunctions[] = {"",
                                                       "customer_care",
                                                       "sales",
                                                       "after_sales",
                                                       "marketing",
                                                       "finance",
                                                       "office",
                                                       "crm_center",
                                                       "legal",
                                                       "brand",
                                                       "customer_service"};

struct Department {
    DepartmentId id;
    OrgId org_id;
    DepartmentId parent_id;  // invalid for the root
    std::string name;
    std::string kind = "department";
    std::string function;
    std::int64_t version = 0;
};

inline constexpr const char* kUserStatuses[] = {"active", "disabled"};

struct User {
    UserId id;
    OrgId org_id;
    std::int64_t version = 0;
    std::string username;
    std::string display_name;
    std::string password_hash;  // argon2id encoded; never leaves the app layer
    std::string status = "active";
    DepartmentId department_id;  // home department
    std::string phone;
    std::string email;
    Timestamp created_at = 0;
};

// Permissions: what a role lets its holder do inside the departments its assignment covers.
namespace perm {
inline constexpr const char* kCustomerRead = "customer.read";
inline constexpr const char* kCustomerCreate = "customer.create";
inline constexpr const char* kCustomerUpdate = "customer.update";
inline constexpr const char* kCustomerImport = "customer.import";
inline constexpr const char* kCustomerExport = "customer.export";
inline constexpr const char* kPersonalData = "customer.personal_data";  // see unmasked ID numbers, phones
inline constexpr const char* kInteractionCreate = "interaction.create";
inline constexpr const char* kOrgRead = "org.read";
inline constexpr const char* kOrgManage = "org.manage";
inline constexpr const char* kPolicyRead = "policy.read";
inline constexpr const char* kPolicyManage = "policy.manage";
inline constexpr const char* kAuditRead = "audit.read";
inline constexpr const char* kArchiveRead = "archive.read";          // ARC-1, ARC-8: see archives and the handover book
inline constexpr const char* kArchiveCreate = "archive.create";      // ARC-1, ARC-4: open archives, hand them over
inline constexpr const char* kArchiveManage = "archive.manage";      // ARC-4, ARC-14: the keeper's checks and filing
inline constexpr const char* kArchiveConfirm = "archive.confirm";    // ARC-14: the sales director's confirmation
inline constexpr const char* kArchiveDestroy = "archive.destroy";    // ARC-12: approve destructions (SEC-12)
inline constexpr const char* kPenaltyRead = "penalty.read";          // ARC-6: fines and statements (own: always)
inline constexpr const char* kPenaltyDecide = "penalty.decide";      // ARC-6: run, confirm or waive (customer director)
inline constexpr const char* kAccessAuthorise = "access.authorise";  // SEC-12: grant access without a request (GM)
inline constexpr const char* kIncidentManage = "incident.manage";    // SEC-10: told of leaks, acts, closes
inline constexpr const char* kCustomerErase = "customer.erase";      // PIPL: anonymise at the end of retention
inline constexpr const char* kReportPrepare = "report.prepare";      // SEC-11: define customer reports, ask to send
inline constexpr const char* kReportRead = "report.read";            // SEC-11: read reports sent to the department
}  // namespace perm

inline constexpr const char* kAllPermissions[] = {
    perm::kCustomerRead,   perm::kCustomerCreate, perm::kCustomerUpdate,    perm::kCustomerImport,
    perm::kCustomerExport, perm::kPersonalData,   perm::kInteractionCreate, perm::kOrgRead,
    perm::kOrgManage,      perm::kPolicyRead,     perm::kPolicyManage,      perm::kAuditRead,
    perm::kArchiveRead,    perm::kArchiveCreate,  perm::kArchiveManage,     perm::kArchiveConfirm,
    perm::kArchiveDestroy, perm::kPenaltyRead,    perm::kPenaltyDecide,     perm::kAccessAuthorise,
    perm::kIncidentManage, perm::kCustomerErase,  perm::kReportPrepare,     perm::kReportRead};

struct Role {
    std::string code;
    std::string name_zh;
    std::string name_en;
    std::vector<std::string> permissions;
    bool builtin = true;
    std::int64_t version = 0;
};

// ORG-2: the built-in roles with their default permissions. An organisation gets a copy at
// creation and its administrator may change the permissions.
const std::vector<Role>& DefaultRoles();

struct RoleAssignment {
    std::int64_t id = 0;
    UserId user_id;
    std::string role;
    DepartmentId department_id;
};

// The department tree of one organisation, for scope questions.
class DepartmentTree {
public:
    explicit DepartmentTree(const std::vector<Department>& departments);
    // The department and all below it.
    std::vector<DepartmentId> Subtree(DepartmentId root) const;
    bool Contains(DepartmentId id) const { return parent_.count(id) > 0; }
    // True when `id` is `ancestor` or below it.
    bool IsWithin(DepartmentId id, DepartmentId ancestor) const;
    // Would moving `id` under `new_parent` create a cycle?
    bool WouldCycle(DepartmentId id, DepartmentId new_parent) const;

private:
    std::unordered_map<DepartmentId, DepartmentId> parent_;
    std::unordered_map<DepartmentId, std::vector<DepartmentId>> children_;
};

// What one authenticated user may do: the permissions and, per permission, the departments in
// which it holds (ORG-3). Immutable once built; copies share the tables (cheap to copy, as a
// cached principal is copied into every request).
class Principal {
public:
    Principal() = default;
    Principal(OrgId org,
              UserId user,
              std::string username,
              std::string display_name,
              const std::vector<RoleAssignment>& assignments,
              const std::vector<Role>& roles,
              const DepartmentTree& tree);

    OrgId org_id() const { return org_id_; }
    UserId user_id() const { return user_id_; }
    const std::string& username() const { return username_; }
    const std::string& display_name() const { return display_name_; }

    // Holds the permission somewhere in the organisation.
    bool Has(std::string_view permission) const;
    // Holds the permission for a record owned by `department`.
    bool HasIn(std::string_view permission, DepartmentId department) const;
    // Every department in which the permission holds (sorted); empty if none.
    std::vector<DepartmentId> Scope(std::string_view permission) const;
    std::vector<std::string> Permissions() const;
    const std::vector<RoleAssignment>& assignments() const { return tables_->assignments; }

private:
    OrgId org_id_;
    UserId user_id_;
    std::string username_;
    std::string display_name_;
    struct Tables {
        std::vector<RoleAssignment> assignments;
        std::map<std::string, std::set<std::int64_t>, std::less<>> scope;  // permission -> department ids
    };
    std::shared_ptr<const Tables> tables_ = std::make_shared<const Tables>();
};

Status ValidateDepartment(Department& department);
Status ValidateUser(User& user);
// SEC / issue 2: at least 12 characters, not all the same character, not the username.
Status CheckPasswordStrength(std::string_view password, std::string_view username);

}  // namespace patron::domain
