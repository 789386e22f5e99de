// API tests: the real `patron` binary over HTTP, on SQLite and on PostgreSQL.
#include "http/api.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "app/archive_service.hpp"
#include "app/calendar_service.hpp"
#include "app/demo_seed.hpp"
#include "app/import_service.hpp"
#include "app/org_service.hpp"
#include "app/penalty_service.hpp"
#include "domain/validation.hpp"
#include "http/openapi.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

namespace json = boost::json;

// A body that is valid for the route (empty when it takes none), so only the record lookup or the
// permission check can refuse it.
std::string RouteBody(const http::RouteSpec& spec) {
    static const std::map<std::string, std::string> kBodies = {
        {"PATCH /api/v1/customers/{id}", R"({"version":1,"notes":"x"})"},
        {"POST /api/v1/customers/{id}/vehicles", R"({"vin":"LSVAU218XN2183294"})"},
        {"PATCH /api/v1/customers/{id}/vehicles/{vehicle_id}", R"({"version":1,"color":"x"})"},
        {"POST /api/v1/customers/{id}/interactions", R"({"kind":"note","subject":"x"})"},
        {"PATCH /api/v1/departments/{id}", R"({"version":1,"name":"x"})"},
        {"PATCH /api/v1/users/{id}", R"({"version":1,"display_name":"x"})"},
        {"POST /api/v1/users/{id}/password", R"({"password":"Long-Enough-Password"})"},
        {"POST /api/v1/users/{id}/roles", R"({"role":"auditor","department_id":1})"},
        {"POST /api/v1/archives/{id}/handovers", R"({"receiver_id":1,"items_handed":["invoice"]})"},
        {"PUT /api/v1/archives/{id}/check", R"({"items":[],"version":1})"},
        {"POST /api/v1/archives/{id}/file", R"({"cabinet":"A","shelf":"1","version":1})"},
        {"POST /api/v1/archives/{id}/confirm", R"({"version":1})"},
        {"POST /api/v1/archives/{id}/incidents",
         R"({"kind":"lost","cause":"other","responsible_id":1,"occurred_on":"2026-01-05","description":"x"})"},
        {"POST /api/v1/archives/{id}/documents/{doc}/withdraw", R"({"reason":"x"})"},
        {"POST /api/v1/archive-destructions/{id}/decision", R"({"decision":"approve","version":1})"},
        {"POST /api/v1/penalties/{id}/decision", R"({"decision":"confirm","version":1})"},
        {"POST /api/v1/access-requests/{id}/decision", R"({"decision":"approve","version":1})"},
        {"POST /api/v1/access-requests/{id}/withdraw", R"({"version":1})"},
        {"POST /api/v1/access-grants/{id}/revoke", R"({"reason":"x"})"},
        {"POST /api/v1/breach-incidents/{id}/actions", R"({"description":"x","owner_id":1})"},
        {"POST /api/v1/breach-incidents/{id}/actions/{action_id}/done", R"({"result":"x"})"},
        {"POST /api/v1/breach-incidents/{id}/close", R"({"summary":"x","version":1})"},
        {"POST /api/v1/archive-loans/{id}/return", R"({"condition":"intact","version":1})"},
        {"POST /api/v1/customers/{id}/anonymise", R"({"reason":"x","version":1})"},
        {"POST /api/v1/visitors/{id}/revoke", R"({"version":1})"},
        {"PATCH /api/v1/customer-reports/{id}", R"({"version":1,"title":"x"})"},
        {"POST /api/v1/customer-reports/{id}/distributions", R"({"recipient_department_id":1})"},
        {"POST /api/v1/report-changes/{id}/decision", R"({"decision":"approve","version":1})"},
        {"POST /api/v1/report-changes/{id}/withdraw", R"({"version":1})"},
        {"POST /api/v1/report-distributions/{id}/withdraw", R"({"version":1})"},
        {"POST /api/v1/report-distributions/{id}/decision", R"({"decision":"approve","version":1})"},
    };
    auto it = kBodies.find(spec.method + " " + spec.pattern);
    return it == kBodies.end() ? "" : it->second;
}

// The server's route table, built as the server builds it.
struct RouteTable {
    World world{"sqlite"};
    app::AuthService auth{world.ctx};
    app::OrgService org{world.ctx};
    app::CustomerService customers{world.ctx};
    app::PolicyService policy{world.ctx};
    app::AuditService audit{world.ctx};
    app::ImportService imports{world.ctx};
    app::CalendarService calendar{world.ctx};
    app::ArchiveService archives{world.ctx};
    app::PenaltyService penalties{world.ctx};
    app::DocumentService documents{world.ctx};
    app::CustodyService custody{world.ctx};
    app::ReminderService reminders{world.ctx};
    app::AccessService access{world.ctx};
    app::BreachService breaches{world.ctx};
    app::LendingService lending{world.ctx};
    app::PersonalDataService personal_data{world.ctx};
    app::VisitorService visitors{world.ctx};
    app::ReportService reports{world.ctx};
    http::Api api{{auth,
                   org,
                   customers,
                   policy,
                   audit,
                   imports,
                   calendar,
                   archives,
                   penalties,
                   documents,
                   custody,
                   reminders,
                   access,
                   breaches,
                   lending,
                   personal_data,
                   visitors,
                   reports,
                   world.store},
                  {}};
};

class Api : public ::testing::TestWithParam<std::string> {
protected:
    // One server per backend, shared by the tests of this suite (each uses its own records).
    ServerProcess& server() {
        static std::map<std::string, std::unique_ptr<ServerProcess>> servers;
        auto& slot = servers[GetParam()];
        if (!slot) slot = std::make_unique<ServerProcess>(GetParam());
        return *slot;
    }
    const std::string& Token(const std::string& user) {
        static std::map<std::string, std::string> tokens;
        auto& token = tokens[GetParam() + "/" + user];
        if (token.empty()) token = server().Login(user);
        return token;
    }
    // Every route that needs a session, with a target naming records of the demo organisation: the
    // first customer of the general manager (and its vehicle) for {id}, the general manager for users,
    // their department, a filed archive with scans for documents.
    std::vector<std::pair<const http::Route*, std::string>> DemoTargets(const http::Api& api) {
        auto customer = FirstCustomerOf("gm");
        std::int64_t customer_id = customer.at("id").as_int64();
        auto detail = server().Get(Token("gm"), "/api/v1/customers/" + std::to_string(customer_id)).Json();
        std::int64_t vehicle_id =
            detail.at("vehicles").as_array().empty() ? 1 : detail.at("vehicles").at(0).at("id").as_int64();
        auto me = server().Get(Token("gm"), "/api/v1/auth/me").Json();
        std::map<std::string, std::string> ids{
            {"id", std::to_string(customer_id)},
            {"vehicle_id", std::to_string(vehicle_id)},
            {"assignment_id", std::to_string(me.at("roles").at(0).at("id").as_int64())},
            {"code", "sales_consultant"},
            {"key", "session.idle_minutes"},
            {"kind", "new_car"},
            {"action_id", "1"}};
        std::string archive_with_scans, document_id;
        auto filed = server().Get(Token("keeper"), "/api/v1/archives?status=filed").Json();
        for (const auto& a : filed.at("items").as_array()) {
            std::string archive = std::to_string(a.at("id").as_int64());
            auto docs = server().Get(Token("keeper"), "/api/v1/archives/" + archive + "/documents").Json();
            if (docs.at("items").as_array().empty()) continue;
            archive_with_scans = archive;
            document_id = std::to_string(docs.at("items").at(0).at("id").as_int64());
            break;
        }
        EXPECT_FALSE(document_id.empty()) << "the demo data has scans";
        std::vector<std::pair<const http::Route*, std::string>> out;
        for (const auto& route : api.router().routes()) {
            if (route.spec.auth == http::AuthMode::kPublic) continue;
            std::string target = route.spec.pattern;
            for (const auto& [name, value] : ids) {
                std::string placeholder = "{" + name + "}";
                if (auto at = target.find(placeholder); at != std::string::npos)
                    target.replace(at, placeholder.size(), value);
            }
            if (route.spec.pattern.starts_with("/api/v1/users/{id}")) {
                target.replace(14, std::to_string(customer_id).size(), std::to_string(me.at("id").as_int64()));
            }
            if (route.spec.pattern.starts_with("/api/v1/departments/{id}")) {
                target = "/api/v1/departments/" + std::to_string(me.at("department_id").as_int64());
            }
            if (route.spec.pattern.starts_with("/api/v1/archives/{id}/documents")) {
                target = route.spec.pattern;
                target.replace(target.find("{id}"), 4, archive_with_scans);
                if (auto at = target.find("{doc}"); at != std::string::npos) target.replace(at, 5, document_id);
            }
            out.emplace_back(&route, target);
        }
        return out;
    }
    json::object FirstCustomerOf(const std::string& user) {
        auto list = server().Get(Token(user), "/api/v1/customers?page_size=1&sort=id");
        return list.Json().at("items").as_array().at(0).as_object();
    }
    json::object CreateCustomer(const std::string& user, const std::string& name, std::int64_t department) {
        json::object body{{"name", name},
                          {"department_id", department},
                          {"category", "key"},
                          {"phones", json::array{json::object{{"number", "13812345678"}}}}};
        auto r = server().Call(Token(user), "POST", "/api/v1/customers", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json().as_object();
    }
    // sales1's new customer with one vehicle and its new-car archive, in sales1's department.
    json::object SalesArchive(const std::string& customer_name, const std::string& vin, const std::string& plate) {
        std::int64_t department =
            server().Get(Token("sales1"), "/api/v1/auth/me").Json().at("department_id").as_int64();
        auto customer = CreateCustomer("sales1", customer_name, department);
        json::object v{{"vin", vin}, {"plate", plate}};
        auto vehicle = server().Call(Token("sales1"),
                                     "POST",
                                     "/api/v1/customers/" + std::to_string(customer.at("id").as_int64()) + "/vehicles",
                                     json::serialize(v));
        EXPECT_EQ(vehicle.status, 201) << vehicle.body;
        json::object body{{"vehicle_id", vehicle.Json().at("id")}, {"department_id", department}};
        auto created = server().Call(Token("sales1"), "POST", "/api/v1/archives", json::serialize(body));
        EXPECT_EQ(created.status, 201) << created.body;
        return created.Json().as_object();
    }
    static void ExpectProblem(const HttpResponse& r, int status, const std::string& field = {}) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_EQ(r.Header("content-type"), "application/problem+json") << r.body;
        auto body = r.Json();
        ASSERT_TRUE(body.is_object()) << r.body;
        EXPECT_EQ(body.at("status").as_int64(), status);
        EXPECT_TRUE(body.as_object().contains("request_id"));
        if (!field.empty()) {
            ASSERT_TRUE(body.as_object().contains("field")) << r.body;
            EXPECT_EQ(body.at("field").as_string(), field) << r.body;
        }
    }
};

