// SEC-2 … SEC-6, SEC-12 storage: approval chains, access requests with their decisions, grants,
// on every backend.
#include <gtest/gtest.h>

#include "app/access_service.hpp"
#include "app/archive_service.hpp"
#include "app/customer_service.hpp"
#include "app/visitor_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

constexpr Timestamp kDay = 24LL * 3600 * 1000;

class AccessStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "acc");
        other_ = MakeOrg(world_->ctx, "acc2");
    }
    storage::Store& store() { return world_->store; }
    domain::AccessRequest Request(std::int64_t id) {
        domain::AccessRequest q;
        q.id = domain::AccessRequestId(id);
        q.org_id = f_.org.id;
        q.version = 1;
        q.requester = f_.sales1;
        q.requester_department = f_.sales_a;
        q.object_type = "archive";
        q.object_id = 4242;
        q.object_department = f_.sales_b;
        q.object_secrecy = "confidential";
        q.actions = {"lend", "read"};
        q.purpose = "客户投诉处理";
        q.reason = "需要查阅合同原件";
        q.days = 3;
        q.steps = domain::ChainFor(domain::DefaultApprovalChains(), false, true, {"read"});
        q.created_at = 5 * kDay;
        return q;
    }
    domain::AccessGrant Grant(std::int64_t id, UserId grantee, std::int64_t object, Timestamp from, Timestamp until) {
        domain::AccessGrant g;
        g.id = domain::AccessGrantId(id);
        g.org_id = f_.org.id;
        g.grantee = grantee;
        g.object_type = "archive";
        g.object_id = object;
        g.actions = {"read"};
        g.valid_from = from;
        g.valid_until = until;
        g.granted_by = f_.gm;
        g.kind = "authorisation";
        g.reason = "SEC-12 总经理授权";
        g.created_at = from;
        return g;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_, other_;
};

TEST_P(AccessStore, SEC_2_ARequestKeepsItsChainAndEachStepsDecision) {
    std::int64_t id = 0;
    {
        auto tx = store().Write();
        id = tx->NextId();
        tx->access().InsertRequest(Request(id));
        tx->Commit();
    }
    auto tx = store().Write();
    auto q = tx->access().GetRequest(f_.org.id, domain::AccessRequestId(id));
    ASSERT_TRUE(q);
    EXPECT_EQ(q->actions, (std::vector<std::string>{"lend", "read"}));
    ASSERT_EQ(q->steps.size(), 2u);
    EXPECT_EQ(q->steps[0].roles, std::vector<std::string>{"general_manager"});
    EXPECT_EQ(q->steps[0].scope, "organisation");
    EXPECT_EQ(q->steps[1].name, domain::DefaultApprovalChains().classified[0].name);
    EXPECT_EQ(q->object_secrecy, "confidential");
    EXPECT_EQ(q->reason, "需要查阅合同原件");
    EXPECT_TRUE(q->decisions.empty());
    // The first step approved: version 1 -> 2; a decision on the stale version changes nothing.
    q->version = 2;
    ASSERT_TRUE(tx->access().Decide(*q, {0, f_.gm, "approve", "同意", 6 * kDay}, 1));
    EXPECT_FALSE(tx->access().Decide(*q, {1, f_.director, "approve", "", 6 * kDay}, 1));
    q->version = 3;
    q->status = "rejected";
    q->decided_at = 7 * kDay;
    ASSERT_TRUE(tx->access().Decide(*q, {1, f_.director, "reject", "用途不明", 7 * kDay}, 2));
    tx->Commit();
    tx.reset();
    auto read = store().Read();
    auto stored = read->access().GetRequest(f_.org.id, domain::AccessRequestId(id));
    ASSERT_EQ(stored->decisions.size(), 2u);
    EXPECT_EQ(stored->decisions[0].approver, f_.gm);
    EXPECT_EQ(stored->decisions[0].comment, "同意");
    EXPECT_EQ(stored->decisions[1].decision, "reject");
    EXPECT_EQ(stored->status, "rejected");
    EXPECT_EQ(stored->decided_at, 7 * kDay);
    EXPECT_EQ(read->access().RequestsBy(f_.org.id, f_.sales1, 10).size(), 1u);
    EXPECT_TRUE(read->access().RequestsWithStatus(f_.org.id, "pending", 10).empty());
    EXPECT_EQ(read->access().RequestsWithStatus(f_.org.id, "rejected", 10).size(), 1u);
    // Another organisation sees none of it.
    EXPECT_FALSE(read->access().GetRequest(other_.org.id, domain::AccessRequestId(id)));
    EXPECT_TRUE(read->access().RequestsWithStatus(other_.org.id, "rejected", 10).empty());
}

