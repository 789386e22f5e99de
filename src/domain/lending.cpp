#include "domain/lending.hpp"

#include "domain/validation.hpp"

namespace patron::domain {

Status ValidateLoan(Loan& loan) {
    Checker check;
    check.Text(loan.title, "title", 200, true);
    check.Text(loan.reason, "reason", 500, true, true);
    if (loan.copies < 1 || loan.copies > kMaxLoanCopies) {
        check.Add("copies", "must be between 1 and " + std::to_string(kMaxLoanCopies));
    }
    if (!loan.borrower_signed) check.Add("borrower_signed", "the borrower signs the lending register (SEC-5)");
    return check.Result();
}

Date LoanDueDay(Date lent_on, int max_days) { return lent_on + std::chrono::days(max_days); }

std::string LoanStatus(const Loan& loan, Date today) {
    if (loan.returned_at != 0) return loan.condition == "lost" ? "lost" : "returned";
    return today > loan.due_on ? "overdue" : "out";
}

Status ValidateReturn(std::string& condition, std::string& note) {
    Checker check;
    check.Enum(condition, "condition", kReturnConditions);
    check.Text(note, "note", 1000, condition != "intact", true);
    return check.Result();
}

}  // namespace patron::domain