TEST_P(Api, HealthAndReadiness) {
    EXPECT_EQ(Send(server().port(), "GET", "/healthz").status, 200);
    EXPECT_EQ(Send(server().port(), "GET", "/readyz").status, 200);
}

TEST_P(Api, LoginSetsSafeCookiesAndCsrfIsRequiredForCookieSessions) {
    json::object body{{"org", "demo"}, {"username", "gm"}, {"password", ServerProcess::kPassword}};
    auto login = Send(server().port(), "POST", "/api/v1/auth/login", json::serialize(body));
    ASSERT_EQ(login.status, 200) << login.body;
    std::string session_cookie, csrf;
    for (auto [it, end] = login.headers.equal_range("set-cookie"); it != end; ++it) {
        if (it->second.starts_with("patron_session=")) session_cookie = it->second;
    }
    EXPECT_NE(session_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(session_cookie.find("SameSite=Strict"), std::string::npos);
    std::string token(login.Json().at("token").as_string());
    csrf = std::string(login.Json().at("csrf_token").as_string());
    std::map<std::string, std::string> cookie{{"Cookie", "patron_session=" + token + "; patron_csrf=" + csrf}};
    EXPECT_EQ(Send(server().port(), "GET", "/api/v1/auth/me", "", cookie).status, 200);
    std::string note = R"({"kind":"note","subject":"CSRF test"})";
    auto customer = FirstCustomerOf("gm");
    std::string target = "/api/v1/customers/" + std::to_string(customer.at("id").as_int64()) + "/interactions";
    ExpectProblem(Send(server().port(), "POST", target, note, cookie), 403);
    auto with_header = cookie;
    with_header["X-CSRF-Token"] = csrf;
    EXPECT_EQ(Send(server().port(), "POST", target, note, with_header).status, 201);
}

TEST_P(Api, WrongPasswordAndMissingSessionAre401) {
    json::object body{{"org", "demo"}, {"username", "gm"}, {"password", "not-the-password"}};
    ExpectProblem(Send(server().port(), "POST", "/api/v1/auth/login", json::serialize(body)), 401);
    ExpectProblem(Send(server().port(), "GET", "/api/v1/customers"), 401);
    ExpectProblem(server().Get("1.not-a-token", "/api/v1/customers"), 401);
}

TEST_P(Api, BadInputGetsPreciseProblemsAndChangesNothing) {
    auto c = CreateCustomer("gm", "坏输入测试", FirstCustomerOf("gm").at("department_id").as_int64());
    std::string target = "/api/v1/customers/" + std::to_string(c.at("id").as_int64());
    const std::string& gm = Token("gm");
    ExpectProblem(server().Call(gm, "PATCH", target, "{not json"), 400);
    ExpectProblem(server().Call(gm, "PATCH", target, "[1,2]"), 400);
    ExpectProblem(server().Call(gm, "PATCH", target, R"({"version":1,"name":42})"), 400, "name");
    ExpectProblem(server().Call(gm, "PATCH", target, R"({"version":1,"nickname":"x"})"), 400, "nickname");
    ExpectProblem(server().Call(gm, "PATCH", target, R"({"name":"没有版本"})"), 400, "version");
    ExpectProblem(
        server().Call(gm, "PATCH", target, R"({"version":1,"phones":[{"number":"12345"}]})"), 400, "phones[0].number");
    ExpectProblem(
        server().Call(gm, "PATCH", target, R"({"version":1,"id_number":"110101199003071235"})"), 400, "id_number");
    ExpectProblem(server().Call(gm, "PATCH", target, R"({"version":1,"category":"vip"})"), 400, "category");
    ExpectProblem(
        server().Call(gm, "PATCH", target, "{\"version\":1,\"name\":\"" + std::string(500, 'x') + "\"}"), 400, "name");
    ExpectProblem(server().Call(gm, "POST", target + "/vehicles", R"({"vin":"LSVAU2180N2183295"})"), 400, "vin");
    ExpectProblem(server().Call(gm, "POST", "/api/v1/customers", R"({"department_id":1})"), 400, "name");
    ExpectProblem(server().Call(gm, "GET", "/api/v1/customers/999999999"), 404);
    ExpectProblem(server().Call(gm, "GET", "/api/v1/customers/abc"), 404);
    ExpectProblem(server().Call(gm, "GET", "/api/v1/customers?page_size=100000"), 400, "page_size");
    ExpectProblem(server().Call(gm, "PATCH", target, "{\"version\":1,\"notes\":\"" + std::string(2 << 20, 'x') + "\"}"),
                  413);
    // A stale version: 409, nothing changed.
    ASSERT_EQ(server().Call(gm, "PATCH", target, R"({"version":1,"grade":"A"})").status, 200);
    ExpectProblem(server().Call(gm, "PATCH", target, R"({"version":1,"grade":"B"})"), 409, "version");
    auto now = server().Get(gm, target).Json();
    EXPECT_EQ(now.at("version").as_int64(), 2);
    EXPECT_EQ(now.at("grade").as_string(), "A");
    EXPECT_EQ(now.at("name").as_string(), "坏输入测试");
}

TEST_P(Api, SEC_1_ForbiddenIs403AndAudited) {
    auto list = server().Get(Token("gm"), "/api/v1/customers?page_size=200&sort=id").Json().at("items").as_array();
    std::int64_t foreign = 0;
    for (const auto& item : list) {
        if (item.at("department_name").as_string() != "北京店销售部") foreign = item.at("id").as_int64();
    }
    ASSERT_NE(foreign, 0);
    ExpectProblem(server().Get(Token("sales1"), "/api/v1/customers/" + std::to_string(foreign)), 403);
    auto audit =
        server().Get(Token("auditor"), "/api/v1/audit?object_id=" + std::to_string(foreign) + "&action=customer.read");
    ASSERT_EQ(audit.status, 200) << audit.body;
    bool denied_found = false;
    auto entries = audit.Json();
    for (const auto& e : entries.as_array()) {
        denied_found =
            denied_found || (e.at("outcome").as_string() == "denied" && e.at("username").as_string() == "sales1");
    }
    // Audit writes are batched: the denial shows up within a batch window.
    for (int attempt = 0; attempt < 50 && !denied_found; ++attempt) {
        usleep(20000);
        audit = server().Get(Token("auditor"), "/api/v1/audit?object_id=" + std::to_string(foreign));
        auto again = audit.Json();
        for (const auto& e : again.as_array()) denied_found = denied_found || e.at("outcome").as_string() == "denied";
    }
    EXPECT_TRUE(denied_found);
    ExpectProblem(server().Get(Token("sales1"), "/api/v1/audit"), 403);
    // SEC-7: the auditor exports the same entries as CSV under a watermark naming them; others may not.
    auto csv = server().Get(Token("auditor"), "/api/v1/audit/export?object_id=" + std::to_string(foreign));
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.body.find("# Patron audit export by auditor at "), std::string::npos) << csv.body.substr(0, 200);
    EXPECT_NE(csv.body.find(",sales1,customer.read,customer," + std::to_string(foreign) + ",denied,"),
              std::string::npos)
        << csv.body;
    ExpectProblem(server().Get(Token("sales1"), "/api/v1/audit/export"), 403);
}

TEST_P(Api, PersonalDataIsMaskedForStaffWithoutThePermission) {
    auto as_sales = FirstCustomerOf("sales1");
    std::string phone(as_sales.at("phone").as_string());
    EXPECT_NE(phone.find("****"), std::string::npos) << phone;
    auto detail = server().Get(Token("gm"), "/api/v1/customers/" + std::to_string(as_sales.at("id").as_int64())).Json();
    EXPECT_EQ(detail.at("phones").as_array().at(0).at("number").as_string().find('*'), std::string::npos);
}

TEST_P(Api, SearchFindsChineseNamesOfEveryLength) {
    auto c = CreateCustomer("gm", "诸葛孔明", FirstCustomerOf("gm").at("department_id").as_int64());
    for (const char* q : {"%E8%AF%B8", "%E8%AF%B8%E8%91%9B", "%E5%AD%94%E6%98%8E", "%E8%AF%B8%E8%91%9B%E5%AD%94"}) {
        auto r = server().Get(Token("gm"), std::string("/api/v1/customers?q=") + q);
        ASSERT_EQ(r.status, 200);
        bool found = false;
        auto body = r.Json();
        for (const auto& item : body.at("items").as_array()) found = found || item.at("id") == c.at("id");
        EXPECT_TRUE(found) << q;
    }
}

