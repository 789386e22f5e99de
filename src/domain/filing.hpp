// ARC-10: a department that meets a new customer files them within N working days
// (customer.filing_deadline_working_days, 5) on the customer basic information form, and reports a
// change within as many working days of the day it happened (the maintenance form). A customer
// entered before the form is complete (ARC-2 (1): name, a phone, the address; a company also a
// contact person) is on the overdue list once the deadline has passed, until the form is complete.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "domain/calendar.hpp"
#include "domain/customer.hpp"
#include "domain/policy.hpp"

namespace patron::domain {

struct CustomerFiling {
    CustomerId customer_id;
    DepartmentId department_id;
    Date met_on{};           // the day the department met the customer
    Date due_day{};          // the last day to file
    Timestamp due_at = 0;    // the first late instant
    Timestamp filed_at = 0;  // when the basic information form became complete (0: not yet)
};

// ARC-10: a change on the customer's side reported on the maintenance form.
struct ChangeReport {
    std::int64_t id = 0;
    CustomerId customer_id;
    DepartmentId department_id;
    std::int64_t version = 0;  // the customer version the change made
    std::string fields;        // "address,phones"
    Date changed_on{};         // when it happened
    Date due_day{};            // the last day to report it
    Timestamp reported_at = 0;
    UserId reported_by;
    bool late = false;
};

// The fields of the basic information form the customer still lacks (empty: complete).
std::vector<std::string> MissingBasicInformation(const Customer& customer);

// The filing deadline of a customer met on `met_on` (the meeting is day 0).
Deadline FilingDeadline(Date met_on, const WorkingCalendar& calendar, const TimeZone& zone, const PolicyValues& policy);

}  // namespace patron::domain
