#include "domain/filing.hpp"

namespace patron::domain {

std::vector<std::string> MissingBasicInformation(const Customer& c) {
    std::vector<std::string> missing;
    if (c.name.empty()) missing.emplace_back("name");
    if (c.phones.empty()) missing.emplace_back("phones");
    if (c.address.empty()) missing.emplace_back("address");
    if (c.kind == "company" && c.contacts.empty()) missing.emplace_back("contacts");
    return missing;
}

Deadline FilingDeadline(Date met_on,
                        const WorkingCalendar& calendar,
                        const TimeZone& zone,
                        const PolicyValues& policy) {
    return WorkingDaysDeadline(
        calendar, zone, zone.StartOfDay(met_on), static_cast<int>(policy.Get(policy_key::kCustomerFilingWorkingDays)));
}

}  // namespace patron::domain
