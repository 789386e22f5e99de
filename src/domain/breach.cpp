#include "domain/breach.hpp"

#include "domain/validation.hpp"

namespace patron::domain {

Status ValidateBreachReport(BreachIncident& incident, Date today) {
    Checker check;
    check.Enum(incident.severity, "severity", kBreachSeverities);
    check.Text(incident.title, "title", 200, true);
    check.Text(incident.description, "description", 4000, true, true);
    check.Text(incident.records, "records", 2000, false, true);
    if (incident.occurred_on > today) check.Add("occurred_on", "must not be in the future");
    return check.Result();
}

Status ValidateRemedialAction(RemedialAction& action) {
    Checker check;
    check.Text(action.description, "description", 2000, true, true);
    if (!action.owner.valid()) check.Add("owner_id", "is required");
    return check.Result();
}

std::string WhyNotClosable(const BreachIncident& incident, const std::string& summary) {
    if (incident.status != "open") return "the incident is already " + incident.status;
    if (incident.actions.empty()) return "record the remedial actions taken before closing";
    for (const auto& a : incident.actions) {
        if (a.done_at == 0) return "the action '" + a.description + "' is not done";
    }
    if (summary.find_first_not_of(" \t\r\n") == std::string::npos) return "say how the incident was dealt with";
    return "";
}

}  // namespace patron::domain
