#include "domain/inspection.hpp"

#include "domain/validation.hpp"

namespace patron::domain {

Status ValidateInspection(StorageInspection& i, Date today) {
    Checker check;
    check.Text(i.location, "location", 200, true);
    check.Text(i.findings, "findings", 4000, false, true);
    check.Text(i.repairs, "repairs", 4000, false, true);
    if (i.damaged_files < 0) check.Add("damaged_files", "must not be negative");
    if (i.inspected_on > today) check.Add("inspected_on", "must not be in the future");
    if ((i.damp || i.mould || i.pests || i.damaged_files > 0) && i.findings.empty()) {
        check.Add("findings", "describe what was found");
    }
    return check.Result();
}

Date NextInspectionDue(const std::optional<Date>& last, int interval_months, Date today) {
    if (!last) return today;
    return AddMonths(*last, interval_months);
}

}  // namespace patron::domain
