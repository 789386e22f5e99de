#include "app/penalty_service.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "common/errors.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

// "2026-10" → its first and last day.
bool ParseMonth(const std::string& month, Date* first, Date* last) {
    if (month.size() != 7 || !ParseDate(month + "-01", first)) return false;
    int year = std::stoi(month.substr(0, 4));
    int mon = std::stoi(month.substr(5, 2));
    std::string next = mon == 12 ? std::to_string(year + 1) + "-01-01"
                                 : month.substr(0, 5) + (mon + 1 < 10 ? "0" : "") + std::to_string(mon + 1) + "-01";
    Date next_first;
    if (!ParseDate(next, &next_first)) return false;
    *last = next_first - std::chrono::days(1);
    return true;
}

// New fines a run keeps before writing them (FineRepo::InsertMany).
constexpr std::int64_t kFinesPerWrite = 8192;

Error BadMonth() { return MakeError(ErrorCode::kInvalidArgument, "month must be YYYY-MM", "month"); }

// How far back a sale or delivery can lie whose handover deadline falls in the month: the longer
// of the two handover deadlines in working days, as calendar days with room for a holiday week.
std::int64_t LookbackDays(const domain::PolicyValues& policy) {
    std::int64_t working_days = std::max(policy.Get(domain::policy_key::kSalesHandoverWorkingDays),
                                         policy.Get(domain::policy_key::kServiceHandoverWorkingDays));
    return working_days * 7 / 5 + 10;
}

}  // namespace

void PenaltyService::RecordCheckFindings(storage::Tx& tx,
                                         const domain::Archive& archive,
                                         const std::vector<domain::ChecklistItem>& checklist,
                                         const domain::PolicyValues& policy,
                                         Date check_day,
                                         Timestamp now) {
    ProposeRecorded(tx, archive.org_id, domain::CheckViolations(archive, checklist, policy, check_day), now);
}

void PenaltyService::ProposeRecorded(storage::Tx& tx,
                                     OrgId org,
                                     std::vector<domain::Violation> violations,
                                     Timestamp now) {
    std::set<ArchiveId> archives;
    for (const auto& v : violations) archives.insert(v.archive);
    std::set<std::string> existing;
    for (ArchiveId archive : archives) {
        for (const auto& f : tx.fines().ForArchive(org, archive)) existing.insert(f.violation.key);
    }
    for (auto& v : violations) {
        if (existing.count(v.key)) continue;  // recorded before: one fine per finding
        storage::Fine f;
        f.id = FineId(tx.NextId());
        f.version = 1;
        f.amount_fen = v.base_fen;
        f.arithmetic = v.rule + ": " + domain::Yuan(v.base_fen);
        f.violation = std::move(v);
        f.created_at = now;
        f.updated_at = now;
        tx.fines().Insert(org, f);
    }
}

Expected<PenaltyRunResult> PenaltyService::Run(const Caller& caller, const std::string& month) {
    Date first, last;
    if (!ParseMonth(month, &first, &last)) return BadMonth();
    // Running only proposes fines: the customer director or the administrator who keeps the
    // policy settings (and runs `patron penalties run` from cron) may do it.
    if (!caller.principal.Has(kPenaltyDecide) && !caller.principal.Has(kPolicyManage)) {
        ctx_.audit.Record(AuditFor(caller, "penalty.run", "penalty", month, "denied"));
        return Forbidden("run the penalty calculation");
    }
    auto result = Compute(caller.org(), month);
    if (!result.ok()) return result.error();
    ctx_.audit.Record(
        AuditFor(caller,
                 "penalty.run",
                 "penalty",
                 month,
                 "ok",
                 std::to_string(result->proposed) + " proposed, " + std::to_string(result->withdrawn) + " withdrawn"));
    return result;
}

Expected<PenaltyRunResult> PenaltyService::RunForSystem(OrgId org, const std::string& month) {
    auto result = Compute(org, month);
    if (!result.ok()) return result.error();
    domain::AuditEntry e;
    e.org_id = org;
    e.username = "system";
    e.action = "penalty.run";
    e.object_type = "penalty";
    e.object_id = month;
    e.outcome = "ok";
    e.detail = std::to_string(result->proposed) + " proposed, " + std::to_string(result->withdrawn) + " withdrawn";
    ctx_.audit.Record(std::move(e));
    return result;
}

