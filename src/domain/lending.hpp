// SEC-5: the lending register of paper archives (外借登记). Nobody keeps customer material
// privately: a file leaves the archive room only to a borrower holding an approved borrowing
// request (an access grant for "lend", SEC-2 chain "lending"), entered in the register by the
// keeper with title, copies, reason and the borrower's signature; it is due back after at most
// `lending.max_days` days and its return is entered (注销). A loan returned damaged, or lost, is an
// ARC-6g incident of its borrower. Pure data and rules: no storage, no HTTP.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"
#include "common/time_zone.hpp"
#include "domain/access.hpp"

namespace patron::domain {

// How a file came back: whole, damaged, or not at all (declared lost, which closes the loan too).
inline constexpr const char* kReturnConditions[] = {"intact", "damaged", "lost"};
inline constexpr int kMaxLoanCopies = 99;

struct Loan {
    std::int64_t id = 0;
    OrgId org_id;
    std::int64_t version = 0;
    ArchiveId archive_id;
    UserId borrower;
    AccessGrantId grant_id;  // the approved borrowing the loan relies on
    std::string title;       // what left the room: "销售合同原件、发票复印件"
    int copies = 1;
    std::string reason;
    bool borrower_signed = false;  // the borrower signed the paper register
    UserId lent_by;
    Timestamp lent_at = 0;
    Date due_on{};              // back by the end of this local day
    Timestamp returned_at = 0;  // 0: still out
    UserId received_by;
    std::string condition;  // on return: kReturnConditions
    std::string return_note;
    std::int64_t incident_id = 0;  // the ARC-6g incident of a damaged or lost loan
};

// Trims and checks what the keeper enters: title, 1–kMaxLoanCopies copies, reason, the signature.
Status ValidateLoan(Loan& loan);
// SEC-5: at most `max_days` days: due at the end of the lending day + max_days (calendar days; the
// day it leaves is day 0, so 3 days after a Monday loan it is due Thursday evening).
Date LoanDueDay(Date lent_on, int max_days);
// out (not yet returned), overdue (out after its due day), returned, lost.
std::string LoanStatus(const Loan& loan, Date today);
// The return's condition and note (a note is required unless the file came back intact).
Status ValidateReturn(std::string& condition, std::string& note);

}  // namespace patron::domain
