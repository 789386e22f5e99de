// The use cases (src/app/) on every backend: permissions, audit, history, concurrency, sessions,
// throttling, import. Rule IDs from ../shared/POLICIES.md name the tests that enforce them.
#include <gtest/gtest.h>

#include "app/admin_service.hpp"
#include "app/auth_service.hpp"
#include "app/customer_service.hpp"
#include "app/import_service.hpp"
#include "app/org_service.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class UseCases : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "uc");
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::CustomerView Create(UserId user, domain::Customer c) {
        auto created = customers_().Create(As(user), std::move(c));
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
        return *created;
    }
    std::vector<domain::AuditEntry> Audit(const std::string& action, const std::string& object_id = {}) {
        world_->audit.Flush();
        storage::AuditQuery q;
        q.org = f_.org.id;
        q.action = action;
        q.object_id = object_id;
        auto tx = world_->store.Read();
        return tx->audit().Search(q);
    }
    app::CustomerService customers_() { return app::CustomerService(world_->ctx); }

    std::unique_ptr<World> world_;
    OrgFixture f_;
};

TEST_P(UseCases, ORG_3_SalesConsultantListsOnlyOwnDepartment) {
    Create(f_.gm, SampleCustomer(f_.sales_a, "王芳"));
    Create(f_.gm, SampleCustomer(f_.sales_b, "王小明"));
    auto page = customers_().List(As(f_.sales1), {});
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].summary.name, "王芳");
    auto all = customers_().List(As(f_.gm), {});
    EXPECT_EQ(all->items.size(), 2u);
}

TEST_P(UseCases, SEC_1_ReadingAnotherDepartmentsCustomerIsForbiddenAndAudited) {
    auto other = Create(f_.gm, SampleCustomer(f_.sales_b));
    auto read = customers_().Get(As(f_.sales1), other.customer.id);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::kForbidden);
    auto denied = Audit("customer.read", std::to_string(other.customer.id.value));
    ASSERT_EQ(denied.size(), 1u);
    EXPECT_EQ(denied[0].outcome, "denied");
    EXPECT_EQ(denied[0].user_id, f_.sales1);
}

TEST_P(UseCases, SEC_1_EveryReadIsAuditedWithWhoAndWhere) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    ASSERT_TRUE(customers_().Get(As(f_.sales1), c.customer.id).ok());
    auto reads = Audit("customer.read", std::to_string(c.customer.id.value));
    ASSERT_EQ(reads.size(), 1u);
    EXPECT_EQ(reads[0].outcome, "ok");
    EXPECT_EQ(reads[0].username, "sales1");
    EXPECT_EQ(reads[0].ip, "127.0.0.1");
}

TEST_P(UseCases, UnknownCustomerIsNotFound) {
    auto read = customers_().Get(As(f_.gm), CustomerId(999999999));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
}

TEST_P(UseCases, PersonalDataIsMaskedWithoutThePermission) {
    auto c = Create(f_.gm, SampleCustomer(f_.sales_a));
    auto as_sales = customers_().Get(As(f_.sales1), c.customer.id);
    ASSERT_TRUE(as_sales.ok());
    EXPECT_TRUE(as_sales->masked);
    EXPECT_EQ(as_sales->customer.phones[0].number, "138****5678");
    EXPECT_EQ(as_sales->customer.id_number.substr(0, 3) + "***", "110***");
    EXPECT_EQ(as_sales->customer.id_number.find("19900307"), std::string::npos);
    auto as_gm = customers_().Get(As(f_.gm), c.customer.id);
    EXPECT_FALSE(as_gm->masked);
    EXPECT_EQ(as_gm->customer.phones[0].number, "13812345678");
}

TEST_P(UseCases, MaskedValuesSentBackKeepTheStoredValues) {
    auto c = Create(f_.gm, SampleCustomer(f_.sales_a));
    auto seen = customers_().Get(As(f_.sales1), c.customer.id);
    auto updated = customers_().Update(As(f_.sales1), c.customer.id, 1, [&](domain::Customer& x) {
        x = seen->customer;  // everything as the masked view showed it
        x.notes = "回访完成";
        return Status{};
    });
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    auto full = customers_().Get(As(f_.gm), c.customer.id);
    EXPECT_EQ(full->customer.phones[0].number, "13812345678");
    EXPECT_EQ(full->customer.id_number, c.customer.id_number);
    EXPECT_EQ(full->customer.address, "北京市朝阳区建国路88号");
    EXPECT_EQ(full->customer.notes, "回访完成");
}

