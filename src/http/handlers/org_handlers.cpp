// /api/v1/departments, /api/v1/users, /api/v1/roles (issue 2 §5, ORG-1..3).
#include "app/org_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object DepartmentJson(const domain::Department& d) {
    json::object o{
        {"id", d.id.value}, {"name", d.name}, {"kind", d.kind}, {"function", d.function}, {"version", d.version}};
    o["parent_id"] = OptionalIdJson(d.parent_id);
    return o;
}

json::object UserJson(const domain::User& u) {
    return {{"id", u.id.value},
            {"username", u.username},
            {"display_name", u.display_name},
            {"status", u.status},
            {"department_id", u.department_id.value},
            {"phone", u.phone},
            {"email", u.email},
            {"created_at", FormatTimestamp(u.created_at)},
            {"version", u.version}};
}

json::object AssignmentJson(const domain::RoleAssignment& a) {
    return {{"id", a.id}, {"role", a.role}, {"department_id", a.department_id.value}};
}

json::object RoleJson(const domain::Role& r) {
    json::array permissions;
    for (const auto& p : r.permissions) permissions.push_back(json::string(p));
    return {{"code", r.code},
            {"name_zh", r.name_zh},
            {"name_en", r.name_en},
            {"permissions", permissions},
            {"builtin", r.builtin},
            {"version", r.version}};
}

void ReadDepartment(JsonReader& r, domain::Department& d) {
    r.IdField("parent_id", d.parent_id);
    r.Str("name", d.name, 400);
    r.Str("kind", d.kind, 40);
    r.Str("function", d.function, 40);
}

void ReadUserFields(JsonReader& r, domain::User& u) {
    r.Str("display_name", u.display_name, 400);
    r.IdField("department_id", u.department_id);
    r.Str("status", u.status, 20);
    r.Str("phone", u.phone, 40);
    r.Str("email", u.email, 200);
}

}  // namespace

void AddOrgRoutes(Router& router, Services& s) {
    router.Add({"GET", "/api/v1/departments", AuthMode::kSession, "org.read"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.org.ListDepartments(*c), [](const auto& list) {
                       json::array out;
                       for (const auto& d : list) out.push_back(DepartmentJson(d));
                       return out;
                   });
               });
    router.Add({"POST", "/api/v1/departments", AuthMode::kSession, "org.manage"},
               [&s](Request& req, const app::Caller* c) {
                   domain::Department d;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("parent_id");
                       r.Require("name");
                       ReadDepartment(r, d);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.org.CreateDepartment(*c, d), DepartmentJson, 201);
               });
    router.Add({"PATCH", "/api/v1/departments/{id}", AuthMode::kSession, "org.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<DepartmentId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto patch = ParsePatch(req);
                   if (!patch.ok()) return Problem(patch.error(), req.request_id);
                   return Reply(req,
                                s.org.UpdateDepartment(
                                    *c, *id, patch->version, patch->Apply<domain::Department>(ReadDepartment)),
                                DepartmentJson);
               });
    router.Add({"GET", "/api/v1/users", AuthMode::kSession, "org.read"}, [&s](Request& req, const app::Caller* c) {
        auto users = s.org.ListUsers(*c);
        if (!users.ok()) return Problem(users.error(), req.request_id);
        json::array out;
        for (const auto& u : *users) {
            json::object o = UserJson(u);
            json::array roles;
            auto assignments = s.org.ListAssignments(*c, u.id);
            if (assignments.ok()) {
                for (const auto& a : *assignments) roles.push_back(AssignmentJson(a));
            }
            o["roles"] = std::move(roles);
            out.push_back(std::move(o));
        }
        return JsonResponse(out);
    });
    router.Add({"POST", "/api/v1/users", AuthMode::kSession, "org.manage", true},
               [&s](Request& req, const app::Caller* c) {
                   app::NewUser u;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       for (const char* key : {"username", "display_name", "password", "department_id"}) r.Require(key);
                       r.Str("username", u.username, 64);
                       r.Str("display_name", u.display_name, 400);
                       r.Str("password", u.password, 1024);
                       r.IdField("department_id", u.department_id);
                       r.Str("phone", u.phone, 40);
                       r.Str("email", u.email, 200);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.org.CreateUser(*c, u), UserJson, 201);
               });
    router.Add({"GET", "/api/v1/users/{id}", AuthMode::kSession, "org.read"}, [&s](Request& req, const app::Caller* c) {
        auto id = PathId<UserId>(req, "id");
        if (!id.ok()) return Problem(id.error(), req.request_id);
        return Reply(req, s.org.GetUser(*c, *id), UserJson);
    });
    router.Add(
        {"PATCH", "/api/v1/users/{id}", AuthMode::kSession, "org.manage"}, [&s](Request& req, const app::Caller* c) {
            auto id = PathId<UserId>(req, "id");
            if (!id.ok()) return Problem(id.error(), req.request_id);
            auto patch = ParsePatch(req);
            if (!patch.ok()) return Problem(patch.error(), req.request_id);
            return Reply(
                req, s.org.UpdateUser(*c, *id, patch->version, patch->Apply<domain::User>(ReadUserFields)), UserJson);
        });
    router.Add({"POST", "/api/v1/users/{id}/password", AuthMode::kSession, "", true},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<UserId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string current, password;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("password");
                       r.Str("password", password, 1024);
                       r.Str("current_password", current, 1024);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return ReplyStatus(req, s.org.SetPassword(*c, *id, current, password));
               });
    router.Add({"POST", "/api/v1/users/{id}/roles", AuthMode::kSession, "org.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<UserId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string role;
                   DepartmentId department;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("role");
                       r.Require("department_id");
                       r.Str("role", role, 64);
                       r.IdField("department_id", department);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.org.Assign(*c, *id, role, department), AssignmentJson, 201);
               });
    router.Add({"DELETE", "/api/v1/users/{id}/roles/{assignment_id}", AuthMode::kSession, "org.manage"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<UserId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   auto assignment = PathId<UserId>(req, "assignment_id");
                   if (!assignment.ok()) return Problem(assignment.error(), req.request_id);
                   return ReplyStatus(req, s.org.Unassign(*c, *id, assignment->value));
               });
    router.Add({"GET", "/api/v1/roles", AuthMode::kSession, "org.read"}, [&s](Request& req, const app::Caller* c) {
        return Reply(req, s.org.ListRoles(*c), [](const auto& roles) {
            json::array out;
            for (const auto& r : roles) out.push_back(RoleJson(r));
            return out;
        });
    });
    router.Add(
        {"PUT", "/api/v1/roles/{code}", AuthMode::kSession, "org.manage"}, [&s](Request& req, const app::Caller* c) {
            std::vector<std::string> permissions;
            std::int64_t version = 0;
            Status body = ReadBody(req.body, [&](JsonReader& r) {
                r.Require("permissions");
                r.Strings("permissions", permissions, 50);
                ReadVersion(r, version);
            });
            if (!body.ok()) return Problem(body.error(), req.request_id);
            return Reply(req, s.org.SetRolePermissions(*c, req.path_params["code"], permissions, version), RoleJson);
        });
}

}  // namespace patron::http
