// Shared test fixtures: fresh databases on every backend, a fixed clock, an organisation with
// departments, users and roles to act as.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/audit_writer.hpp"
#include "app/context.hpp"
#include "common/time_zone.hpp"
#include "storage/store.hpp"

namespace patron::test {

// The backends to run a contract suite on: "sqlite" always, "postgres" when PATRON_TEST_PG_URL is
// set. When PATRON_REQUIRE_PG=1 and the URL is missing, the PostgreSQL run fails instead of
// being left out, so CI cannot silently test one backend.
std::vector<std::string> Backends();
// A time or date written in a test: "2026-09-30T15:00:00+08:00" → UTC ms, "2026-10-01" → Date.
// A malformed literal fails the test.
Timestamp At(const char* rfc3339);
Date Day(const char* yyyy_mm_dd);
// The shipped default calendar: Saturday and Sunday, the mainland China schedule.
const domain::WorkingCalendar& China();

// Names a TEST_P instance after its backend ("sqlite", "postgres").
inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// A fresh, migrated, empty database of the backend.
std::unique_ptr<storage::Database> FreshDatabase(const std::string& backend);
// The URL of a fresh, empty database (SQLite file in a temp dir; a new PostgreSQL database).
std::string FreshDatabaseUrl(const std::string& backend);
std::string TempDir();

// A store with the app-level plumbing around it, as the server wires it.
struct World {
    explicit World(const std::string& backend);
    ~World();
    storage::Store store;
    ManualClock clock{1'790'000'000'000};  // 2026-09-21
    app::AuditWriter audit{store, clock};
    app::PolicyCache policy{store, clock};
    app::PrincipalCache principals{store, clock};
    app::DirectoryCache directory{store, clock};
    app::SessionCache sessions{store, clock};
    app::AppContext ctx{
        store, clock, audit, policy, principals, directory, sessions, crypto::PasswordCost{1, 8 * 1024 * 1024}};
};

// An organisation: group -> store A (sales, after-sales), store B (sales); users with roles.
struct OrgFixture {
    domain::Organization org;
    DepartmentId root, store_a, sales_a, service_a, store_b, sales_b;
    UserId admin, gm, sales1, sales2, advisor, auditor, keeper, sales_director, director, csm, infospec, infosup;
    // A principal for the user (as the server would build it).
    app::Caller CallerFor(storage::Store& store, UserId user) const;
};

OrgFixture MakeOrg(app::AppContext& ctx, const std::string& code);

// A valid customer in `department`.
domain::Customer SampleCustomer(DepartmentId department, const std::string& name = "王芳");
// A vehicle with a valid VIN (the check digit must be right) and plate.
domain::Vehicle SampleVehicle(const std::string& vin = "LSVAU218XN2183294", const std::string& plate = "京A12345");

}  // namespace patron::test