Expected<PenaltyRunResult> PenaltyService::Compute(OrgId org, const std::string& month) {
    Date first, last;
    if (!ParseMonth(month, &first, &last)) return BadMonth();
    const Timestamp now = ctx_.clock.Now();
    auto policy = ctx_.policy.Get(org);
    PenaltyRunResult result;
    result.month = month;
    // A month's first run writes every fine of the month (138k in bench/archives.sh): the bulk page
    // cache keeps them in memory until the commit.
    auto tx = ctx_.store.BulkWrite();
    auto calendar = CalendarService::Resolve(*tx, org);
    const Timestamp month_end = calendar->zone.StartOfDay(last + std::chrono::days(1));
    if (calendar->zone.StartOfDay(first) > now) {
        return MakeError(ErrorCode::kInvalidArgument, "the month has not begun", "month");
    }
    const Timestamp as_of = std::min(now, month_end);
    // The month's stored fines, by key, read on a second connection while this one computes the
    // violations (the run's two halves on two cores). All connections see the same facts: this
    // transaction holds the write lock and has written nothing yet.
    struct Stored {
        storage::Fine fine;
        bool found = false;  // the run found its violation again
    };
    auto stored_fines = std::async(std::launch::async, [this, org, &month] {
        auto read = ctx_.store.Read();
        std::unordered_map<std::string, Stored> by_key;
        read->fines().EachInMonth(org, month, [&by_key](storage::Fine&& f) {
            std::string key = f.violation.key;
            by_key.emplace(std::move(key), Stored{std::move(f)});
        });
        return by_key;
    });
    const Timestamp since = calendar->zone.StartOfDay(first) - LookbackDays(policy) * kDayMs;
    // ARC-6i: the findings of the check that ordered each correction are what its repeats cost
    // (read on a third connection while this one reads the candidates).
    auto correction_findings =
        std::async(std::launch::async, [this, org, since] {
            auto read = ctx_.store.Read();
            std::map<std::pair<ArchiveId, Date>, std::int64_t> fen_by_check;
            for (const auto& [archive, day, fen] : read->archives().CorrectionFindings(org, since)) {
                fen_by_check[{archive, day}] += fen;
            }
            return fen_by_check;
        }).share();
    // The month's violations: deadlines from the facts (one archive is one candidate, so their
    // keys are unique), recorded findings from the stored fines. A violation never precedes its
    // archive's sale or delivery, so the candidates end with the month; the earlier half of them
    // is read and computed on another connection and core.
    auto violations_of = [&](const std::vector<storage::PenaltyFacts>& candidates,
                             std::vector<domain::Violation>& out) {
        const auto& findings_fen = correction_findings.get();
        domain::DeadlineMemo memo(calendar->calendar, calendar->zone);
        for (const auto& facts : candidates) {
            const domain::Archive& archive = facts.archive;
            std::int64_t correction_fen = 0;
            if (archive.correction_ordered_at != 0) {
                auto found = findings_fen.find({archive.id, calendar->zone.LocalDate(archive.correction_ordered_at)});
                if (found != findings_fen.end()) correction_fen = found->second;
            }
            for (auto& v : domain::DeadlineViolations(
                     archive, facts.first_handed_at, memo, policy, as_of, correction_fen, first, last)) {
                if (v.day < first || v.day > last) continue;
                out.push_back(std::move(v));
            }
        }
    };
    const Timestamp middle = since + (month_end - since) / 2;
    auto earlier = std::async(std::launch::async, [&] {
        std::vector<domain::Violation> out;
        violations_of(ctx_.store.Read()->archives().PenaltyCandidatesByEvent(org, since, middle), out);
        return out;
    });
    std::vector<domain::Violation> current;
    violations_of(tx->archives().PenaltyCandidatesByEvent(org, middle, month_end), current);
    violations_of(tx->archives().PenaltyCandidatesByCorrection(org, since), current);
    for (auto& v : earlier.get()) current.push_back(std::move(v));
    auto stored = stored_fines.get();
    // Each violation with its stored fine (one lookup); waived fines do not count for ARC-6f.
    struct Found {
        domain::Violation violation;
        Stored* stored;
    };
    std::map<std::int64_t, std::vector<Found>> by_person;
    auto add = [&](domain::Violation v, Stored* s) {
        if (s != nullptr) {
            s->found = true;
            if (s->fine.status == "waived") return;
        }
        by_person[v.person.value].push_back({std::move(v), s});
    };
    for (auto& v : current) {
        auto it = stored.find(v.key);
        add(std::move(v), it == stored.end() ? nullptr : &it->second);
    }
    current.clear();
    for (auto& [key, s] : stored) {
        if (domain::IsRecordedFinding(s.fine.violation.rule)) add(s.fine.violation, &s);
    }
    // New fines' ids in one block.
    std::int64_t fresh = 0;
    for (const auto& [person, found] : by_person) {
        for (const auto& f : found) fresh += f.stored == nullptr ? 1 : 0;
    }
    std::int64_t next_id = fresh > 0 ? tx->ReserveIds(fresh) : 0;
    std::vector<storage::Fine> fresh_fines;  // written in blocks (FineRepo::InsertMany)
    fresh_fines.reserve(std::min<std::int64_t>(fresh, kFinesPerWrite));
    // ARC-6f per person, in the order the violations happened.
    std::vector<domain::Violation> list;
    std::vector<std::uint32_t> order;
    for (auto& [person, found] : by_person) {
        order.resize(found.size());
        for (std::uint32_t found_idx = 0; found_idx < order.size(); ++found_idx) order[found_idx] = found_idx;
        std::sort(order.begin(), order.end(), [&found](std::uint32_t a, std::uint32_t b) {
            const auto& va = found[a].violation;
            const auto& vb = found[b].violation;
            return va.day != vb.day ? va.day < vb.day : va.key < vb.key;
        });
        list.clear();
        std::vector<Stored*> stored_of;
        stored_of.reserve(order.size());
        for (std::uint32_t found_idx : order) {
            list.push_back(std::move(found[found_idx].violation));
            stored_of.push_back(found[found_idx].stored);
        }
        if (fresh_fines.size() >= kFinesPerWrite) {
            tx->fines().InsertMany(org, fresh_fines);
            fresh_fines.clear();
        }
        auto amounts = domain::ApplyRepeatRule(list, policy);
        for (std::size_t fine_idx = 0; fine_idx < list.size(); ++fine_idx) {
            auto& v = list[fine_idx];
            auto& amount = amounts[fine_idx];
            Stored* s = stored_of[fine_idx];
            if (s == nullptr) {
                storage::Fine f;
                f.id = FineId(next_id++);
                f.version = 1;
                f.violation = std::move(v);
                f.ordinal = amount.ordinal;
                f.multiplier = amount.multiplier;
                f.amount_fen = amount.amount_fen;
                f.arithmetic = std::move(amount.arithmetic);
                f.created_at = now;
                f.updated_at = now;
                ++result.proposed;
                result.total_fen += f.amount_fen;
                fresh_fines.push_back(std::move(f));
                continue;
            }
            storage::Fine& f = s->fine;
            result.total_fen += f.status == "confirmed" ? f.amount_fen : amount.amount_fen;
            bool changes = f.status == "withdrawn" || f.amount_fen != amount.amount_fen ||
                           f.arithmetic != amount.arithmetic || f.violation.facts != v.facts;
            if (f.status == "confirmed" || !changes) {
                ++result.unchanged;  // a decided fine stands as decided
                continue;
            }
            std::int64_t version = f.version;
            f.violation.facts = std::move(v.facts);
            f.violation.base_fen = v.base_fen;
            f.ordinal = amount.ordinal;
            f.multiplier = amount.multiplier;
            f.amount_fen = amount.amount_fen;
            f.arithmetic = std::move(amount.arithmetic);
            f.status = "proposed";
            f.reason.clear();
            f.version = version + 1;
            f.updated_at = now;
            if (!tx->fines().Update(org, f, version)) throw StorageError("fine changed during the run");
            ++result.proposed;
        }
    }
    tx->fines().InsertMany(org, fresh_fines);
    // Proposals whose facts no longer show the violation (a corrected calendar, a re-dated sale).
    for (auto& [key, s] : stored) {
        storage::Fine& f = s.fine;
        if (s.found || f.status != "proposed") continue;
        std::int64_t version = f.version;
        f.status = "withdrawn";
        f.reason = "the recorded facts no longer show this violation";
        f.version = version + 1;
        f.updated_at = now;
        if (!tx->fines().Update(org, f, version)) throw StorageError("fine changed during the run");
        ++result.withdrawn;
    }
    tx->Commit();
    return result;
}

