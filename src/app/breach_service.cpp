#include "app/breach_service.hpp"

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "common/errors.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;
constexpr const char* kRule = "SEC-10";

std::string IdText(std::int64_t id) { return std::to_string(id); }
std::string ReminderKey(std::int64_t id) { return std::string(kRule) + ":" + IdText(id); }

}  // namespace

bool BreachService::MaySee(const Caller& caller, const domain::BreachIncident& incident) const {
    if (caller.principal.Has(kIncidentManage) || incident.reported_by == caller.user()) return true;
    for (const auto& a : incident.actions) {
        if (a.owner == caller.user()) return true;
    }
    return false;
}

Expected<domain::BreachIncident> BreachService::Report(const Caller& caller, domain::BreachIncident b) {
    auto tx = ctx_.store.Write();
    const Timestamp now = ctx_.clock.Now();
    const Date today = CalendarService::Today(*tx, caller.org(), now);
    if (b.occurred_on == Date{}) b.occurred_on = today;
    PATRON_TRY(domain::ValidateBreachReport(b, today));
    b.org_id = caller.org();
    b.id = tx->NextId();
    b.version = 1;
    b.reported_by = caller.user();
    b.reported_at = now;
    b.status = "open";
    b.actions.clear();
    tx->breaches().Insert(b);
    // Told at once: a reminder for the holders of incident.manage until the incident is closed.
    storage::Reminder r;
    r.key = ReminderKey(b.id);
    r.rule = kRule;
    r.permission = kIncidentManage;
    r.subject = "信息泄露事件 / Leak reported: " + b.title;
    r.detail = b.severity + ", reported by " + caller.principal.display_name();
    r.link = "/incidents/" + IdText(b.id);
    r.due_on = today;
    r.created_at = now;
    tx->reminders().Raise(caller.org(), r);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "incident.report", "breach_incident", IdText(b.id), "ok", b.severity));
    return b;
}

Expected<std::vector<domain::BreachIncident>> BreachService::List(const Caller& caller) {
    auto tx = ctx_.store.Read();
    return tx->breaches().List(caller.org(), caller.principal.Has(kIncidentManage) ? UserId() : caller.user(), 200);
}

Expected<domain::BreachIncident> BreachService::Get(const Caller& caller, std::int64_t id) {
    auto tx = ctx_.store.Read();
    auto b = tx->breaches().Get(caller.org(), id);
    if (!b || !MaySee(caller, *b)) return NotFound("incident");
    return std::move(*b);
}

Expected<domain::BreachIncident> BreachService::AddAction(const Caller& caller,
                                                          std::int64_t id,
                                                          domain::RemedialAction action) {
    PATRON_TRY(domain::ValidateRemedialAction(action));
    auto tx = ctx_.store.Write();
    auto b = tx->breaches().Get(caller.org(), id);
    if (!b || !MaySee(caller, *b)) return NotFound("incident");
    if (!caller.principal.Has(kIncidentManage)) {
        ctx_.audit.Record(AuditFor(caller, "incident.action", "breach_incident", IdText(id), "denied"));
        return Forbidden("record remedial actions (SEC-10: customer information supervisor, customer service manager)");
    }
    if (b->status != "open") return MakeError(ErrorCode::kFailedPrecondition, "the incident is closed", "status");
    auto owner = tx->org().GetUser(caller.org(), action.owner);
    if (!owner || owner->status != "active") return MakeError(ErrorCode::kInvalidArgument, "no such user", "owner_id");
    const Timestamp now = ctx_.clock.Now();
    if (action.due_on == Date{}) action.due_on = CalendarService::Today(*tx, caller.org(), now);
    action.id = tx->NextId();
    action.done_at = 0;
    action.result.clear();
    action.created_at = now;
    tx->breaches().InsertAction(caller.org(), id, action);
    b->actions.push_back(action);
    tx->Commit();
    ctx_.audit.Record(AuditFor(
        caller, "incident.action", "breach_incident", IdText(id), "ok", "owner " + IdText(action.owner.value)));
    return std::move(*b);
}

Expected<domain::BreachIncident> BreachService::CompleteAction(const Caller& caller,
                                                               std::int64_t id,
                                                               std::int64_t action_id,
                                                               std::string result) {
    domain::Checker check;
    check.Text(result, "result", 2000, true, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto b = tx->breaches().Get(caller.org(), id);
    if (!b || !MaySee(caller, *b)) return NotFound("incident");
    domain::RemedialAction* action = nullptr;
    for (auto& a : b->actions) {
        if (a.id == action_id) action = &a;
    }
    if (action == nullptr) return NotFound("action");
    if (action->owner != caller.user() && !caller.principal.Has(kIncidentManage)) {
        return Forbidden("mark another person's action done");
    }
    const Timestamp now = ctx_.clock.Now();
    if (!tx->breaches().CompleteAction(caller.org(), id, action_id, result, now)) {
        return MakeError(ErrorCode::kFailedPrecondition, "the action is already done", "status");
    }
    action->done_at = now;
    action->result = std::move(result);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "incident.action.done", "breach_incident", IdText(id), "ok", IdText(action_id)));
    return std::move(*b);
}

Expected<domain::BreachIncident> BreachService::Close(const Caller& caller,
                                                      std::int64_t id,
                                                      std::string summary,
                                                      std::int64_t version) {
    domain::Checker check;
    check.Text(summary, "summary", 4000, false, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto b = tx->breaches().Get(caller.org(), id);
    if (!b || !MaySee(caller, *b)) return NotFound("incident");
    if (!caller.principal.Has(kIncidentManage)) {
        ctx_.audit.Record(AuditFor(caller, "incident.close", "breach_incident", IdText(id), "denied"));
        return Forbidden("close incidents");
    }
    if (b->version != version) return StaleVersion(b->version);
    if (auto why = domain::WhyNotClosable(*b, summary); !why.empty()) {
        return MakeError(ErrorCode::kFailedPrecondition, why, b->status != "open" ? "status" : "summary");
    }
    const Timestamp now = ctx_.clock.Now();
    b->status = "closed";
    b->summary = std::move(summary);
    b->closed_by = caller.user();
    b->closed_at = now;
    b->version = version + 1;
    if (!tx->breaches().Update(*b, version)) return StaleVersion(version + 1);
    std::vector<std::string> still_open;
    for (const auto& other : tx->breaches().List(caller.org(), UserId(), 1000)) {
        if (other.status == "open" && other.id != id) still_open.push_back(ReminderKey(other.id));
    }
    tx->reminders().ResolveOthers(caller.org(), kRule, still_open, now);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "incident.close", "breach_incident", IdText(id), "ok"));
    return std::move(*b);
}

}  // namespace patron::app
