// SEC-10: a known or possible leak of customer information is reported at once to the customer
// information supervisor and the customer service manager (holders of incident.manage), who act at
// once: remedial actions with owners and due days, each marked done, then the incident is closed
// with a summary. Nothing is deleted. Pure data and rules.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"

namespace patron::domain {

inline constexpr const char* kBreachSeverities[] = {"possible", "confirmed"};

struct RemedialAction {
    std::int64_t id = 0;
    std::string description;
    UserId owner;
    Date due_on{};
    Timestamp done_at = 0;  // 0: open
    std::string result;
    Timestamp created_at = 0;
};

struct BreachIncident {
    std::int64_t id = 0;
    OrgId org_id;
    std::int64_t version = 0;
    std::string severity = "possible";  // a possible leak is reported too
    std::string title;
    std::string description;  // what leaked or may have, how it was noticed
    std::string records;      // the customers / archives concerned, in words or numbers
    Date occurred_on{};
    UserId reported_by;
    Timestamp reported_at = 0;
    std::string status = "open";  // open, closed
    std::string summary;          // the closing summary
    UserId closed_by;
    Timestamp closed_at = 0;
    std::vector<RemedialAction> actions;
};

// Trims and checks a new report (title, description, severity, the day not in the future).
Status ValidateBreachReport(BreachIncident& incident, Date today);
Status ValidateRemedialAction(RemedialAction& action);
// Why the incident cannot be closed (an open action, no summary); empty when it can.
std::string WhyNotClosable(const BreachIncident& incident, const std::string& summary);

}  // namespace patron::domain