TEST_P(UseCases, ARC_9_EveryFieldChangeIsRecordedWithAuthorAndTime) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    world_->clock.Advance(kHourMs);
    auto updated = customers_().Update(As(f_.sales1), c.customer.id, 1, [](domain::Customer& x) {
        x.category = "general";
        x.grade = "A";
        return Status{};
    });
    ASSERT_TRUE(updated.ok());
    auto history = customers_().History(As(f_.gm), c.customer.id);
    ASSERT_TRUE(history.ok());
    std::map<std::string, domain::HistoryEntry> by_field;
    for (const auto& h : *history) by_field[h.field] = h;
    ASSERT_TRUE(by_field.count("category"));
    EXPECT_EQ(by_field["category"].old_value, "key");
    EXPECT_EQ(by_field["category"].new_value, "general");
    EXPECT_EQ(by_field["category"].changed_by, f_.sales1);
    EXPECT_EQ(by_field["category"].changed_at, world_->clock.Now());
    EXPECT_EQ(by_field["grade"].new_value, "A");
    EXPECT_TRUE(by_field.count("created"));
}

TEST_P(UseCases, StaleVersionIsAConflictAndChangesNothing) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    auto first = customers_().Update(As(f_.sales1), c.customer.id, 1, [](domain::Customer& x) {
        x.name = "王芳芳";
        return Status{};
    });
    ASSERT_TRUE(first.ok());
    auto stale = customers_().Update(As(f_.sales1), c.customer.id, 1, [](domain::Customer& x) {
        x.name = "覆盖";
        return Status{};
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    EXPECT_EQ(customers_().Get(As(f_.gm), c.customer.id)->customer.name, "王芳芳");
}

TEST_P(UseCases, InvalidCustomerIsRejectedWithEveryFieldAndNothingStored) {
    auto bad = SampleCustomer(f_.sales_a, "");
    bad.phones = {{"mobile", "1234", ""}};
    bad.category = "vip";
    auto created = customers_().Create(As(f_.sales1), bad);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& d : created.error().details) fields.insert(d.field);
    EXPECT_TRUE(fields.count("name"));
    EXPECT_TRUE(fields.count("phones[0].number"));
    EXPECT_TRUE(fields.count("category"));
    EXPECT_TRUE(customers_().List(As(f_.gm), {})->items.empty());
}

TEST_P(UseCases, CreatingInAnotherDepartmentIsForbidden) {
    auto created = customers_().Create(As(f_.sales1), SampleCustomer(f_.sales_b));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::kForbidden);
}

TEST_P(UseCases, ARC_13_InteractionsAreKeptNewestFirstWithAuthor) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    domain::Interaction call;
    call.kind = "call";
    call.subject = "交车回访";
    call.occurred_at = world_->clock.Now() - kDayMs;
    ASSERT_TRUE(customers_().AddInteraction(As(f_.sales1), c.customer.id, call).ok());
    domain::Interaction letter;
    letter.kind = "letter";
    letter.subject = "致客户的一封信";
    ASSERT_TRUE(customers_().AddInteraction(As(f_.sales1), c.customer.id, letter).ok());
    auto list = customers_().ListInteractions(As(f_.gm), c.customer.id);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].kind, "letter");
    EXPECT_EQ((*list)[1].kind, "call");
    EXPECT_EQ((*list)[1].author_id, f_.sales1);
    domain::Interaction bad;
    bad.kind = "telepathy";
    bad.subject = "x";
    EXPECT_FALSE(customers_().AddInteraction(As(f_.sales1), c.customer.id, bad).ok());
}

TEST_P(UseCases, VehiclesAreAddedSearchableAndRecordedInHistory) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    domain::Vehicle v;
    v.vin = "LSVAU218XN2183294";
    v.plate = "京A12345";
    ASSERT_TRUE(customers_().AddVehicle(As(f_.sales1), c.customer.id, v).ok());
    auto dup = customers_().AddVehicle(As(f_.sales1), c.customer.id, v);
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
    app::CustomerListQuery q;
    q.q = "京A12345";
    EXPECT_EQ(customers_().List(As(f_.sales1), q)->items.size(), 1u);
    domain::Vehicle bad_vin;
    bad_vin.vin = "LSVAU2180N2183295";  // wrong check digit
    auto rejected = customers_().AddVehicle(As(f_.sales1), c.customer.id, bad_vin);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().field, "vin");
}

