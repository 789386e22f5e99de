#include "test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "app/admin_service.hpp"
#include "app/auth_service.hpp"
#include "common/crypto.hpp"
#include "domain/formats.hpp"
#include "storage/migrations.hpp"

namespace patron::test {

std::vector<std::string> Backends() {
    std::vector<std::string> out{"sqlite"};
    const char* url = std::getenv("PATRON_TEST_PG_URL");
    const char* require = std::getenv("PATRON_REQUIRE_PG");
    if ((url != nullptr && *url != '\0') || (require != nullptr && std::string(require) == "1"))
        out.push_back("postgres");
    return out;
}

std::string TempDir() {
    // mkdtemp: a directory that did not exist before. A name made of the pid alone can meet the
    // leftovers of an earlier run with the same pid (an old database in it).
    std::string pattern = (std::filesystem::temp_directory_path() / "patron-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

std::string FreshDatabaseUrl(const std::string& backend) {
    crypto::InitCrypto();
    if (backend == "sqlite") return "sqlite:" + TempDir() + "/patron.db";
    const char* base = std::getenv("PATRON_TEST_PG_URL");
    if (base == nullptr || *base == '\0') {
        ADD_FAILURE() << "PATRON_REQUIRE_PG=1 but PATRON_TEST_PG_URL is not set";
        throw std::runtime_error("no PostgreSQL URL");
    }
    static std::atomic<int> counter{0};
    std::string name =
        "patron_t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + crypto::RandomToken(4);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (auto& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    }
    auto admin = storage::OpenDatabase(base);
    admin->ExecScript("CREATE DATABASE " + name);
    std::string url(base);
    auto slash = url.rfind('/');
    auto query = url.find('?', slash);
    return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::unique_ptr<storage::Database> FreshDatabase(const std::string& backend) {
    auto db = storage::OpenDatabase(FreshDatabaseUrl(backend));
    storage::Migrate(*db);
    return db;
}

World::World(const std::string& backend) : store(FreshDatabase(backend), TempDir() + "/files") {}
World::~World() { audit.Stop(); }

app::Caller OrgFixture::CallerFor(storage::Store& store, UserId user) const {
    auto tx = store.Read();
    auto u = tx->org().GetUser(org.id, user);
    app::Caller caller;
    caller.principal = app::LoadPrincipal(*tx, *u);
    caller.session.id = SessionId(1);
    caller.origin = {"127.0.0.1", "test", "t"};
    return caller;
}

OrgFixture MakeOrg(app::AppContext& ctx, const std::string& code) {
    app::SetupService setup(ctx);
    auto created = setup.CreateOrganization({code, "测试集团 " + code, "admin", "管理员", "Admin-Password-1"});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    OrgFixture f;
    f.org = created->org;
    f.root = created->root.id;
    f.admin = created->admin.id;
    auto tx = ctx.store.Write();
    auto dept = [&](DepartmentId parent, const char* name, const char* kind, const char* function) {
        domain::Department d{DepartmentId(tx->NextId()), f.org.id, parent, name, kind, function, 1};
        tx->org().InsertDepartment(d);
        return d.id;
    };
    f.store_a = dept(f.root, "A店", "store", "");
    f.sales_a = dept(f.store_a, "A店销售部", "department", "sales");
    f.service_a = dept(f.store_a, "A店售后服务部", "department", "after_sales");
    f.store_b = dept(f.root, "B店", "store", "");
    f.sales_b = dept(f.store_b, "B店销售部", "department", "sales");
    std::string hash = crypto::HashPassword("User-Password-1", ctx.password_cost);
    auto user = [&](const char* username, DepartmentId department, const char* role) {
        domain::User u;
        u.org_id = f.org.id;
        u.id = UserId(tx->NextId());
        u.username = username;
        u.display_name = username;
        u.password_hash = hash;
        u.department_id = department;
        u.version = 1;
        tx->org().InsertUser(u);
        tx->org().InsertAssignment(f.org.id, {tx->NextId(), u.id, role, department});
        return u.id;
    };
    f.gm = user("gm", f.root, "general_manager");
    f.sales1 = user("sales1", f.sales_a, "sales_consultant");
    f.sales2 = user("sales2", f.sales_b, "sales_consultant");
    f.advisor = user("advisor", f.service_a, "service_advisor");
    f.auditor = user("auditor", f.root, "auditor");
    f.keeper = user("keeper", f.root, "archive_keeper");
    f.sales_director = user("salesdir", f.sales_a, "sales_director");
    f.director = user("director", f.root, "customer_director");
    f.csm = user("csm", f.root, "customer_service_manager");
    f.infospec = user("infospec", f.root, "info_specialist");
    f.infosup = user("infosup", f.root, "customer_info_supervisor");
    tx->Commit();
    return f;
}

Timestamp At(const char* rfc3339) {
    Timestamp t = 0;
    EXPECT_TRUE(ParseTimestamp(rfc3339, &t)) << rfc3339;
    return t;
}

Date Day(const char* yyyy_mm_dd) {
    Date d;
    EXPECT_TRUE(ParseDate(yyyy_mm_dd, &d)) << yyyy_mm_dd;
    return d;
}

const domain::WorkingCalendar& China() {
    static const domain::WorkingCalendar calendar({6, 7}, domain::DefaultChinaCalendar());
    return calendar;
}

domain::Vehicle SampleVehicle(const std::string& vin, const std::string& plate) {
    domain::Vehicle v;
    v.vin = vin;
    v.plate = plate;
    v.brand = "大众";
    v.model = "帕萨特";
    return v;
}

domain::Customer SampleCustomer(DepartmentId department, const std::string& name) {
    domain::Customer c;
    c.name = name;
    c.category = "key";
    c.department_id = department;
    std::string first17 = "11010119900307123";
    c.id_number = first17 + domain::IdCardCheckDigit(first17);
    c.address = "北京市朝阳区建国路88号";
    c.phones = {{"mobile", "13812345678", ""}};
    c.contacts = {{"张伟", "司机", "13900001111", "010-12345678", "", true}};
    return c;
}

}  // namespace patron::test