// Issue 2 §4: a user of one organisation can reach nothing of another, through any route.
// Issue 4's authorisation matrix, generated from the route table: every route that needs a
// session declares its permission (the routes open to every logged-in user are named here, so a new
// route without a declaration fails), every declared permission exists, and every demo user (one
// per ORG-2 role) whose roles lack a route's permission gets no success from it. The record
// dimension (own / other department, secrecy) is the next test; grants per service: AccessFlow.*.
TEST_P(Api, SEC_1_EveryRouteDeclaresItsPermissionAndNoRoleWithoutItSucceeds) {
    // Open to every logged-in user; the services scope them to what the caller is involved in.
    static const std::set<std::string> kAnyUser = {
        "GET /api/v1/auth/me",
        "GET /api/v1/auth/sessions",
        "DELETE /api/v1/auth/sessions/{id}",  // one's own sessions
        "POST /api/v1/auth/logout",
        "POST /api/v1/users/{id}/password",  // one's own; others' with org.manage
        "GET /api/v1/calendar",
        "GET /api/v1/calendar/deadline",
        "GET /api/v1/calendar/export",
        "GET /api/v1/archive-checklists",
        "GET /api/v1/reminders",         // those of the caller's permissions
        "POST /api/v1/access-requests",  // SEC-2: anyone asks
        "GET /api/v1/access-requests",
        "GET /api/v1/access-requests/{id}",
        "POST /api/v1/access-requests/{id}/decision",  // the step's roles decide
        "POST /api/v1/access-requests/{id}/withdraw",
        "GET /api/v1/access-grants",
        "POST /api/v1/access-grants/{id}/revoke",
        "GET /api/v1/approval-chains",
        "POST /api/v1/breach-incidents",  // SEC-10: anyone reports a leak
        "GET /api/v1/breach-incidents",
        "GET /api/v1/breach-incidents/{id}",
        "POST /api/v1/breach-incidents/{id}/actions/{action_id}/done",  // the action's owner
        "GET /api/v1/archive-loans",                                    // SEC-5: one's own loans
        "GET /api/v1/archive-loans/{id}",
        "GET /api/v1/visitors",               // SEC-3: one's own visitors (all for access.authorise, audit.read)
        "POST /api/v1/visitors",              // any employee registers the visitor they host
        "POST /api/v1/visitors/{id}/revoke",  // the host or access.authorise
        // SEC-11: the requester, the approvers and (once approved) the recipient department.
        "GET /api/v1/report-changes",
        "GET /api/v1/report-changes/{id}",
        "POST /api/v1/report-changes/{id}/decision",  // the step's roles decide
        "POST /api/v1/report-changes/{id}/withdraw",  // the requester
        "POST /api/v1/report-distributions/{id}/withdraw",
        "GET /api/v1/report-distributions",
        "GET /api/v1/report-distributions/{id}",
        "POST /api/v1/report-distributions/{id}/decision",
    };
    auto alternatives = [](const std::string& declared) {
        std::vector<std::string> out;
        for (std::size_t from = 0;;) {
            auto at = declared.find(" or ", from);
            out.push_back(declared.substr(from, at == std::string::npos ? std::string::npos : at - from));
            if (at == std::string::npos) return out;
            from = at + 4;
        }
    };
    RouteTable table;
    const auto targets = DemoTargets(table.api);
    std::set<std::string> undeclared;
    for (const auto& [route, target] : targets) {
        const std::string name = route->spec.method + " " + route->spec.pattern;
        if (route->spec.permission.empty()) {
            if (!kAnyUser.count(name)) undeclared.insert(name);
            continue;
        }
        EXPECT_FALSE(kAnyUser.count(name)) << name << " is declared and listed as open";
        for (const auto& p : alternatives(route->spec.permission)) {
            EXPECT_TRUE(p == "own" || domain::OneOf(p, domain::kAllPermissions))
                << name << " declares an unknown permission " << p;
        }
    }
    std::string list;
    for (const auto& name : undeclared) list += "\n  " + name;
    EXPECT_TRUE(undeclared.empty()) << "routes without a declared permission:" << list;
    int refused = 0;
    for (const auto& user : app::DemoUsers()) {
        auto me = server().Get(Token(user.username), "/api/v1/auth/me").Json();
        std::set<std::string> held{"own"};
        for (const auto& p : me.at("permissions").as_array()) held.insert(std::string(p.as_string()));
        for (const auto& [route, target] : targets) {
            const auto& spec = route->spec;
            if (spec.permission.empty()) continue;
            const auto needed = alternatives(spec.permission);
            if (std::any_of(needed.begin(), needed.end(), [&](const auto& p) { return held.count(p) > 0; })) continue;
            auto r = server().Call(Token(user.username), spec.method, target, RouteBody(spec));
            EXPECT_GE(r.status, 400) << user.username << " (" << user.role << ") without " << spec.permission << ": "
                                     << spec.method << " " << target << " -> " << r.status << " "
                                     << r.body.substr(0, 200);
            ++refused;
        }
    }
    EXPECT_GE(refused, 300);
}

// Issue 4's authorisation matrix, the record dimension, generated from the route table: every
// route on a customer (/api/v1/customers/{id}...) or an archive (/api/v1/archives/{id}...) is called
// by every demo user (one per ORG-2 role) on a record of their own department, one of another
// department, and a classified customer whose custodian they are not. A user whose role is
// assigned in one department gets nothing of another department's records (SEC-4, ORG-3): 403 or
// 404 from every route, reads and writes alike; nobody but its custodian gets anything of a
// classified customer, the general manager included (SEC-6: only an explicit grant opens it); the
// custodian, and the department's users holding a read permission, read what is theirs.
TEST_P(Api, SEC_4_SEC_6_RecordRoutesRefuseOtherDepartmentsAndClassifiedRecordsToEveryRole) {
    std::map<std::string, std::int64_t> department_ids;
    const auto departments = server().Get(Token("admin"), "/api/v1/departments").Json();
    for (const auto& d : departments.as_array()) {
        department_ids[std::string(d.at("name").as_string())] = d.at("id").as_int64();
    }
    auto sales1 = server().Get(Token("sales1"), "/api/v1/auth/me").Json();
    const std::int64_t beijing_sales = sales1.at("department_id").as_int64();
    ASSERT_EQ(beijing_sales, department_ids.at("北京店销售部"));
    json::object body{{"name", "保密客户"},
                      {"department_id", beijing_sales},
                      {"category", "key"},
                      {"secrecy", "confidential"},
                      {"owner_id", sales1.at("id").as_int64()},
                      {"phones", json::array{json::object{{"number", "13812345679"}}}}};
    auto created = server().Call(Token("gm"), "POST", "/api/v1/customers", json::serialize(body));
    ASSERT_EQ(created.status, 201) << created.body;
    struct Record {
        std::string kind;  // customer, archive
        std::int64_t id = 0;
        std::int64_t department = 0;
        bool classified = false;  // its custodian: sales1
    };
    std::vector<Record> records;
    for (const char* user : {"sales1", "sales2"}) {
        auto c = FirstCustomerOf(user);
        records.push_back({"customer", c.at("id").as_int64(), c.at("department_id").as_int64(), false});
    }
    records.push_back({"customer", created.Json().at("id").as_int64(), beijing_sales, true});
    auto archives = server().Get(Token("keeper"), "/api/v1/archives?page_size=1").Json();
    ASSERT_FALSE(archives.at("items").as_array().empty());
    const auto& archive = archives.at("items").at(0);
    records.push_back({"archive", archive.at("id").as_int64(), archive.at("department_id").as_int64(), false});
    ASSERT_NE(records[0].department, records[1].department);

    RouteTable table;
    const auto targets = DemoTargets(table.api);
    int refused = 0, read = 0;
    for (const auto& user : app::DemoUsers()) {
        auto me = server().Get(Token(user.username), "/api/v1/auth/me").Json();
        std::set<std::string> held;
        for (const auto& p : me.at("permissions").as_array()) held.insert(std::string(p.as_string()));
        // Department-bound: the role's assignment is one department (the others are the group's).
        const std::int64_t home = *user.department ? department_ids.at(user.department) : 0;
        for (const auto& [route, demo_target] : targets) {
            const auto& spec = route->spec;
            for (const auto& record : records) {
                const std::string prefix = "/api/v1/" + record.kind + "s/{id}";
                if (!spec.pattern.starts_with(prefix)) continue;
                std::string target = demo_target;
                const std::string base = "/api/v1/" + record.kind + "s/";
                const auto id_end = target.find('/', base.size());
                target.replace(base.size(),
                               (id_end == std::string::npos ? target.size() : id_end) - base.size(),
                               std::to_string(record.id));
                const bool custodian = record.classified && std::string(user.username) == "sales1";
                const bool other_department = home != 0 && home != record.department;
                if ((record.classified && !custodian) || other_department) {
                    auto r = server().Call(Token(user.username), spec.method, target, RouteBody(spec));
                    EXPECT_TRUE(r.status == 403 || r.status == 404)
                        << user.username << " (" << user.role << ") " << spec.method << " " << target
                        << (record.classified ? " [classified]" : " [other department]") << " -> " << r.status << " "
                        << r.body.substr(0, 200);
                    ++refused;
                } else if (spec.method == "GET" && spec.pattern == prefix && home == record.department &&
                           held.count(record.kind == "customer" ? "customer.read" : "archive.read")) {
                    auto r = server().Get(Token(user.username), target);
                    EXPECT_EQ(r.status, 200) << user.username << " reads " << target << ": " << r.body.substr(0, 200);
                    ++read;
                }
            }
        }
    }
    EXPECT_GE(refused, 200);
    EXPECT_GE(read, 2);  // sales1: their department's customer and the classified one in their custody
}

