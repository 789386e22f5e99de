// Customer archives (ARC-1 … ARC-5, ARC-8, ARC-14): one vehicle, one archive; the checklist of
// documents it must hold; the handover from sales / after-sales to the archive keeper, registered
// in the sign-off book with its deadline on the working-day calendar.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "domain/calendar.hpp"
#include "domain/policy.hpp"

namespace patron::domain {

// ARC-1: new-car archives for vehicles the company sold; after-sales archives per service visit,
// also for vehicles sold elsewhere.
inline constexpr const char* kArchiveKinds[] = {"new_car", "after_sales"};

// ARC-4 flow: opened → handed over (sign-off book) → checked by the keeper → filed (copied,
// scanned, original shelved, electronic archive complete). ARC-14: a filed new-car archive is
// confirmed by the sales director. ARC-12: "destroyed" only through an approved destruction.
inline constexpr const char* kArchiveStatuses[] = {"open", "handed_over", "checked", "filed", "destroyed"};

// One line of a checklist template (ARC-2, ARC-3).
struct ChecklistItem {
    std::string code;  // "invoice"
    std::string title_zh;
    std::string title_en;
    bool needs_customer_signature = false;
    bool needs_internal_signature = false;
    bool optional = false;
};

// ARC-2: the new-car archive's twelve documents; ARC-3: a maintenance visit's four.
const std::vector<ChecklistItem>& NewCarChecklist();
const std::vector<ChecklistItem>& MaintenanceChecklist();
const std::vector<ChecklistItem>& DefaultChecklist(std::string_view kind);
// ARC-3: an organisation's own checklist for a kind, as an administrator edits it (the lists above
// are the default until then): 1–50 items, codes of lower-case letters, digits and '_', unique;
// both titles required. Trims the titles.
Status ValidateChecklist(std::vector<ChecklistItem>& items);

// The state of one checklist item in one archive, as recorded by the keeper's check.
inline constexpr const char* kItemStates[] = {"missing", "present", "defective"};
struct ArchiveItem {
    std::string code;
    std::string state = "missing";
    std::string defect;            // why it is defective ("wrong customer signature")
    bool customer_signed = false;  // for items that need it
    bool internal_signed = false;
};

struct Archive {
    ArchiveId id;
    OrgId org_id;
    std::int64_t version = 0;
    std::string number;  // ARC-8: "XC-2026-000123" (new car) / "SH-2026-000045" (after-sales)
    std::string kind = "new_car";
    CustomerId customer_id;
    VehicleId vehicle_id;
    DepartmentId department_id;    // the sales or after-sales department that must hand it over
    UserId responsible_id;         // the sales consultant / service advisor (ARC-6 fines name them)
    Timestamp event_at = 0;        // the sale (new car) or the vehicle's delivery after service
    std::string visit_ref;         // after-sales: work order number
    bool contact_verified = true;  // ARC-6c: the visit's contact person and contact method checked
    std::string status = "open";
    std::string cabinet, shelf, bag;  // ARC-1 paper location
    std::vector<ArchiveItem> items;
    UserId confirmed_by;  // ARC-14
    Timestamp confirmed_at = 0;
    Timestamp checked_at = 0;             // the keeper's latest check
    Timestamp correction_ordered_at = 0;  // ARC-6i: the first check that found it incomplete
    Timestamp corrected_at = 0;           // ARC-6i: the later check that found it complete
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    UserId created_by;
};

// ARC-5: one line of the handover sign-off book.
struct Handover {
    HandoverId id;
    ArchiveId archive_id;
    UserId sender_id;
    UserId receiver_id;
    Timestamp handed_at = 0;
    std::vector<std::string> items_handed;
    std::vector<std::string> items_missing;
    bool sender_signed = false;
    bool receiver_signed = false;
    std::string notes;
    Timestamp due_at = 0;        // ARC-4 deadline (first late instant)
    std::int64_t late_days = 0;  // working days after the due day (0: on time)
    std::string deadline_explanation;
};

// ARC-6g: a file of the archive lost or damaged, and why. Recorded by the keeper; an incident
// caused by late filing or by a breach of the borrowing rules fines the responsible person.
inline constexpr const char* kIncidentKinds[] = {"lost", "damaged"};
inline constexpr const char* kIncidentCauses[] = {"late_filing", "borrowing_breach", "other"};
struct ArchiveIncident {
    std::int64_t id = 0;
    ArchiveId archive_id;
    std::string kind = "lost";
    std::string cause = "other";
    UserId responsible_id;
    std::int64_t files = 1;  // how many files were lost or damaged
    Date occurred_on{};
    std::string description;
    UserId recorded_by;
    Timestamp recorded_at = 0;
};

// Trims free text; every violated field is named.
Status ValidateArchive(Archive& archive);
// 1–100 files, a description (1–2000 characters), a responsible person, not in the future.
Status ValidateIncident(ArchiveIncident& incident, Date today);
// ARC-8: "XC-2026-000123".
std::string ArchiveNumber(std::string_view kind, int year, std::int64_t sequence);
// The items the archive should hold, each with its recorded state ("missing" when never checked).
std::vector<ArchiveItem> ItemsWithTemplate(const std::vector<ChecklistItem>& checklist,
                                           const std::vector<ArchiveItem>& recorded);
// ARC-6h completeness: every required item present, not defective, and signed where it must be.
bool IsComplete(const std::vector<ChecklistItem>& checklist, const std::vector<ArchiveItem>& items);
// Allowed status moves (ARC-4 flow). "filed" also needs the paper location.
Status CheckTransition(const Archive& archive, std::string_view to);

// ARC-4: the handover deadline of an archive: the policy's working days after the sale (new car)
// or the delivery (after-sales).
Deadline HandoverDeadline(const Archive& archive,
                          const WorkingCalendar& calendar,
                          const TimeZone& zone,
                          const PolicyValues& policy);
// The same through a memo (a run over many archives).
const Deadline& HandoverDeadline(const Archive& archive, DeadlineMemo& memo, const PolicyValues& policy);
// Working days late when handed over at `handed_at` (0 when on time).
int WorkingDaysLate(const Deadline& deadline, const WorkingCalendar& calendar, const TimeZone& zone, Timestamp at);

}  // namespace patron::domain
