// SEC-5: the lending register of paper archives. The archive keeper (archive.manage in the
// archive's department) lends a file only to a borrower holding an approved borrowing request (an
// access grant for "lend", approved along the "lending" chain: the borrower's department manager,
// then the information management specialist), with the borrower's signature; the loan is due
// `lending.max_days` days later; the keeper enters the return (注销). A file returned damaged, or
// declared lost, becomes an ARC-6g incident of the borrower (a fine is proposed). Overdue loans are
// reminded every day (ReminderService). The register is seen by the keepers of the archive's
// department, the borrower (their own loans) and auditors. Every step is audited.
#pragma once

#include "app/context.hpp"
#include "domain/lending.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct LoanView {
    storage::LoanRow row;
    std::string status;  // domain::LoanStatus today
    std::string borrower_name;
    std::string lent_by_name;
    std::string received_by_name;
    std::string department_name;
};

struct NewLoan {
    ArchiveId archive_id;
    UserId borrower;
    std::string title;
    int copies = 1;
    std::string reason;
    bool borrower_signed = false;
};

struct LoanReturn {
    std::string condition = "intact";
    std::string note;
    std::int64_t files = 0;  // damaged or lost files; 0: the loan's copies
    std::int64_t version = 0;
};

inline constexpr const char* kLoanFilters[] = {"", "all", "out", "overdue", "returned"};

struct LoanListQuery {
    std::string status;  // kLoanFilters: out (still out, overdue included), overdue, returned (or lost)
    bool mine = false;   // only the caller's own loans
    ArchiveId archive;
};

class LendingService {
public:
    explicit LendingService(AppContext& ctx) : ctx_(ctx) {}

    Expected<LoanView> Lend(const Caller& caller, NewLoan input);
    Expected<LoanView> Return(const Caller& caller, std::int64_t id, LoanReturn input);
    Expected<LoanView> Get(const Caller& caller, std::int64_t id);
    Expected<std::vector<LoanView>> List(const Caller& caller, const LoanListQuery& query);

private:
    bool MaySee(const Caller& caller, const storage::LoanRow& row) const;
    LoanView View(const Caller& caller, storage::LoanRow row, Date today) const;
    AppContext& ctx_;
};

}  // namespace patron::app