// SEC-9: customer data never travels unencrypted. Patron speaks plain HTTP, so it answers only
// peers on this machine (a local browser, or the TLS-terminating proxy beside it) and trusted
// proxies that say the client's connection was HTTPS. Here no network may use plain HTTP and
// 127.0.0.1 is a trusted proxy: the same request is refused without the proxy's word and served
// with it; the health checks stay open to load balancers.
TEST_P(Api, SEC_9_PlainHttpIsAnsweredOnlyOnThisMachineOrThroughAnHttpsProxy) {
    ServerProcess strict(
        GetParam(), 3, {{"PATRON_PLAIN_HTTP_FROM", "none"}, {"PATRON_TRUSTED_PROXIES", "127.0.0.1/32"}});
    const std::string login =
        R"({"org":"demo","username":"sales1","password":")" + std::string(ServerProcess::kPassword) + R"("})";
    auto refused = Send(strict.port(), "POST", "/api/v1/auth/login", login);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
    EXPECT_NE(refused.body.find("SEC-9"), std::string::npos) << refused.body;
    EXPECT_EQ(Send(strict.port(), "GET", "/").status, 403);  // the web UI too
    EXPECT_EQ(Send(strict.port(), "GET", "/api/v1/auth/me", "", {{"X-Forwarded-Proto", "http"}}).status, 403);
    EXPECT_EQ(Send(strict.port(), "GET", "/healthz").status, 200);
    EXPECT_EQ(Send(strict.port(), "GET", "/readyz").status, 200);
    auto through_proxy = Send(strict.port(), "POST", "/api/v1/auth/login", login, {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(through_proxy.status, 200) << through_proxy.body;
    const std::string token(through_proxy.Json().at("token").as_string());
    auto me = Send(strict.port(),
                   "GET",
                   "/api/v1/auth/me",
                   "",
                   {{"X-Forwarded-Proto", "https"}, {"Authorization", "Bearer " + token}});
    EXPECT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(Send(strict.port(), "GET", "/api/v1/auth/me", "", {{"Authorization", "Bearer " + token}}).status, 403);
    // The default (every other test's server): this machine may use plain HTTP.
    EXPECT_EQ(server().Get(Token("sales1"), "/api/v1/auth/me").status, 200);
}

TEST_P(Api, OrganisationsAreIsolatedOnEveryRoute) {
    std::string out;
    ASSERT_EQ(server().Cli("init --org other --name 其他公司", &out, "Other-Admin-Password"), 0) << out;
    std::string other = server().Login("admin", "other", "Other-Admin-Password");
    ASSERT_FALSE(other.empty());
    auto customer = FirstCustomerOf("gm");
    RouteTable table;
    int checked = 0;
    for (const auto& [route_ptr, target] : DemoTargets(table.api)) {
        const http::Route& route = *route_ptr;
        if (route.spec.pattern.find('{') == std::string::npos) continue;
        const std::string body = RouteBody(route.spec);
        auto r = server().Call(other, route.spec.method, target, body);
        // policy/{key}, roles/{code}, calendar/days/{date} and archive-checklists/{kind} name the caller's own
        // organisation's settings, not ids.
        if (route.spec.pattern.find("{key}") != std::string::npos ||
            route.spec.pattern.find("{code}") != std::string::npos ||
            route.spec.pattern.find("{date}") != std::string::npos ||
            route.spec.pattern.find("{kind}") != std::string::npos) {
            continue;
        }
        EXPECT_EQ(r.status, 404) << route.spec.method << " " << target << " -> " << r.body;
        ++checked;
    }
    EXPECT_GE(checked, 10);
    // Lists show nothing of the demo organisation.
    auto list = server().Get(other, "/api/v1/customers").Json();
    EXPECT_EQ(list.at("total").as_int64(), 0);
    std::string encoded;
    for (unsigned char ch : std::string(customer.at("name").as_string())) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", ch);
        encoded += hex;
    }
    auto search = server().Get(other, "/api/v1/customers?q=" + encoded);
    ASSERT_EQ(search.status, 200) << search.body;
    EXPECT_EQ(search.Json().at("total").as_int64(), 0);
    auto users = server().Get(other, "/api/v1/users").Json();
    for (const auto& u : users.as_array()) EXPECT_NE(u.at("username").as_string(), "gm");
    EXPECT_EQ(server().Get(other, "/api/v1/departments").Json().as_array().size(), 1u);
}

// Issue 3: the working-day calendar over HTTP: the shipped schedule, an edit, the deadline with
// its explanation, import errors naming the line, exports, and who may change it.
TEST_P(Api, ARC_4_CalendarDeadlinesOverHttp) {
    auto calendar = server().Get(Token("sales1"), "/api/v1/calendar?from=2026-10-01&to=2026-10-31");
    ASSERT_EQ(calendar.status, 200) << calendar.body;
    EXPECT_EQ(calendar.Json().at("time_zone").as_string(), "Asia/Shanghai");
    EXPECT_EQ(calendar.Json().at("days").as_array().size(), 8u);
    auto due = server().Get(Token("sales1"),
                            "/api/v1/calendar/deadline?from=2026-09-30T15:00:00%2B08:00&amount=3&unit=working_days");
    ASSERT_EQ(due.status, 200) << due.body;
    EXPECT_EQ(due.Json().at("due_day").as_string(), "2026-10-10");
    EXPECT_EQ(due.Json().at("due_at").as_string(), "2026-10-10T16:00:00.000Z");
    ExpectProblem(server().Get(Token("sales1"), "/api/v1/calendar/deadline?from=yesterday&amount=3"), 400, "from");
    ExpectProblem(
        server().Get(Token("sales1"), "/api/v1/calendar/deadline?from=2026-09-30&amount=3&unit=weeks"), 400, "unit");
    // Sales consultants may not change the calendar.
    ExpectProblem(server().Call(Token("sales1"), "PUT", "/api/v1/calendar/days/2026-12-24", R"({"kind":"holiday"})"),
                  403);
    ExpectProblem(
        server().Call(Token("admin"), "PUT", "/api/v1/calendar/days/2026-12-24", R"({"kind":"party"})"), 400, "kind");
    ExpectProblem(
        server().Call(Token("admin"), "PUT", "/api/v1/calendar/days/2026-02-30", R"({"kind":"holiday"})"), 400, "date");
    // Friday 2026-12-25 becomes a holiday: one working day after Thursday 12-24 is Monday 12-28.
    auto put =
        server().Call(Token("admin"), "PUT", "/api/v1/calendar/days/2026-12-25", R"({"kind":"holiday","name":"店庆"})");
    ASSERT_EQ(put.status, 200) << put.body;
    auto after = server().Get(Token("sales1"), "/api/v1/calendar/deadline?from=2026-12-24T10:00:00%2B08:00&amount=1");
    EXPECT_EQ(after.Json().at("due_day").as_string(), "2026-12-28") << after.body;
    // An import with a bad line changes nothing and names the line.
    auto bad = Send(server().port(),
                    "POST",
                    "/api/v1/calendar/import",
                    "2027-01-01,holiday,元旦\nnonsense\n",
                    {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "text/csv"}});
    ExpectProblem(bad, 400);
    EXPECT_NE(bad.body.find("line 2"), std::string::npos) << bad.body;
    auto ics = server().Get(Token("sales1"), "/api/v1/calendar/export?format=ics&year=2026");
    ASSERT_EQ(ics.status, 200);
    EXPECT_EQ(ics.Header("content-type"), "text/calendar; charset=utf-8");
    EXPECT_NE(ics.body.find("DTSTART;VALUE=DATE:20261225"), std::string::npos);
    ASSERT_EQ(server().Call(Token("admin"), "DELETE", "/api/v1/calendar/days/2026-12-25").status, 204);
}

// Issue 3: an archive from opening to the handover book over HTTP (ARC-1, ARC-4, ARC-5, ARC-8).
TEST_P(Api, ARC_5_ArchiveHandoverOverHttp) {
    auto me = server().Get(Token("sales1"), "/api/v1/auth/me").Json();
    std::int64_t department = me.at("department_id").as_int64();
    auto customer = CreateCustomer("sales1", "档案客户", department);
    std::int64_t customer_id = customer.at("id").as_int64();
    auto vehicle = server().Call(Token("sales1"),
                                 "POST",
                                 "/api/v1/customers/" + std::to_string(customer_id) + "/vehicles",
                                 R"({"vin":"LGB50DG78RU529906","plate":"京B77777"})");
    ASSERT_EQ(vehicle.status, 201) << vehicle.body;
    json::object body{{"vehicle_id", vehicle.Json().at("id")}, {"department_id", department}};
    auto created = server().Call(Token("sales1"), "POST", "/api/v1/archives", json::serialize(body));
    ASSERT_EQ(created.status, 201) << created.body;
    auto archive = created.Json();
    std::string path = "/api/v1/archives/" + std::to_string(archive.at("id").as_int64());
    EXPECT_EQ(archive.at("status").as_string(), "open");
    EXPECT_EQ(archive.at("checklist").as_array().size(), 12u);
    // A second new-car archive for the same vehicle is a conflict (ARC-1).
    ExpectProblem(server().Call(Token("sales1"), "POST", "/api/v1/archives", json::serialize(body)), 409, "vehicle_id");
    // ARC-8: found by plate.
    auto found = server().Get(Token("keeper"), "/api/v1/archives?q=%E4%BA%ACB77777");
    ASSERT_EQ(found.status, 200) << found.body;
    ASSERT_EQ(found.Json().at("items").as_array().size(), 1u);
    // The handover to the keeper; unknown items and a non-keeper receiver are refused.
    auto keeper = server().Get(Token("keeper"), "/api/v1/auth/me").Json().at("id").as_int64();
    ExpectProblem(server().Call(Token("sales1"),
                                "POST",
                                path + "/handovers",
                                R"({"receiver_id":)" + std::to_string(keeper) + R"(,"items_handed":["passport"]})"),
                  400);
    auto handed = server().Call(Token("sales1"),
                                "POST",
                                path + "/handovers",
                                R"({"receiver_id":)" + std::to_string(keeper) +
                                    R"(,"items_handed":["green_card","invoice"],"items_missing":["licence"]})");
    ASSERT_EQ(handed.status, 201) << handed.body;
    auto h = handed.Json().at("handovers").at(0);
    EXPECT_TRUE(h.at("on_time").as_bool()) << handed.body;
    EXPECT_EQ(h.at("items_missing").at(0).as_string(), "licence");
    // The sign-off book of the day shows it.
    auto book = server().Get(Token("keeper"), "/api/v1/handovers?from=2000-01-01&to=2100-01-01");
    ASSERT_EQ(book.status, 200) << book.body;
    EXPECT_NE(book.body.find(archive.at("number").as_string()), std::string::npos);
    // A consultant may not record the keeper's check.
    ExpectProblem(server().Call(Token("sales1"), "PUT", path + "/check", R"({"items":[],"version":2})"), 403);
}