class AuthUseCases : public UseCases {
protected:
    app::AuthService auth() { return app::AuthService(world_->ctx); }
    app::Origin origin_{"10.1.1.1", "browser", ""};
};

TEST_P(AuthUseCases, LoginCreatesASessionThatAuthenticates) {
    auto login = auth().Login("uc", "sales1", "User-Password-1", origin_);
    ASSERT_TRUE(login.ok()) << login.error().message;
    EXPECT_NE(login->token.find('.'), std::string::npos);
    auto caller = auth().Authenticate(login->token, origin_);
    ASSERT_TRUE(caller.ok());
    EXPECT_EQ(caller->user(), f_.sales1);
    // Only the hash of the token is stored.
    auto tx = world_->store.Read();
    auto session = tx->auth().FindSession(f_.org.id, login->session.token_hash);
    ASSERT_TRUE(session);
    EXPECT_NE(session->token_hash, login->token);
}

TEST_P(AuthUseCases, WrongPasswordFailsAndIsAudited) {
    auto login = auth().Login("uc", "sales1", "wrong-password-123", origin_);
    ASSERT_FALSE(login.ok());
    EXPECT_EQ(login.error().code, ErrorCode::kUnauthenticated);
    auto failed = Audit("auth.login");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].outcome, "failed");
    EXPECT_EQ(failed[0].ip, "10.1.1.1");
    // Unknown organisation and unknown user fail the same way.
    EXPECT_EQ(auth().Login("nope", "sales1", "x", origin_).error().message, login.error().message);
    EXPECT_EQ(auth().Login("uc", "nobody", "x", origin_).error().message, login.error().message);
}

TEST_P(AuthUseCases, FailedLoginsAreThrottledPerAccount) {
    auto admin = As(f_.admin);
    ASSERT_TRUE(app::PolicyService(world_->ctx).Set(admin, "login.max_failures_per_account_hour", 3, 0, "test").ok());
    for (int attempt = 0; attempt < 3; ++attempt) {
        EXPECT_EQ(auth().Login("uc", "sales1", "wrong-password-123", origin_).error().code,
                  ErrorCode::kUnauthenticated);
    }
    // Even the right password is refused while throttled.
    auto throttled = auth().Login("uc", "sales1", "User-Password-1", origin_);
    ASSERT_FALSE(throttled.ok());
    EXPECT_EQ(throttled.error().code, ErrorCode::kTooManyRequests);
    // Another account from another address is unaffected; the window is an hour.
    EXPECT_TRUE(auth().Login("uc", "gm", "User-Password-1", {"10.9.9.9", "", ""}).ok());
    world_->clock.Advance(kHourMs + 1);
    EXPECT_TRUE(auth().Login("uc", "sales1", "User-Password-1", origin_).ok());
}

TEST_P(AuthUseCases, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
    auto login = auth().Login("uc", "sales1", "User-Password-1", origin_);
    ASSERT_TRUE(login.ok());
    world_->clock.Advance(29 * kMinuteMs);
    ASSERT_TRUE(auth().Authenticate(login->token, origin_).ok());  // touches: idle timer restarts
    world_->clock.Advance(29 * kMinuteMs);
    ASSERT_TRUE(auth().Authenticate(login->token, origin_).ok());
    world_->clock.Advance(31 * kMinuteMs);
    EXPECT_EQ(auth().Authenticate(login->token, origin_).error().code, ErrorCode::kUnauthenticated);
    // Absolute: 12 hours even when used every 10 minutes.
    auto second = auth().Login("uc", "sales1", "User-Password-1", origin_);
    for (int step = 0; step < 71; ++step) {
        world_->clock.Advance(10 * kMinuteMs);
        ASSERT_TRUE(auth().Authenticate(second->token, origin_).ok()) << step;
    }
    world_->clock.Advance(10 * kMinuteMs);
    EXPECT_FALSE(auth().Authenticate(second->token, origin_).ok());
}

