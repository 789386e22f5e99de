// Domain rules without a database.
#include <gtest/gtest.h>

#include "app/csv.hpp"
#include "domain/customer.hpp"
#include "domain/formats.hpp"
#include "domain/masking.hpp"
#include "domain/organization.hpp"
#include "domain/policy.hpp"
#include "domain/search.hpp"
#include "domain/session.hpp"

namespace patron::domain {
namespace {

TEST(Formats, PhonesMobileAndLandlineWithAreaCode) {
    EXPECT_EQ(CheckPhone("13812345678"), "");
    EXPECT_EQ(CheckPhone("+8613812345678"), "");
    EXPECT_EQ(CheckPhone("010-12345678"), "");
    EXPECT_EQ(CheckPhone("0755-8123456"), "");
    EXPECT_EQ(CheckPhone("021-12345678-123"), "");
    EXPECT_NE(CheckPhone("12812345678"), "");  // 12x is not a mobile prefix
    EXPECT_NE(CheckPhone("1381234567"), "");   // 10 digits
    EXPECT_NE(CheckPhone("12345678"), "");     // ARC-2(1): landline needs its area code
    EXPECT_NE(CheckPhone("010-123"), "");
    EXPECT_NE(CheckPhone(""), "");
}

TEST(Formats, IdCardNumberChecksumAndDate) {
    std::string first17 = "11010519491231002";
    std::string valid = first17 + IdCardCheckDigit(first17);
    EXPECT_EQ(CheckIdNumber(valid), "");
    std::string wrong = valid;
    wrong[17] = wrong[17] == '0' ? '1' : '0';
    EXPECT_NE(CheckIdNumber(wrong), "");
    EXPECT_EQ(CheckIdNumber("11010519491231002X"), "");  // the published example: check digit X
    EXPECT_EQ(CheckIdNumber("91350100M000100Y43"), "");  // unified social credit code (GB 32100)
    EXPECT_NE(CheckIdNumber("91350100M000100Y44"), "");
    EXPECT_NE(CheckIdNumber("abc"), "");
}

TEST(Formats, VinNeedsSeventeenCharactersWithoutIOQAndItsCheckDigit) {
    EXPECT_EQ(CheckVin("1M8GDM9AXKP042788"), "");  // the textbook example
    EXPECT_NE(CheckVin("1M8GDM9A1KP042788"), "");  // wrong check digit
    EXPECT_NE(CheckVin("1M8GDM9AXKP04278"), "");   // 16 characters
    EXPECT_NE(CheckVin("1M8GDM9AXKP0427O8"), "");  // letter O
}

TEST(Formats, PlatesProvinceLetterAndFiveOrSix) {
    EXPECT_EQ(CheckPlate("京A12345"), "");
    EXPECT_EQ(CheckPlate("粤BD12345"), "");  // new-energy plate
    EXPECT_NE(CheckPlate("A12345"), "");
    EXPECT_NE(CheckPlate("京12345"), "");
    EXPECT_NE(CheckPlate("京A1234"), "");
}

TEST(Masking, PhonesIdNumbersAndAddresses) {
    EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
    EXPECT_EQ(MaskPhone("010-12345678"), "010-****5678");
    EXPECT_EQ(MaskIdNumber("110105194912310021"), "110***********0021");
    EXPECT_EQ(MaskAddress("北京市朝阳区建国路88号"), "北京市朝阳区****");
    EXPECT_EQ(MaskPhone(""), "");
    EXPECT_EQ(MaskDigitRuns("q=13812345678 王芳"), "q=138******78 王芳");
    EXPECT_EQ(MaskDigitRuns("11010519491231002X"), "110*************2X");
    EXPECT_EQ(MaskDigitRuns("京A12345"), "京A12345");
}

TEST(Customer, CLS_1_SpecialKindOnlyForSpecialCustomers) {
    Customer c;
    c.name = "张律师";
    c.department_id = DepartmentId(1);
    c.customer_type = "general";
    c.special_kind = "lawyer";
    EXPECT_FALSE(ValidateCustomer(c).ok());
    c.customer_type = "special";
    EXPECT_TRUE(ValidateCustomer(c).ok());
    c.special_kind = "astrologer";
    EXPECT_FALSE(ValidateCustomer(c).ok());
}

TEST(Customer, CLS_2_CategoryIsTargetGeneralKeyOrPotential) {
    Customer c;
    c.name = "王芳";
    c.department_id = DepartmentId(1);
    for (const char* category : {"target", "general", "key", "potential"}) {
        c.category = category;
        EXPECT_TRUE(ValidateCustomer(c).ok()) << category;
    }
    c.category = "vip";
    auto status = ValidateCustomer(c);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().field, "category");
}

TEST(Customer, CLS_10_SeveralContactsButOnePrimary) {
    Customer c;
    c.name = "北京华信";
    c.kind = "company";
    c.company_name = "北京华信汽车销售有限公司";
    c.department_id = DepartmentId(1);
    c.contacts = {{"张伟", "采购经理", "13900001111", "", "", true}, {"李娜", "财务", "", "010-12345678", "", false}};
    EXPECT_TRUE(ValidateCustomer(c).ok());
    c.contacts[1].is_primary = true;
    EXPECT_FALSE(ValidateCustomer(c).ok());
}

TEST(Customer, LimitsCountCharactersNotBytes) {
    Customer c;
    c.department_id = DepartmentId(1);
    c.name = std::string();
    for (int char_idx = 0; char_idx < kNameMax; ++char_idx) c.name += "王";  // 300 bytes, 100 characters
    EXPECT_TRUE(ValidateCustomer(c).ok());
    c.name += "王";
    EXPECT_FALSE(ValidateCustomer(c).ok());
    c.name = "\xff\xfe";
    EXPECT_FALSE(ValidateCustomer(c).ok());
}

TEST(Customer, ControlCharactersAreRefusedOutsideMultilineText) {
    Customer c;
    c.name = "王\x1e芳";
    c.department_id = DepartmentId(1);
    EXPECT_FALSE(ValidateCustomer(c).ok());
    c.name = "王芳";
    c.notes = "第一行\n第二行";
    EXPECT_TRUE(ValidateCustomer(c).ok());
    c.phones = {{"mobile", "13812345678", "备\x1f用"}};
    EXPECT_FALSE(ValidateCustomer(c).ok());
}

TEST(Customer, DiffNamesEveryChangedField) {
    Customer a;
    a.name = "王芳";
    a.phones = {{"mobile", "13812345678", ""}};
    Customer b = a;
    b.name = "王芳芳";
    b.phones[0].number = "13912345678";
    auto changes = DiffCustomer(a, b);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].field, "name");
    EXPECT_EQ(changes[0].old_value, "王芳");
    EXPECT_EQ(changes[1].field, "phones");
}

