#include "domain/penalty.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace patron::domain {
namespace {

std::string OffenderKind(const Archive& a) { return a.kind == "after_sales" ? "service" : "sales"; }

Violation Base(const Archive& a, std::string rule, std::string key, Date day, std::int64_t fen, std::string facts) {
    Violation v;
    v.rule = std::move(rule);
    v.key = std::move(key);
    v.person = a.responsible_id;
    v.department = a.department_id;
    v.archive = a.id;
    v.archive_number = a.number;
    v.offender_kind = OffenderKind(a);
    v.day = day;
    v.base_fen = fen;
    v.facts = std::move(facts);
    return v;
}

std::string Ordinal(int n) {
    if (n % 100 >= 11 && n % 100 <= 13) return std::to_string(n) + "th";
    switch (n % 10) {
        case 1:
            return std::to_string(n) + "st";
        case 2:
            return std::to_string(n) + "nd";
        case 3:
            return std::to_string(n) + "rd";
        default:
            return std::to_string(n) + "th";
    }
}

const ChecklistItem* Spec(const std::vector<ChecklistItem>& checklist, const std::string& code) {
    for (const auto& c : checklist) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

}  // namespace

std::string Yuan(std::int64_t fen) {
    std::string out = fen < 0 ? "-" : "";
    std::int64_t abs = fen < 0 ? -fen : fen;
    out += std::to_string(abs / 100);
    out += '.';
    out += static_cast<char>('0' + abs % 100 / 10);
    out += static_cast<char>('0' + abs % 10);
    return out;
}

std::string MonthOf(Date day) { return FormatDate(day).substr(0, 7); }

bool IsRecordedFinding(std::string_view rule) { return rule == "ARC-6b" || rule == "ARC-6e" || rule == "ARC-6g"; }

std::optional<Violation> IncidentViolation(const Archive& a,
                                           const ArchiveIncident& incident,
                                           const PolicyValues& policy) {
    if (incident.cause != "late_filing" && incident.cause != "borrowing_breach") return std::nullopt;
    const std::int64_t per_file = policy.Get("penalty.lost_file_fen");
    std::string facts = a.number + " " + (incident.kind == "lost" ? "lost" : "damaged") + " on " +
                        FormatDate(incident.occurred_on) + " through " +
                        (incident.cause == "late_filing" ? "late filing" : "a breach of the borrowing rules") + ": " +
                        std::to_string(incident.files) + " file(s) × " + Yuan(per_file) + " = " +
                        Yuan(per_file * incident.files) + " (" + incident.description + ")";
    Violation v = Base(a,
                       "ARC-6g",
                       "ARC-6g:" + std::to_string(incident.id),
                       incident.occurred_on,
                       per_file * incident.files,
                       std::move(facts));
    v.person = incident.responsible_id;
    return v;
}

std::vector<Violation> CheckViolations(const Archive& a,
                                       const std::vector<ChecklistItem>& checklist,
                                       const PolicyValues& policy,
                                       Date check_day) {
    std::vector<Violation> out;
    std::string checked = "keeper's check of " + FormatDate(check_day) + " on " + a.number + ": ";
    for (const auto& item : ItemsWithTemplate(checklist, a.items)) {
        const ChecklistItem* spec = Spec(checklist, item.code);
        if (spec == nullptr) continue;
        std::string what = spec->title_zh + " (" + item.code + ")";
        if (a.kind == "new_car") {
            // ARC-6b: only the customer's signature on the consultant's documents is fined.
            if (spec->needs_customer_signature && item.state != "missing" && !item.customer_signed) {
                out.push_back(Base(a,
                                   "ARC-6b",
                                   "ARC-6b:" + std::to_string(a.id.value) + ":" + item.code,
                                   check_day,
                                   policy.Get("penalty.missing_customer_signature_sales_fen"),
                                   checked + what + " without the customer's signature"));
            }
            continue;
        }
        // ARC-6e: the after-sales paper archive, item by item.
        std::string prefix = "ARC-6e:" + std::to_string(a.id.value) + ":" + item.code;
        if (spec->optional && item.state == "missing") continue;
        if (item.state != "present") {
            out.push_back(
                Base(a,
                     "ARC-6e",
                     prefix + ":item",
                     check_day,
                     policy.Get("penalty.incomplete_item_fen"),
                     checked + what + " " + item.state + (item.defect.empty() ? "" : " (" + item.defect + ")")));
        }
        auto signature = [&](bool needed, bool signed_, const char* which, const char* fen_key, const char* whose) {
            if (item.state == "missing" || !needed || signed_) return;
            out.push_back(Base(a,
                               "ARC-6e",
                               prefix + ":" + which,
                               check_day,
                               policy.Get(fen_key),
                               checked + what + " without the " + whose + " signature"));
        };
        signature(spec->needs_customer_signature,
                  item.customer_signed,
                  "customer_signature",
                  "penalty.missing_customer_signature_fen",
                  "customer's");
        signature(spec->needs_internal_signature,
                  item.internal_signed,
                  "internal_signature",
                  "penalty.missing_internal_signature_fen",
                  "internal");
    }
    return out;
}

std::vector<Violation> DeadlineViolations(const Archive& a,
                                          const std::vector<Handover>& handovers,
                                          const WorkingCalendar& calendar,
                                          const TimeZone& zone,
                                          const PolicyValues& policy,
                                          Timestamp now,
                                          std::int64_t correction_fen,
                                          Date window_first,
                                          Date window_last) {
    // ARC-6a / ARC-6d: the first handover is the one the deadline binds.
    Timestamp first_handed_at = 0;
    for (const auto& h : handovers) {
        if (first_handed_at == 0 || h.handed_at < first_handed_at) first_handed_at = h.handed_at;
    }
    DeadlineMemo memo(calendar, zone);
    return DeadlineViolations(a, first_handed_at, memo, policy, now, correction_fen, window_first, window_last);
}

std::vector<Violation> DeadlineViolations(const Archive& a,
                                          Timestamp first_handed_at,
                                          DeadlineMemo& memo,
                                          const PolicyValues& policy,
                                          Timestamp now,
                                          std::int64_t correction_fen,
                                          Date window_first,
                                          Date window_last) {
    const WorkingCalendar& calendar = memo.calendar();
    const TimeZone& zone = memo.zone();
    std::vector<Violation> out;
    const bool sales = a.kind == "new_car";
    const std::string id = std::to_string(a.id.value);
    const Deadline& due = HandoverDeadline(a, memo, policy);
    const bool late = first_handed_at != 0 && first_handed_at >= due.due_at;
    if (late || (first_handed_at == 0 && now >= due.due_at)) {
        std::string rule = sales ? "ARC-6a" : "ARC-6d";
        std::int64_t fen = policy.Get(sales ? "penalty.late_sales_handover_fen" : "penalty.late_service_handover_fen");
        std::string facts = a.number + (sales ? ": sold " : ": delivered ") + FormatDate(due.event_day);
        Date day = late ? zone.LocalDate(first_handed_at) : due.due_day + std::chrono::days(1);
        if (late) {
            facts += ", handed over " + FormatDate(day) + ", deadline ";
        } else {
            facts += ", not handed over by the deadline ";
        }
        facts += FormatDate(due.due_day) + " (" + due.explanation + ")";
        out.push_back(Base(a, rule, rule + ":" + id, day, fen, std::move(facts)));
    }
    // ARC-6c
    if (!sales && !a.contact_verified) {
        out.push_back(Base(a,
                           "ARC-6c",
                           "ARC-6c:" + id,
                           due.event_day,
                           policy.Get("penalty.unverified_contact_fen"),
                           a.number +
                               ": the visit's contact person and contact method were not verified at reception (" +
                               a.visit_ref + ")"));
    }
    // ARC-6i: each working day the ordered correction is overdue repeats the archive's item fines.
    if (a.correction_ordered_at != 0) {
        const Deadline& correction =
            memo.WorkingDays(a.correction_ordered_at, static_cast<int>(policy.Get("penalty.correction_working_days")));
        Timestamp until = a.corrected_at != 0 ? a.corrected_at : now;
        if (until >= correction.due_at) {
            std::int64_t repeat_fen = correction_fen;
            if (repeat_fen == 0) {
                repeat_fen =
                    policy.Get(sales ? "penalty.missing_customer_signature_sales_fen" : "penalty.incomplete_item_fen");
            }
            Date last = zone.LocalDate(until);
            if (a.corrected_at != 0) last -= std::chrono::days(1);  // corrected that day: not late that day
            Date start = std::max(correction.due_day + std::chrono::days(1), window_first);
            last = std::min(last, window_last);
            int n = memo.WorkingDaysBetween(correction.due_day, start - std::chrono::days(1));
            const std::string key_prefix = "ARC-6i:" + id + ":";
            const std::string ordered = a.number + ": correction ordered " + FormatDate(correction.event_day) +
                                        ", due " + FormatDate(correction.due_day) + ", still not made on ";
            for (Date day = start; day <= last; day += std::chrono::days(1)) {
                if (!calendar.IsWorkingDay(day)) continue;
                ++n;
                const std::string on = FormatDate(day);
                out.push_back(Base(a,
                                   "ARC-6i",
                                   key_prefix + on,
                                   day,
                                   repeat_fen,
                                   ordered + on + " (" + Ordinal(n) + " working day late)"));
            }
        }
    }
    return out;
}

std::vector<FineAmount> ApplyRepeatRule(const std::vector<Violation>& month, const PolicyValues& policy) {
    std::vector<FineAmount> out;
    out.reserve(month.size());
    const std::int64_t sales_from = policy.Get("penalty.sales_double_from_nth");
    const std::int64_t service_from = policy.Get("penalty.service_double_from_nth");
    for (std::size_t violation_idx = 0; violation_idx < month.size(); ++violation_idx) {
        const Violation& v = month[violation_idx];
        FineAmount f;
        f.ordinal = static_cast<int>(violation_idx) + 1;
        const std::int64_t from = v.offender_kind == "sales" ? sales_from : service_from;
        f.multiplier = f.ordinal >= from ? 2 : 1;
        f.amount_fen = v.base_fen * f.multiplier;
        f.arithmetic = v.rule + ": " + Yuan(v.base_fen);
        if (f.multiplier > 1) {
            f.arithmetic += " × 2 = " + Yuan(f.amount_fen) + " (ARC-6f: " + Ordinal(f.ordinal) +
                            " violation this month of a " +
                            (v.offender_kind == "sales" ? "sales consultant" : "service advisor") +
                            ", doubled from the " + Ordinal(static_cast<int>(from)) + ")";
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<DepartmentKpi> ArchiveKpis(const std::vector<ArchiveFacts>& archives,
                                       const WorkingCalendar& calendar,
                                       const TimeZone& zone,
                                       const PolicyValues& policy,
                                       Date first,
                                       Date last) {
    std::map<std::int64_t, DepartmentKpi> by_department;
    DeadlineMemo memo(calendar, zone);
    for (const auto& facts : archives) {
        const Archive& a = *facts.archive;
        auto& kpi = by_department[a.department_id.value];
        kpi.department = a.department_id;
        const Deadline& due = HandoverDeadline(a, memo, policy);
        if (due.due_day >= first && due.due_day <= last) {
            ++kpi.due;
            if (facts.first_handed_at != 0 && facts.first_handed_at < due.due_at) ++kpi.on_time;
        }
        // The first check: the correction order if there was one, else the (only) check.
        Timestamp first_check = a.correction_ordered_at != 0 ? a.correction_ordered_at : a.checked_at;
        if (first_check != 0) {
            Date day = zone.LocalDate(first_check);
            if (day >= first && day <= last) {
                ++kpi.checked;
                if (a.correction_ordered_at == 0) ++kpi.complete_first_time;
            }
        }
    }
    std::vector<DepartmentKpi> out;
    for (auto& [id, kpi] : by_department) {
        if (kpi.due > 0 || kpi.checked > 0) out.push_back(kpi);
    }
    return out;
}

bool FlagsPayDeduction(const std::vector<FineAmount>& amounts) {
    return std::any_of(amounts.begin(), amounts.end(), [](const FineAmount& f) { return f.multiplier > 1; });
}

}  // namespace patron::domain