TEST_P(AuthUseCases, LogoutAndDisablingEndSessions) {
    auto login = auth().Login("uc", "sales1", "User-Password-1", origin_);
    auto caller = auth().Authenticate(login->token, origin_);
    ASSERT_TRUE(auth().Logout(*caller).ok());
    EXPECT_FALSE(auth().Authenticate(login->token, origin_).ok());
    auto again = auth().Login("uc", "sales1", "User-Password-1", origin_);
    ASSERT_TRUE(again.ok());
    app::OrgService org(world_->ctx);
    auto user = org.GetUser(As(f_.admin), f_.sales1);
    auto disabled = org.UpdateUser(As(f_.admin), f_.sales1, user->version, [](domain::User& u) {
        u.status = "disabled";
        return Status{};
    });
    ASSERT_TRUE(disabled.ok()) << disabled.error().message;
    EXPECT_FALSE(auth().Authenticate(again->token, origin_).ok());
    EXPECT_FALSE(auth().Login("uc", "sales1", "User-Password-1", origin_).ok());
}

TEST_P(AuthUseCases, PasswordsNeedTwelveCharacters) {
    app::OrgService org(world_->ctx);
    auto created = org.CreateUser(As(f_.admin), {"newbie", "新人", "short-pw", f_.sales_a, "", ""});
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().field, "password");
    EXPECT_TRUE(org.CreateUser(As(f_.admin), {"newbie", "新人", "long-enough-pw", f_.sales_a, "", ""}).ok());
}

TEST_P(UseCases, ORG_3_RolesAreAssignedOnlyWithinManagedDepartments) {
    app::OrgService org(world_->ctx);
    // sales1 manages nothing.
    auto denied = org.Assign(As(f_.sales1), f_.sales1, "general_manager", f_.root);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
    ASSERT_TRUE(org.Assign(As(f_.admin), f_.sales1, "sales_director", f_.store_a).ok());
    // The new role covers store A's departments (the subtree), not store B's.
    auto c = Create(f_.gm, SampleCustomer(f_.service_a));
    EXPECT_TRUE(customers_().Get(As(f_.sales1), c.customer.id).ok());
    auto b = Create(f_.gm, SampleCustomer(f_.sales_b));
    EXPECT_FALSE(customers_().Get(As(f_.sales1), b.customer.id).ok());
}

TEST_P(UseCases, DepartmentsFormATreeWithoutCycles) {
    app::OrgService org(world_->ctx);
    auto admin = As(f_.admin);
    domain::Department d;
    d.parent_id = f_.store_a;
    d.name = "A店市场推广部";
    d.function = "marketing";
    auto created = org.CreateDepartment(admin, d);
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto cycle = org.UpdateDepartment(admin, f_.store_a, 1, [&](domain::Department& x) {
        x.parent_id = created->id;
        return Status{};
    });
    ASSERT_FALSE(cycle.ok());
    EXPECT_EQ(cycle.error().field, "parent_id");
}

TEST_P(UseCases, PolicyChangesAreVersionedAndAudited) {
    app::PolicyService policy(world_->ctx);
    auto admin = As(f_.admin);
    auto set = policy.Set(admin, "archive.sales_handover_working_days", 4, 0, "集团新规");
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto stale = policy.Set(admin, "archive.sales_handover_working_days", 5, 0, "");
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    auto out_of_range = policy.Set(admin, "archive.sales_handover_working_days", 0, 1, "");
    EXPECT_EQ(out_of_range.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(policy.Set(As(f_.sales1), "archive.sales_handover_working_days", 5, 1, "").error().code,
              ErrorCode::kForbidden);
    auto audit = Audit("policy.update");
    ASSERT_GE(audit.size(), 2u);
    EXPECT_EQ(world_->policy.Get(f_.org.id).Get("archive.sales_handover_working_days"), 4);
}

TEST_P(UseCases, AuditChainDetectsAnEditedRow) {
    auto c = Create(f_.sales1, SampleCustomer(f_.sales_a));
    ASSERT_TRUE(customers_().Get(As(f_.sales1), c.customer.id).ok());
    app::AuditService audit(world_->ctx);
    auto intact = audit.Verify(f_.org.id);
    EXPECT_EQ(intact.first_broken_seq, 0) << intact.reason;
    EXPECT_GE(intact.entries, 2);
    {
        auto tx = world_->store.Write();
        tx->sql().Exec("UPDATE audit_log SET username = 'someone-else' WHERE org_id = ?1 AND seq = 2", {f_.org.id});
        tx->Commit();
    }
    auto broken = audit.Verify(f_.org.id);
    EXPECT_EQ(broken.first_broken_seq, 2);
}

class ImportUseCases : public UseCases {
protected:
    app::ImportService imports() { return app::ImportService(world_->ctx); }
};

TEST_P(ImportUseCases, DryRunReportsEveryBadRowAndImportsNothing) {
    std::string csv =
        "name,category,phone,department,vin\n"
        "王芳,key,13812345678,A店销售部,LSVAU218XN2183294\n"
        ",key,13812345678,A店销售部,\n"
        "李雷,vip,1234,A店销售部,\n"
        "韩梅梅,general,13900001111,不存在的部门,\n";
    auto report = imports().Run(As(f_.admin), csv, true, nullptr);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->status, "invalid");
    std::set<std::pair<std::size_t, std::string>> errors;
    for (const auto& e : report->errors) errors.insert({e.line, e.field});
    EXPECT_TRUE(errors.count({3, "name"}));
    EXPECT_TRUE(errors.count({4, "category"}));
    EXPECT_TRUE(errors.count({4, "phone"}));
    EXPECT_TRUE(errors.count({5, "department"}));
    EXPECT_FALSE(errors.count({2, "name"}));
    EXPECT_TRUE(customers_().List(As(f_.gm), {})->items.empty());
}

