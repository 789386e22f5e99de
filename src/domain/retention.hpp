// ARC-12: retention and destruction of archives. Each archive kind is kept for a number of years
// after the sale or delivery (policy settings); past that it is on the destruction list. A keeper
// proposes a destruction (which archives, why); another person, holding archive.destroy (the
// general manager by default, SEC-12), approves or rejects it. Approval destroys: the archive's
// content (its checklist record and the scanned documents' bytes) is purged and the archive is
// marked destroyed, while the destruction record stays for ever: what (number, kind, customer,
// vehicle, dates, documents), when, proposed by whom, approved by whom.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"
#include "domain/archive.hpp"
#include "domain/policy.hpp"

namespace patron::domain {

// The last day the archive must be kept: the local day of its sale or delivery plus the kind's
// retention years (archive.retention_years_new_car / _after_sales).
Date RetentionUntil(const Archive& archive, const TimeZone& zone, const PolicyValues& policy);
// The earliest sale or delivery day that is still within retention on `today`: archives of
// earlier days are past retention (RetentionUntil(archive) < today).
Date OldestRetainedEvent(std::string_view kind, Date today, const PolicyValues& policy);

// One archive in a destruction record, as it was when proposed.
struct DestructionLine {
    ArchiveId archive_id;
    std::string number;
    std::string kind;
    std::string customer_name;
    std::string vin;
    Timestamp event_at = 0;
    Date retention_until{};
    std::int64_t documents = 0;  // scans purged with it
};

inline constexpr const char* kDestructionStatuses[] = {"proposed", "approved", "rejected"};

struct Destruction {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::string status = "proposed";
    std::string reason;
    UserId proposed_by;
    Timestamp proposed_at = 0;
    UserId decided_by;
    Timestamp decided_at = 0;
    std::string decision_reason;
    std::vector<DestructionLine> lines;
};

// Four eyes: the proposer does not decide; only a proposed record is decided; a rejection says
// why. `decision` is "approve" or "reject".
Status CheckDestructionDecision(const Destruction& destruction,
                                UserId decider,
                                std::string_view decision,
                                const std::string& reason);

}  // namespace patron::domain