bool PenaltyService::MaySee(const Caller& caller, const storage::Fine& fine) const {
    return fine.violation.person == caller.user() || caller.principal.HasIn(kPenaltyRead, fine.violation.department);
}

Expected<std::vector<FineView>> PenaltyService::List(const Caller& caller, const std::string& month) {
    Date first, last;
    if (!ParseMonth(month, &first, &last)) return BadMonth();
    auto tx = ctx_.store.Read();
    auto directory = ctx_.directory.Get(caller.org());
    std::map<std::int64_t, std::string> numbers;
    std::vector<FineView> out;
    for (auto& f : tx->fines().ForMonth(caller.org(), month)) {
        if (!MaySee(caller, f)) continue;
        FineView view;
        view.person_name = directory->User(f.violation.person);
        view.department_name = directory->Department(f.violation.department);
        auto it = numbers.find(f.violation.archive.value);
        if (it == numbers.end()) {
            auto archive = tx->archives().Get(caller.org(), f.violation.archive);
            it = numbers.emplace(f.violation.archive.value, archive ? archive->number : "").first;
        }
        view.archive_number = it->second;
        view.fine = std::move(f);
        out.push_back(std::move(view));
    }
    return out;
}

Expected<FineView> PenaltyService::Decide(
    const Caller& caller, FineId id, const std::string& decision, std::string reason, std::int64_t version) {
    if (decision != "confirm" && decision != "waive") {
        return MakeError(ErrorCode::kInvalidArgument, "decision must be confirm or waive", "decision");
    }
    if (reason.size() > 1000) return MakeError(ErrorCode::kInvalidArgument, "reason is too long", "reason");
    if (decision == "waive" && reason.empty()) {
        return MakeError(ErrorCode::kInvalidArgument, "say why the fine is waived", "reason");
    }
    auto tx = ctx_.store.Write();
    auto fine = tx->fines().Get(caller.org(), id);
    if (!fine || !MaySee(caller, *fine)) return NotFound("fine");
    if (!caller.principal.HasIn(kPenaltyDecide, fine->violation.department)) {
        ctx_.audit.Record(AuditFor(caller, "penalty.decide", "fine", std::to_string(id.value), "denied"));
        return Forbidden("confirm or waive fines");
    }
    if (fine->version != version) return StaleVersion(fine->version);
    if (fine->status != "proposed") {
        return MakeError(ErrorCode::kFailedPrecondition, "the fine is already " + fine->status, "status");
    }
    const Timestamp now = ctx_.clock.Now();
    fine->status = decision == "confirm" ? "confirmed" : "waived";
    fine->reason = std::move(reason);
    fine->decided_by = caller.user();
    fine->decided_at = now;
    fine->version = version + 1;
    fine->updated_at = now;
    if (!tx->fines().Update(caller.org(), *fine, version)) return StaleVersion(version + 1);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "penalty.decide", "fine", std::to_string(id.value), "ok", fine->status));
    auto directory = ctx_.directory.Get(caller.org());
    return FineView{
        *fine, directory->User(fine->violation.person), directory->Department(fine->violation.department), ""};
}