TEST_P(AccessStore, SEC_4_GrantsInForceAreFoundAndARevocationHappensOnce) {
    std::int64_t first = 0;
    {
        auto tx = store().Write();
        first = tx->ReserveIds(5);
        tx->access().InsertGrant(Grant(first, f_.sales1, 1001, 10 * kDay, 13 * kDay));      // in force on day 11
        tx->access().InsertGrant(Grant(first + 1, f_.sales1, 1002, 1 * kDay, 4 * kDay));    // expired
        tx->access().InsertGrant(Grant(first + 2, f_.sales1, 1003, 20 * kDay, 23 * kDay));  // not yet
        tx->access().InsertGrant(Grant(first + 3, f_.sales2, 1004, 10 * kDay, 13 * kDay));  // someone else's
        auto copy = Grant(first + 4, f_.sales1, 1005, 10 * kDay, 13 * kDay);
        copy.actions = {"copy"};
        tx->access().InsertGrant(copy);
        tx->Commit();
    }
    auto tx = store().Write();
    EXPECT_EQ(tx->access().GrantedIds(f_.org.id, f_.sales1, "archive", "read", 11 * kDay),
              std::vector<std::int64_t>{1001});
    EXPECT_EQ(tx->access().GrantedIds(f_.org.id, f_.sales1, "archive", "copy", 11 * kDay),
              std::vector<std::int64_t>{1005});
    EXPECT_TRUE(tx->access().GrantedIds(f_.org.id, f_.sales1, "customer", "read", 11 * kDay).empty());
    EXPECT_EQ(tx->access().GrantsOn(f_.org.id, f_.sales1, "archive", 1001, 11 * kDay).size(), 1u);
    EXPECT_TRUE(tx->access().GrantsOn(f_.org.id, f_.sales1, "archive", 1002, 11 * kDay).empty());
    EXPECT_TRUE(tx->access().GrantsOn(f_.org.id, f_.sales1, "archive", 1004, 11 * kDay).empty());
    EXPECT_EQ(tx->access().Grants(f_.org.id, f_.sales1, 10).size(), 4u);
    EXPECT_EQ(tx->access().Grants(f_.org.id, UserId(), 10).size(), 5u);
    EXPECT_TRUE(tx->access().Revoke(f_.org.id, domain::AccessGrantId(first), f_.gm, "任务结束", 12 * kDay));
    EXPECT_FALSE(tx->access().Revoke(f_.org.id, domain::AccessGrantId(first), f_.gm, "again", 12 * kDay));
    EXPECT_TRUE(tx->access().GrantedIds(f_.org.id, f_.sales1, "archive", "read", 12 * kDay).empty());
    auto revoked = tx->access().GetGrant(f_.org.id, domain::AccessGrantId(first));
    ASSERT_TRUE(revoked);
    EXPECT_EQ(revoked->revoked_by, f_.gm);
    EXPECT_EQ(revoked->revoke_reason, "任务结束");
    EXPECT_EQ(revoked->kind, "authorisation");
    EXPECT_FALSE(tx->access().GetGrant(other_.org.id, domain::AccessGrantId(first)));
    EXPECT_TRUE(tx->access().GrantedIds(other_.org.id, f_.sales1, "archive", "read", 11 * kDay).empty());
}

TEST_P(AccessStore, SEC_2_ChainsAreVersionedAndAStaleEditChangesNothing) {
    auto tx = store().Write();
    EXPECT_FALSE(tx->access().GetChain(f_.org.id, "own_department"));
    std::vector<domain::ApprovalStep> steps = {
        {"部门负责人审批", {"supervisor", "sales_director"}, "requester_department"},
        {"客服部审核", {"customer_service_manager"}, "organisation"}};
    ASSERT_TRUE(tx->access().PutChain(f_.org.id, "own_department", steps, 0, f_.admin, kDay));
    EXPECT_FALSE(tx->access().PutChain(f_.org.id, "own_department", {}, 0, f_.admin, kDay));
    auto stored = tx->access().GetChain(f_.org.id, "own_department");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->second, 1);
    ASSERT_EQ(stored->first.size(), 2u);
    EXPECT_EQ(stored->first[0].roles, (std::vector<std::string>{"supervisor", "sales_director"}));
    EXPECT_EQ(stored->first[0].scope, "requester_department");
    EXPECT_EQ(stored->first[1].name, "客服部审核");
    EXPECT_TRUE(tx->access().PutChain(f_.org.id, "own_department", {steps[1]}, 1, f_.admin, 2 * kDay));
    EXPECT_FALSE(tx->access().PutChain(f_.org.id, "own_department", steps, 1, f_.admin, 2 * kDay));
    EXPECT_EQ(tx->access().GetChain(f_.org.id, "own_department")->first.size(), 1u);
    EXPECT_FALSE(tx->access().GetChain(other_.org.id, "own_department"));
}