TEST(Organization, ORG_3_AssignmentCoversItsDepartmentAndBelowOnly) {
    std::vector<Department> departments = {
        {DepartmentId(1), OrgId(1), DepartmentId(), "集团", "group", "", 1},
        {DepartmentId(2), OrgId(1), DepartmentId(1), "A店", "store", "", 1},
        {DepartmentId(3), OrgId(1), DepartmentId(2), "A店销售部", "department", "sales", 1},
        {DepartmentId(4), OrgId(1), DepartmentId(1), "B店", "store", "", 1},
    };
    DepartmentTree tree(departments);
    Principal p(
        OrgId(1), UserId(9), "u", "U", {{1, UserId(9), "sales_director", DepartmentId(2)}}, DefaultRoles(), tree);
    EXPECT_TRUE(p.HasIn(perm::kCustomerRead, DepartmentId(2)));
    EXPECT_TRUE(p.HasIn(perm::kCustomerRead, DepartmentId(3)));
    EXPECT_FALSE(p.HasIn(perm::kCustomerRead, DepartmentId(4)));
    EXPECT_FALSE(p.HasIn(perm::kCustomerRead, DepartmentId(1)));
    EXPECT_FALSE(p.Has(perm::kOrgManage));
    EXPECT_TRUE(tree.WouldCycle(DepartmentId(2), DepartmentId(3)));
    EXPECT_FALSE(tree.WouldCycle(DepartmentId(3), DepartmentId(4)));
}

TEST(Organization, ORG_2_EveryRoleOfThePolicyExists) {
    std::set<std::string> codes;
    for (const auto& role : DefaultRoles()) codes.insert(role.code);
    for (const char* role : {"general_manager",
                             "customer_director",
                             "customer_service_manager",
                             "supervisor",
                             "archive_keeper",
                             "customer_info_supervisor",
                             "info_specialist",
                             "sales_director",
                             "sales_consultant",
                             "service_advisor",
                             "cr_manager",
                             "cr_specialist",
                             "coordination_assistant",
                             "customer_resource_director",
                             "exec_committee_chair"}) {
        EXPECT_TRUE(codes.count(role)) << role;
    }
}

TEST(Organization, PasswordsAreAtLeastTwelveCharacters) {
    EXPECT_FALSE(CheckPasswordStrength("short-pass1", "u").ok());
    EXPECT_TRUE(CheckPasswordStrength("long-enough-1", "u").ok());
    EXPECT_FALSE(CheckPasswordStrength("aaaaaaaaaaaaaa", "u").ok());
    EXPECT_TRUE(CheckPasswordStrength("十二个汉字的密码就足够长了吧", "u").ok());
}

