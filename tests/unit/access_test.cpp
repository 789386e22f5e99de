// SEC-2 … SEC-6, SEC-12 rules without a database: chains, approvers, grants, the role check.
#include "domain/access.hpp"

#include <gtest/gtest.h>

namespace patron::domain {
namespace {

constexpr Timestamp kDay = 24LL * 3600 * 1000;

class Access : public ::testing::Test {
protected:
    // 集团(1) → A店(2) → A店销售部(3); 集团 → B店(4) → B店销售部(5).
    DepartmentTree tree_{std::vector<Department>{
        {DepartmentId(1), OrgId(1), DepartmentId(), "集团", "group", "", 1},
        {DepartmentId(2), OrgId(1), DepartmentId(1), "A店", "store", "", 1},
        {DepartmentId(3), OrgId(1), DepartmentId(2), "A店销售部", "department", "sales", 1},
        {DepartmentId(4), OrgId(1), DepartmentId(1), "B店", "store", "", 1},
        {DepartmentId(5), OrgId(1), DepartmentId(4), "B店销售部", "department", "sales", 1},
    }};
    // A consultant of A店销售部 asks for a record of `department`.
    AccessRequest Request(DepartmentId department, const std::string& secrecy = "normal") {
        AccessRequest r;
        r.requester = UserId(10);
        r.requester_department = DepartmentId(3);
        r.object_type = "archive";
        r.object_id = 77;
        r.object_department = department;
        r.object_secrecy = secrecy;
        r.actions = {"read"};
        r.purpose = "回访";
        r.reason = "客户投诉需要查阅购车合同";
        r.steps =
            ChainFor(DefaultApprovalChains(), department == r.requester_department, IsClassified(secrecy), {"read"});
        return r;
    }
    static std::vector<RoleAssignment> Holds(UserId user, const char* role, DepartmentId where) {
        return {{1, user, role, where}};
    }
};

TEST_F(Access, SEC_4_OwnDepartmentIsApprovedByItsManagerAnotherByTheGeneralManager) {
    auto own = Request(DepartmentId(3));
    ASSERT_EQ(own.steps.size(), 1u);
    EXPECT_EQ(WhyNotApprover(own, UserId(20), Holds(UserId(20), "sales_director", DepartmentId(3)), tree_),
              std::nullopt);
    // A manager of another store is not this department's manager.
    EXPECT_NE(WhyNotApprover(own, UserId(21), Holds(UserId(21), "sales_director", DepartmentId(5)), tree_),
              std::nullopt);
    EXPECT_NE(WhyNotApprover(own, UserId(22), Holds(UserId(22), "sales_consultant", DepartmentId(3)), tree_),
              std::nullopt);

    auto other = Request(DepartmentId(5));
    ASSERT_EQ(other.steps.size(), 1u);
    EXPECT_NE(WhyNotApprover(other, UserId(21), Holds(UserId(21), "sales_director", DepartmentId(5)), tree_),
              std::nullopt);
    EXPECT_EQ(WhyNotApprover(other, UserId(30), Holds(UserId(30), "general_manager", DepartmentId(1)), tree_),
              std::nullopt);
}

TEST_F(Access, SEC_3_ClassifiedRecordsAddTheCustomerServiceManager) {
    auto r = Request(DepartmentId(3), "confidential");
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_EQ(r.steps[1].roles, std::vector<std::string>{"customer_service_manager"});
    r.decisions.push_back({0, UserId(20), "approve", "", 0});
    EXPECT_NE(WhyNotApprover(r, UserId(21), Holds(UserId(21), "sales_director", DepartmentId(3)), tree_), std::nullopt);
    EXPECT_EQ(WhyNotApprover(r, UserId(40), Holds(UserId(40), "customer_service_manager", DepartmentId(4)), tree_),
              std::nullopt);
    EXPECT_EQ(Request(DepartmentId(3), "top_secret").steps.size(), 2u);
}

TEST_F(Access, SEC_7_SEC_8_CopyingAndDisclosureHaveTheirOwnApproversAndAStepIsPassedOnce) {
    const auto chains = DefaultApprovalChains();
    // SEC-7: the general manager or the customer information supervisor.
    auto copy = ChainFor(chains, true, false, {"copy"});
    ASSERT_EQ(copy.size(), 1u);
    EXPECT_EQ(copy[0].roles, (std::vector<std::string>{"general_manager", "customer_info_supervisor"}));
    // SEC-8: the customer information supervisor, then the customer service manager.
    auto disclose = ChainFor(chains, true, false, {"disclose"});
    ASSERT_EQ(disclose.size(), 2u);
    EXPECT_EQ(disclose[0].roles, std::vector<std::string>{"customer_info_supervisor"});
    EXPECT_EQ(disclose[1].roles, std::vector<std::string>{"customer_service_manager"});
    // Reading another department's record and giving it out: SEC-4's general manager first, then
    // SEC-8; the customer service manager of a classified record's SEC-3 step only once.
    auto both = ChainFor(chains, false, true, {"disclose", "read"});
    ASSERT_EQ(both.size(), 3u);
    EXPECT_EQ(both[0].roles, std::vector<std::string>{"general_manager"});
    EXPECT_EQ(both[2].roles, std::vector<std::string>{"customer_service_manager"});
}

TEST_F(Access, SEC_2_NobodyApprovesTheirOwnRequestOrTwoStepsOfOne) {
    auto r = Request(DepartmentId(3), "confidential");
    // The requester is also a department head and a customer service manager: still refused.
    std::vector<RoleAssignment> both = {{1, UserId(10), "sales_director", DepartmentId(3)},
                                        {2, UserId(10), "customer_service_manager", DepartmentId(1)}};
    EXPECT_NE(WhyNotApprover(r, UserId(10), both, tree_), std::nullopt);
    std::vector<RoleAssignment> approver = {{1, UserId(20), "sales_director", DepartmentId(3)},
                                            {2, UserId(20), "customer_service_manager", DepartmentId(1)}};
    EXPECT_EQ(WhyNotApprover(r, UserId(20), approver, tree_), std::nullopt);
    r.decisions.push_back({0, UserId(20), "approve", "", 0});
    EXPECT_NE(WhyNotApprover(r, UserId(20), approver, tree_), std::nullopt);  // four eyes
    r.status = "rejected";
    EXPECT_NE(WhyNotApprover(r, UserId(40), Holds(UserId(40), "customer_service_manager", DepartmentId(1)), tree_),
              std::nullopt);
}

TEST_F(Access, SEC_2_ARequestNamesPurposeReasonActionsAndDays) {
    auto r = Request(DepartmentId(3));
    r.actions = {"read", "read", "lend"};
    EXPECT_TRUE(ValidateRequest(r).ok());
    EXPECT_EQ(r.actions, (std::vector<std::string>{"lend", "read"}));
    auto no_reason = Request(DepartmentId(3));
    no_reason.reason = "  ";
    EXPECT_EQ(ValidateRequest(no_reason).error().field, "reason");
    auto bad_action = Request(DepartmentId(3));
    bad_action.actions = {"delete"};
    EXPECT_EQ(ValidateRequest(bad_action).error().field, "actions");
    auto too_long = Request(DepartmentId(3));
    too_long.days = kMaxGrantDays + 1;
    EXPECT_EQ(ValidateRequest(too_long).error().field, "days");
}

TEST_F(Access, SEC_4_AGrantAllowsItsActionsOnlyWhileInForce) {
    AccessGrant g;
    g.actions = {"read"};
    g.valid_from = 10 * kDay;
    g.valid_until = 13 * kDay;
    EXPECT_FALSE(GrantAllows(g, "read", 10 * kDay - 1));
    EXPECT_TRUE(GrantAllows(g, "read", 10 * kDay));
    EXPECT_FALSE(GrantAllows(g, "copy", 11 * kDay));
    EXPECT_FALSE(GrantAllows(g, "read", 13 * kDay));
    EXPECT_EQ(GrantStatus(g, 13 * kDay), "expired");
    g.revoked_at = 11 * kDay;
    EXPECT_FALSE(GrantAllows(g, "read", 12 * kDay));
    EXPECT_EQ(GrantStatus(g, 12 * kDay), "revoked");
}

TEST_F(Access, SEC_6_ClassifiedRecordsNeedAGrantEvenInTheOwnDepartmentExceptForTheirCustodian) {
    Principal director(
        OrgId(1), UserId(20), "d", "D", Holds(UserId(20), "sales_director", DepartmentId(2)), DefaultRoles(), tree_);
    RecordAccess normal{DepartmentId(3), "normal", UserId()};
    EXPECT_TRUE(AllowedByRole(director, perm::kArchiveRead, normal));
    RecordAccess elsewhere{DepartmentId(5), "normal", UserId()};
    EXPECT_FALSE(AllowedByRole(director, perm::kArchiveRead, elsewhere));
    RecordAccess classified{DepartmentId(3), "confidential", UserId(21)};
    EXPECT_FALSE(AllowedByRole(director, perm::kArchiveRead, classified));
    RecordAccess kept_by_director{DepartmentId(3), "top_secret", UserId(20)};
    EXPECT_TRUE(AllowedByRole(director, perm::kArchiveRead, kept_by_director));
    // The archive keepers of the department keep classified archives apart and manage them.
    Principal keeper(
        OrgId(1), UserId(40), "k", "K", Holds(UserId(40), "archive_keeper", DepartmentId(1)), DefaultRoles(), tree_);
    RecordAccess classified_archive{DepartmentId(3), "confidential", UserId(21), perm::kArchiveManage};
    EXPECT_TRUE(AllowedByRole(keeper, perm::kArchiveManage, classified_archive));
    EXPECT_FALSE(AllowedByRole(director, perm::kArchiveRead, classified_archive));
    EXPECT_FALSE(AllowedByRole(keeper, perm::kArchiveManage, classified));  // no keeper rule: the custodian only
}

TEST_F(Access, SEC_2_ChainsNameKnownRolesAndScopes) {
    EXPECT_TRUE(ValidateChain(DefaultApprovalChains().own_department, DefaultRoles()).ok());
    EXPECT_TRUE(ValidateChain(DefaultApprovalChains().classified, DefaultRoles()).ok());
    std::vector<ApprovalStep> bad = {{"部门经理", {"no_such_role"}, "record_department"}};
    EXPECT_EQ(ValidateChain(bad, DefaultRoles()).error().field, "steps[0].roles");
    std::vector<ApprovalStep> nowhere = {{"部门经理", {"supervisor"}, "moon"}};
    EXPECT_EQ(ValidateChain(nowhere, DefaultRoles()).error().field, "steps[0].scope");
}

}  // namespace
}  // namespace patron::domain
