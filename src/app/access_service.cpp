#include "app/access_service.hpp"

#include <algorithm>

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "common/errors.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;
constexpr Timestamp kDayMs = 24LL * 3600 * 1000;
constexpr int kListLimit = 200;

std::string IdText(std::int64_t id) { return std::to_string(id); }

std::string Actions(const std::vector<std::string>& actions) {
    std::string out;
    for (const auto& a : actions) out += (out.empty() ? "" : ",") + a;
    return out;
}

}  // namespace

domain::RecordAccess AccessService::CustomerAccess(const domain::Customer& customer) {
    return {customer.department_id, customer.secrecy, customer.owner_id, ""};
}

domain::RecordAccess AccessService::ArchiveAccess(storage::Tx& tx, const domain::Archive& archive) {
    domain::RecordAccess record{archive.department_id, "normal", UserId(), kArchiveManage};
    if (auto customer = tx.customers().GetCustomer(archive.org_id, archive.customer_id)) {
        record.secrecy = customer->secrecy;
        record.custodian = customer->owner_id;
    }
    return record;
}

std::optional<domain::RecordAccess> AccessService::RecordFacts(
    storage::Tx& tx, OrgId org, std::string_view object_type, std::int64_t object_id, std::string* label) {
    if (object_type == "archive") {
        auto archive = tx.archives().Get(org, ArchiveId(object_id));
        if (!archive) return std::nullopt;
        if (label) *label = archive->number;
        return ArchiveAccess(tx, *archive);
    }
    if (object_type != "customer") return std::nullopt;
    auto customer = tx.customers().GetCustomer(org, CustomerId(object_id));
    if (!customer) return std::nullopt;
    if (label) *label = customer->name;
    return CustomerAccess(*customer);
}

AccessService::Basis AccessService::MayAccess(storage::Tx& tx,
                                              const Caller& caller,
                                              std::string_view permission,
                                              std::string_view object_type,
                                              std::int64_t object_id,
                                              const domain::RecordAccess& record,
                                              std::string_view action,
                                              Timestamp now) {
    if (domain::AllowedByRole(caller.principal, permission, record)) return {true, {}};
    if (action.empty()) return {};
    for (const auto& grant : tx.access().GrantsOn(caller.org(), caller.user(), object_type, object_id, now)) {
        if (domain::GrantAllows(grant, action, now)) return {true, grant.id};
    }
    return {};
}

Status AccessService::Gate(AppContext& ctx,
                           storage::Tx& tx,
                           const Caller& caller,
                           const char* permission,
                           const char* action,
                           std::string_view object_type,
                           std::int64_t object_id,
                           const domain::RecordAccess& record,
                           std::string* detail) {
    // Only reading can be granted (copy and lend are separate actions of their own services).
    const bool readable = permission == std::string_view(kCustomerRead) || permission == std::string_view(kArchiveRead);
    auto basis =
        MayAccess(tx, caller, permission, object_type, object_id, record, readable ? "read" : "", ctx.clock.Now());
    if (basis.allowed) {
        if (detail && basis.grant.valid()) *detail = "grant " + IdText(basis.grant.value);
        return {};
    }
    ctx.audit.Record(AuditFor(caller, action, std::string(object_type), IdText(object_id), "denied"));
    if (domain::IsClassified(record.secrecy)) return NotFound(std::string(object_type));
    return Forbidden(std::string("do this (") + permission + ") for " + std::string(object_type) +
                     "s of that department without an access grant (SEC-4)");
}

domain::ApprovalChains AccessService::LoadChains(storage::Tx& tx, OrgId org) {
    domain::ApprovalChains chains = domain::DefaultApprovalChains();
    for (const char* kind : domain::kApprovalChainKinds) {
        if (auto c = tx.access().GetChain(org, kind)) *domain::ChainOf(chains, kind) = std::move(c->first);
    }
    return chains;
}

std::optional<std::string> AccessService::WhyNot(storage::Tx& tx,
                                                 const Caller& caller,
                                                 const domain::AccessRequest& request,
                                                 const domain::DepartmentTree* tree) {
    if (tree == nullptr) {
        domain::DepartmentTree own(tx.org().ListDepartments(caller.org()));
        return domain::WhyNotApprover(request, caller.user(), caller.principal.assignments(), own);
    }
    return domain::WhyNotApprover(request, caller.user(), caller.principal.assignments(), *tree);
}