// Issue 4: another department's archive over HTTP: refused, requested, approved by the general
// manager (SEC-4), read under the grant, revoked, refused again.
TEST_P(Api, SEC_5_BorrowingApprovalLendingAndReturnOverHttp) {
    auto me = server().Get(Token("sales1"), "/api/v1/auth/me").Json();
    auto created = SalesArchive("借阅客户", "LFV2A21K4A4145921", "京D55555");
    const std::string archive = std::to_string(created.at("id").as_int64());
    const std::string loan_body = R"({"archive_id":)" + archive + R"(,"borrower_id":)" +
                                  std::to_string(me.at("id").as_int64()) +
                                  R"(,"title":"销售合同原件","copies":1,"reason":"核对合同","borrower_signed":true})";
    // No approved borrowing yet.
    ExpectProblem(server().Call(Token("keeper"), "POST", "/api/v1/archive-loans", loan_body), 422, "borrower_id");
    auto asked = server().Call(Token("sales1"),
                               "POST",
                               "/api/v1/access-requests",
                               R"({"object_type":"archive","object_id":)" + archive +
                                   R"(,"actions":["lend"],"purpose":"借阅","reason":"核对合同原件","days":3})");
    ASSERT_EQ(asked.status, 201) << asked.body;
    auto q = asked.Json();
    EXPECT_EQ(q.at("steps").at(0).at("scope").as_string(), "requester_department");
    EXPECT_EQ(q.at("steps").at(1).at("roles").at(0).as_string(), "info_specialist");
    std::string qpath = "/api/v1/access-requests/" + std::to_string(q.at("id").as_int64());
    ASSERT_EQ(
        server().Call(Token("salesdir"), "POST", qpath + "/decision", R"({"decision":"approve","version":1})").status,
        200);
    ASSERT_EQ(
        server().Call(Token("infospec"), "POST", qpath + "/decision", R"({"decision":"approve","version":2})").status,
        200);
    // The register needs the borrower's signature; the consultant cannot lend to themself.
    std::string unsigned_body = loan_body;
    unsigned_body.replace(unsigned_body.find("true"), 4, "false");
    ExpectProblem(
        server().Call(Token("keeper"), "POST", "/api/v1/archive-loans", unsigned_body), 400, "borrower_signed");
    ExpectProblem(server().Call(Token("keeper"), "POST", "/api/v1/archive-loans", R"({"archive_id":"x"})"), 400);
    ExpectProblem(server().Call(Token("sales1"), "POST", "/api/v1/archive-loans", loan_body), 403);
    auto lent = server().Call(Token("keeper"), "POST", "/api/v1/archive-loans", loan_body);
    ASSERT_EQ(lent.status, 201) << lent.body;
    auto loan = lent.Json();
    EXPECT_EQ(loan.at("status").as_string(), "out");
    EXPECT_EQ(loan.at("archive_number").as_string(), created.at("number").as_string());
    ExpectProblem(server().Call(Token("keeper"), "POST", "/api/v1/archive-loans", loan_body), 409, "archive_id");
    const std::string lpath = "/api/v1/archive-loans/" + std::to_string(loan.at("id").as_int64());
    auto mine = server().Get(Token("sales1"), "/api/v1/archive-loans?mine=true").Json();
    EXPECT_EQ(mine.at("items").as_array().size(), 1u);
    ExpectProblem(server().Get(Token("sales2"), lpath), 404);
    ExpectProblem(server().Get(Token("keeper"), "/api/v1/archive-loans?status=late"), 400, "status");
    ExpectProblem(server().Call(Token("sales1"), "POST", lpath + "/return", R"({"condition":"intact","version":1})"),
                  403);
    ExpectProblem(
        server().Call(Token("keeper"), "POST", lpath + "/return", R"({"condition":"lost","version":1})"), 400, "note");
    auto back = server().Call(
        Token("keeper"), "POST", lpath + "/return", R"({"condition":"lost","note":"借阅人遗失","version":1})");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.Json().at("status").as_string(), "lost");
    EXPECT_TRUE(back.Json().at("incident_id").is_int64());
    auto view = server().Get(Token("keeper"), "/api/v1/archives/" + archive).Json();
    EXPECT_EQ(view.at("incidents").at(0).at("cause").as_string(), "borrowing_breach");
}

// SEC-11 over HTTP: the sales director defines a report of their department; changing its items
// waits for the general manager; a distribution to another department is reviewed by the customer
// service manager, then approved by the general manager, and only then seen (and downloaded) there.
TEST_P(Api, SEC_11_CustomerReportChangeReviewApprovalAndDistributionOverHttp) {
    std::map<std::string, std::int64_t> departments;
    const auto department_list = server().Get(Token("gm"), "/api/v1/departments").Json();
    for (const auto& d : department_list.as_array()) {
        departments[std::string(d.at("name").as_string())] = d.at("id").as_int64();
    }
    const std::string sales = std::to_string(departments.at("北京店销售部"));
    const std::string care = std::to_string(departments.at("北京店客户关爱部"));
    const std::string shanghai = std::to_string(departments.at("上海店销售部"));
    const std::string create = R"({"title":"北京店销售部客户统计","department_id":)" + sales +
                               R"(,"items":["customers_by_category","customers_by_grade"]})";
    // Bad input: precise problems, nothing written.
    ExpectProblem(server().Call(Token("salesdir"), "POST", "/api/v1/customer-reports", "{not json"), 400);
    ExpectProblem(server().Call(Token("salesdir"),
                                "POST",
                                "/api/v1/customer-reports",
                                R"({"title":"x","department_id":)" + sales + R"(,"items":["customer_phones"]})"),
                  400,
                  "items[0]");
    ExpectProblem(server().Call(Token("salesdir"),
                                "POST",
                                "/api/v1/customer-reports",
                                R"({"title":"x","department_id":999999999,"items":["customers_by_kind"]})"),
                  400,
                  "department_id");
    ExpectProblem(server().Call(Token("salesdir"),
                                "POST",
                                "/api/v1/customer-reports",
                                R"({"title":5,"department_id":)" + sales + R"(,"items":["customers_by_kind"]})"),
                  400,
                  "title");
    ExpectProblem(server().Call(Token("sales1"), "POST", "/api/v1/customer-reports", create), 403);
    EXPECT_TRUE(server().Get(Token("salesdir"), "/api/v1/customer-reports").Json().at("items").as_array().empty());
    auto created = server().Call(Token("salesdir"), "POST", "/api/v1/customer-reports", create);
    ASSERT_EQ(created.status, 201) << created.body;
    auto report = created.Json();
    const std::string path = "/api/v1/customer-reports/" + std::to_string(report.at("id").as_int64());
    auto figures = server().Get(Token("salesdir"), path + "/figures");
    ASSERT_EQ(figures.status, 200) << figures.body;
    EXPECT_FALSE(figures.Json().at("figures").as_array().empty());
    ExpectProblem(server().Get(Token("sales2"), path), 403);

    // Changing the items: pending until the general manager approves; the report keeps its items.
    auto changed =
        server().Call(Token("salesdir"),
                      "PATCH",
                      path,
                      R"({"version":1,"items":["customers_by_category","vehicles_by_brand"],"note":"加品牌"})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json().at("items").as_array().size(), 2u);
    EXPECT_EQ(changed.Json().at("items").at(1).as_string(), "customers_by_grade");
    const auto change = changed.Json().at("pending_change");
    ASSERT_TRUE(change.is_object()) << changed.body;
    EXPECT_EQ(change.at("items").at(1).as_string(), "vehicles_by_brand");
    ExpectProblem(server().Call(Token("salesdir"), "PATCH", path, R"({"version":1,"title":"旧版本"})"), 409);
    ExpectProblem(server().Call(Token("salesdir"), "PATCH", path, R"({"version":2,"items":"x"})"), 400, "items");
    const std::string cpath = "/api/v1/report-changes/" + std::to_string(change.at("id").as_int64());
    ExpectProblem(
        server().Call(Token("salesdir"), "POST", cpath + "/decision", R"({"decision":"approve","version":1})"), 403);
    ExpectProblem(server().Call(Token("csm"), "POST", cpath + "/decision", R"({"decision":"approve","version":1})"),
                  403);
    auto approved_change = server().Call(
        Token("gm"), "POST", cpath + "/decision", R"({"decision":"approve","comment":"同意","version":1})");
    ASSERT_EQ(approved_change.status, 200) << approved_change.body;
    auto now_items = server().Get(Token("salesdir"), path).Json();
    EXPECT_EQ(now_items.at("items").at(1).as_string(), "vehicles_by_brand");
    EXPECT_TRUE(now_items.at("pending_change").is_null());

    // A distribution to another department: reviewed, then approved; unseen there until then.
    ExpectProblem(
        server().Call(Token("salesdir"), "POST", path + "/distributions", R"({"recipient_department_id":"x"})"),
        400,
        "recipient_department_id");
    ExpectProblem(
        server().Call(Token("salesdir"), "POST", path + "/distributions", R"({"recipient_department_id":999999999})"),
        400,
        "recipient_department_id");
    auto asked = server().Call(Token("salesdir"),
                               "POST",
                               path + "/distributions",
                               R"({"recipient_department_id":)" + care + R"(,"note":"季度回顾"})");
    ASSERT_EQ(asked.status, 201) << asked.body;
    auto distribution = asked.Json();
    ASSERT_EQ(distribution.at("steps").as_array().size(), 2u);
    EXPECT_EQ(distribution.at("steps").at(1).at("roles").at(0).as_string(), "general_manager");
    const std::string dpath = "/api/v1/report-distributions/" + std::to_string(distribution.at("id").as_int64());
    auto received = [&](const std::string& user) {
        auto list = server().Get(Token(user), "/api/v1/report-distributions?box=received").Json();
        for (const auto& item : list.at("items").as_array()) {
            if (item.at("id") == distribution.at("id")) return true;
        }
        return false;
    };
    ExpectProblem(server().Get(Token("crm"), dpath), 404);
    ExpectProblem(server().Get(Token("crm"), dpath + "/export"), 404);
    EXPECT_FALSE(received("crm"));
    ExpectProblem(server().Call(Token("gm"), "POST", dpath + "/decision", R"({"decision":"approve","version":1})"),
                  403);
    ExpectProblem(
        server().Call(Token("salesdir"), "POST", dpath + "/decision", R"({"decision":"approve","version":1})"), 403);
    ExpectProblem(server().Call(Token("csm"), "POST", dpath + "/decision", R"({"decision":"maybe","version":1})"),
                  400,
                  "decision");
    auto reviewed = server().Call(
        Token("csm"), "POST", dpath + "/decision", R"({"decision":"approve","comment":"已审核","version":1})");
    ASSERT_EQ(reviewed.status, 200) << reviewed.body;
    EXPECT_EQ(reviewed.Json().at("status").as_string(), "pending");
    ExpectProblem(server().Get(Token("crm"), dpath), 404);
    ExpectProblem(server().Call(Token("csm"), "POST", dpath + "/decision", R"({"decision":"approve","version":2})"),
                  403);
    auto approved = server().Call(Token("gm"), "POST", dpath + "/decision", R"({"decision":"approve","version":2})");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.Json().at("status").as_string(), "approved");
    auto seen = server().Get(Token("crm"), dpath);
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_EQ(seen.Json().at("figures"), distribution.at("figures"));  // what was reviewed is what is sent
    EXPECT_TRUE(received("crm"));
    EXPECT_TRUE(received("crs"));
    EXPECT_FALSE(received("sales2"));
    ExpectProblem(server().Get(Token("sales2"), dpath), 404);
    ExpectProblem(server().Get(Token("sales1"), dpath), 404);
    auto csv = server().Get(Token("crm"), dpath + "/export");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.body.find("# Patron customer report export by crm at "), std::string::npos)
        << csv.body.substr(0, 300);
    EXPECT_NE(csv.body.find("item,group,count\n"), std::string::npos);
    ExpectProblem(server().Get(Token("salesdir"), dpath + "/export"), 403);  // not a recipient

    // Rejected at the review: Shanghai never sees it; the general manager cannot approve it after.
    auto other = server().Call(
        Token("salesdir"), "POST", path + "/distributions", R"({"recipient_department_id":)" + shanghai + "}");
    ASSERT_EQ(other.status, 201) << other.body;
    const std::string opath = "/api/v1/report-distributions/" + std::to_string(other.Json().at("id").as_int64());
    ExpectProblem(server().Call(Token("csm"), "POST", opath + "/decision", R"({"decision":"reject","version":1})"),
                  400,
                  "comment");
    ASSERT_EQ(
        server()
            .Call(
                Token("csm"), "POST", opath + "/decision", R"({"decision":"reject","comment":"不宜外发","version":1})")
            .status,
        200);
    ExpectProblem(server().Call(Token("gm"), "POST", opath + "/decision", R"({"decision":"approve","version":2})"),
                  422);
    ExpectProblem(server().Get(Token("sales2"), opath), 404);
    // To its own department: the customer service manager's review alone.
    auto own = server().Call(
        Token("salesdir"), "POST", path + "/distributions", R"({"recipient_department_id":)" + sales + "}");
    ASSERT_EQ(own.status, 201) << own.body;
    EXPECT_EQ(own.Json().at("steps").as_array().size(), 1u);
    ExpectProblem(server().Get(Token("salesdir"), "/api/v1/report-distributions?box=all"), 400, "box");

    // The download is audited.
    bool exported = false;
    for (int attempt = 0; attempt < 50 && !exported; ++attempt) {
        auto audit = server().Get(
            Token("auditor"),
            "/api/v1/audit?action=report.export&object_id=" + std::to_string(distribution.at("id").as_int64()));
        const auto entries = audit.Json();
        for (const auto& e : entries.as_array()) {
            exported = exported || (e.at("username").as_string() == "crm" && e.at("outcome").as_string() == "ok");
        }
        if (!exported) usleep(20000);
    }
    EXPECT_TRUE(exported);
}

