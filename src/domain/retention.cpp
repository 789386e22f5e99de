#include "domain/retention.hpp"

namespace patron::domain {
namespace {

int RetentionYears(std::string_view kind, const PolicyValues& policy) {
    return static_cast<int>(
        policy.Get(kind == "after_sales" ? policy_key::kRetentionYearsAfterSales : policy_key::kRetentionYearsNewCar));
}

}  // namespace

Date RetentionUntil(const Archive& archive, const TimeZone& zone, const PolicyValues& policy) {
    return AddYears(zone.LocalDate(archive.event_at), RetentionYears(archive.kind, policy));
}

Date OldestRetainedEvent(std::string_view kind, Date today, const PolicyValues& policy) {
    // event + years >= today  <=>  event >= today - years (give or take 29 February: the caller
    // re-checks each archive with RetentionUntil).
    return AddYears(today, -RetentionYears(kind, policy));
}

Status CheckDestructionDecision(const Destruction& d,
                                UserId decider,
                                std::string_view decision,
                                const std::string& reason) {
    if (decision != "approve" && decision != "reject") {
        return MakeError(ErrorCode::kInvalidArgument, "decision must be approve or reject", "decision");
    }
    if (d.status != "proposed") {
        return MakeError(ErrorCode::kFailedPrecondition, "the destruction was " + d.status + " already", "status");
    }
    if (d.proposed_by == decider) {
        return MakeError(ErrorCode::kForbidden, "the proposer of a destruction may not decide it (ARC-12)");
    }
    if (decision == "reject" && reason.empty()) {
        return MakeError(ErrorCode::kInvalidArgument, "a rejection needs a reason", "reason");
    }
    return {};
}

}  // namespace patron::domain