AccessRequestView AccessService::View(storage::Tx& tx,
                                      const Caller& caller,
                                      domain::AccessRequest request,
                                      const domain::DepartmentTree* tree) {
    AccessRequestView view;
    auto directory = ctx_.directory.Get(caller.org());
    view.requester_name = directory->User(request.requester);
    for (const auto& d : request.decisions) view.approver_names.push_back(directory->User(d.approver));
    view.object_label = LabelFor(tx, caller, request.object_type, request.object_id);
    view.may_decide = request.status == "pending" && !WhyNot(tx, caller, request, tree).has_value();
    if (request.visitor_id != 0) {
        if (auto v = tx.access().GetVisitor(caller.org(), request.visitor_id)) {
            view.visitor_label = v->name + " (" + v->organisation + ")";
        }
    }
    view.request = std::move(request);
    return view;
}

std::string AccessService::LabelFor(storage::Tx& tx,
                                    const Caller& caller,
                                    const std::string& object_type,
                                    std::int64_t object_id) {
    std::string label;
    auto facts = RecordFacts(tx, caller.org(), object_type, object_id, &label);
    if (!facts) return "";
    const char* permission = object_type == "archive" ? kArchiveRead : kCustomerRead;
    return MayAccess(tx, caller, permission, object_type, object_id, *facts, "read", ctx_.clock.Now()).allowed ? label
                                                                                                               : "";
}

AccessGrantView AccessService::GrantView(storage::Tx& tx, const Caller& caller, domain::AccessGrant grant) {
    auto directory = ctx_.directory.Get(caller.org());
    AccessGrantView view;
    view.object_label = LabelFor(tx, caller, grant.object_type, grant.object_id);
    view.revoked_by_name = grant.revoked_by.valid() ? directory->User(grant.revoked_by) : "";
    view.grantee_name = directory->User(grant.grantee);
    view.granted_by_name = directory->User(grant.granted_by);
    view.status = domain::GrantStatus(grant, ctx_.clock.Now());
    view.grant = std::move(grant);
    return view;
}

Expected<AccessRequestView> AccessService::Request(const Caller& caller, NewAccessRequest input) {
    domain::AccessRequest q;
    q.org_id = caller.org();
    q.requester = caller.user();
    q.object_type = std::move(input.object_type);
    q.object_id = input.object_id;
    q.actions = std::move(input.actions);
    q.purpose = std::move(input.purpose);
    q.reason = std::move(input.reason);
    q.days = input.days;
    q.visitor_id = input.visitor_id;
    PATRON_TRY(domain::ValidateRequest(q));
    auto tx = ctx_.store.Write();
    if (q.visitor_id != 0) {
        // SEC-3: the non-employee is registered first; their host files the request.
        auto visitor = tx->access().GetVisitor(caller.org(), q.visitor_id);
        if (!visitor) return MakeError(ErrorCode::kInvalidArgument, "no registered visitor with this id", "visitor_id");
        if (visitor->host != caller.user()) {
            return Forbidden("file requests for a visitor you do not host (SEC-3)");
        }
        const auto status =
            domain::VisitorStatus(*visitor, CalendarService::Today(*tx, caller.org(), ctx_.clock.Now()));
        if (status != "active") {
            return MakeError(
                ErrorCode::kFailedPrecondition, "the visitor's registration is " + status + " (SEC-3)", "visitor_id");
        }
    }
    auto facts = RecordFacts(*tx, caller.org(), q.object_type, q.object_id);
    if (!facts) return NotFound(q.object_type);
    auto user = tx->org().GetUser(caller.org(), caller.user());
    if (!user) return NotFound("user");
    domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    q.requester_department = user->department_id;
    q.object_department = facts->department;
    q.object_secrecy = facts->secrecy;
    const bool own = tree.IsWithin(facts->department, user->department_id);
    q.steps = domain::ChainFor(LoadChains(*tx, caller.org()), own, domain::IsClassified(facts->secrecy), q.actions);
    const Timestamp now = ctx_.clock.Now();
    q.id = domain::AccessRequestId(tx->NextId());
    q.version = 1;
    q.created_at = now;
    if (q.steps.empty()) return MakeError(ErrorCode::kFailedPrecondition, "the approval chain has no steps", "steps");
    tx->access().InsertRequest(q);
    auto view = View(*tx, caller, q);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "access.request",
                               q.object_type,
                               IdText(q.object_id),
                               "ok",
                               "request " + IdText(q.id.value) + " " + Actions(q.actions) +
                                   (q.visitor_id ? " for visitor " + IdText(q.visitor_id) : "")));
    return view;
}

