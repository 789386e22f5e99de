// SEC-3: the register of non-employees. Any employee registers the visitor they host, with the
// introduction letter or work ID, for at most domain::kMaxVisitorDays; access requests for the
// visitor are then filed by the host (AccessService::Request with visitor_id). Hosts see their
// visitors; holders of access.authorise (the general manager) and auditors see all. The document
// number is shown whole to the host and holders of customer.personal_data, masked to others. The
// host or access.authorise ends a registration early. Audited.
#pragma once

#include "app/context.hpp"
#include "domain/visitor.hpp"

namespace patron::app {

struct VisitorView {
    domain::Visitor visitor;
    std::string status;  // active, expired, revoked
    std::string host_name;
};

class VisitorService {
public:
    explicit VisitorService(AppContext& ctx) : ctx_(ctx) {}

    Expected<VisitorView> Register(const Caller& caller, domain::Visitor visitor);
    Expected<std::vector<VisitorView>> List(const Caller& caller);
    Expected<VisitorView> Revoke(const Caller& caller, std::int64_t id, std::int64_t version);

private:
    VisitorView View(const Caller& caller, domain::Visitor visitor, Date today) const;
    AppContext& ctx_;
};

}  // namespace patron::app