TEST_P(Api, PIPL_SubjectCopyAndAnonymisationOverHttp) {
    std::int64_t department = server().Get(Token("sales1"), "/api/v1/auth/me").Json().at("department_id").as_int64();
    auto customer = CreateCustomer("sales1", "隐私客户", department);
    const std::string path = "/api/v1/customers/" + std::to_string(customer.at("id").as_int64());
    // The consultant sees masked phones and may not export; the general manager may.
    ExpectProblem(server().Get(Token("sales1"), path + "/personal-data"), 403);
    ExpectProblem(server().Get(Token("gm"), "/api/v1/customers/999999999/personal-data"), 404);
    auto copy = server().Get(Token("gm"), path + "/personal-data");
    ASSERT_EQ(copy.status, 200) << copy.body;
    auto exported = copy.Json().as_object();
    EXPECT_EQ(exported.at("customer").at("phones").at(0).at("number").as_string(), "13812345678");
    EXPECT_NE(std::string(exported.at("watermark").as_string()).find("赵总经理"), std::string::npos);
    EXPECT_TRUE(exported.at("history").as_array().size() >= 1u);
    // Only the customer information supervisor anonymises; bad input names its field.
    const std::string version = std::to_string(customer.at("version").as_int64());
    ExpectProblem(
        server().Call(Token("gm"), "POST", path + "/anonymise", R"({"reason":"保管期满","version":)" + version + "}"),
        403);
    ExpectProblem(
        server().Call(Token("infosup"), "POST", path + "/anonymise", R"({"version":)" + version + "}"), 400, "reason");
    ExpectProblem(server().Call(Token("infosup"), "POST", path + "/anonymise", R"({"reason":"x","version":99})"), 409);
    auto done = server().Call(
        Token("infosup"), "POST", path + "/anonymise", R"({"reason":"保管期满","version":)" + version + "}");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.Json().at("name").as_string(), "已匿名客户 " + std::to_string(customer.at("id").as_int64()));
    EXPECT_TRUE(done.Json().at("phones").as_array().empty());
    EXPECT_TRUE(done.Json().at("anonymised").as_bool());
    EXPECT_FALSE(copy.Json().at("customer").at("anonymised").as_bool());
    // A customer with an archive still kept is refused, naming the archive.
    auto archive = SalesArchive("留档客户", "LSGPC52U5CF000777", "京E12345");
    auto kept_customer =
        server().Get(Token("gm"), "/api/v1/customers/" + std::to_string(archive.at("customer_id").as_int64()));
    auto refused = server().Call(
        Token("infosup"),
        "POST",
        "/api/v1/customers/" + std::to_string(archive.at("customer_id").as_int64()) + "/anonymise",
        R"({"reason":"保管期满","version":)" + std::to_string(kept_customer.Json().at("version").as_int64()) + "}");
    ExpectProblem(refused, 422, "archives");
    EXPECT_NE(refused.body.find(std::string(archive.at("number").as_string())), std::string::npos) << refused.body;
}

TEST_P(Api, SEC_4_AccessRequestApprovalAndRevocationOverHttp) {
    auto created = SalesArchive("调阅客户", "LSVMNSPR9LE166878", "京C66666");
    std::int64_t archive_id = created.at("id").as_int64();
    std::string path = "/api/v1/archives/" + std::to_string(archive_id);
    // sales2 works in another store.
    ExpectProblem(server().Get(Token("sales2"), path), 403);
    std::string request = R"({"object_type":"archive","object_id":)" + std::to_string(archive_id) +
                          R"(,"actions":["read"],"purpose":"客户投诉","reason":"需要查阅合同","days":2})";
    ExpectProblem(server().Call(Token("sales2"),
                                "POST",
                                "/api/v1/access-requests",
                                R"({"object_type":"archive","object_id":)" + std::to_string(archive_id) +
                                    R"(,"actions":["read"],"purpose":"x","reason":"y","days":0})"),
                  400,
                  "days");
    ExpectProblem(
        server().Call(
            Token("sales2"),
            "POST",
            "/api/v1/access-requests",
            R"({"object_type":"archive","object_id":999999999,"actions":["read"],"purpose":"x","reason":"y"})"),
        404);
    auto asked = server().Call(Token("sales2"), "POST", "/api/v1/access-requests", request);
    ASSERT_EQ(asked.status, 201) << asked.body;
    auto q = asked.Json();
    EXPECT_EQ(q.at("status").as_string(), "pending");
    EXPECT_EQ(q.at("steps").at(0).at("roles").at(0).as_string(), "general_manager");
    EXPECT_EQ(q.at("object_label").as_string(), "");  // not visible to the requester yet
    std::string qpath = "/api/v1/access-requests/" + std::to_string(q.at("id").as_int64());
    ExpectProblem(server().Call(Token("sales2"), "POST", qpath + "/decision", R"({"decision":"approve","version":1})"),
                  403);
    auto inbox = server().Get(Token("gm"), "/api/v1/access-requests?box=inbox").Json();
    bool listed = false;
    for (const auto& item : inbox.at("items").as_array()) listed = listed || item.at("id") == q.at("id");
    EXPECT_TRUE(listed) << json::serialize(inbox);
    ExpectProblem(server().Call(Token("gm"), "POST", qpath + "/decision", R"({"decision":"approve","version":5})"),
                  409);
    auto approved = server().Call(
        Token("gm"), "POST", qpath + "/decision", R"({"decision":"approve","comment":"同意","version":1})");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.Json().at("status").as_string(), "approved");
    EXPECT_EQ(approved.Json().at("decisions").at(0).at("approver_name").as_string(), "赵总经理");
    ASSERT_EQ(server().Get(Token("sales2"), path).status, 200);
    auto grants = server().Get(Token("sales2"), "/api/v1/access-grants").Json().at("items").as_array();
    ASSERT_FALSE(grants.empty());
    auto grant = grants.at(0);
    EXPECT_EQ(grant.at("status").as_string(), "active");
    EXPECT_EQ(grant.at("object_id").as_int64(), archive_id);
    EXPECT_EQ(grant.at("object_label").as_string(), created.at("number").as_string());  // readable now
    ExpectProblem(server().Get(Token("sales2"), "/api/v1/access-grants?scope=all"), 403);
    auto revoked = server().Call(Token("gm"),
                                 "POST",
                                 "/api/v1/access-grants/" + std::to_string(grant.at("id").as_int64()) + "/revoke",
                                 R"({"reason":"投诉已处理"})");
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(revoked.Json().at("status").as_string(), "revoked");
    EXPECT_EQ(revoked.Json().at("revoked_by_name").as_string(), "赵总经理");
    ExpectProblem(server().Get(Token("sales2"), path), 403);
}