Expected<AccessRequestView> AccessService::Decide(const Caller& caller,
                                                  domain::AccessRequestId id,
                                                  const std::string& decision,
                                                  std::string comment,
                                                  std::int64_t version) {
    PATRON_TRY(domain::CheckDecision(decision, comment));
    auto tx = ctx_.store.Write();
    auto q = tx->access().GetRequest(caller.org(), id);
    if (!q) return NotFound("access request");
    if (auto why = WhyNot(*tx, caller, *q)) {
        ctx_.audit.Record(AuditFor(caller, "access.decide", "access_request", IdText(id.value), "denied", *why));
        if (q->status != "pending") return MakeError(ErrorCode::kFailedPrecondition, *why, "status");
        return Forbidden("decide this step: " + *why);
    }
    if (q->version != version) return StaleVersion(q->version);
    const Timestamp now = ctx_.clock.Now();
    const domain::StepDecision d = domain::DecideStep(*q, caller.user(), decision, comment, now);
    if (!tx->access().Decide(*q, d, version)) return StaleVersion(version + 1);
    if (q->status == "approved") {
        domain::AccessGrant g;
        g.id = domain::AccessGrantId(tx->NextId());
        g.org_id = caller.org();
        g.grantee = q->requester;
        g.object_type = q->object_type;
        g.object_id = q->object_id;
        g.actions = q->actions;
        g.valid_from = now;
        g.valid_until = now + q->days * kDayMs;
        g.kind = "request";
        g.request_id = q->id;
        g.granted_by = caller.user();
        g.reason = q->purpose + (q->visitor_id ? " (SEC-3 visitor " + IdText(q->visitor_id) + ")" : "");
        g.created_at = now;
        tx->access().InsertGrant(g);
    }
    auto view = View(*tx, caller, *q);
    tx->Commit();
    ctx_.audit.Record(AuditFor(
        caller, "access.decide", "access_request", IdText(id.value), "ok", decision + " step " + IdText(d.step + 1)));
    return view;
}

Expected<AccessRequestView> AccessService::Withdraw(const Caller& caller,
                                                    domain::AccessRequestId id,
                                                    std::int64_t version) {
    auto tx = ctx_.store.Write();
    auto q = tx->access().GetRequest(caller.org(), id);
    if (!q || q->requester != caller.user()) return NotFound("access request");
    if (auto withdrawn = WithdrawPending(*q, version, ctx_.clock.Now()); !withdrawn.ok()) return withdrawn.error();
    if (!tx->access().UpdateStatus(*q, version)) return StaleVersion(version + 1);
    auto view = View(*tx, caller, *q);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "access.withdraw", "access_request", IdText(id.value)));
    return view;
}

Expected<AccessRequestView> AccessService::Get(const Caller& caller, domain::AccessRequestId id) {
    auto tx = ctx_.store.Read();
    auto q = tx->access().GetRequest(caller.org(), id);
    if (!q) return NotFound("access request");
    const bool involved = q->requester == caller.user() || caller.principal.Has(kAuditRead) ||
                          std::any_of(q->decisions.begin(), q->decisions.end(), [&](const auto& d) {
                              return d.approver == caller.user();
                          });
    auto view = View(*tx, caller, std::move(*q));
    if (!involved && !view.may_decide) return NotFound("access request");
    return view;
}

Expected<std::vector<AccessRequestView>> AccessService::MyRequests(const Caller& caller) {
    auto tx = ctx_.store.Read();
    std::vector<AccessRequestView> out;
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    for (auto& q : tx->access().RequestsBy(caller.org(), caller.user(), kListLimit)) {
        out.push_back(View(*tx, caller, std::move(q), &tree));
    }
    return out;
}

Expected<std::vector<AccessRequestView>> AccessService::Inbox(const Caller& caller) {
    auto tx = ctx_.store.Read();
    std::vector<AccessRequestView> out;
    const domain::DepartmentTree tree(tx->org().ListDepartments(caller.org()));
    for (auto& q : tx->access().RequestsWithStatus(caller.org(), "pending", kListLimit)) {
        auto view = View(*tx, caller, std::move(q), &tree);
        if (view.may_decide) out.push_back(std::move(view));
    }
    return out;
}

