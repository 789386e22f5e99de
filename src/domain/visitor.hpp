// SEC-3: a non-employee (an auditor from the group, a lawyer, an insurer's assessor) is registered
// with an introduction letter or a work ID before any access: who they are, where from, the
// document and its number, why, and the employee who hosts them, for a limited time. Access
// requests on their behalf are filed by the host and name the visitor; the grant goes to the host
// (the visitor never logs in) and every read under it is audited with the grant. Pure rules.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"

namespace patron::domain {

inline constexpr const char* kVisitorDocuments[] = {"introduction_letter", "work_id"};
inline constexpr int kMaxVisitorDays = 90;

struct Visitor {
    std::int64_t id = 0;
    OrgId org_id;
    std::int64_t version = 0;
    std::string name;
    std::string organisation;  // where they come from
    std::string document_kind = "introduction_letter";
    std::string document_number;  // the letter's reference or the work ID's number (masked when shown)
    std::string purpose;
    UserId host;         // the employee who registers and accompanies them
    Date valid_until{};  // the last day the registration counts
    Timestamp registered_at = 0;
    Timestamp revoked_at = 0;
    UserId revoked_by;
};

// Trims and checks a registration made on `today`: name, organisation, document, purpose, and a
// last day from today to today + kMaxVisitorDays.
Status ValidateVisitor(Visitor& visitor, Date today);
// active (registered, not revoked, `today` within validity), expired, revoked.
std::string VisitorStatus(const Visitor& visitor, Date today);
// The document number as shown to those who may not see it whole: first 2 and last 2 characters.
std::string MaskDocumentNumber(std::string_view number);

}  // namespace patron::domain
