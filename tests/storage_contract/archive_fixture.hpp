// An organisation with a customer of the Beijing sales department and their sold vehicle, for the
// archive suites (archives, documents).
#pragma once

#include <gtest/gtest.h>

#include "app/archive_service.hpp"
#include "app/customer_service.hpp"
#include "test_support.hpp"

namespace patron::test {

class ArchiveFixture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        world_ = std::make_unique<World>(GetParam());
        f_ = MakeOrg(world_->ctx, "arc");
        world_->clock.Set(At("2026-09-30T15:00:00+08:00"));
        app::CustomerService customers(world_->ctx);
        auto c = customers.Create(As(f_.sales1), SampleCustomer(f_.sales_a, "李雷"));
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer_ = c->customer.id;
        auto v = customers.AddVehicle(As(f_.sales1), customer_, SampleVehicle());
        ASSERT_TRUE(v.ok()) << v.error().message;
        vehicle_ = v->id;
    }
    app::Caller As(UserId user) { return f_.CallerFor(world_->store, user); }
    app::ArchiveService service() { return app::ArchiveService(world_->ctx); }
    app::ArchiveView NewCarArchive() {
        app::NewArchive input;
        input.vehicle_id = vehicle_;
        input.department_id = f_.sales_a;
        input.event_at = At("2026-09-30T15:00:00+08:00");
        auto created = service().Create(As(f_.sales1), input);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return *created;
    }
    app::HandoverInput Handover(const char* at) {
        app::HandoverInput h;
        h.receiver_id = f_.keeper;
        h.handed_at = At(at);
        h.items_handed = {"green_card", "invoice", "contract"};
        h.items_missing = {"licence"};
        return h;
    }
    // A new-car archive handed over and checked by the keeper: every required item present and
    // signed, the optional one missing.
    app::ArchiveView CheckedArchive() {
        auto archive = NewCarArchive();
        world_->clock.Set(At("2026-10-09T10:00:00+08:00"));
        auto handed =
            service().RegisterHandover(As(f_.sales1), archive.archive.id, Handover("2026-10-09T10:00:00+08:00"));
        EXPECT_TRUE(handed.ok()) << handed.error().message;
        std::vector<domain::ArchiveItem> items;
        for (const auto& spec : handed->checklist) {
            items.push_back({spec.code, spec.optional ? "missing" : "present", "", true, true});
        }
        auto checked = service().RecordCheck(As(f_.keeper), archive.archive.id, items, handed->archive.version);
        EXPECT_TRUE(checked.ok()) << checked.error().message;
        return *checked;
    }

    std::unique_ptr<World> world_;
    OrgFixture f_;
    CustomerId customer_;
    VehicleId vehicle_;
};

}  // namespace patron::test