Expected<AccessGrantView> AccessService::Authorise(const Caller& caller,
                                                   UserId grantee,
                                                   const std::string& object_type,
                                                   std::int64_t object_id,
                                                   std::vector<std::string> actions,
                                                   int days,
                                                   std::string reason) {
    if (!caller.principal.Has(kAccessAuthorise)) {
        ctx_.audit.Record(AuditFor(caller, "access.authorise", object_type, IdText(object_id), "denied"));
        return Forbidden("authorise access (SEC-12: the general manager)");
    }
    domain::AccessRequest shape;  // the same checks as a request's
    shape.object_type = object_type;
    shape.actions = std::move(actions);
    shape.purpose = "SEC-12";
    shape.reason = std::move(reason);
    shape.days = days;
    PATRON_TRY(domain::ValidateRequest(shape));
    if (grantee == caller.user()) {
        return MakeError(ErrorCode::kInvalidArgument, "nobody authorises themself", "grantee_id");
    }
    auto tx = ctx_.store.Write();
    auto user = tx->org().GetUser(caller.org(), grantee);
    if (!user || user->status != "active") return NotFound("user");
    if (!RecordFacts(*tx, caller.org(), object_type, object_id)) return NotFound(object_type);
    const Timestamp now = ctx_.clock.Now();
    domain::AccessGrant g;
    g.id = domain::AccessGrantId(tx->NextId());
    g.org_id = caller.org();
    g.grantee = grantee;
    g.object_type = object_type;
    g.object_id = object_id;
    g.actions = shape.actions;
    g.valid_from = now;
    g.valid_until = now + days * kDayMs;
    g.kind = "authorisation";
    g.granted_by = caller.user();
    g.reason = shape.reason;
    g.created_at = now;
    tx->access().InsertGrant(g);
    auto view = GrantView(*tx, caller, std::move(g));
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "access.authorise",
                               object_type,
                               IdText(object_id),
                               "ok",
                               "grant " + IdText(view.grant.id.value) + " to user " + IdText(grantee.value)));
    return view;
}

Expected<AccessGrantView> AccessService::Revoke(const Caller& caller, domain::AccessGrantId id, std::string reason) {
    domain::Checker check;
    check.Text(reason, "reason", 500, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto g = tx->access().GetGrant(caller.org(), id);
    const bool may =
        g && (g->granted_by == caller.user() || g->grantee == caller.user() || caller.principal.Has(kAccessAuthorise));
    if (!may) return NotFound("grant");
    const Timestamp now = ctx_.clock.Now();
    if (!tx->access().Revoke(caller.org(), id, caller.user(), reason, now)) {
        return MakeError(ErrorCode::kFailedPrecondition, "the grant is already revoked", "status");
    }
    g->revoked_at = now;
    g->revoked_by = caller.user();
    g->revoke_reason = reason;
    auto view = GrantView(*tx, caller, std::move(*g));
    tx->Commit();
    ctx_.audit.Record(
        AuditFor(caller, "access.revoke", view.grant.object_type, IdText(view.grant.object_id), "ok", reason));
    return view;
}

Expected<std::vector<AccessGrantView>> AccessService::Grants(const Caller& caller, bool everyone) {
    if (everyone && !caller.principal.Has(kAccessAuthorise) && !caller.principal.Has(kAuditRead)) {
        return Forbidden("see everyone's grants");
    }
    auto tx = ctx_.store.Read();
    std::vector<AccessGrantView> out;
    for (auto& g : tx->access().Grants(caller.org(), everyone ? UserId() : caller.user(), kListLimit)) {
        out.push_back(GrantView(*tx, caller, std::move(g)));
    }
    return out;
}

Expected<std::vector<ChainView>> AccessService::Chains(const Caller& caller) {
    auto tx = ctx_.store.Read();
    auto defaults = domain::DefaultApprovalChains();
    std::vector<ChainView> out;
    for (const char* kind : domain::kApprovalChainKinds) {
        ChainView view{kind, {}, 0};
        if (auto stored = tx->access().GetChain(caller.org(), kind)) {
            view.steps = stored->first;
            view.version = stored->second;
        } else {
            view.steps = *domain::ChainOf(defaults, kind);
        }
        out.push_back(std::move(view));
    }
    return out;
}

Expected<ChainView> AccessService::PutChain(const Caller& caller,
                                            const std::string& kind,
                                            std::vector<domain::ApprovalStep> steps,
                                            std::int64_t version) {
    if (!caller.principal.Has(kOrgManage)) {
        ctx_.audit.Record(AuditFor(caller, "access.chain", "approval_chain", kind, "denied"));
        return Forbidden("change the approval chains");
    }
    if (!domain::OneOf(kind, domain::kApprovalChainKinds)) return NotFound("approval chain");
    if (steps.empty() && kind != "classified") {
        return MakeError(ErrorCode::kInvalidArgument, "the chain needs at least one step", "steps");
    }
    auto tx = ctx_.store.Write();
    PATRON_TRY(domain::ValidateChain(steps, tx->org().ListRoles(caller.org())));
    auto current = tx->access().GetChain(caller.org(), kind);
    const std::int64_t current_version = current ? current->second : 0;
    if (version != current_version) return StaleVersion(current_version);
    if (!tx->access().PutChain(caller.org(), kind, steps, version, caller.user(), ctx_.clock.Now())) {
        return StaleVersion(version + 1);
    }
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "access.chain", "approval_chain", kind, "ok", IdText(steps.size()) + " steps"));
    return ChainView{kind, std::move(steps), version + 1};
}

}  // namespace patron::app
