// Customers (issue 2 §6, §7, §9): create, read, update with optimistic concurrency, search,
// vehicles, the ARC-13 interaction timeline, and the ARC-9 change history of every field.
// Permissions (ORG-3) are checked against the customer's owning department; every read and
// change is audited, and so is every denied attempt (SEC-1). ID numbers, phones and addresses
// are masked unless the caller holds customer.personal_data there.
#pragma once

#include "app/context.hpp"

namespace patron::app {

struct CustomerView {
    domain::Customer customer;
    std::vector<domain::Vehicle> vehicles;
    std::string department_name;
    std::string owner_name;
    bool masked = false;
};

struct OverdueFiling {
    storage::FilingRow row;
    std::vector<std::string> missing;  // the basic information form's missing fields
    std::string department_name;
};

struct CustomerListItem {
    storage::CustomerSummary summary;
    std::string department_name;
    std::string owner_name;
};

struct CustomerListQuery {
    std::string q;
    std::string category;
    DepartmentId department;
    UserId owner;
    // name, -name, updated_at, -updated_at, id, -id; empty: newest first (-id) when searching,
    // most recently changed first (-updated_at) when listing.
    std::string sort;
    std::int64_t page = 1;
    std::int64_t page_size = 20;
};

inline constexpr std::int64_t kMaxPageSize = 200;

class CustomerService {
public:
    explicit CustomerService(AppContext& ctx) : ctx_(ctx) {}

    Expected<storage::Page<CustomerListItem>> List(const Caller& caller, const CustomerListQuery& query);
    Expected<CustomerView> Get(const Caller& caller, CustomerId id);
    // ARC-10: `met_on`, the day the department met the customer (default: today), starts the
    // filing deadline; the customer is filed once the basic information form is complete.
    Expected<CustomerView> Create(const Caller& caller, domain::Customer customer, std::optional<Date> met_on = {});
    // ARC-10: customers not filed by their deadline, in the caller's customer.read scope.
    Expected<std::vector<OverdueFiling>> OverdueFilings(const Caller& caller, std::int64_t limit);
    // Applies `apply` to the stored record (inside the write transaction) if `version` is current.
    // Masked values sent back unchanged by a caller who cannot see them keep the stored value.
    // ARC-10: `changed_on`, when given, is the day the change happened on the customer's side
    // (the maintenance form): the report is recorded, late when made after the deadline.
    Expected<CustomerView> Update(const Caller& caller,
                                  CustomerId id,
                                  std::int64_t version,
                                  const std::function<Status(domain::Customer&)>& apply,
                                  std::optional<Date> changed_on = {});
    // ARC-10: changes reported late in a month ("2026-11"), in the caller's customer.read scope.
    Expected<std::vector<std::pair<domain::ChangeReport, std::string>>> LateChangeReports(const Caller& caller,
                                                                                          const std::string& month);

    Expected<std::vector<domain::Vehicle>> ListVehicles(const Caller& caller, CustomerId id);
    Expected<domain::Vehicle> AddVehicle(const Caller& caller, CustomerId id, domain::Vehicle vehicle);
    Expected<domain::Vehicle> UpdateVehicle(const Caller& caller,
                                            CustomerId id,
                                            VehicleId vehicle_id,
                                            std::int64_t version,
                                            const std::function<Status(domain::Vehicle&)>& apply);

    Expected<std::vector<domain::Interaction>> ListInteractions(const Caller& caller, CustomerId id);
    Expected<domain::Interaction> AddInteraction(const Caller& caller, CustomerId id, domain::Interaction interaction);
    Expected<std::vector<domain::HistoryEntry>> History(const Caller& caller, CustomerId id);

    // Loads the customer and checks `permission` (AccessService::Gate); audits a denial. `via`
    // gets "grant N" when a grant allowed it.
    Expected<domain::Customer> LoadChecked(storage::Tx& tx,
                                           const Caller& caller,
                                           CustomerId id,
                                           const char* permission,
                                           const char* action,
                                           std::string* via = nullptr);
    CustomerView MakeView(storage::Tx& tx, const Caller& caller, domain::Customer customer);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