// SEC-4 over HTTP, the other two ends of a request: a rejected one opens nothing; an approved one
// opens the archive for its days and no longer once they have passed (the server's clock moved
// ahead through PATRON_TEST_CLOCK_FILE, which also ends the sessions: 12 hours at most).
TEST_P(Api, SEC_4_ARejectedRequestOpensNothingAndAGrantEndsWithItsDaysOverHttp) {
    const std::string clock = TempDir() + "/clock-offset";
    ServerProcess own(GetParam(), 30, {{"PATRON_TEST_CLOCK_FILE", clock}});
    const std::string keeper = own.Login("keeper"), gm = own.Login("gm");
    std::string sales2 = own.Login("sales2");
    auto archives = own.Get(keeper, "/api/v1/archives?page_size=1").Json();
    ASSERT_FALSE(archives.at("items").as_array().empty());
    const std::int64_t archive_id = archives.at("items").at(0).at("id").as_int64();
    const std::string path = "/api/v1/archives/" + std::to_string(archive_id);
    ExpectProblem(own.Get(sales2, path), 403);
    auto ask = [&] {
        auto r = own.Call(sales2,
                          "POST",
                          "/api/v1/access-requests",
                          R"({"object_type":"archive","object_id":)" + std::to_string(archive_id) +
                              R"(,"actions":["read"],"purpose":"核对发票","reason":"客户来电","days":1})");
        EXPECT_EQ(r.status, 201) << r.body;
        return "/api/v1/access-requests/" + std::to_string(r.Json().at("id").as_int64());
    };
    const std::string rejected = ask();
    auto no = own.Call(gm, "POST", rejected + "/decision", R"({"decision":"reject","comment":"理由不足","version":1})");
    ASSERT_EQ(no.status, 200) << no.body;
    EXPECT_EQ(no.Json().at("status").as_string(), "rejected");
    ExpectProblem(own.Get(sales2, path), 403);
    ExpectProblem(own.Call(gm, "POST", rejected + "/decision", R"({"decision":"approve","version":2})"), 422);

    const std::string approved = ask();
    auto yes = own.Call(gm, "POST", approved + "/decision", R"({"decision":"approve","version":1})");
    ASSERT_EQ(yes.status, 200) << yes.body;
    EXPECT_EQ(own.Get(sales2, path).status, 200);
    std::ofstream(clock) << 2 * 24 * 3600 << "\n";  // two days later
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(own.Get(sales2, path).status, 401);  // the session ended too
    sales2 = own.Login("sales2");
    ExpectProblem(own.Get(sales2, path), 403);
    auto grants = own.Get(sales2, "/api/v1/access-grants").Json().at("items").as_array();
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants.at(0).at("status").as_string(), "expired");
}

// Issue 4: SEC-10 over HTTP: a consultant reports a possible leak; the customer service manager sees
// the reminder at once, records an action for the information supervisor, who does it; closed.
TEST_P(Api, SEC_10_BreachIncidentOverHttp) {
    ExpectProblem(server().Call(Token("sales1"),
                                "POST",
                                "/api/v1/breach-incidents",
                                R"({"title":"x","description":"y","occurred_on":"2099-01-01"})"),
                  400,
                  "occurred_on");
    auto reported =
        server().Call(Token("sales1"),
                      "POST",
                      "/api/v1/breach-incidents",
                      R"({"title":"展厅名单外泄","description":"客户名单遗落在前台","severity":"possible"})");
    ASSERT_EQ(reported.status, 201) << reported.body;
    std::int64_t id = reported.Json().at("id").as_int64();
    std::string path = "/api/v1/breach-incidents/" + std::to_string(id);
    auto reminders = server().Get(Token("csm"), "/api/v1/reminders");
    EXPECT_NE(reminders.body.find("SEC-10:" + std::to_string(id)), std::string::npos) << reminders.body;
    ExpectProblem(server().Get(Token("sales2"), path), 404);
    auto infosup = server().Get(Token("infosup"), "/api/v1/auth/me").Json().at("id").as_int64();
    ExpectProblem(server().Call(Token("sales1"),
                                "POST",
                                path + "/actions",
                                R"({"description":"收回名单","owner_id":)" + std::to_string(infosup) + "}"),
                  403);
    auto acted = server().Call(Token("csm"),
                               "POST",
                               path + "/actions",
                               R"({"description":"收回名单","owner_id":)" + std::to_string(infosup) + "}");
    ASSERT_EQ(acted.status, 201) << acted.body;
    std::int64_t action = acted.Json().at("actions").at(0).at("id").as_int64();
    ExpectProblem(server().Call(Token("csm"), "POST", path + "/close", R"({"summary":"done","version":1})"), 422);
    auto done = server().Call(
        Token("infosup"), "POST", path + "/actions/" + std::to_string(action) + "/done", R"({"result":"已收回"})");
    ASSERT_EQ(done.status, 200) << done.body;
    auto closed = server().Call(Token("csm"), "POST", path + "/close", R"({"summary":"已收回并培训","version":1})");
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.Json().at("status").as_string(), "closed");
}

// Issue 3: the ARC-6 penalty run and decisions over HTTP, on the demo data (whose archives
// include late handovers and one still open).
// ARC-1 scans over HTTP: the file is the body; its type is judged by its bytes; the content comes
// back as it was sent, with its type; ARC-3 templates are the administrator's.
TEST_P(Api, ARC_1_ScannedDocumentsAndARC_3_ChecklistsOverHttp) {
    auto filed = server().Get(Token("keeper"), "/api/v1/archives?status=filed").Json();
    ASSERT_FALSE(filed.at("items").as_array().empty());
    std::string path = "/api/v1/archives/" + std::to_string(filed.at("items").at(0).at("id").as_int64());
    auto upload = [&](const std::string& query, const std::string& type, const std::string& bytes) {
        return Send(server().port(),
                    "POST",
                    path + "/documents" + query,
                    bytes,
                    {{"Authorization", "Bearer " + Token("keeper")}, {"Content-Type", type}});
    };
    const std::string pdf = "%PDF-1.4\n% scanned invoice\n%%EOF\n";
    auto stored = upload("?item=invoice&filename=%E5%8F%91%E7%A5%A8.pdf", "application/pdf", pdf);
    ASSERT_EQ(stored.status, 201) << stored.body;
    auto doc = stored.Json();
    EXPECT_EQ(doc.at("filename").as_string(), "发票.pdf");
    EXPECT_EQ(doc.at("content_type").as_string(), "application/pdf");
    EXPECT_EQ(doc.at("size_bytes").as_int64(), static_cast<std::int64_t>(pdf.size()));
    ExpectProblem(upload("?item=invoice", "application/pdf", "just text"), 415, "file");
    ExpectProblem(upload("?item=invoice", "image/png", pdf), 415, "file");
    ExpectProblem(upload("?item=passport", "application/pdf", pdf), 400, "item");
    ExpectProblem(upload("", "application/pdf", pdf), 400, "item");
    auto content =
        server().Get(Token("keeper"), path + "/documents/" + std::to_string(doc.at("id").as_int64()) + "/content");
    ASSERT_EQ(content.status, 200);
    EXPECT_EQ(content.body, pdf);
    EXPECT_EQ(content.Header("content-type"), "application/pdf");
    EXPECT_NE(content.Header("content-disposition").find("filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf"), std::string::npos);
    auto archive = server().Get(Token("keeper"), path).Json();
    bool listed = false;
    for (const auto& d : archive.at("documents").as_array()) listed = listed || d.at("id") == doc.at("id");
    EXPECT_TRUE(listed);
    ExpectProblem(server().Call(Token("keeper"),
                                "POST",
                                path + "/documents/" + std::to_string(doc.at("id").as_int64()) + "/withdraw",
                                R"({})"),
                  400,
                  "reason");

    auto checklists = server().Get(Token("sales1"), "/api/v1/archive-checklists").Json();
    auto new_car = checklists.at("items").at(0);
    EXPECT_EQ(new_car.at("kind").as_string(), "new_car");
    json::array items = new_car.at("items").as_array();
    items.push_back(
        json::object{{"code", "trade_in"}, {"title_zh", "旧车置换协议"}, {"title_en", "Trade-in agreement"}});
    json::object put{{"items", items}, {"version", new_car.at("version")}};
    ExpectProblem(server().Call(Token("keeper"), "PUT", "/api/v1/archive-checklists/new_car", json::serialize(put)),
                  403);
    auto saved = server().Call(Token("admin"), "PUT", "/api/v1/archive-checklists/new_car", json::serialize(put));
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(saved.Json().at("items").as_array().size(), items.size());
    ExpectProblem(server().Call(Token("admin"), "PUT", "/api/v1/archive-checklists/new_car", json::serialize(put)),
                  409);
}