TEST(Session, IdleAndAbsoluteExpiry) {
    Session s;
    s.created_at = s.last_seen_at = 0;
    s.expires_at = 12 * kHourMs;
    EXPECT_EQ(CheckSession(s, 29 * kMinuteMs, 30 * kMinuteMs), SessionState::kValid);
    EXPECT_EQ(CheckSession(s, 30 * kMinuteMs, 30 * kMinuteMs), SessionState::kIdleExpired);
    s.last_seen_at = 12 * kHourMs - kMinuteMs;
    EXPECT_EQ(CheckSession(s, 12 * kHourMs, 30 * kMinuteMs), SessionState::kExpired);
    s.revoked_at = 1;
    EXPECT_EQ(CheckSession(s, 2, 30 * kMinuteMs), SessionState::kRevoked);
}

TEST(Clock, TimestampsRoundTripAsRfc3339) {
    EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatTimestamp(1795767221123), "2026-11-27T08:13:41.123Z");
    Timestamp parsed = 0;
    ASSERT_TRUE(ParseTimestamp("2026-11-27T16:13:41.123+08:00", &parsed));
    EXPECT_EQ(parsed, 1795767221123);
    ASSERT_TRUE(ParseTimestamp("2024-02-29", &parsed));
    EXPECT_EQ(FormatTimestamp(parsed), "2024-02-29T00:00:00.000Z");
    EXPECT_FALSE(ParseTimestamp("2026-13-01", &parsed));
    EXPECT_FALSE(ParseTimestamp("yesterday", &parsed));
}

TEST(Search, ShortChineseQueriesUseGramsNotTrigrams) {
    EXPECT_EQ(PlanQuery(""), QueryPlan::kAll);
    EXPECT_EQ(PlanQuery("王"), QueryPlan::kGram);
    EXPECT_EQ(PlanQuery("王芳"), QueryPlan::kGram);
    EXPECT_EQ(PlanQuery("王芳芳"), QueryPlan::kTrigram);
    EXPECT_EQ(PlanQuery("13"), QueryPlan::kScan);
    EXPECT_EQ(PlanQuery("王1"), QueryPlan::kGram);
    EXPECT_EQ(PlanQuery("A1"), QueryPlan::kScan);
    Customer c;
    c.name = "欧阳娜娜";
    Vehicle v;
    v.plate = "浙A12345";
    auto grams = ShortGrams(c, {v});
    EXPECT_TRUE(grams.count("欧"));
    EXPECT_TRUE(grams.count("欧阳"));
    EXPECT_TRUE(grams.count("娜娜"));
    EXPECT_FALSE(grams.count("欧阳娜"));
    EXPECT_TRUE(grams.count("浙"));
    EXPECT_TRUE(grams.count("浙a"));  // lower-cased like queries
    EXPECT_FALSE(grams.count("12"));
    EXPECT_EQ(NormalizeQuery("  ABC   def "), "abc def");
}

TEST(Policy, EveryDefaultIsWithinItsRange) {
    for (const auto& setting : PolicyCatalog()) {
        EXPECT_TRUE(ValidatePolicyValue(setting, setting.default_value).ok()) << setting.key;
    }
    PolicyValues values;
    EXPECT_EQ(values.Get("archive.sales_handover_working_days"), 3);  // ARC-4 default
    EXPECT_EQ(values.Get("penalty.late_sales_handover_fen"), 5000);   // ARC-6a: 50 RMB
    values.Set("archive.sales_handover_working_days", 5);
    EXPECT_EQ(values.Get("archive.sales_handover_working_days"), 5);
}

TEST(Csv, QuotesCommasNewlinesAndFormulaInjection) {
    std::string error;
    auto rows = app::ParseCsv("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",z\n\n", &error);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[1].fields[0], "x, y");
    EXPECT_EQ((*rows)[1].fields[1], "he said \"hi\"");
    EXPECT_EQ((*rows)[2].fields[0], "multi\nline");
    EXPECT_EQ((*rows)[2].line, 3u);
    EXPECT_FALSE(app::ParseCsv("\"open", &error));
    EXPECT_EQ(app::CsvField("=SUM(A1)"), "'=SUM(A1)");
    EXPECT_EQ(app::CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(app::DecodeToUtf8("\xD5\xC5\xC8\xFD").value_or(""), "张三");
    EXPECT_EQ(app::DecodeToUtf8("\xEF\xBB\xBF王").value_or(""), "王");
}

}  // namespace
}  // namespace patron::domain
