#include "app/lending_service.hpp"

#include "app/archive_service.hpp"
#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "common/errors.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

std::string IdText(std::int64_t id) { return std::to_string(id); }

}  // namespace

bool LendingService::MaySee(const Caller& caller, const storage::LoanRow& row) const {
    return row.loan.borrower == caller.user() || caller.principal.HasIn(kArchiveManage, row.department_id) ||
           caller.principal.Has(kAuditRead);
}

LoanView LendingService::View(const Caller& caller, storage::LoanRow row, Date today) const {
    LoanView view;
    auto directory = ctx_.directory.Get(caller.org());
    view.status = domain::LoanStatus(row.loan, today);
    view.borrower_name = directory->User(row.loan.borrower);
    view.lent_by_name = directory->User(row.loan.lent_by);
    if (row.loan.received_by.valid()) view.received_by_name = directory->User(row.loan.received_by);
    view.department_name = directory->Department(row.department_id);
    view.row = std::move(row);
    return view;
}

Expected<LoanView> LendingService::Lend(const Caller& caller, NewLoan input) {
    domain::Loan loan;
    loan.title = std::move(input.title);
    loan.copies = input.copies;
    loan.reason = std::move(input.reason);
    loan.borrower_signed = input.borrower_signed;
    PATRON_TRY(domain::ValidateLoan(loan));
    auto tx = ctx_.store.Write();
    // Only the keepers of the archive's department lend it (SEC-5: nobody keeps material privately).
    auto archive = LoadArchive(ctx_, *tx, caller, input.archive_id, kArchiveManage, "archive.lend");
    if (!archive.ok()) return archive.error();
    if (archive->status == "destroyed") {
        return MakeError(ErrorCode::kFailedPrecondition, "the archive was destroyed (ARC-12)", "archive_id");
    }
    if (auto out = tx->loans().OpenFor(caller.org(), archive->id)) {
        return MakeError(ErrorCode::kConflict,
                         "the archive is lent (loan " + IdText(out->id) + ", due " + FormatDate(out->due_on) + ")",
                         "archive_id");
    }
    auto borrower = tx->org().GetUser(caller.org(), input.borrower);
    if (!borrower || borrower->status != "active") {
        return MakeError(ErrorCode::kInvalidArgument, "no active user with this id", "borrower_id");
    }
    const Timestamp now = ctx_.clock.Now();
    for (const auto& grant : tx->access().GrantsOn(caller.org(), input.borrower, "archive", archive->id.value, now)) {
        if (domain::GrantAllows(grant, "lend", now)) {
            loan.grant_id = grant.id;
            break;
        }
    }
    if (!loan.grant_id.valid()) {
        ctx_.audit.Record(
            AuditFor(caller, "archive.lend", "archive", IdText(archive->id.value), "denied", "no borrowing approval"));
        return MakeError(ErrorCode::kFailedPrecondition,
                         "the borrower has no approved borrowing request for this archive in force (SEC-5)",
                         "borrower_id");
    }
    const Date today = CalendarService::Today(*tx, caller.org(), now);
    loan.id = tx->NextId();
    loan.org_id = caller.org();
    loan.version = 1;
    loan.archive_id = archive->id;
    loan.borrower = input.borrower;
    loan.lent_by = caller.user();
    loan.lent_at = now;
    loan.due_on = domain::LoanDueDay(today, static_cast<int>(ctx_.policy.Get(caller.org()).Get("lending.max_days")));
    tx->loans().Insert(loan);
    auto row = tx->loans().Get(caller.org(), loan.id);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.lend",
                               "archive",
                               IdText(archive->id.value),
                               "ok",
                               "loan " + IdText(loan.id) + " to user " + IdText(loan.borrower.value) + " grant " +
                                   IdText(loan.grant_id.value) + " due " + FormatDate(loan.due_on)));
    return View(caller, std::move(*row), today);
}

Expected<LoanView> LendingService::Return(const Caller& caller, std::int64_t id, LoanReturn input) {
    PATRON_TRY(domain::ValidateReturn(input.condition, input.note));
    auto tx = ctx_.store.Write();
    auto row = tx->loans().Get(caller.org(), id);
    if (!row || !MaySee(caller, *row)) return NotFound("loan");
    // The keeper enters the return (注销); the borrower cannot close their own loan.
    auto archive = LoadArchive(ctx_, *tx, caller, row->loan.archive_id, kArchiveManage, "archive.loan_return");
    if (!archive.ok()) return archive.error();
    domain::Loan& loan = row->loan;
    if (loan.returned_at != 0) return MakeError(ErrorCode::kFailedPrecondition, "the loan is closed", "status");
    if (loan.version != input.version) return StaleVersion(loan.version);
    const Timestamp now = ctx_.clock.Now();
    const Date today = CalendarService::Today(*tx, caller.org(), now);
    if (input.condition != "intact") {
        // ARC-6g: lost or damaged through a breach of the borrowing rules, the borrower answers for it.
        domain::ArchiveIncident incident;
        incident.kind = input.condition;
        incident.cause = "borrowing_breach";
        incident.responsible_id = loan.borrower;
        incident.files = input.files > 0 ? input.files : loan.copies;
        incident.occurred_on = today;
        incident.description = "借阅 " + IdText(loan.id) + ": " + input.note;
        PATRON_TRY(domain::ValidateIncident(incident, today));
        AddIncident(ctx_, *tx, *archive, incident, caller.user(), now);
        loan.incident_id = incident.id;
    }
    loan.returned_at = now;
    loan.received_by = caller.user();
    loan.condition = input.condition;
    loan.return_note = input.note;
    loan.version += 1;
    if (!tx->loans().Update(loan, input.version)) return StaleVersion(input.version + 1);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.loan_return",
                               "archive",
                               IdText(loan.archive_id.value),
                               "ok",
                               "loan " + IdText(loan.id) + " " + loan.condition +
                                   (loan.incident_id ? " incident " + IdText(loan.incident_id) : "")));
    return View(caller, std::move(*row), today);
}

Expected<LoanView> LendingService::Get(const Caller& caller, std::int64_t id) {
    auto tx = ctx_.store.Read();
    auto row = tx->loans().Get(caller.org(), id);
    if (!row || !MaySee(caller, *row)) return NotFound("loan");
    return View(caller, std::move(*row), CalendarService::Today(*tx, caller.org(), ctx_.clock.Now()));
}

Expected<std::vector<LoanView>> LendingService::List(const Caller& caller, const LoanListQuery& query) {
    if (!domain::OneOf(query.status, kLoanFilters)) {
        return MakeError(ErrorCode::kInvalidArgument, "status must be one of all, out, overdue, returned", "status");
    }
    auto tx = ctx_.store.Read();
    const Date today = CalendarService::Today(*tx, caller.org(), ctx_.clock.Now());
    storage::LoanQuery q;
    q.org = caller.org();
    q.archive = query.archive;
    const bool register_reader = caller.principal.Has(kArchiveManage) || caller.principal.Has(kAuditRead);
    if (query.mine || !register_reader) q.borrower = caller.user();
    q.open_only = query.status == "out";
    q.closed_only = query.status == "returned";
    if (query.status == "overdue") q.due_before = today;
    q.limit = 500;
    std::vector<LoanView> out;
    for (auto& row : tx->loans().List(q)) {
        if (!MaySee(caller, row)) continue;
        out.push_back(View(caller, std::move(row), today));
    }
    return out;
}

}  // namespace patron::app