// ARC-11/ARC-12/ARC-10 over HTTP: the custody routes and the reminders the demo's daily job raised.
TEST_P(Api, ARC_11_InspectionsARC_12_DestructionsAndRemindersOverHttp) {
    auto reminders = server().Get(Token("keeper"), "/api/v1/reminders");
    ASSERT_EQ(reminders.status, 200) << reminders.body;
    bool inspection_due = false;
    auto reminder_list = reminders.Json();
    for (const auto& r : reminder_list.at("items").as_array()) inspection_due |= r.at("rule") == "ARC-11";
    EXPECT_TRUE(inspection_due) << reminders.body;
    ExpectProblem(server().Call(Token("keeper"),
                                "POST",
                                "/api/v1/archive-inspections",
                                R"({"inspected_on":"2026-01-05","location":"A","mould":true})"),
                  400,
                  "findings");
    ExpectProblem(
        server().Call(Token("keeper"), "POST", "/api/v1/archive-inspections", R"({"inspected_on":"yesterday"})"), 400);
    auto recorded = server().Call(Token("keeper"),
                                  "POST",
                                  "/api/v1/archive-inspections",
                                  R"({"inspected_on":"2026-01-05","location":"档案室A","mould":true,)"
                                  R"("findings":"3号柜霉斑","repairs":"已清理"})");
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    auto overview = server().Get(Token("keeper"), "/api/v1/archive-inspections").Json();
    EXPECT_EQ(overview.at("items").as_array().size(), 1u);
    EXPECT_EQ(overview.at("last").as_string(), "2026-01-05");
    EXPECT_EQ(overview.at("next_due").as_string(), "2026-07-05");
    ExpectProblem(
        server().Call(
            Token("sales1"), "POST", "/api/v1/archive-inspections", R"({"inspected_on":"2026-01-05","location":"A"})"),
        403);
    // The demo archives are recent: nothing is past retention; proposing one is refused.
    auto candidates = server().Get(Token("keeper"), "/api/v1/archive-destructions/candidates");
    ASSERT_EQ(candidates.status, 200) << candidates.body;
    auto archives = server().Get(Token("keeper"), "/api/v1/archives").Json();
    std::string id = std::to_string(archives.at("items").at(0).at("id").as_int64());
    ExpectProblem(server().Call(Token("keeper"),
                                "POST",
                                "/api/v1/archive-destructions",
                                R"({"archive_ids":[)" + id + R"(],"reason":"保管期满"})"),
                  422);
    ExpectProblem(server().Call(Token("gm"),
                                "POST",
                                "/api/v1/archive-destructions/999999/decision",
                                R"({"decision":"approve","version":1})"),
                  404);
    ExpectProblem(server().Call(Token("keeper"),
                                "POST",
                                "/api/v1/archives/" + id + "/incidents",
                                R"({"kind":"lost","cause":"late_filing","responsible_id":1,"files":0,)"
                                R"("occurred_on":"2026-01-05","description":"x"})"),
                  400,
                  "files");
    auto overdue = server().Get(Token("sales1"), "/api/v1/customer-filings/overdue");
    ASSERT_EQ(overdue.status, 200) << overdue.body;
    // ARC-10 maintenance form: a change that happened long ago is reported late.
    auto me = server().Get(Token("sales1"), "/api/v1/auth/me").Json();
    auto customer = CreateCustomer("sales1", "吴十", me.at("department_id").as_int64());
    std::string path = "/api/v1/customers/" + std::to_string(customer.at("id").as_int64());
    ExpectProblem(server().Call(Token("sales1"), "PATCH", path, R"({"version":1,"notes":"搬家","changed_on":"soon"})"),
                  400,
                  "changed_on");
    auto patched =
        server().Call(Token("sales1"), "PATCH", path, R"({"version":1,"notes":"搬家","changed_on":"2020-01-06"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto late = server().Get(Token("sales1"),
                             "/api/v1/customer-filings/late-changes?month=" +
                                 std::string(patched.Json().at("updated_at").as_string()).substr(0, 7));
    ASSERT_EQ(late.status, 200) << late.body;
    EXPECT_NE(late.body.find("吴十"), std::string::npos) << late.body;
}

TEST_P(Api, ARC_6_PenaltyRunDecisionAndStatementOverHttp) {
    std::string month =
        FormatDate(Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))).substr(0, 7);
    ExpectProblem(server().Call(Token("sales1"), "POST", "/api/v1/penalties/runs", R"({"month":")" + month + R"("})"),
                  403);
    ExpectProblem(
        server().Call(Token("director"), "POST", "/api/v1/penalties/runs", R"({"month":"2026-1"})"), 400, "month");
    auto run = server().Call(Token("director"), "POST", "/api/v1/penalties/runs", R"({"month":")" + month + R"("})");
    ASSERT_EQ(run.status, 200) << run.body;
    auto fines = server().Get(Token("director"), "/api/v1/penalties?month=" + month);
    ASSERT_EQ(fines.status, 200) << fines.body;
    auto listed = fines.Json();
    for (const auto& f : listed.at("items").as_array()) {
        EXPECT_FALSE(f.at("facts").as_string().empty());
        EXPECT_TRUE(f.at("arithmetic").as_string().starts_with(f.at("rule").as_string())) << f;
    }
    ExpectProblem(
        server().Call(
            Token("director"), "POST", "/api/v1/penalties/999999999/decision", R"({"decision":"confirm","version":1})"),
        404);
    if (!listed.at("items").as_array().empty()) {
        auto first = listed.at("items").at(0);
        std::string path = "/api/v1/penalties/" + std::to_string(first.at("id").as_int64()) + "/decision";
        std::string version = std::to_string(first.at("version").as_int64());
        ExpectProblem(
            server().Call(Token("director"), "POST", path, R"({"decision":"forgive","version":)" + version + "}"),
            400,
            "decision");
        auto confirmed =
            server().Call(Token("director"), "POST", path, R"({"decision":"confirm","version":)" + version + "}");
        ASSERT_EQ(confirmed.status, 200) << confirmed.body;
        EXPECT_EQ(confirmed.Json().at("status").as_string(), "confirmed");
    }
    auto statement = server().Get(Token("director"), "/api/v1/penalties/statement?month=" + month);
    ASSERT_EQ(statement.status, 200) << statement.body;
    EXPECT_EQ(statement.Json().at("month").as_string(), month);
}

// Issue 2: GET /api/openapi.json documents every route, and documents no route that does not exist.
TEST_P(Api, OpenApiDocumentsEveryRoute) {
    auto doc = Send(server().port(), "GET", "/api/openapi.json").Json();
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
    RouteTable table;
    const http::Api& api = table.api;
    std::set<std::pair<std::string, std::string>> routed, documented;
    for (const auto& route : api.router().routes()) {
        std::string method = route.spec.method;
        for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        routed.insert({method, route.spec.pattern});
    }
    for (const auto& [path, item] : doc.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            if (method == "parameters") continue;
            documented.insert({std::string(method), std::string(path)});
            // Every operation says which permission it needs.
            EXPECT_TRUE(operation.as_object().contains("x-permission")) << method << " " << path;
        }
    }
    for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << "undocumented: " << r.first << " " << r.second;
    for (const auto& d : documented)
        EXPECT_TRUE(routed.count(d)) << "documented but not routed: " << d.first << " " << d.second;
}

TEST_P(Api, ImportReportsProgressAndResult) {
    std::string csv = "name,department,phone\n导入甲,北京店销售部,13811112222\n导入乙,北京店销售部,bad\n";
    auto started = server().Call(Token("admin"), "POST", "/api/v1/imports/customers?dry_run=true", "");
    ExpectProblem(started, 415);
    auto r = Send(server().port(),
                  "POST",
                  "/api/v1/imports/customers?dry_run=true",
                  csv,
                  {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(r.status, 202) << r.body;
    std::string job = "/api/v1/imports/" + std::to_string(r.Json().at("id").as_int64());
    json::value report;
    for (int attempt = 0; attempt < 100; ++attempt) {
        report = server().Get(Token("admin"), job).Json();
        if (report.at("status").as_string() != "running") break;
        usleep(20000);
    }
    EXPECT_EQ(report.at("status").as_string(), "invalid");
    ASSERT_EQ(report.at("errors").as_array().size(), 1u);
    EXPECT_EQ(report.at("errors").at(0).at("line").as_int64(), 3);
    EXPECT_EQ(report.at("errors").at(0).at("field").as_string(), "phone");
}

// Issue 2: logs never contain passwords, tokens, phone numbers or ID numbers.
TEST_P(Api, LogsHoldNoSecretsOrPersonalData) {
    ServerProcess own(GetParam(), 3);
    std::string token = own.Login("gm");
    ASSERT_FALSE(token.empty());
    auto list = own.Get(token, "/api/v1/customers?page_size=1").Json();
    std::string id = std::to_string(list.at("items").at(0).at("id").as_int64());
    auto detail = own.Get(token, "/api/v1/customers/" + id).Json();
    std::string phone(detail.at("phones").at(0).at("number").as_string());
    ASSERT_EQ(own.Get(token, "/api/v1/customers?q=" + phone).status, 200);
    json::object wrong{{"org", "demo"}, {"username", "gm"}, {"password", "Wrong-Secret-Password"}};
    Send(own.port(), "POST", "/api/v1/auth/login", json::serialize(wrong));
    ASSERT_EQ(own.Stop(), 0);
    std::string log = own.Log();
    EXPECT_NE(log.find("\"event\":\"request\""), std::string::npos) << log;  // the access log was on
    EXPECT_EQ(log.find(ServerProcess::kPassword), std::string::npos);
    EXPECT_EQ(log.find("Wrong-Secret-Password"), std::string::npos);
    EXPECT_EQ(log.find(token.substr(token.find('.') + 1)), std::string::npos);
    EXPECT_EQ(log.find(phone), std::string::npos);
    std::string id_number(detail.at("id_number").as_string());
    if (!id_number.empty()) {
        EXPECT_EQ(log.find(id_number), std::string::npos);
    }
}

TEST_P(Api, SEC_7_SEC_8_ExportIsCsvOfTheVisibleListUnderAWatermark) {
    auto r = server().Get(Token("gm"), "/api/v1/exports/customers");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.Header("content-type").starts_with("text/csv"));
    EXPECT_NE(r.body.find("id,name,kind"), std::string::npos);
    // SEC-7/SEC-8: the file names who exported it and when, on its first line.
    EXPECT_EQ(r.body.find("\xEF\xBB\xBF# Patron customer export by gm at "), 0u) << r.body.substr(0, 200);
    ExpectProblem(server().Get(Token("sales1"), "/api/v1/exports/customers"), 403);
}

TEST_P(Api, GracefulShutdownFinishesAndKeepsTheAudit) {
    ServerProcess own(GetParam(), 5);
    std::string token = own.Login("gm");
    auto list = own.Get(token, "/api/v1/customers?page_size=1").Json();
    std::string id = std::to_string(list.at("items").at(0).at("id").as_int64());
    ASSERT_EQ(own.Get(token, "/api/v1/customers/" + id).status, 200);
    EXPECT_EQ(own.Stop(), 0);
    // The read was audited before the process exited (the audit writer flushes on SIGTERM).
    {
        storage::Store store(storage::OpenDatabase(own.database_url()));
        auto tx = store.Read();
        storage::AuditQuery q;
        q.org = tx->org().FindOrganizationByCode("demo")->id;
        q.action = "customer.read";
        q.object_id = id;
        EXPECT_EQ(tx->audit().Search(q).size(), 1u);
    }
    std::string out;
    EXPECT_EQ(own.Cli("audit verify --org demo", &out), 0) << out;
}

INSTANTIATE_TEST_SUITE_P(Backends, Api, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
