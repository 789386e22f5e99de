// Reminders raised by the daily job and shown to whoever deals with them (by permission): an
// ARC-11 storage inspection falling due (from kInspectionLeadDays before its day), ARC-12 archives
// past retention waiting for a destruction proposal, ARC-10 new customers not filed in time, SEC-5 loans overdue (every
// day, to the keepers and to each borrower). A reminder is raised once per occasion and resolved by the job when its
// condition clears.
#pragma once

#include "app/context.hpp"
#include "storage/store.hpp"

namespace patron::app {

// A reminder for one user rather than the holders of a permission (SEC-5: the borrower).
inline std::string UserPermission(UserId user) { return "user:" + std::to_string(user.value); }

class ReminderService {
public:
    explicit ReminderService(AppContext& ctx) : ctx_(ctx) {}

    static constexpr int kInspectionLeadDays = 14;

    // The job: raises and resolves the organisation's reminders as of its local date `today`
    // (only those of `rule`, "ARC-11", when given); returns a one-line summary.
    Expected<std::string> Refresh(OrgId org, Date today, std::string_view rule = {});
    // The open reminders whose permission the caller holds.
    Expected<std::vector<storage::Reminder>> Open(const Caller& caller);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