Expected<Statement> PenaltyService::MonthlyStatement(const Caller& caller, const std::string& month) {
    auto fines = List(caller, month);
    if (!fines.ok()) return fines.error();
    Statement s;
    s.month = month;
    std::map<std::int64_t, StatementLine> persons;
    std::map<std::int64_t, DepartmentLine> departments;
    for (const auto& view : *fines) {
        const auto& f = view.fine;
        if (f.status == "waived" || f.status == "withdrawn") continue;
        auto& p = persons[f.violation.person.value];
        p.person = f.violation.person;
        p.person_name = view.person_name;
        p.department = f.violation.department;
        p.department_name = view.department_name;
        auto& d = departments[f.violation.department.value];
        d.department = f.violation.department;
        d.department_name = view.department_name;
        ++p.violations;
        ++d.violations;
        (f.status == "confirmed" ? p.confirmed_fen : p.proposed_fen) += f.amount_fen;
        (f.status == "confirmed" ? d.confirmed_fen : d.proposed_fen) += f.amount_fen;
        p.pay_deduction = p.pay_deduction || f.multiplier > 1;
    }
    for (auto& [id, line] : persons) s.persons.push_back(std::move(line));
    for (auto& [id, line] : departments) s.departments.push_back(std::move(line));
    return s;
}

Expected<std::vector<DepartmentKpiView>> PenaltyService::ArchiveKpis(const Caller& caller, const std::string& month) {
    Date first, last;
    if (!ParseMonth(month, &first, &last)) return BadMonth();
    if (!caller.principal.Has(kPenaltyRead)) return Forbidden("view the archive KPIs");
    auto policy = ctx_.policy.Get(caller.org());
    auto tx = ctx_.store.Read();
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const Timestamp since = calendar->zone.StartOfDay(first) - LookbackDays(policy) * kDayMs;
    auto candidates = tx->archives().PenaltyCandidates(caller.org(), since);
    std::vector<domain::ArchiveFacts> facts;
    for (const auto& candidate : candidates) {
        if (!caller.principal.HasIn(kPenaltyRead, candidate.archive.department_id)) continue;
        facts.push_back({&candidate.archive, candidate.first_handed_at});
    }
    auto directory = ctx_.directory.Get(caller.org());
    std::vector<DepartmentKpiView> out;
    for (auto& kpi : domain::ArchiveKpis(facts, calendar->calendar, calendar->zone, policy, first, last)) {
        out.push_back({kpi, directory->Department(kpi.department)});
    }
    return out;
}

}  // namespace patron::app
