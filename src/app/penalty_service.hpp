// ARC-6: the monthly penalty run, the fines it proposes, the customer director's decisions and
// the monthly statements. Fines are computed by domain/penalty.*; this service gathers the facts,
// keeps every fine (withdrawn, never deleted) and checks who may see and decide what: everyone
// sees their own fines; penalty.read shows the fines of its departments; penalty.decide (or
// policy.manage) runs the calculation; penalty.decide confirms and waives.
#pragma once

#include "app/context.hpp"
#include "domain/penalty.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct PenaltyRunResult {
    std::string month;
    int proposed = 0;            // new or updated proposals
    int unchanged = 0;           // proposals and decided fines that stand as they were
    int withdrawn = 0;           // proposals whose facts no longer hold
    std::int64_t total_fen = 0;  // all fines of the month but waived and withdrawn
};

struct FineView {
    storage::Fine fine;
    std::string person_name;
    std::string department_name;
    std::string archive_number;
};

struct StatementLine {
    UserId person;
    std::string person_name;
    DepartmentId department;
    std::string department_name;
    int violations = 0;
    std::int64_t proposed_fen = 0;
    std::int64_t confirmed_fen = 0;
    bool pay_deduction = false;  // ARC-6f: a doubled fine this month (10–30 %, set by a manager)
};

struct DepartmentLine {
    DepartmentId department;
    std::string department_name;
    int violations = 0;
    std::int64_t proposed_fen = 0;
    std::int64_t confirmed_fen = 0;
};

struct Statement {
    std::string month;
    std::vector<StatementLine> persons;
    std::vector<DepartmentLine> departments;
};

struct DepartmentKpiView {
    domain::DepartmentKpi kpi;
    std::string department_name;
};

class PenaltyService {
public:
    explicit PenaltyService(AppContext& ctx) : ctx_(ctx) {}

    // Computes the month's fines from the facts as of now (or the month's end, when past).
    // Idempotent: a second run changes only what the facts changed.
    Expected<PenaltyRunResult> Run(const Caller& caller, const std::string& month);
    // The same for the job runner (audited as "system").
    Expected<PenaltyRunResult> RunForSystem(OrgId org, const std::string& month);
    Expected<std::vector<FineView>> List(const Caller& caller, const std::string& month);
    // "confirm" or "waive" (a reason is required to waive).
    Expected<FineView> Decide(
        const Caller& caller, FineId id, const std::string& decision, std::string reason, std::int64_t version);
    Expected<Statement> MonthlyStatement(const Caller& caller, const std::string& month);
    // ARC-6h: on-time handover and completeness rates of the departments penalty.read covers.
    Expected<std::vector<DepartmentKpiView>> ArchiveKpis(const Caller& caller, const std::string& month);

    // Recorded findings (ARC-6b/6e of a keeper's check, ARC-6g of an incident) become proposed
    // fines at once, inside the recording transaction; one fine per finding, however often it is
    // recorded. The monthly run applies ARC-6f to them.
    static void ProposeRecorded(storage::Tx& tx, OrgId org, std::vector<domain::Violation> violations, Timestamp now);
    // ARC-6b/6e: the findings of a keeper's check.
    static void RecordCheckFindings(storage::Tx& tx,
                                    const domain::Archive& archive,
                                    const std::vector<domain::ChecklistItem>& checklist,
                                    const domain::PolicyValues& policy,
                                    Date check_day,
                                    Timestamp now);

private:
    Expected<PenaltyRunResult> Compute(OrgId org, const std::string& month);
    bool MaySee(const Caller& caller, const storage::Fine& fine) const;

    AppContext& ctx_;
};

}  // namespace patron::app
