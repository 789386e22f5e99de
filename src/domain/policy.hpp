// The policy settings catalogue: every number the policies name (POLICIES.md: "every number is
// the DEFAULT of a policy setting") plus the platform's own (session lifetimes, login throttling).
// Each organisation stores its own values; a key not stored takes the default here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/expected.hpp"

namespace patron::domain {

struct PolicySetting {
    std::string key;   // "session.idle_minutes"
    std::string rule;  // "ARC-4", or "platform"
    std::string unit;  // minutes, hours, working_days, days, fen, count, percent, bool, mib, years, months
    std::int64_t default_value;
    std::int64_t min;
    std::int64_t max;
    std::string description_zh;
    std::string description_en;
};

const std::vector<PolicySetting>& PolicyCatalog();
// nullptr when the key is not in the catalogue.
const PolicySetting* FindPolicySetting(std::string_view key);
Status ValidatePolicyValue(const PolicySetting& setting, std::int64_t value);

namespace policy_key {
inline constexpr const char* kSessionIdleMinutes = "session.idle_minutes";
inline constexpr const char* kSessionAbsoluteHours = "session.absolute_hours";
inline constexpr const char* kLoginMaxFailuresPerAccountHour = "login.max_failures_per_account_hour";
inline constexpr const char* kLoginMaxFailuresPerAddressHour = "login.max_failures_per_address_hour";
inline constexpr const char* kCustomerFilingWorkingDays = "customer.filing_deadline_working_days";   // ARC-10
inline constexpr const char* kSalesHandoverWorkingDays = "archive.sales_handover_working_days";      // ARC-4
inline constexpr const char* kServiceHandoverWorkingDays = "archive.service_handover_working_days";  // ARC-4
inline constexpr const char* kFilingRequiresScans = "archive.filing_requires_scans";                 // ARC-4
inline constexpr const char* kRetentionYearsNewCar = "archive.retention_years_new_car";              // ARC-12
inline constexpr const char* kRetentionYearsAfterSales = "archive.retention_years_after_sales";      // ARC-12
inline constexpr const char* kInspectionIntervalMonths = "archive.inspection_interval_months";       // ARC-11
inline constexpr const char* kMaxDocumentMib = "archive.max_document_mib";                           // ARC-1
}  // namespace policy_key

// A resolved set of values for one organisation.
class PolicyValues {
public:
    void Set(const std::string& key, std::int64_t value);
    // The stored value or the catalogue default. PATRON_ASSERTs that the key is in the catalogue.
    std::int64_t Get(std::string_view key) const;

private:
    std::vector<std::pair<std::string, std::int64_t>> values_;
};

}  // namespace patron::domain
