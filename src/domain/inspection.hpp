// ARC-11: a full inspection of the archive storage every half year (policy
// archive.inspection_interval_months), with a record: the storage environment (damp, mould,
// pests), faded or damaged material found and what was repaired.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"

namespace patron::domain {

struct StorageInspection {
    std::int64_t id = 0;
    Date inspected_on{};
    UserId inspector_id;
    std::string location;  // the rooms and cabinets inspected
    bool damp = false;
    bool mould = false;
    bool pests = false;
    std::int64_t damaged_files = 0;  // faded or damaged files found
    std::string findings;
    std::string repairs;  // what was repaired or moved, and what is still to do
    Timestamp created_at = 0;
};

// Location 1–200 characters; findings and repairs up to 4000; damaged_files >= 0; a finding
// (damp, mould, pests or damaged files) needs its description; not in the future.
Status ValidateInspection(StorageInspection& inspection, Date today);

// The day the next inspection is due: `interval_months` after the last one; today when there has
// never been one.
Date NextInspectionDue(const std::optional<Date>& last, int interval_months, Date today);

}  // namespace patron::domain
