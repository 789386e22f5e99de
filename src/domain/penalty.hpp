// The penalty engine (ARC-6a … ARC-6i): every fine is computed from recorded facts and carries
// its rule ID, the facts it used and the arithmetic. Amounts are integer fen; every amount,
// deadline and threshold is a policy setting (domain/policy.cpp).
//
// - ARC-6a / ARC-6d: handover later than the ARC-4 deadline (or not handed over by then): one fine
//   per vehicle / visit, on the first late day (the handover day, or the day after the due day).
// - ARC-6b (new car): each document that needs the customer's signature found without it.
// - ARC-6c (after-sales): contact person and contact method not verified at reception.
// - ARC-6e (after-sales): each item missing or defective; a missing customer signature and a
//   missing internal signature are fined per item at their own amounts.
//   ARC-6b/6e fall on the day of the keeper's check that found them.
// - ARC-6i: a correction ordered by the keeper (a check that found the archive incomplete) and not
//   made within N working days repeats the archive's ARC-6b/6e fine on each further working day
//   until a check finds it complete.
// - ARC-6f: per person per calendar month, a sales consultant's fines double from the 2nd
//   violation, a service advisor's from the 3rd, in the order the violations happened; such a
//   month is flagged for a 10–30 % deduction of performance pay, set by a manager.
// - ARC-6g: a file lost or damaged through late filing or a breach of the borrowing rules (an
//   incident the keeper records) costs the responsible person the extra fine per file, on the day
//   it happened.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/archive.hpp"
#include "domain/policy.hpp"

namespace patron::domain {

// Who is fined: new-car archives fine the sales consultant, after-sales ones the service advisor.
inline constexpr const char* kOffenderKinds[] = {"sales", "service"};

struct Violation {
    std::string rule;  // "ARC-6a"
    std::string key;   // unique per organisation: the same violation is never fined twice
    UserId person;
    DepartmentId department;
    ArchiveId archive;
    std::string archive_number;
    std::string offender_kind;  // sales / service
    Date day;                   // the day it happened (local)
    std::int64_t base_fen = 0;
    std::string facts;  // the recorded facts, in words
};

// The rules fined when their facts are recorded (the keeper's check, an incident) rather than
// found by the monthly run from deadlines: ARC-6b, ARC-6e, ARC-6g. The run keeps them.
bool IsRecordedFinding(std::string_view rule);

// ARC-6g: the fine of an incident; nullopt when its cause is neither late filing nor a breach
// of the borrowing rules (recorded, not fined).
std::optional<Violation> IncidentViolation(const Archive& archive,
                                           const ArchiveIncident& incident,
                                           const PolicyValues& policy);

// ARC-6b / ARC-6e from the keeper's check recorded at `check_day`.
std::vector<Violation> CheckViolations(const Archive& archive,
                                       const std::vector<ChecklistItem>& checklist,
                                       const PolicyValues& policy,
                                       Date check_day);

// ARC-6a, ARC-6c, ARC-6d and ARC-6i as of `now`. `correction_fen`: the ARC-6b/6e fine of the
// check that ordered the correction, which ARC-6i repeats (0: the per-item amount). Only ARC-6i
// repeats inside [window_first, window_last] are produced (a month's run needs no others).
std::vector<Violation> DeadlineViolations(const Archive& archive,
                                          const std::vector<Handover>& handovers,
                                          const WorkingCalendar& calendar,
                                          const TimeZone& zone,
                                          const PolicyValues& policy,
                                          Timestamp now,
                                          std::int64_t correction_fen,
                                          Date window_first = Date::min(),
                                          Date window_last = Date::max());
// The same for a run over many archives: deadlines through `memo`, the first handover's time
// (0: not handed over) instead of the handovers.
std::vector<Violation> DeadlineViolations(const Archive& archive,
                                          Timestamp first_handed_at,
                                          DeadlineMemo& memo,
                                          const PolicyValues& policy,
                                          Timestamp now,
                                          std::int64_t correction_fen,
                                          Date window_first,
                                          Date window_last);

struct FineAmount {
    int ordinal = 0;  // the person's nth violation of the month
    std::int64_t multiplier = 1;
    std::int64_t amount_fen = 0;
    std::string arithmetic;  // "50.00 × 2 = 100.00 (ARC-6f: 2nd violation this month of a sales consultant)"
};

// ARC-6f for one person's violations of one month, given in the order they happened.
std::vector<FineAmount> ApplyRepeatRule(const std::vector<Violation>& month_of_person, const PolicyValues& policy);
// True when the month has a doubled fine: flag the 10–30 % performance pay deduction (ARC-6f).
bool FlagsPayDeduction(const std::vector<FineAmount>& amounts);

// ARC-6h: one department's archive KPIs for a month.
//  - on-time handover rate: of the archives whose handover deadline falls in the month, those
//    first handed over before the deadline passed (not handed over counts as late);
//  - completeness rate: of the archives first checked in the month, those the keeper found
//    complete at that first check.
struct DepartmentKpi {
    DepartmentId department;
    int due = 0;
    int on_time = 0;
    int checked = 0;
    int complete_first_time = 0;
    // Percent with one decimal, or -1 when nothing was due / checked.
    double OnTimeRate() const { return due ? 100.0 * on_time / due : -1; }
    double CompletenessRate() const { return checked ? 100.0 * complete_first_time / checked : -1; }
};

struct ArchiveFacts {
    const Archive* archive;
    Timestamp first_handed_at = 0;  // 0: not handed over
};

std::vector<DepartmentKpi> ArchiveKpis(const std::vector<ArchiveFacts>& archives,
                                       const WorkingCalendar& calendar,
                                       const TimeZone& zone,
                                       const PolicyValues& policy,
                                       Date first,
                                       Date last);

// "50.00"
std::string Yuan(std::int64_t fen);
// "2026-10"
std::string MonthOf(Date day);

}  // namespace patron::domain
