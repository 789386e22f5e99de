// PIPL on every backend: the data subject's copy of their personal data, and anonymisation once
// every archive of theirs is destroyed (ARC-12), keeping the statistics.
#include <gtest/gtest.h>

#include "app/access_service.hpp"
#include "app/admin_service.hpp"
#include "app/custody_service.hpp"
#include "app/personal_data_service.hpp"
#include "archive_fixture.hpp"

namespace patron::test {
namespace {

class PersonalData : public ArchiveFixture {
protected:
    app::PersonalDataService personal() { return app::PersonalDataService(world_->ctx); }
    app::CustomerService customers() { return app::CustomerService(world_->ctx); }
    // The customer changes phone and gets a call noted: both hold personal data.
    void History() {
        auto changed = customers().Update(As(f_.sales1), customer_, 1, [](domain::Customer& c) {
            c.phones = {{"mobile", "13987654321", ""}};
            return Status{};
        });
        ASSERT_TRUE(changed.ok()) << changed.error().message;
        domain::Interaction call;
        call.kind = "call";
        call.direction = "inbound";
        call.subject = "李雷来电";
        call.body = "新住址：上海市浦东新区世纪大道100号";
        call.occurred_at = At("2026-09-30T16:00:00+08:00");
        ASSERT_TRUE(customers().AddInteraction(As(f_.sales1), customer_, call).ok());
    }
    // The archive's retention ends and its destruction is approved (ARC-12).
    void Destroyed(ArchiveId id) {
        ASSERT_TRUE(
            app::PolicyService(world_->ctx).Set(As(f_.admin), "archive.retention_years_new_car", 1, 0, "test").ok());
        world_->clock.Set(At("2027-10-08T10:00:00+08:00"));
        app::CustodyService custody(world_->ctx);
        auto proposed = custody.ProposeDestruction(As(f_.keeper), {id}, "保管期满，按制度销毁");
        ASSERT_TRUE(proposed.ok()) << proposed.error().message;
        ASSERT_TRUE(custody.DecideDestruction(As(f_.gm), proposed->id, "approve", "同意", 1).ok());
    }
};

TEST_P(PersonalData, PIPL_TheDataSubjectsCopyHoldsEverythingUnmaskedWithAWatermarkAndIsAudited) {
    History();
    NewCarArchive();
    // A consultant sees masked data and may not export it.
    EXPECT_EQ(personal().Export(As(f_.sales1), customer_).error().code, ErrorCode::kForbidden);
    auto copy = personal().Export(As(f_.gm), customer_);
    ASSERT_TRUE(copy.ok()) << copy.error().message;
    EXPECT_FALSE(copy->view.masked);
    EXPECT_EQ(copy->view.customer.phones.at(0).number, "13987654321");
    EXPECT_EQ(copy->view.customer.id_number.size(), 18u);
    ASSERT_EQ(copy->interactions.size(), 1u);
    EXPECT_EQ(copy->interactions[0].body, "新住址：上海市浦东新区世纪大道100号");
    bool phone_change = false;
    for (const auto& h : copy->history)
        phone_change = phone_change || h.new_value.find("13987654321") != std::string::npos;
    EXPECT_TRUE(phone_change);
    ASSERT_EQ(copy->archives.size(), 1u);
    EXPECT_NE(copy->watermark.find("gm"), std::string::npos) << copy->watermark;
    world_->audit.Flush();
    storage::AuditQuery q;
    q.org = f_.org.id;
    q.action = "customer.subject_export";
    auto entries = world_->store.Read()->audit().Search(q);
    ASSERT_EQ(entries.size(), 2u);  // the refusal and the export
}

TEST_P(PersonalData, PIPL_AnonymisationWaitsForTheArchivesDestructionThenErasesThePersonAndKeepsTheStatistics) {
    History();
    auto archive = CheckedArchive();
    auto before = customers().Get(As(f_.gm), customer_);
    ASSERT_TRUE(before.ok());
    const std::int64_t version = before->customer.version;
    // Only the customer information supervisor; a reason; the current version.
    EXPECT_EQ(personal().Anonymise(As(f_.gm), customer_, "保管期满", version).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(personal().Anonymise(As(f_.infosup), customer_, " ", version).error().code, ErrorCode::kInvalidArgument);
    auto kept = personal().Anonymise(As(f_.infosup), customer_, "保管期满", version);
    ASSERT_FALSE(kept.ok());
    EXPECT_EQ(kept.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(kept.error().message.find(archive.archive.number), std::string::npos) << kept.error().message;
    Destroyed(archive.archive.id);
    EXPECT_EQ(personal().Anonymise(As(f_.infosup), customer_, "保管期满", version + 5).error().code,
              ErrorCode::kConflict);
    // Someone once asked to read the customer, naming them in the reason.
    app::AccessService access(world_->ctx);
    auto asked =
        access.Request(As(f_.sales2), {"customer", customer_.value, {"read"}, "核对李雷的地址", "李雷来电要求核对", 3});
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    auto done = personal().Anonymise(As(f_.infosup), customer_, "保管期满，按 PIPL 匿名化", version);
    ASSERT_TRUE(done.ok()) << done.error().message;
    // The person is gone from the record, its vehicles, history, timeline and the search index.
    auto after = customers().Get(As(f_.gm), customer_);
    ASSERT_TRUE(after.ok());
    const domain::Customer& c = after->customer;
    EXPECT_EQ(c.name, "已匿名客户 " + std::to_string(customer_.value));
    EXPECT_TRUE(c.id_number.empty());
    EXPECT_TRUE(c.phones.empty());
    EXPECT_TRUE(c.contacts.empty());
    EXPECT_TRUE(c.address.empty());
    ASSERT_EQ(after->vehicles.size(), 1u);
    EXPECT_TRUE(after->vehicles[0].plate.empty());
    auto scrubbed = customers().History(As(f_.gm), customer_);
    ASSERT_TRUE(scrubbed.ok());
    for (const auto& h : *scrubbed) {
        EXPECT_EQ(h.old_value.find("1381234"), std::string::npos) << h.field;
        EXPECT_EQ(h.new_value.find("1398765"), std::string::npos) << h.field;
    }
    auto timeline = customers().ListInteractions(As(f_.gm), customer_);
    ASSERT_EQ(timeline->size(), 1u);
    EXPECT_EQ((*timeline)[0].body, "");
    app::CustomerListQuery search;
    search.q = "李雷";
    EXPECT_EQ(customers().List(As(f_.gm), search)->total, 0);
    search.q = "1398765";
    EXPECT_EQ(customers().List(As(f_.gm), search)->total, 0);
    // What the statistics need stays: department, category, the vehicle's VIN and model, the
    // interaction's kind and time; and who anonymised it, why.
    EXPECT_EQ(c.department_id, f_.sales_a);
    EXPECT_EQ(c.category, "key");
    EXPECT_EQ(after->vehicles[0].vin, "LSVAU218XN2183294");
    EXPECT_EQ((*timeline)[0].kind, "call");
    auto history = customers().History(As(f_.gm), customer_);
    bool recorded = false;
    for (const auto& h : *history) recorded = recorded || (h.field == "anonymised" && h.changed_by == f_.infosup);
    EXPECT_TRUE(recorded);
    auto request = access.Get(As(f_.gm), asked->request.id);
    ASSERT_TRUE(request.ok()) << request.error().message;
    EXPECT_EQ(request->request.purpose.find("李雷"), std::string::npos);
    EXPECT_EQ(request->request.reason.find("李雷"), std::string::npos);
    EXPECT_EQ(request->request.actions, std::vector<std::string>{"read"});  // what was asked stays
    EXPECT_EQ(personal().Anonymise(As(f_.infosup), customer_, "again", c.version).error().code,
              ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonalData, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