// The whole path through the services: request, approval chain, grant, read, expiry, revocation.
class AccessFlow : public AccessStore {
protected:
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::AccessService access() { return app::AccessService(world_->ctx); }
    app::ArchiveService archives() { return app::ArchiveService(world_->ctx); }
    // A customer of B店销售部 (owned by sales2) with a sold vehicle's archive.
    ArchiveId OtherDepartmentsArchive(const std::string& secrecy) {
        world_->clock.Set(At("2026-10-12T10:00:00+08:00"));
        app::CustomerService customers(world_->ctx);
        auto c = SampleCustomer(f_.sales_b, "周杰");
        c.secrecy = secrecy;
        c.owner_id = f_.sales2;
        auto created = customers.Create(As(f_.sales2), c);
        EXPECT_TRUE(created.ok()) << created.error().message;
        customer_ = created->customer.id;
        auto v = customers.AddVehicle(As(f_.sales2), customer_, SampleVehicle());
        EXPECT_TRUE(v.ok()) << v.error().message;
        app::NewArchive input;
        input.vehicle_id = v->id;
        input.department_id = f_.sales_b;
        input.event_at = At("2026-10-12T10:00:00+08:00");
        auto archive = archives().Create(As(f_.sales2), input);
        EXPECT_TRUE(archive.ok()) << archive.error().message;
        return archive->archive.id;
    }
    app::NewAccessRequest ReadRequest(ArchiveId archive) {
        return {"archive", archive.value, {"read"}, "客户投诉处理", "客户来电投诉，需要查阅购车合同", 3};
    }
    CustomerId customer_;
};

TEST_P(AccessFlow, SEC_4_AnotherDepartmentsArchiveIsReadOnlyAfterTheGeneralManagerApprovesUntilExpiry) {
    ArchiveId archive = OtherDepartmentsArchive("normal");
    EXPECT_EQ(archives().Get(As(f_.sales1), archive).error().code, ErrorCode::kForbidden);
    auto request = access().Request(As(f_.sales1), ReadRequest(archive));
    ASSERT_TRUE(request.ok()) << request.error().message;
    ASSERT_EQ(request->request.steps.size(), 1u);
    EXPECT_EQ(request->request.steps[0].roles, std::vector<std::string>{"general_manager"});
    EXPECT_TRUE(request->object_label.empty());  // the requester cannot see it yet
    const auto id = request->request.id;
    // Not the requester, not the own department's manager: only the general manager.
    EXPECT_EQ(access().Decide(As(f_.sales1), id, "approve", "", 1).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(access().Decide(As(f_.sales_director), id, "approve", "", 1).error().code, ErrorCode::kForbidden);
    auto inbox = access().Inbox(As(f_.gm));
    ASSERT_EQ(inbox->size(), 1u);
    EXPECT_TRUE(access().Inbox(As(f_.sales_director))->empty());
    EXPECT_EQ(access().Decide(As(f_.gm), id, "approve", "", 7).error().code, ErrorCode::kConflict);
    auto approved = access().Decide(As(f_.gm), id, "approve", "同意", 1);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->request.status, "approved");
    // Granted for three days: readable now, the read audited under the grant; then 403 again.
    ASSERT_TRUE(archives().Get(As(f_.sales1), archive).ok());
    world_->audit.Flush();
    storage::AuditQuery q;
    q.org = f_.org.id;
    q.user = f_.sales1;
    q.action = "archive.read";
    auto entries = world_->store.Read()->audit().Search(q);
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0].outcome, "ok");
    auto grants = access().Grants(As(f_.sales1), false);
    ASSERT_EQ(grants->size(), 1u);
    EXPECT_EQ((*grants)[0].grant.request_id, approved->request.id);
    EXPECT_NE(entries[0].detail.find("grant " + std::to_string((*grants)[0].grant.id.value)), std::string::npos)
        << entries[0].detail;
    world_->clock.Set(At("2026-10-15T10:00:01+08:00"));
    EXPECT_EQ(archives().Get(As(f_.sales1), archive).error().code, ErrorCode::kForbidden);
}

