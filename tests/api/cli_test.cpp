// The `patron` command line against a live database (issue 2 §11), on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api_client.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Cli : public ::testing::TestWithParam<std::string> {};

// A session ended by another process (the CLI) stops working within SessionCache::kTtlMs.
int StatusWithinASecond(const ServerProcess& server, const std::string& token, int expected) {
    int status = 0;
    for (int attempt = 0; attempt < 30; ++attempt) {
        status = server.Get(token, "/api/v1/auth/me").status;
        if (status == expected) break;
        usleep(100000);
    }
    return status;
}

TEST_P(Cli, UserAddPasswdAndDisable) {
    ServerProcess server(GetParam(), 3);
    std::string out;
    // Too short a password is refused with the invalid-input exit status.
    EXPECT_EQ(server.Cli("user add --org demo newbie --role sales_consultant --department 北京店销售部", &out, "short"),
              2)
        << out;
    ASSERT_EQ(server.Cli("user add --org demo newbie --name 新人 --role sales_consultant --department 北京店销售部",
                         &out,
                         "Newbie-Password-1"),
              0)
        << out;
    std::string token = server.Login("newbie", "demo", "Newbie-Password-1");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(server.Get(token, "/api/v1/auth/me").status, 200);
    // A new password ends the user's sessions.
    ASSERT_EQ(server.Cli("user passwd --org demo newbie", &out, "Newbie-Password-2"), 0) << out;
    EXPECT_EQ(StatusWithinASecond(server, token, 401), 401);
    EXPECT_TRUE(server.Login("newbie", "demo", "Newbie-Password-1").empty());
    token = server.Login("newbie", "demo", "Newbie-Password-2");
    ASSERT_FALSE(token.empty());
    ASSERT_EQ(server.Cli("user disable --org demo newbie", &out), 0) << out;
    EXPECT_EQ(StatusWithinASecond(server, token, 401), 401);
    EXPECT_EQ(server.Cli("user disable --org demo nobody", &out), 3) << out;
}

TEST_P(Cli, ImportDryRunCommitExportAndBackup) {
    ServerProcess server(GetParam(), 3);
    std::string dir = TempDir();
    {
        std::ofstream csv(dir + "/bad.csv");
        csv << "姓名,部门,手机\n命令行甲,北京店销售部,13811112222\n命令行乙,北京店销售部,999\n";
    }
    std::string out;
    EXPECT_EQ(server.Cli("import customers " + dir + "/bad.csv --org demo", &out), 2) << out;
    EXPECT_NE(out.find("line 3: phone"), std::string::npos) << out;
    {
        std::ofstream csv(dir + "/good.csv");
        csv << "姓名,部门,手机\n命令行甲,北京店销售部,13811112222\n命令行乙,北京店销售部,13811113333\n";
    }
    ASSERT_EQ(server.Cli("import customers " + dir + "/good.csv --org demo --dry-run", &out), 0) << out;
    EXPECT_NE(out.find("validated"), std::string::npos) << out;
    ASSERT_EQ(server.Cli("import customers " + dir + "/good.csv --org demo", &out), 0) << out;
    EXPECT_NE(out.find("2 imported"), std::string::npos) << out;
    // The export as the general manager shows them unmasked; as a sales consultant it is refused.
    ASSERT_EQ(server.Cli("export customers --org demo --as gm -q 命令行", &out), 0) << out;
    EXPECT_NE(out.find("命令行甲"), std::string::npos) << out;
    EXPECT_NE(out.find("13811112222"), std::string::npos) << out;
    EXPECT_EQ(server.Cli("export customers --org demo --as sales1", &out), 4) << out;
    if (GetParam() == "sqlite") {
        ASSERT_EQ(server.Cli("backup " + dir + "/copy.db", &out), 0) << out;
        storage::Store copy(storage::OpenDatabase("sqlite:" + dir + "/copy.db"));
        auto tx = copy.Read();
        auto org = tx->org().FindOrganizationByCode("demo");
        ASSERT_TRUE(org);
        EXPECT_EQ(tx->customers().CountCustomers(org->id), 5);
        // The audit log (kept in the database's "-audit" file) is copied too, its chain intact.
        std::int64_t audit_entries = 0;
        tx->audit().ForEach(org->id, [&](const domain::AuditEntry&) { ++audit_entries; });
        EXPECT_GT(audit_entries, 0);
        std::string verify = std::string(PATRON_BINARY) + " --database sqlite:" + dir +
                             "/copy.db audit verify --org demo > /dev/null 2>&1";
        EXPECT_EQ(std::system(verify.c_str()), 0);
    }
}

// Issue 3: `patron calendar import|export`, all or nothing, as a user allowed to change policy.
TEST_P(Cli, CalendarImportAndExport) {
    ServerProcess server(GetParam(), 3);
    std::string dir = TempDir();
    std::ofstream(dir + "/2027.csv") << "date,kind,name\n2027-02-06,holiday,春节\n2027-02-14,workday,春节调休上班\n";
    std::ofstream(dir + "/bad.csv") << "2027-10-01,holiday,国庆节\n2027-13-01,holiday,x\n";
    std::string out;
    EXPECT_EQ(server.Cli("calendar import " + dir + "/2027.csv --org demo --as sales1", &out), 4) << out;
    EXPECT_EQ(server.Cli("calendar import " + dir + "/bad.csv --org demo", &out), 2) << out;
    EXPECT_NE(out.find("line 2"), std::string::npos) << out;
    ASSERT_EQ(server.Cli("calendar import " + dir + "/2027.csv --org demo --replace", &out), 0) << out;
    EXPECT_NE(out.find("imported 2 days (replaced 2027)"), std::string::npos) << out;
    ASSERT_EQ(server.Cli("calendar export --org demo --year 2027", &out), 0) << out;
    EXPECT_EQ(out, "date,kind,name\n2027-02-06,holiday,春节\n2027-02-14,workday,春节调休上班\n");
    // The server sees the new marks: Saturday 2027-02-13 + 1 working day is the make-up Sunday.
    auto due =
        server.Get(server.Login("sales1"), "/api/v1/calendar/deadline?from=2027-02-13T10:00:00%2B08:00&amount=1");
    EXPECT_NE(due.body.find("\"due_day\":\"2027-02-14\""), std::string::npos) << due.body;
}

// Issue 3: `patron penalties run` (ARC-6), by an administrator as cron would run it.
TEST_P(Cli, PenaltiesRun) {
    ServerProcess server(GetParam(), 3);
    std::string out;
    EXPECT_EQ(server.Cli("penalties run --org demo --month 2026-13", &out), 2) << out;
    EXPECT_EQ(server.Cli("penalties run --org demo --month 2026-10 --as sales1", &out), 4) << out;
    ASSERT_EQ(server.Cli("penalties run --org demo --month 2026-10", &out), 0) << out;
    EXPECT_NE(out.find("2026-10:"), std::string::npos) << out;
    ASSERT_EQ(server.Cli("penalties run --org demo --month 2026-10", &out), 0) << out;
    EXPECT_NE(out.find(": 0 proposed"), std::string::npos) << out;  // idempotent
}

INSTANTIATE_TEST_SUITE_P(Backends, Cli, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
