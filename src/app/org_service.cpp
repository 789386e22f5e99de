#include "app/org_service.hpp"

#include <algorithm>

#include "app/audit_writer.hpp"

namespace patron::app {
namespace {

using domain::perm::kOrgManage;
using domain::perm::kOrgRead;

DepartmentId RootOf(const std::vector<domain::Department>& departments) {
    for (const auto& d : departments) {
        if (!d.parent_id.valid()) return d.id;
    }
    return DepartmentId();
}

}  // namespace

Expected<std::vector<domain::Department>> OrgService::ListDepartments(const Caller& caller) {
    if (!caller.principal.Has(kOrgRead)) return Forbidden("view the organisation");
    auto tx = ctx_.store.Read();
    return tx->org().ListDepartments(caller.org());
}

Expected<domain::Department> OrgService::CreateDepartment(const Caller& caller, domain::Department d) {
    d.org_id = caller.org();
    if (d.kind.empty()) d.kind = "department";
    PATRON_TRY(domain::ValidateDepartment(d));
    auto tx = ctx_.store.Write();
    if (!tx->org().GetDepartment(caller.org(), d.parent_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "parent department does not exist", "parent_id");
    }
    if (!caller.principal.HasIn(kOrgManage, d.parent_id)) {
        ctx_.audit.Record(AuditFor(caller, "department.create", "department", "", "denied"));
        return Forbidden("create departments there");
    }
    d.id = DepartmentId(tx->NextId());
    d.version = 1;
    tx->org().InsertDepartment(d);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    ctx_.audit.Record(AuditFor(caller, "department.create", "department", std::to_string(d.id.value), "ok", d.name));
    return d;
}

Expected<domain::Department> OrgService::UpdateDepartment(const Caller& caller,
                                                          DepartmentId id,
                                                          std::int64_t version,
                                                          const std::function<Status(domain::Department&)>& apply) {
    auto tx = ctx_.store.Write();
    auto current = tx->org().GetDepartment(caller.org(), id);
    if (!current) return NotFound("department");
    if (!caller.principal.HasIn(kOrgManage, id)) {
        ctx_.audit.Record(AuditFor(caller, "department.update", "department", std::to_string(id.value), "denied"));
        return Forbidden("change this department");
    }
    domain::Department d = *current;
    PATRON_TRY(apply(d));
    d.id = id;
    d.org_id = caller.org();
    PATRON_TRY(domain::ValidateDepartment(d));
    if (d.parent_id != current->parent_id) {
        domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
        if (!tree.Contains(d.parent_id))
            return MakeError(ErrorCode::kInvalidArgument, "parent department does not exist", "parent_id");
        if (tree.WouldCycle(id, d.parent_id)) {
            return MakeError(ErrorCode::kInvalidArgument, "a department cannot move below itself", "parent_id");
        }
        if (!caller.principal.HasIn(kOrgManage, d.parent_id)) return Forbidden("move the department there");
    }
    if (current->version != version) return StaleVersion(current->version);
    if (!tx->org().UpdateDepartment(d, version)) return StaleVersion(current->version);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    d.version = version + 1;
    ctx_.audit.Record(AuditFor(caller, "department.update", "department", std::to_string(id.value)));
    return d;
}

Expected<std::vector<domain::User>> OrgService::ListUsers(const Caller& caller) {
    if (!caller.principal.Has(kOrgRead)) return Forbidden("view users");
    auto tx = ctx_.store.Read();
    auto users = tx->org().ListUsers(caller.org());
    for (auto& u : users) u.password_hash.clear();
    return users;
}

Expected<domain::User> OrgService::GetUser(const Caller& caller, UserId id) {
    if (!caller.principal.Has(kOrgRead) && id != caller.user()) return Forbidden("view users");
    auto tx = ctx_.store.Read();
    auto user = tx->org().GetUser(caller.org(), id);
    if (!user) return NotFound("user");
    user->password_hash.clear();
    return *user;
}

Expected<domain::User> OrgService::CreateUser(const Caller& caller, NewUser request) {
    domain::User u;
    u.org_id = caller.org();
    u.username = request.username;
    u.display_name = request.display_name;
    u.department_id = request.department_id;
    u.phone = request.phone;
    u.email = request.email;
    PATRON_TRY(domain::ValidateUser(u));
    PATRON_TRY(domain::CheckPasswordStrength(request.password, request.username));
    if (!caller.principal.HasIn(kOrgManage, u.department_id)) {
        ctx_.audit.Record(AuditFor(caller, "user.create", "user", "", "denied", u.username));
        return Forbidden("create users in that department");
    }
    u.password_hash = crypto::HashPassword(request.password, ctx_.password_cost);
    auto tx = ctx_.store.Write();
    if (!tx->org().GetDepartment(caller.org(), u.department_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "department does not exist", "department_id");
    }
    if (tx->org().FindUserByUsername(caller.org(), u.username)) {
        return MakeError(ErrorCode::kConflict, "username is taken", "username");
    }
    u.id = UserId(tx->NextId());
    u.created_at = ctx_.clock.Now();
    u.version = 1;
    tx->org().InsertUser(u);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    ctx_.audit.Record(AuditFor(caller, "user.create", "user", std::to_string(u.id.value), "ok", u.username));
    u.password_hash.clear();
    return u;
}

Expected<domain::User> OrgService::UpdateUser(const Caller& caller,
                                              UserId id,
                                              std::int64_t version,
                                              const std::function<Status(domain::User&)>& apply) {
    auto tx = ctx_.store.Write();
    auto current = tx->org().GetUser(caller.org(), id);
    if (!current) return NotFound("user");
    if (!caller.principal.HasIn(kOrgManage, current->department_id)) {
        ctx_.audit.Record(AuditFor(caller, "user.update", "user", std::to_string(id.value), "denied"));
        return Forbidden("change this user");
    }
    domain::User u = *current;
    PATRON_TRY(apply(u));
    u.id = id;
    u.org_id = caller.org();
    u.username = current->username;  // usernames are permanent: audit entries name them
    u.password_hash = current->password_hash;
    PATRON_TRY(domain::ValidateUser(u));
    if (u.department_id != current->department_id) {
        if (!tx->org().GetDepartment(caller.org(), u.department_id)) {
            return MakeError(ErrorCode::kInvalidArgument, "department does not exist", "department_id");
        }
        if (!caller.principal.HasIn(kOrgManage, u.department_id)) return Forbidden("move the user there");
    }
    if (u.status == "disabled" && id == caller.user()) {
        return MakeError(ErrorCode::kFailedPrecondition, "you cannot disable yourself", "status");
    }
    if (current->version != version) return StaleVersion(current->version);
    if (!tx->org().UpdateUser(u, version)) return StaleVersion(current->version);
    if (u.status == "disabled") tx->auth().RevokeUserSessions(caller.org(), id, ctx_.clock.Now());
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    std::string detail = current->status != u.status ? "status " + current->status + " -> " + u.status : "";
    ctx_.audit.Record(AuditFor(caller, "user.update", "user", std::to_string(id.value), "ok", detail));
    u.version = version + 1;
    u.password_hash.clear();
    return u;
}

Status OrgService::SetPassword(const Caller& caller,
                               UserId id,
                               std::string_view current_password,
                               std::string_view new_password) {
    std::optional<domain::User> user;
    {
        auto tx = ctx_.store.Read();
        user = tx->org().GetUser(caller.org(), id);
    }
    if (!user) return NotFound("user");
    bool own = id == caller.user();
    if (own) {
        if (!crypto::VerifyPassword(current_password, user->password_hash)) {
            ctx_.audit.Record(AuditFor(caller, "user.password", "user", std::to_string(id.value), "failed"));
            return MakeError(ErrorCode::kInvalidArgument, "current password is wrong", "current_password");
        }
    } else if (!caller.principal.HasIn(kOrgManage, user->department_id)) {
        ctx_.audit.Record(AuditFor(caller, "user.password", "user", std::to_string(id.value), "denied"));
        return Forbidden("set this user's password");
    }
    PATRON_TRY(domain::CheckPasswordStrength(new_password, user->username));
    std::string hash = crypto::HashPassword(new_password, ctx_.password_cost);
    auto tx = ctx_.store.Write();
    auto current = tx->org().GetUser(caller.org(), id);
    if (!current) return NotFound("user");
    current->password_hash = hash;
    if (!tx->org().UpdateUser(*current, current->version)) return StaleVersion(current->version);
    // End every other session of the user: a changed password shuts out whoever knew the old one.
    auto sessions = tx->auth().ListSessions(caller.org(), id, ctx_.clock.Now());
    for (const auto& s : sessions) {
        if (!(own && s.id == caller.session.id)) tx->auth().RevokeSession(caller.org(), id, s.id, ctx_.clock.Now());
    }
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    ctx_.audit.Record(AuditFor(caller, "user.password", "user", std::to_string(id.value)));
    return {};
}

Expected<std::vector<domain::Role>> OrgService::ListRoles(const Caller& caller) {
    if (!caller.principal.Has(kOrgRead)) return Forbidden("view roles");
    auto tx = ctx_.store.Read();
    return tx->org().ListRoles(caller.org());
}

Expected<domain::Role> OrgService::SetRolePermissions(const Caller& caller,
                                                      std::string_view code,
                                                      std::vector<std::string> permissions,
                                                      std::int64_t version) {
    for (std::size_t perm_idx = 0; perm_idx < permissions.size(); ++perm_idx) {
        const auto& p = permissions[perm_idx];
        bool known = std::any_of(std::begin(domain::kAllPermissions),
                                 std::end(domain::kAllPermissions),
                                 [&](const char* candidate) { return p == candidate; });
        if (!known) {
            return MakeError(ErrorCode::kInvalidArgument,
                             "unknown permission " + p,
                             "permissions[" + std::to_string(perm_idx) + "]");
        }
    }
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    auto tx = ctx_.store.Write();
    DepartmentId root = RootOf(tx->org().ListDepartments(caller.org()));
    if (!caller.principal.HasIn(kOrgManage, root)) {
        ctx_.audit.Record(AuditFor(caller, "role.update", "role", std::string(code), "denied"));
        return Forbidden("change roles");
    }
    auto roles = tx->org().ListRoles(caller.org());
    auto it = std::find_if(roles.begin(), roles.end(), [&](const domain::Role& r) { return r.code == code; });
    if (it == roles.end()) return NotFound("role");
    if (it->version != version) return StaleVersion(it->version);
    std::string before;
    for (const auto& p : it->permissions) before += (before.empty() ? "" : " ") + p;
    it->permissions = permissions;
    if (!tx->org().UpdateRolePermissions(caller.org(), *it, version)) return StaleVersion(it->version);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    std::string after;
    for (const auto& p : permissions) after += (after.empty() ? "" : " ") + p;
    ctx_.audit.Record(AuditFor(caller, "role.update", "role", std::string(code), "ok", before + " -> " + after));
    it->version = version + 1;
    return *it;
}

Expected<std::vector<domain::RoleAssignment>> OrgService::ListAssignments(const Caller& caller, UserId user) {
    if (!caller.principal.Has(kOrgRead) && user != caller.user()) return Forbidden("view role assignments");
    auto tx = ctx_.store.Read();
    return tx->org().ListAssignments(caller.org(), user);
}

Expected<domain::RoleAssignment> OrgService::Assign(const Caller& caller,
                                                    UserId user,
                                                    std::string role,
                                                    DepartmentId department) {
    auto tx = ctx_.store.Write();
    if (!tx->org().GetUser(caller.org(), user)) return NotFound("user");
    if (!tx->org().GetDepartment(caller.org(), department)) {
        return MakeError(ErrorCode::kInvalidArgument, "department does not exist", "department_id");
    }
    auto roles = tx->org().ListRoles(caller.org());
    if (std::none_of(roles.begin(), roles.end(), [&](const domain::Role& r) { return r.code == role; })) {
        return MakeError(ErrorCode::kInvalidArgument, "unknown role " + role, "role");
    }
    // ORG-3: nobody hands out a role beyond the departments they manage.
    if (!caller.principal.HasIn(kOrgManage, department)) {
        ctx_.audit.Record(AuditFor(caller, "role.assign", "user", std::to_string(user.value), "denied", role));
        return Forbidden("assign roles in that department");
    }
    for (const auto& existing : tx->org().ListAssignments(caller.org(), user)) {
        if (existing.role == role && existing.department_id == department) {
            return MakeError(ErrorCode::kConflict, "the user already has this role in this department", "role");
        }
    }
    domain::RoleAssignment a{tx->NextId(), user, role, department};
    tx->org().InsertAssignment(caller.org(), a);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    ctx_.audit.Record(AuditFor(caller,
                               "role.assign",
                               "user",
                               std::to_string(user.value),
                               "ok",
                               role + "@" + std::to_string(department.value)));
    return a;
}

Status OrgService::Unassign(const Caller& caller, UserId user, std::int64_t assignment_id) {
    auto tx = ctx_.store.Write();
    auto assignments = tx->org().ListAssignments(caller.org(), user);
    auto it = std::find_if(
        assignments.begin(), assignments.end(), [&](const domain::RoleAssignment& a) { return a.id == assignment_id; });
    if (it == assignments.end()) return NotFound("role assignment");
    if (!caller.principal.HasIn(kOrgManage, it->department_id)) {
        ctx_.audit.Record(AuditFor(caller, "role.unassign", "user", std::to_string(user.value), "denied"));
        return Forbidden("remove roles in that department");
    }
    tx->org().DeleteAssignment(caller.org(), assignment_id);
    tx->Commit();
    InvalidateOrganization(ctx_, caller.org());
    ctx_.audit.Record(AuditFor(caller,
                               "role.unassign",
                               "user",
                               std::to_string(user.value),
                               "ok",
                               it->role + "@" + std::to_string(it->department_id.value)));
    return {};
}

}  // namespace patron::app
