#include <algorithm>
#include <sstream>

#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kInsertOrg = "INSERT INTO organizations(id, code, name, created_at) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kSelectOrgByCode = "SELECT id, code, name, created_at FROM organizations WHERE code = ?1";
constexpr const char* kSelectOrgById = "SELECT id, code, name, created_at FROM organizations WHERE id = ?1";
constexpr const char* kSelectOrgs = "SELECT id, code, name, created_at FROM organizations ORDER BY id";

constexpr const char* kDeptColumns = "SELECT org_id, id, parent_id, name, kind, function, version FROM departments ";
constexpr const char* kInsertDept =
    "INSERT INTO departments(org_id, id, parent_id, name, kind, function, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)";
constexpr const char* kUpdateDept =
    "UPDATE departments SET parent_id = ?3, name = ?4, kind = ?5, function = ?6, version = version + 1 "
    "WHERE org_id = ?1 AND id = ?2 AND version = ?7";

constexpr const char* kUserColumns =
    "SELECT org_id, id, username, display_name, password_hash, status, department_id, phone, email, created_at, "
    "version FROM users ";
constexpr const char* kInsertUser =
    "INSERT INTO users(org_id, id, username, display_name, password_hash, status, department_id, phone, email, "
    "created_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)";
constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = ?3, password_hash = ?4, status = ?5, department_id = ?6, phone = ?7, email = ?8, "
    "version = version + 1 WHERE org_id = ?1 AND id = ?2 AND version = ?9";

constexpr const char* kUpsertRole =
    "INSERT INTO roles(org_id, code, name_zh, name_en, permissions, builtin, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "1) "
    "ON CONFLICT (org_id, code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en";
constexpr const char* kUpdateRolePermissions =
    "UPDATE roles SET permissions = ?3, version = version + 1 WHERE org_id = ?1 AND code = ?2 AND version = ?4";
constexpr const char* kSelectRoles =
    "SELECT code, name_zh, name_en, permissions, builtin, version FROM roles WHERE org_id = ?1 ORDER BY builtin DESC, "
    "code";

constexpr const char* kInsertAssignment =
    "INSERT INTO role_assignments(org_id, id, user_id, role, department_id) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kDeleteAssignment = "DELETE FROM role_assignments WHERE org_id = ?1 AND id = ?2";
constexpr const char* kSelectAssignments =
    "SELECT id, user_id, role, department_id FROM role_assignments WHERE org_id = ?1 AND user_id = ?2";

domain::Organization ReadOrg(const Row& r) {
    return domain::Organization{r.GetId<OrgId>(0), r.Text(1), r.Text(2), r.Int(3)};
}

domain::Department ReadDept(const Row& r) {
    domain::Department d;
    d.org_id = r.GetId<OrgId>(0);
    d.id = r.GetId<DepartmentId>(1);
    d.parent_id = r.GetId<DepartmentId>(2);
    d.name = r.Text(3);
    d.kind = r.Text(4);
    d.function = r.Text(5);
    d.version = r.Int(6);
    return d;
}

domain::User ReadUser(const Row& r) {
    domain::User u;
    u.org_id = r.GetId<OrgId>(0);
    u.id = r.GetId<UserId>(1);
    u.username = r.Text(2);
    u.display_name = r.Text(3);
    u.password_hash = r.Text(4);
    u.status = r.Text(5);
    u.department_id = r.GetId<DepartmentId>(6);
    u.phone = r.Text(7);
    u.email = r.Text(8);
    u.created_at = r.Int(9);
    u.version = r.Int(10);
    return u;
}

std::string JoinPermissions(const std::vector<std::string>& permissions) {
    std::string out;
    for (const auto& p : permissions) out += (out.empty() ? "" : " ") + p;
    return out;
}

std::vector<std::string> SplitPermissions(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string p;
    while (in >> p) out.push_back(p);
    return out;
}

}  // namespace

void OrgRepo::InsertOrganization(const domain::Organization& org) {
    tx_.Exec(kInsertOrg, {org.id, org.code, org.name, org.created_at});
}

std::optional<domain::Organization> OrgRepo::FindOrganizationByCode(std::string_view code) {
    std::optional<domain::Organization> out;
    tx_.Query(kSelectOrgByCode, {code}, [&](const Row& r) { out = ReadOrg(r); });
    return out;
}

std::optional<domain::Organization> OrgRepo::GetOrganization(OrgId id) {
    std::optional<domain::Organization> out;
    tx_.Query(kSelectOrgById, {id}, [&](const Row& r) { out = ReadOrg(r); });
    return out;
}

std::vector<domain::Organization> OrgRepo::ListOrganizations() {
    std::vector<domain::Organization> out;
    tx_.Query(kSelectOrgs, {}, [&](const Row& r) { out.push_back(ReadOrg(r)); });
    return out;
}