TEST_P(ImportUseCases, CommitIsAllOrNothing) {
    std::string bad = "name,department\n王芳,A店销售部\n李雷,不存在的部门\n";
    auto refused = imports().Run(As(f_.admin), bad, false, nullptr);
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ(refused->status, "invalid");
    EXPECT_EQ(refused->imported, 0);
    EXPECT_TRUE(customers_().List(As(f_.gm), {})->items.empty());
    std::string good = "name,department,plate,vin\n王芳,A店销售部,京A12345,LSVAU218XN2183294\n李雷,B店销售部,,\n";
    std::int64_t last_progress = 0;
    auto committed =
        imports().Run(As(f_.admin), good, false, [&](std::int64_t done, std::int64_t) { last_progress = done; });
    ASSERT_TRUE(committed.ok());
    EXPECT_EQ(committed->status, "committed");
    EXPECT_EQ(committed->imported, 2);
    EXPECT_GT(last_progress, 0);
    app::CustomerListQuery q;
    q.q = "京A12345";
    EXPECT_EQ(customers_().List(As(f_.gm), q)->items.size(), 1u);
}

TEST_P(ImportUseCases, AVinAlreadyRegisteredOrTwiceInTheFileIsReportedOnItsLine) {
    std::string first = "name,department,vin\n王芳,A店销售部,LSVAU218XN2183294\n";
    ASSERT_EQ(imports().Run(As(f_.admin), first, false, nullptr)->status, "committed");
    std::string second =
        "name,department,vin\n"
        "李雷,A店销售部,LE4X3G967S7724584\n"
        "韩梅梅,A店销售部,LSVAU218XN2183294\n"
        "张伟,B店销售部,LE4X3G967S7724584\n"
        "赵敏,B店销售部,LVRS51U55L3596106\n";
    auto report = imports().Run(As(f_.admin), second, false, nullptr);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->status, "invalid");
    EXPECT_EQ(report->imported, 0);
    std::vector<std::pair<std::size_t, std::string>> errors;
    for (const auto& e : report->errors) errors.emplace_back(e.line, e.field + ": " + e.message);
    EXPECT_EQ(errors,
              (std::vector<std::pair<std::size_t, std::string>>{
                  {3, "vin: a vehicle with this VIN is already registered"}, {4, "vin: the same VIN is on line 2"}}));
    EXPECT_EQ(customers_().List(As(f_.gm), {})->items.size(), 1u);
}

TEST_P(ImportUseCases, Gb18030FilesAreDecoded) {
    // "name,department\n张三,A店销售部\n" in GB18030.
    std::string csv = "name,department\n\xD5\xC5\xC8\xFD,A\xB5\xEA\xCF\xFA\xCA\xDB\xB2\xBF\n";
    auto report = imports().Run(As(f_.admin), csv, false, nullptr);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->status, "committed") << (report->errors.empty() ? "" : report->errors[0].message);
    app::CustomerListQuery q;
    q.q = "张三";
    EXPECT_EQ(customers_().List(As(f_.gm), q)->items.size(), 1u);
}

TEST_P(ImportUseCases, ImportNeedsThePermission) {
    auto report = imports().Run(As(f_.sales1), "name,department\n王芳,A店销售部\n", false, nullptr);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code, ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, UseCases, ::testing::ValuesIn(Backends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, AuthUseCases, ::testing::ValuesIn(Backends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, ImportUseCases, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
