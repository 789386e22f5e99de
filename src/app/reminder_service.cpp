#include "app/reminder_service.hpp"

#include "app/custody_service.hpp"

namespace patron::app {

Expected<std::string> ReminderService::Refresh(OrgId org, Date today) {
    auto tx = ctx_.store.Write();
    const auto policy = ctx_.policy.Get(org);
    const Timestamp now = ctx_.clock.Now();
    std::vector<std::string> inspection_keys, retention_keys;
    std::string summary;

    // ARC-11: the half-yearly inspection.
    const Date due = CustodyService::NextInspection(*tx, org, policy, today);
    if (today + std::chrono::days(kInspectionLeadDays) >= due) {
        storage::Reminder r;
        r.key = "ARC-11:" + FormatDate(due);
        r.rule = "ARC-11";
        r.permission = domain::perm::kArchiveManage;
        r.subject = "档案库房全面检查 " + FormatDate(due) + " 到期 / Archive storage inspection due " + FormatDate(due);
        r.link = "/archive-custody/inspections";
        r.due_on = due;
        r.created_at = now;
        tx->reminders().Raise(org, r);
        inspection_keys.push_back(r.key);
        summary += "inspection due " + FormatDate(due);
    }
    tx->reminders().ResolveOthers(org, "ARC-11", inspection_keys, now);

    // ARC-12: archives past retention and not yet proposed for destruction.
    const auto past = CustodyService::PastRetention(*tx, org, policy, today, std::nullopt, 1000);
    if (!past.empty()) {
        storage::Reminder r;
        r.key = "ARC-12:" + FormatDate(today).substr(0, 7);
        r.rule = "ARC-12";
        r.permission = domain::perm::kArchiveManage;
        const std::string count = std::to_string(past.size()) + (past.size() >= 1000 ? "+" : "");
        r.subject = count + " 份档案已过保管期限，待提出销毁 / " + count + " archives past retention to destroy";
        r.detail = count;
        r.link = "/archive-custody/destructions";
        r.due_on = today;
        r.created_at = now;
        tx->reminders().Raise(org, r);
        retention_keys.push_back(r.key);
        summary += (summary.empty() ? "" : "; ") + count + " past retention";
    }
    tx->reminders().ResolveOthers(org, "ARC-12", retention_keys, now);

    // ARC-10: customers not filed by their deadline.
    std::vector<std::string> filing_keys;
    const auto overdue = tx->filings().Overdue(org, now, std::nullopt, 500);
    if (!overdue.empty()) {
        storage::Reminder r;
        r.key = "ARC-10:" + FormatDate(overdue.front().filing.due_day);
        r.rule = "ARC-10";
        r.permission = domain::perm::kCustomerUpdate;
        const std::string count = std::to_string(overdue.size()) + (overdue.size() >= 500 ? "+" : "");
        r.subject = count + " 位新客户逾期未建档 / " + count + " new customers not filed in time";
        r.detail = count;
        r.link = "/customer-filings";
        r.due_on = overdue.front().filing.due_day;
        r.created_at = now;
        tx->reminders().Raise(org, r);
        filing_keys.push_back(r.key);
        summary += (summary.empty() ? "" : "; ") + count + " overdue filings";
    }
    tx->reminders().ResolveOthers(org, "ARC-10", filing_keys, now);
    tx->Commit();
    return summary.empty() ? std::string("nothing due") : summary;
}

Expected<std::vector<storage::Reminder>> ReminderService::Open(const Caller& caller) {
    auto tx = ctx_.store.Read();
    std::vector<storage::Reminder> out;
    for (auto& r : tx->reminders().Open(caller.org())) {
        if (caller.principal.Has(r.permission)) out.push_back(std::move(r));
    }
    return out;
}

}  // namespace patron::app
