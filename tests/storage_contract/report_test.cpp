// SEC-11 customer statistics reports through the service, on every backend: the counts (one query
// per item over a department's subtree), item changes waiting for the general manager, and
// distributions reviewed (and approved, to another department) before the recipients see them.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/customer_service.hpp"
#include "app/report_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class Reports : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "rep");
        // A supervisor of B店销售部: reads reports sent to B店销售部, decides nothing.
        {
            auto tx = world_->store.Write();
            domain::User u;
            u.org_id = f_.org.id;
            u.id = UserId(tx->NextId());
            u.username = "supervisor_b";
            u.display_name = "supervisor_b";
            u.password_hash = "x";
            u.department_id = f_.sales_b;
            u.version = 1;
            tx->org().InsertUser(u);
            tx->org().InsertAssignment(f_.org.id, {tx->NextId(), u.id, "supervisor", f_.sales_b});
            tx->Commit();
            supervisor_b_ = u.id;
        }
        // A店: three customers of its sales department (one confidential, SEC-6), one of after-sales,
        // created in August and October; B店: one.
        world_->clock.Set(At("2026-08-15T10:00:00+08:00"));
        AddCustomer(f_.sales_a, "李雷", "key", "normal", "LSVAU218XN2183294", "大众");
        AddCustomer(f_.sales_a, "韩梅梅", "potential", "confidential", "LFV2A21K4A4145921", "奥迪");
        world_->clock.Set(At("2026-10-12T09:00:00+08:00"));
        AddCustomer(f_.sales_a, "王芳", "key", "normal", "", "");
        AddCustomer(f_.service_a, "赵强", "general", "normal", "LSVMNSPR9LE166878", "奥迪");
        AddCustomer(f_.sales_b, "钱多", "key", "normal", "LSGPC52U5CF000777", "宝马");
        world_->clock.Set(At("2026-10-12T10:00:00+08:00"));
    }
    void AddCustomer(DepartmentId department,
                     const std::string& name,
                     const std::string& category,
                     const std::string& secrecy,
                     const std::string& vin,
                     const std::string& brand) {
        app::CustomerService customers(world_->ctx);
        auto c = SampleCustomer(department, name);
        c.category = category;
        c.secrecy = secrecy;
        c.owner_id = f_.gm;
        auto created = customers.Create(As(f_.gm), c);
        ASSERT_TRUE(created.ok()) << created.error().message;
        if (vin.empty()) return;
        static int plate = 11110;
        auto v = SampleVehicle(vin, "京A" + std::to_string(++plate));
        v.brand = brand;
        auto added = customers.AddVehicle(As(f_.gm), created->customer.id, v);
        ASSERT_TRUE(added.ok()) << added.error().message;
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::ReportService reports() { return app::ReportService(world_->ctx); }
    // The sales director's report of A店 (the store: its sales and after-sales departments).
    app::ReportView StoreReport(std::vector<std::string> items) {
        auto created = reports().Create(As(f_.sales_director), {"A店客户统计", f_.sales_a, std::move(items)});
        EXPECT_TRUE(created.ok()) << created.error().message;
        return *created;
    }
    static std::int64_t CountOf(const std::vector<domain::ReportFigure>& figures,
                                const std::string& item,
                                const std::string& key) {
        for (const auto& f : figures) {
            if (f.item == item && f.key == key) return f.count;
        }
        return -1;
    }
    std::vector<std::string> AuditActions(const std::string& object_id) {
        world_->audit.Flush();
        storage::AuditQuery q;
        q.org = f_.org.id;
        q.object_id = object_id;
        q.limit = 100;
        std::vector<std::string> actions;
        for (const auto& e : world_->store.Read()->audit().Search(q)) actions.push_back(e.action + ":" + e.outcome);
        return actions;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
    UserId supervisor_b_;
};

TEST_P(Reports, SEC_11_AReportCountsTheCustomersOfItsDepartmentSubtreeAndNothingPersonal) {
    // The sales director holds report.prepare in A店销售部 only: a report of the whole store is not theirs.
    EXPECT_EQ(reports().Create(As(f_.sales_director), {"A店", f_.store_a, {"customers_by_category"}}).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(reports().Create(As(f_.sales1), {"A店", f_.sales_a, {"customers_by_category"}}).error().code,
              ErrorCode::kForbidden);
    auto store = reports().Create(As(f_.director),
                                  {"A店客户统计",
                                   f_.store_a,
                                   {"vehicles_by_brand",
                                    "customers_by_category",
                                    "customers_by_type",
                                    "customers_by_kind",
                                    "customers_by_grade",
                                    "customers_by_department",
                                    "new_customers_by_month"}});
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ(store->report.items.front(), "customers_by_category");  // the catalogue's order
    auto computed = reports().Compute(As(f_.director), store->report.id);
    ASSERT_TRUE(computed.ok()) << computed.error().message;
    const auto& figures = computed->figures;
    // The confidential customer is counted (SEC-6: a count is not personal data); B店's is not.
    EXPECT_EQ(CountOf(figures, "customers_by_category", "key"), 2);
    EXPECT_EQ(CountOf(figures, "customers_by_category", "potential"), 1);
    EXPECT_EQ(CountOf(figures, "customers_by_category", "general"), 1);
    EXPECT_EQ(CountOf(figures, "customers_by_category", "target"), 0);
    EXPECT_EQ(CountOf(figures, "customers_by_type", "general"), 4);
    EXPECT_EQ(CountOf(figures, "customers_by_kind", "individual"), 4);
    EXPECT_EQ(CountOf(figures, "customers_by_grade", ""), 4);
    EXPECT_EQ(CountOf(figures, "customers_by_department", "A店销售部"), 3);
    EXPECT_EQ(CountOf(figures, "customers_by_department", "A店售后服务部"), 1);
    EXPECT_EQ(CountOf(figures, "customers_by_department", "B店销售部"), -1);
    EXPECT_EQ(CountOf(figures, "new_customers_by_month", "2026-08"), 2);
    EXPECT_EQ(CountOf(figures, "new_customers_by_month", "2026-09"), 0);
    EXPECT_EQ(CountOf(figures, "new_customers_by_month", "2026-10"), 2);
    EXPECT_EQ(CountOf(figures, "new_customers_by_month", "2025-11"), 0);
    EXPECT_EQ(CountOf(figures, "vehicles_by_brand", "奥迪"), 2);
    EXPECT_EQ(CountOf(figures, "vehicles_by_brand", "大众"), 1);
    EXPECT_EQ(CountOf(figures, "vehicles_by_brand", "宝马"), -1);
    for (const auto& f : figures) {
        for (const char* name : {"李雷", "韩梅梅", "王芳", "赵强"}) EXPECT_EQ(f.key.find(name), std::string::npos);
    }
    // The sales department's report covers that department only.
    auto sales = StoreReport({"customers_by_category"});
    auto sales_figures = reports().Compute(As(f_.sales_director), sales.report.id);
    ASSERT_TRUE(sales_figures.ok());
    EXPECT_EQ(CountOf(sales_figures->figures, "customers_by_category", "general"), 0);
    EXPECT_EQ(CountOf(sales_figures->figures, "customers_by_category", "key"), 2);
    // Listed to the preparers of the department; the director (group-wide) sees both.
    EXPECT_EQ(reports().List(As(f_.sales_director))->size(), 1u);
    EXPECT_EQ(reports().List(As(f_.director))->size(), 2u);
    EXPECT_EQ(reports().List(As(f_.sales2)).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(reports().Get(As(f_.sales_director), store->report.id).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(reports().Get(As(f_.sales_director), 999999999).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(reports().Compute(As(f_.sales2), sales.report.id).error().code, ErrorCode::kForbidden);
    auto audited = AuditActions(std::to_string(sales.report.id));
    EXPECT_NE(std::find(audited.begin(), audited.end(), "report.compute:ok"), audited.end());
    EXPECT_NE(std::find(audited.begin(), audited.end(), "report.compute:denied"), audited.end());
}

TEST_P(Reports, SEC_11_ChangingAReportsItemsWaitsForTheGeneralManagerAndARejectionKeepsThem) {
    auto report = StoreReport({"customers_by_category"});
    const auto id = report.report.id;
    app::ReportUpdate change;
    change.items = std::vector<std::string>{"customers_by_category", "vehicles_by_brand"};
    change.note = "增加品牌分布";
    change.version = report.report.version;
    auto pending = reports().Update(As(f_.sales_director), id, change);
    ASSERT_TRUE(pending.ok()) << pending.error().message;
    // The report keeps its items; the change waits for the general manager.
    EXPECT_EQ(pending->report.items, std::vector<std::string>{"customers_by_category"});
    ASSERT_TRUE(pending->pending_change.has_value());
    const auto& proposed = pending->pending_change->request;
    EXPECT_EQ(proposed.items, (std::vector<std::string>{"customers_by_category", "vehicles_by_brand"}));
    ASSERT_EQ(proposed.steps.size(), 1u);
    EXPECT_EQ(proposed.steps[0].roles, std::vector<std::string>{"general_manager"});
    auto figures = reports().Compute(As(f_.sales_director), id);
    EXPECT_EQ(CountOf(figures->figures, "vehicles_by_brand", "大众"), -1);
    // One change at a time; an edit based on the old version is stale.
    change.version = pending->report.version;
    EXPECT_EQ(reports().Update(As(f_.sales_director), id, change).error().code, ErrorCode::kConflict);
    app::ReportUpdate stale;
    stale.title = "新标题";
    stale.version = report.report.version;
    EXPECT_EQ(reports().Update(As(f_.sales_director), id, stale).error().code, ErrorCode::kConflict);
    // Only the general manager decides it: not the customer service manager, not the requester.
    EXPECT_EQ(reports().Decide(As(f_.csm), "change", proposed.id, "approve", "", 1).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(reports().Decide(As(f_.sales_director), "change", proposed.id, "approve", "", 1).error().code,
              ErrorCode::kForbidden);
    auto inbox = reports().Requests(As(f_.gm), "change", "inbox");
    ASSERT_EQ(inbox->size(), 1u);
    EXPECT_TRUE(reports().Requests(As(f_.csm), "change", "inbox")->empty());
    EXPECT_EQ(reports().Decide(As(f_.gm), "change", proposed.id, "reject", "", 1).error().details.at(0).field,
              "comment");
    auto rejected = reports().Decide(As(f_.gm), "change", proposed.id, "reject", "品牌数据不全", 1);
    ASSERT_TRUE(rejected.ok()) << rejected.error().message;
    EXPECT_EQ(rejected->request.status, "rejected");
    auto after = reports().Get(As(f_.sales_director), id);
    EXPECT_EQ(after->report.items, std::vector<std::string>{"customers_by_category"});
    EXPECT_FALSE(after->pending_change.has_value());
    // Asked again and approved: the report takes the new items.
    change.version = after->report.version;
    auto again = reports().Update(As(f_.sales_director), id, change);
    ASSERT_TRUE(again.ok()) << again.error().message;
    auto approved = reports().Decide(As(f_.gm), "change", again->pending_change->request.id, "approve", "同意", 1);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->request.status, "approved");
    EXPECT_EQ(reports().Get(As(f_.sales_director), id)->report.items,
              (std::vector<std::string>{"customers_by_category", "vehicles_by_brand"}));
    EXPECT_EQ(CountOf(reports().Compute(As(f_.sales_director), id)->figures, "vehicles_by_brand", "大众"), 1);
    auto audited = AuditActions(std::to_string(proposed.id));
    EXPECT_NE(std::find(audited.begin(), audited.end(), "report.change_decide:ok"), audited.end());
    EXPECT_NE(std::find(audited.begin(), audited.end(), "report.change_decide:denied"), audited.end());
}

// As an access request can be withdrawn: the requester recalls a pending change or distribution;
// nobody else may, a decided one cannot be, and a recalled one changes and sends nothing.
TEST_P(Reports, SEC_11_TheRequesterRecallsAPendingChangeOrDistributionAndNothingHappens) {
    auto report = StoreReport({"customers_by_category"});
    const auto id = report.report.id;
    app::ReportUpdate change;
    change.items = std::vector<std::string>{"customers_by_category", "vehicles_by_brand"};
    change.version = report.report.version;
    auto pending = reports().Update(As(f_.sales_director), id, change);
    ASSERT_TRUE(pending.ok()) << pending.error().message;
    const auto change_id = pending->pending_change->request.id;
    EXPECT_EQ(reports().Withdraw(As(f_.gm), "change", change_id, 1).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(reports().Withdraw(As(f_.sales_director), "change", change_id, 7).error().code, ErrorCode::kConflict);
    auto recalled = reports().Withdraw(As(f_.sales_director), "change", change_id, 1);
    ASSERT_TRUE(recalled.ok()) << recalled.error().message;
    EXPECT_EQ(recalled->request.status, "withdrawn");
    EXPECT_EQ(reports().Withdraw(As(f_.sales_director), "change", change_id, 2).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(reports().Decide(As(f_.gm), "change", change_id, "approve", "", 2).error().code,
              ErrorCode::kFailedPrecondition);
    auto after = reports().Get(As(f_.sales_director), id);
    EXPECT_EQ(after->report.items, std::vector<std::string>{"customers_by_category"});
    EXPECT_FALSE(after->pending_change.has_value());
    EXPECT_TRUE(reports().Requests(As(f_.gm), "change", "inbox")->empty());

    auto asked = reports().Distribute(As(f_.sales_director), id, f_.sales_b, "供B店参考");
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    ASSERT_TRUE(reports().Withdraw(As(f_.sales_director), "distribution", asked->request.id, 1).ok());
    EXPECT_TRUE(reports().Requests(As(f_.csm), "distribution", "inbox")->empty());
    EXPECT_TRUE(reports().Requests(As(supervisor_b_), "distribution", "received")->empty());
    EXPECT_EQ(reports().ExportCsv(As(supervisor_b_), asked->request.id).error().code, ErrorCode::kNotFound);
    auto audited = AuditActions(std::to_string(asked->request.id));
    EXPECT_NE(std::find(audited.begin(), audited.end(), "report.distribution_withdraw:ok"), audited.end());
}

TEST_P(Reports, SEC_11_AReportForAnotherDepartmentIsReviewedThenApprovedAndOnlyThenSeenThere) {
    auto report = StoreReport({"customers_by_category"});
    auto asked = reports().Distribute(As(f_.sales_director), report.report.id, f_.sales_b, "供B店参考");
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    const auto id = asked->request.id;
    ASSERT_EQ(asked->request.steps.size(), 2u);
    EXPECT_EQ(CountOf(asked->request.snapshot, "customers_by_category", "key"), 2);
    // A customer added after the request does not change what is reviewed and sent.
    world_->clock.Set(At("2026-10-12T11:00:00+08:00"));
    AddCustomer(f_.sales_a, "孙丽", "key", "normal", "", "");
    // Before approval the recipient department sees nothing.
    EXPECT_EQ(reports().GetRequest(As(supervisor_b_), "distribution", id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(reports().Requests(As(supervisor_b_), "distribution", "received")->empty());
    EXPECT_EQ(reports().ExportCsv(As(supervisor_b_), id).error().code, ErrorCode::kNotFound);
    // The general manager cannot skip the review; the requester cannot review their own request.
    EXPECT_EQ(reports().Decide(As(f_.gm), "distribution", id, "approve", "", 1).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(reports().Decide(As(f_.sales_director), "distribution", id, "approve", "", 1).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(reports().Decide(As(f_.csm), "distribution", id, "approve", "", 7).error().code, ErrorCode::kConflict);
    auto reviewed = reports().Decide(As(f_.csm), "distribution", id, "approve", "数据已核对", 1);
    ASSERT_TRUE(reviewed.ok()) << reviewed.error().message;
    EXPECT_EQ(reviewed->request.status, "pending");
    // Reviewed but not approved: still invisible to the recipients.
    EXPECT_EQ(reports().GetRequest(As(supervisor_b_), "distribution", id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(reports().Decide(As(f_.csm), "distribution", id, "approve", "", 2).error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(reports().GetRequest(As(f_.gm), "distribution", id).ok());  // the approver sees what they approve
    auto approved = reports().Decide(As(f_.gm), "distribution", id, "approve", "同意分发", 2);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->request.status, "approved");
    // Now the supervisor of B店销售部 reads exactly the snapshot; a consultant there (no report.read)
    // and A店's staff do not.
    auto seen = reports().GetRequest(As(supervisor_b_), "distribution", id);
    ASSERT_TRUE(seen.ok()) << seen.error().message;
    EXPECT_TRUE(seen->received);
    EXPECT_EQ(CountOf(seen->request.snapshot, "customers_by_category", "key"), 2);
    EXPECT_EQ(reports().Requests(As(supervisor_b_), "distribution", "received")->size(), 1u);
    EXPECT_EQ(reports().GetRequest(As(f_.sales2), "distribution", id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(reports().GetRequest(As(f_.sales1), "distribution", id).error().code, ErrorCode::kNotFound);
    auto csv = reports().ExportCsv(As(supervisor_b_), id);
    ASSERT_TRUE(csv.ok()) << csv.error().message;
    EXPECT_NE(csv->find("# Patron customer report export by supervisor_b at "), std::string::npos);
    EXPECT_NE(csv->find("customers_by_category,key,2\n"), std::string::npos) << *csv;
    // The requester sees it but is not a recipient: no download.
    EXPECT_EQ(reports().ExportCsv(As(f_.sales_director), id).error().code, ErrorCode::kForbidden);
    auto audited = AuditActions(std::to_string(id));
    for (const char* action :
         {"report.distribution_decide:ok", "report.read:ok", "report.read:denied", "report.export:ok"}) {
        EXPECT_NE(std::find(audited.begin(), audited.end(), action), audited.end()) << action;
    }
}

TEST_P(Reports, SEC_11_AReportForItsOwnDepartmentIsReviewedAndARejectedOneIsNeverSeen) {
    auto report = StoreReport({"customers_by_category"});
    auto own = reports().Distribute(As(f_.sales_director), report.report.id, f_.sales_a, "");
    ASSERT_TRUE(own.ok()) << own.error().message;
    ASSERT_EQ(own->request.steps.size(), 1u);
    EXPECT_EQ(own->request.steps[0].roles, std::vector<std::string>{"customer_service_manager"});
    auto inbox = reports().Requests(As(f_.csm), "distribution", "inbox");
    ASSERT_EQ(inbox->size(), 1u);
    EXPECT_TRUE(inbox->front().may_decide);
    auto reviewed = reports().Decide(As(f_.csm), "distribution", own->request.id, "approve", "", 1);
    ASSERT_TRUE(reviewed.ok()) << reviewed.error().message;
    EXPECT_EQ(reviewed->request.status, "approved");
    // To B店 and rejected at the review: nobody there ever sees it, and nothing is deleted.
    auto other = reports().Distribute(As(f_.sales_director), report.report.id, f_.sales_b, "");
    ASSERT_TRUE(other.ok());
    auto rejected = reports().Decide(As(f_.csm), "distribution", other->request.id, "reject", "不宜外发", 1);
    ASSERT_TRUE(rejected.ok()) << rejected.error().message;
    EXPECT_EQ(rejected->request.status, "rejected");
    EXPECT_EQ(reports().Decide(As(f_.gm), "distribution", other->request.id, "approve", "", 2).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(reports().GetRequest(As(supervisor_b_), "distribution", other->request.id).error().code,
              ErrorCode::kNotFound);
    EXPECT_TRUE(reports().Requests(As(supervisor_b_), "distribution", "received")->empty());
    auto mine = reports().Requests(As(f_.sales_director), "distribution", "mine");
    ASSERT_EQ(mine->size(), 2u);
    // Bad input changes nothing.
    EXPECT_EQ(reports().Distribute(As(f_.sales_director), report.report.id, DepartmentId(999999), "").error().field,
              "recipient_department_id");
    EXPECT_EQ(reports().Distribute(As(f_.sales2), report.report.id, f_.sales_b, "").error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(reports().Create(As(f_.sales_director), {"x", DepartmentId(999999), {"customers_by_kind"}}).error().field,
              "department_id");
    EXPECT_EQ(reports().Requests(As(f_.sales_director), "distribution", "mine")->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reports, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