TEST_P(AccessFlow, SEC_3_SEC_6_AClassifiedArchiveNeedsTheCustomerServiceManagerTooAndLooksMissingWithoutAGrant) {
    ArchiveId archive = OtherDepartmentsArchive("confidential");
    // Inside its own department only the custodian (the responsible consultant) reads it.
    EXPECT_TRUE(archives().Get(As(f_.sales2), archive).ok());
    EXPECT_EQ(archives().Get(As(f_.sales1), archive).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(archives().Get(As(f_.gm), archive).error().code, ErrorCode::kNotFound);
    auto request = access().Request(As(f_.sales1), ReadRequest(archive));
    ASSERT_TRUE(request.ok()) << request.error().message;
    ASSERT_EQ(request->request.steps.size(), 2u);
    const auto id = request->request.id;
    ASSERT_TRUE(access().Decide(As(f_.gm), id, "approve", "", 1).ok());
    EXPECT_EQ(archives().Get(As(f_.sales1), archive).error().code, ErrorCode::kNotFound);  // one step is not enough
    EXPECT_EQ(access().Decide(As(f_.gm), id, "approve", "", 2).error().code, ErrorCode::kForbidden);  // four eyes
    auto rejected = access().Decide(As(f_.csm), id, "reject", "", 2);
    EXPECT_EQ(rejected.error().field, "comment");  // a rejection says why
    auto listed = [&](UserId user) {
        std::vector<std::string> secrecy;
        auto rows = archives().List(As(user), {});
        EXPECT_TRUE(rows.ok());
        for (const auto& row : *rows) {
            if (row.archive.id == archive) secrecy.push_back(row.secrecy);
        }
        return secrecy;
    };
    EXPECT_TRUE(listed(f_.sales1).empty());
    EXPECT_EQ(listed(f_.keeper), std::vector<std::string>{"confidential"});  // the keeper keeps it apart
    EXPECT_TRUE(archives().Get(As(f_.keeper), archive).ok());
    EXPECT_EQ(listed(f_.sales2), std::vector<std::string>{"confidential"});  // marked in the custodian's index
    ASSERT_TRUE(access().Decide(As(f_.csm), id, "approve", "", 2).ok());
    EXPECT_TRUE(archives().Get(As(f_.sales1), archive).ok());
    EXPECT_EQ(listed(f_.sales1), std::vector<std::string>{"confidential"});
}

TEST_P(AccessFlow, SEC_6_TheHandoverBookShowsAClassifiedArchiveOnlyToItsCustodianAndKeepers) {
    ArchiveId archive = OtherDepartmentsArchive("confidential");
    app::HandoverInput h;
    h.receiver_id = f_.keeper;
    h.handed_at = At("2026-10-12T11:00:00+08:00");
    h.items_handed = {"green_card", "invoice", "contract"};
    ASSERT_TRUE(archives().RegisterHandover(As(f_.sales2), archive, h).ok());
    auto lines = [&](UserId user) {
        auto book = archives().HandoverBook(As(user), At("2026-10-12T00:00:00+08:00"), At("2026-10-13T00:00:00+08:00"));
        EXPECT_TRUE(book.ok());
        return book.ok() ? book->size() : 0u;
    };
    EXPECT_EQ(lines(f_.sales2), 1u);  // the custodian
    EXPECT_EQ(lines(f_.keeper), 1u);  // the keepers, who keep it apart
    EXPECT_EQ(lines(f_.gm), 0u);      // reads every department, but not classified archives without a grant
}

TEST_P(AccessFlow, SEC_12_TheGeneralManagerAuthorisesDirectlyAndAGrantIsRevoked) {
    ArchiveId archive = OtherDepartmentsArchive("normal");
    EXPECT_EQ(
        access().Authorise(As(f_.director), f_.sales1, "archive", archive.value, {"read"}, 2, "协助处理").error().code,
        ErrorCode::kForbidden);
    EXPECT_EQ(access().Authorise(As(f_.gm), f_.gm, "archive", archive.value, {"read"}, 2, "自己").error().field,
              "grantee_id");
    auto grant = access().Authorise(As(f_.gm), f_.sales1, "archive", archive.value, {"read"}, 2, "协助处理投诉");
    ASSERT_TRUE(grant.ok()) << grant.error().message;
    EXPECT_EQ(grant->grant.kind, "authorisation");
    EXPECT_TRUE(archives().Get(As(f_.sales1), archive).ok());
    // Someone else cannot revoke it (it does not exist for them); the granter can, once.
    EXPECT_EQ(access().Revoke(As(f_.sales2), grant->grant.id, "x").error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(access().Revoke(As(f_.gm), grant->grant.id, "投诉已处理").ok());
    EXPECT_EQ(access().Revoke(As(f_.gm), grant->grant.id, "again").error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(archives().Get(As(f_.sales1), archive).error().code, ErrorCode::kForbidden);
}

TEST_P(AccessFlow, SEC_2_TheRequesterWithdrawsAndTheChainIsTheOrganisationsData) {
    ArchiveId archive = OtherDepartmentsArchive("normal");
    // The administrator makes "another department" go through the department head, then the
    // customer service department (SEC-2 as written).
    auto chains = access().Chains(As(f_.admin));
    ASSERT_TRUE(chains.ok());
    // own, other department, classified, lending, copying, disclosure; SEC-11 report change, review, distribution
    ASSERT_EQ(chains->size(), 9u);
    std::vector<domain::ApprovalStep> sec2 = {{"部门负责人", {"sales_director"}, "requester_department"},
                                              {"客服部审核", {"customer_service_manager"}, "organisation"}};
    EXPECT_EQ(access().PutChain(As(f_.gm), "other_department", sec2, 0).error().code, ErrorCode::kForbidden);
    ASSERT_TRUE(access().PutChain(As(f_.admin), "other_department", sec2, 0).ok());
    EXPECT_EQ(access().PutChain(As(f_.admin), "other_department", sec2, 0).error().code, ErrorCode::kConflict);
    auto request = access().Request(As(f_.sales1), ReadRequest(archive));
    ASSERT_TRUE(request.ok());
    ASSERT_EQ(request->request.steps.size(), 2u);
    EXPECT_EQ(access().Inbox(As(f_.sales_director))->size(), 1u);  // A店's head decides A店 staff's request
    EXPECT_TRUE(access().Inbox(As(f_.gm))->empty());
    EXPECT_EQ(access().Withdraw(As(f_.sales2), request->request.id, 1).error().code, ErrorCode::kNotFound);
    auto withdrawn = access().Withdraw(As(f_.sales1), request->request.id, 1);
    ASSERT_TRUE(withdrawn.ok());
    EXPECT_EQ(withdrawn->request.status, "withdrawn");
    EXPECT_TRUE(access().Inbox(As(f_.sales_director))->empty());
    EXPECT_EQ(access().Decide(As(f_.sales_director), request->request.id, "approve", "", 2).error().code,
              ErrorCode::kFailedPrecondition);
}

TEST_P(AccessFlow, SEC_6_ClassifiedCustomersAreInvisibleInSearchAndCountsUntilGranted) {
    app::CustomerService customers(world_->ctx);
    auto secret = SampleCustomer(f_.sales_a, "欧阳机密");
    secret.secrecy = "top_secret";
    secret.owner_id = f_.sales1;
    auto created = customers.Create(As(f_.sales1), secret);
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto plain = SampleCustomer(f_.sales_a, "欧阳普通");
    ASSERT_TRUE(customers.Create(As(f_.sales1), plain).ok());
    auto found = [&](UserId user) {
        app::CustomerListQuery q;
        q.q = "欧阳";
        auto page = customers.List(As(user), q);
        EXPECT_TRUE(page.ok()) << page.error().message;
        std::vector<std::string> names;
        for (const auto& item : page->items) names.push_back(item.summary.name);
        std::sort(names.begin(), names.end());
        return std::make_pair(names, page->total);
    };
    // The custodian sees both; the department's director only the normal one, and the count agrees.
    EXPECT_EQ(found(f_.sales1).first, (std::vector<std::string>{"欧阳普通", "欧阳机密"}));
    auto director = found(f_.sales_director);
    EXPECT_EQ(director.first, std::vector<std::string>{"欧阳普通"});
    EXPECT_EQ(director.second, 1);
    EXPECT_EQ(customers.Get(As(f_.sales_director), created->customer.id).error().code, ErrorCode::kNotFound);
    // sales2 (another store) sees neither, until granted the classified one.
    EXPECT_TRUE(found(f_.sales2).first.empty());
    auto grant = access().Authorise(As(f_.gm), f_.sales2, "customer", created->customer.id.value, {"read"}, 1, "协查");
    ASSERT_TRUE(grant.ok());
    EXPECT_EQ(found(f_.sales2).first, std::vector<std::string>{"欧阳机密"});
    EXPECT_TRUE(customers.Get(As(f_.sales2), created->customer.id).ok());
    // Out of the search again once the grant ends: revoked, or expired after its day.
    ASSERT_TRUE(access().Revoke(As(f_.gm), grant->grant.id, "协查结束").ok());
    EXPECT_TRUE(found(f_.sales2).first.empty());
    ASSERT_TRUE(
        access().Authorise(As(f_.gm), f_.sales2, "customer", created->customer.id.value, {"read"}, 1, "再次协查").ok());
    EXPECT_EQ(found(f_.sales2).first, std::vector<std::string>{"欧阳机密"});
    world_->clock.Set(world_->clock.Now() + 24LL * 3600 * 1000 + 1);
    EXPECT_TRUE(found(f_.sales2).first.empty());
}

TEST_P(AccessFlow, SEC_3_ANonEmployeeIsRegisteredFirstAndTheirHostFilesTheRequest) {
    ArchiveId archive = OtherDepartmentsArchive("normal");
    app::VisitorService visitors(world_->ctx);
    domain::Visitor v;
    v.name = "刘律师";
    v.organisation = "北京某律师事务所";
    v.document_kind = "introduction_letter";
    v.document_number = "JH-2026-0815";
    v.purpose = "客户合同纠纷取证";
    v.valid_until = Day("2026-10-20");
    // What the register needs: the document, a purpose, at most 90 days.
    auto bad = v;
    bad.document_kind = "business_card";
    bad.purpose = "";
    bad.valid_until = Day("2027-03-01");
    auto refused = visitors.Register(As(f_.sales1), bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().details.size(), 3u);
    auto registered = visitors.Register(As(f_.sales1), v);
    ASSERT_TRUE(registered.ok()) << registered.error().message;
    const std::int64_t id = registered->visitor.id;
    EXPECT_EQ(registered->status, "active");
    EXPECT_EQ(registered->visitor.document_number, "JH-2026-0815");  // the host sees it whole
    // Another employee does not see it; the general manager sees it, the number masked.
    EXPECT_TRUE(visitors.List(As(f_.sales2))->empty());
    auto all = visitors.List(As(f_.auditor));
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0].visitor.document_number, "JH********15");
    // Only the host files requests for them, while the registration is in force.
    auto input = ReadRequest(archive);
    input.visitor_id = id;
    EXPECT_EQ(access().Request(As(f_.sales2), input).error().code, ErrorCode::kForbidden);
    auto unknown = input;
    unknown.visitor_id = 424242;
    EXPECT_EQ(access().Request(As(f_.sales1), unknown).error().code, ErrorCode::kInvalidArgument);
    auto request = access().Request(As(f_.sales1), input);
    ASSERT_TRUE(request.ok()) << request.error().message;
    EXPECT_EQ(request->visitor_label, "刘律师 (北京某律师事务所)");
    auto approved = access().Decide(As(f_.gm), request->request.id, "approve", "", 1);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    auto grants = access().Grants(As(f_.sales1), false);
    ASSERT_EQ(grants->size(), 1u);
    EXPECT_NE((*grants)[0].grant.reason.find("SEC-3 visitor " + std::to_string(id)), std::string::npos);
    // After the last day, or once ended, no more requests for the visitor.
    world_->clock.Set(At("2026-10-21T09:00:00+08:00"));
    auto late = access().Request(As(f_.sales1), input);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
    world_->clock.Set(At("2026-10-13T09:00:00+08:00"));
    EXPECT_EQ(visitors.Revoke(As(f_.sales2), id, 1).error().code, ErrorCode::kNotFound);
    auto ended = visitors.Revoke(As(f_.sales1), id, 1);
    ASSERT_TRUE(ended.ok()) << ended.error().message;
    EXPECT_EQ(ended->status, "revoked");
    EXPECT_EQ(access().Request(As(f_.sales1), input).error().code, ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessFlow, ::testing::ValuesIn(Backends()), BackendName);

INSTANTIATE_TEST_SUITE_P(Backends, AccessStore, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