void OrgRepo::InsertDepartment(const domain::Department& d) {
    tx_.Exec(kInsertDept, {d.org_id, d.id, OptionalId(d.parent_id), d.name, d.kind, d.function});
}

bool OrgRepo::UpdateDepartment(const domain::Department& d, std::int64_t expected_version) {
    return tx_.Exec(kUpdateDept,
                    {d.org_id, d.id, OptionalId(d.parent_id), d.name, d.kind, d.function, expected_version}) == 1;
}

std::optional<domain::Department> OrgRepo::GetDepartment(OrgId org, DepartmentId id) {
    static const std::string kSql = std::string(kDeptColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::Department> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadDept(r); });
    return out;
}

std::vector<domain::Department> OrgRepo::ListDepartments(OrgId org) {
    static const std::string kSql = std::string(kDeptColumns) + "WHERE org_id = ?1 ORDER BY id";
    std::vector<domain::Department> out;
    tx_.Query(kSql, {org}, [&](const Row& r) { out.push_back(ReadDept(r)); });
    return out;
}

void OrgRepo::InsertUser(const domain::User& u) {
    tx_.Exec(kInsertUser,
             {u.org_id,
              u.id,
              u.username,
              u.display_name,
              u.password_hash,
              u.status,
              u.department_id,
              u.phone,
              u.email,
              u.created_at});
}

bool OrgRepo::UpdateUser(const domain::User& u, std::int64_t expected_version) {
    return tx_.Exec(kUpdateUser,
                    {u.org_id,
                     u.id,
                     u.display_name,
                     u.password_hash,
                     u.status,
                     u.department_id,
                     u.phone,
                     u.email,
                     expected_version}) == 1;
}

std::optional<domain::User> OrgRepo::GetUser(OrgId org, UserId id) {
    static const std::string kSql = std::string(kUserColumns) + "WHERE org_id = ?1 AND id = ?2";
    std::optional<domain::User> out;
    tx_.Query(kSql, {org, id}, [&](const Row& r) { out = ReadUser(r); });
    return out;
}

std::optional<domain::User> OrgRepo::FindUserByUsername(OrgId org, std::string_view username) {
    static const std::string kSql = std::string(kUserColumns) + "WHERE org_id = ?1 AND username = ?2";
    std::optional<domain::User> out;
    tx_.Query(kSql, {org, username}, [&](const Row& r) { out = ReadUser(r); });
    return out;
}

std::vector<domain::User> OrgRepo::ListUsers(OrgId org) {
    static const std::string kSql = std::string(kUserColumns) + "WHERE org_id = ?1 ORDER BY username";
    std::vector<domain::User> out;
    tx_.Query(kSql, {org}, [&](const Row& r) { out.push_back(ReadUser(r)); });
    return out;
}

void OrgRepo::UpsertRole(OrgId org, const domain::Role& role) {
    tx_.Exec(kUpsertRole,
             {org, role.code, role.name_zh, role.name_en, JoinPermissions(role.permissions), role.builtin});
}

bool OrgRepo::UpdateRolePermissions(OrgId org, const domain::Role& role, std::int64_t expected_version) {
    return tx_.Exec(kUpdateRolePermissions, {org, role.code, JoinPermissions(role.permissions), expected_version}) == 1;
}

std::vector<domain::Role> OrgRepo::ListRoles(OrgId org) {
    std::vector<domain::Role> out;
    tx_.Query(kSelectRoles, {org}, [&](const Row& r) {
        out.push_back(
            domain::Role{r.Text(0), r.Text(1), r.Text(2), SplitPermissions(r.Text(3)), r.Int(4) != 0, r.Int(5)});
    });
    return out;
}

void OrgRepo::InsertAssignment(OrgId org, const domain::RoleAssignment& a) {
    tx_.Exec(kInsertAssignment, {org, a.id, a.user_id, a.role, a.department_id});
}

bool OrgRepo::DeleteAssignment(OrgId org, std::int64_t id) { return tx_.Exec(kDeleteAssignment, {org, id}) == 1; }

std::vector<domain::RoleAssignment> OrgRepo::ListAssignments(OrgId org, UserId user) {
    std::vector<domain::RoleAssignment> out;
    tx_.Query(kSelectAssignments, {org, user}, [&](const Row& r) {
        out.push_back(domain::RoleAssignment{r.Int(0), r.GetId<UserId>(1), r.Text(2), r.GetId<DepartmentId>(3)});
    });
    // Sorted here, not by ORDER BY, which would lead SQLite to scan the primary key instead of the index.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

std::int64_t Tx::ReserveIds(std::int64_t n) {
    auto last = sql_->QueryInt("UPDATE sequences SET value = value + ?1 WHERE name = 'id' RETURNING value", {n});
    PATRON_ASSERT(last.has_value());
    return *last - n + 1;
}

}  // namespace patron::storage
