// Demo data for `patron demo` (issue 2 §1): one dealer group with two stores, the ORG-1
// departments, a user in every ORG-2 role, 200 customers with contacts, vehicles and a few
// interactions. Idempotent: does nothing when the organisation already exists.
#pragma once

#include "app/context.hpp"

namespace patron::app {

struct DemoUser {
    const char* username;
    const char* display_name;
    const char* role;
    const char* department;  // department name ("" = the group)
};

struct DemoDepartment {
    const char* name;
    const char* parent;  // "" = the group
    const char* kind;
    const char* function;
};

// ORG-1: the group, two stores with their departments, group-level centres. The benchmark's
// organisation has the same tree.
const std::vector<DemoDepartment>& DemoDepartments();

// The demo users, one per ORG-2 role (and two sales consultants, one per store).
const std::vector<DemoUser>& DemoUsers();

inline constexpr const char* kDemoOrgCode = "demo";

// Creates the demo organisation with every user's password set to `password`. Returns false
// (and changes nothing) when it exists already.
Expected<bool> SeedDemo(AppContext& ctx, const std::string& password, int customers = 200);

}  // namespace patron::app
