#include "app/reminder_service.hpp"

#include <optional>

#include "app/custody_service.hpp"

namespace patron::app {

namespace {

// "12" or, at the query's limit, "500+".
std::string Count(std::size_t n, std::size_t limit) { return std::to_string(n) + (n >= limit ? "+" : ""); }

}  // namespace

Expected<std::string> ReminderService::Refresh(OrgId org, Date today, std::string_view rule) {
    auto wanted = [rule](std::string_view candidate) { return rule.empty() || rule == candidate; };
    auto tx = ctx_.store.Write();
    const auto policy = ctx_.policy.Get(org);
    const Timestamp now = ctx_.clock.Now();
    std::string summary;
    // Raises the rule's reminder when `due` holds one (keyed by its occasion) and resolves the
    // rule's other open reminders.
    auto keep = [&](const char* rule, std::optional<storage::Reminder> due) {
        std::vector<std::string> keys;
        if (due) {
            due->rule = rule;
            due->key = std::string(rule) + ":" + due->key;
            due->created_at = now;
            tx->reminders().Raise(org, *due);
            keys.push_back(due->key);
            summary += (summary.empty() ? "" : "; ") + due->key;
        }
        tx->reminders().ResolveOthers(org, rule, keys, now);
    };

    // ARC-11: the half-yearly inspection, from kInspectionLeadDays before its day.
    const Date inspection = wanted("ARC-11") ? CustodyService::NextInspection(*tx, org, policy, today) : Date::max();
    std::optional<storage::Reminder> inspection_due;
    if (wanted("ARC-11") && today + std::chrono::days(kInspectionLeadDays) >= inspection) {
        const std::string day = FormatDate(inspection);
        inspection_due = storage::Reminder{day,
                                           "",
                                           domain::perm::kArchiveManage,
                                           "档案库房全面检查 " + day + " 到期 / Archive storage inspection due " + day,
                                           "",
                                           "/archive-custody/inspections",
                                           inspection};
    }
    if (wanted("ARC-11")) keep("ARC-11", inspection_due);

    // ARC-12: archives past retention and not yet proposed for destruction, once a month.
    const auto past = wanted("ARC-12") ? CustodyService::PastRetention(*tx, org, policy, today, std::nullopt, 1000)
                                       : std::vector<RetentionCandidate>{};
    std::optional<storage::Reminder> retention_due;
    if (!past.empty()) {
        const std::string count = Count(past.size(), 1000);
        retention_due = storage::Reminder{
            FormatDate(today).substr(0, 7),
            "",
            domain::perm::kArchiveManage,
            count + " 份档案已过保管期限，待提出销毁 / " + count + " archives past retention to destroy",
            count,
            "/archive-custody/destructions",
            today};
    }
    if (wanted("ARC-12")) keep("ARC-12", retention_due);

    // ARC-10: customers not filed by their deadline.
    const auto overdue =
        wanted("ARC-10") ? tx->filings().Overdue(org, now, std::nullopt, 500) : std::vector<storage::FilingRow>{};
    std::optional<storage::Reminder> filing_due;
    if (!overdue.empty()) {
        const std::string count = Count(overdue.size(), 500);
        const Date oldest = overdue.front().filing.due_day;
        filing_due = storage::Reminder{FormatDate(oldest),
                                       "",
                                       domain::perm::kCustomerUpdate,
                                       count + " 位新客户逾期未建档 / " + count + " new customers not filed in time",
                                       count,
                                       "/customer-filings",
                                       oldest};
    }
    if (wanted("ARC-10")) keep("ARC-10", filing_due);

    // SEC-5: loans out past their due day are chased every day: a new reminder each day for the
    // keepers (how many) and for each borrower (which file), until the return is entered.
    if (wanted("SEC-5")) {
        storage::LoanQuery q;
        q.org = org;
        q.due_before = today;
        q.limit = 500;
        const auto late = tx->loans().List(q);
        std::vector<std::string> keys;
        const std::string day = FormatDate(today);
        auto raise = [&](storage::Reminder r) {
            r.rule = "SEC-5";
            r.created_at = now;
            r.due_on = today;
            r.link = "/archive-loans";
            tx->reminders().Raise(org, r);
            keys.push_back(r.key);
        };
        if (!late.empty()) {
            const std::string count = Count(late.size(), 500);
            raise({"SEC-5:" + day,
                   "",
                   domain::perm::kArchiveManage,
                   count + " 份借出档案逾期未还 / " + count + " lent archives overdue",
                   count});
            summary += (summary.empty() ? "" : "; ") + std::string("SEC-5:") + day;
        }
        for (const auto& row : late) {
            raise({"SEC-5:" + std::to_string(row.loan.id) + ":" + day,
                   "",
                   UserPermission(row.loan.borrower),
                   "借阅档案 " + row.archive_number + " 已逾期，应于 " + FormatDate(row.loan.due_on) +
                       " 归还 / Borrowed " + row.archive_number + " was due " + FormatDate(row.loan.due_on),
                   row.archive_number});
        }
        tx->reminders().ResolveOthers(org, "SEC-5", keys, now);
    }
    tx->Commit();
    return summary.empty() ? std::string("nothing due") : summary;
}

Expected<std::vector<storage::Reminder>> ReminderService::Open(const Caller& caller) {
    auto tx = ctx_.store.Read();
    std::vector<storage::Reminder> out;
    for (auto& r : tx->reminders().Open(caller.org())) {
        if (caller.principal.Has(r.permission) || r.permission == UserPermission(caller.user())) {
            out.push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace patron::app
