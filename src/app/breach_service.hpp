// SEC-10: breach incidents. Anyone reports a known or possible leak; the holders of
// incident.manage (the customer information supervisor and the customer service manager) are
// told at once (a reminder on their dashboard until the incident is closed), record remedial
// actions with owners, and close the incident with a summary once every action is done. Owners
// mark their actions done. Every step is audited; nothing is deleted.
#pragma once

#include "app/context.hpp"
#include "domain/breach.hpp"
#include "storage/store.hpp"

namespace patron::app {

class BreachService {
public:
    explicit BreachService(AppContext& ctx) : ctx_(ctx) {}

    Expected<domain::BreachIncident> Report(const Caller& caller, domain::BreachIncident incident);
    // incident.manage: every incident; others: those they reported.
    Expected<std::vector<domain::BreachIncident>> List(const Caller& caller);
    // incident.manage, the reporter, or an action's owner.
    Expected<domain::BreachIncident> Get(const Caller& caller, std::int64_t id);
    Expected<domain::BreachIncident> AddAction(const Caller& caller, std::int64_t id, domain::RemedialAction action);
    // The action's owner or incident.manage.
    Expected<domain::BreachIncident> CompleteAction(const Caller& caller,
                                                    std::int64_t id,
                                                    std::int64_t action_id,
                                                    std::string result);
    Expected<domain::BreachIncident> Close(const Caller& caller,
                                           std::int64_t id,
                                           std::string summary,
                                           std::int64_t version);

private:
    bool MaySee(const Caller& caller, const domain::BreachIncident& incident) const;
    AppContext& ctx_;
};

}  // namespace patron::app
