// Managing the organisation (issue 2 §5): departments as a tree, users, the ORG-2 roles and their
// permissions, role assignments per department. Reading needs org.read; changing needs
// org.manage in the department concerned (ORG-3: a store's administrator manages only that
// store; roles are organisation-wide, so editing them needs org.manage at the root).
#pragma once

#include "app/context.hpp"

namespace patron::app {

struct NewUser {
    std::string username;
    std::string display_name;
    std::string password;
    DepartmentId department_id;
    std::string phone;
    std::string email;
};

class OrgService {
public:
    explicit OrgService(AppContext& ctx) : ctx_(ctx) {}

    Expected<std::vector<domain::Department>> ListDepartments(const Caller& caller);
    Expected<domain::Department> CreateDepartment(const Caller& caller, domain::Department department);
    Expected<domain::Department> UpdateDepartment(const Caller& caller,
                                                  DepartmentId id,
                                                  std::int64_t version,
                                                  const std::function<Status(domain::Department&)>& apply);

    Expected<std::vector<domain::User>> ListUsers(const Caller& caller);
    Expected<domain::User> GetUser(const Caller& caller, UserId id);
    // CPU-heavy (argon2id).
    Expected<domain::User> CreateUser(const Caller& caller, NewUser request);
    // Disabling a user ends all their sessions.
    Expected<domain::User> UpdateUser(const Caller& caller,
                                      UserId id,
                                      std::int64_t version,
                                      const std::function<Status(domain::User&)>& apply);
    // Own password: current_password required. Another user's: org.manage in their department.
    // Ends the user's other sessions. CPU-heavy (argon2id).
    Status SetPassword(const Caller& caller,
                       UserId id,
                       std::string_view current_password,
                       std::string_view new_password);

    Expected<std::vector<domain::Role>> ListRoles(const Caller& caller);
    Expected<domain::Role> SetRolePermissions(const Caller& caller,
                                              std::string_view code,
                                              std::vector<std::string> permissions,
                                              std::int64_t version);
    Expected<std::vector<domain::RoleAssignment>> ListAssignments(const Caller& caller, UserId user);
    Expected<domain::RoleAssignment> Assign(const Caller& caller,
                                            UserId user,
                                            std::string role,
                                            DepartmentId department);
    Status Unassign(const Caller& caller, UserId user, std::int64_t assignment_id);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
