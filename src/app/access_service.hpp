// SEC-1 … SEC-6, SEC-12: access requests, their approval along the organisation's chain, grants,
// and the record check every read of a customer or an archive goes through (domain/access.hpp).
// Requests, decisions, authorisations and revocations are audited; so is every refusal.
#pragma once

#include "app/context.hpp"
#include "domain/access.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct NewAccessRequest {
    std::string object_type;  // customer, archive
    std::int64_t object_id = 0;
    std::vector<std::string> actions;
    std::string purpose;
    std::string reason;
    int days = 3;
    std::int64_t visitor_id = 0;  // SEC-3: on behalf of a registered non-employee the caller hosts
};

struct AccessRequestView {
    domain::AccessRequest request;
    std::string requester_name;
    std::vector<std::string> approver_names;  // one per decision
    std::string object_label;                 // the archive number or the customer's name (for those who may see it)
    bool may_decide = false;                  // the caller may decide its current step
    std::string visitor_label;                // SEC-3: "name (organisation)" of the visitor it is for
};

struct AccessGrantView {
    domain::AccessGrant grant;
    std::string object_label;  // as in AccessRequestView
    std::string grantee_name;
    std::string granted_by_name;
    std::string revoked_by_name;
    std::string status;  // active, expired, revoked, future (now)
};

struct ChainView {
    std::string kind;  // domain::kApprovalChainKinds
    std::vector<domain::ApprovalStep> steps;
    std::int64_t version = 0;  // 0: the default, never changed
};

class AccessService {
public:
    explicit AccessService(AppContext& ctx) : ctx_(ctx) {}

    // SEC-2/SEC-4: anyone may ask for access to a record; the chain is chosen by where the record
    // is (the requester's own department or another) and its secrecy (SEC-3).
    Expected<AccessRequestView> Request(const Caller& caller, NewAccessRequest input);
    // Approve or reject the current step. The last approval creates the grant.
    Expected<AccessRequestView> Decide(const Caller& caller,
                                       domain::AccessRequestId id,
                                       const std::string& decision,
                                       std::string comment,
                                       std::int64_t version);
    // The requester withdraws a pending request.
    Expected<AccessRequestView> Withdraw(const Caller& caller, domain::AccessRequestId id, std::int64_t version);
    // The requester, anyone who may decide a step of it, and auditors see a request.
    Expected<AccessRequestView> Get(const Caller& caller, domain::AccessRequestId id);
    Expected<std::vector<AccessRequestView>> MyRequests(const Caller& caller);
    // Pending requests whose current step the caller may decide.
    Expected<std::vector<AccessRequestView>> Inbox(const Caller& caller);

    // SEC-12: a holder of access.authorise grants access directly (never to themself).
    Expected<AccessGrantView> Authorise(const Caller& caller,
                                        UserId grantee,
                                        const std::string& object_type,
                                        std::int64_t object_id,
                                        std::vector<std::string> actions,
                                        int days,
                                        std::string reason);
    // The granter, a holder of access.authorise, or the grantee (giving it up) ends a grant.
    Expected<AccessGrantView> Revoke(const Caller& caller, domain::AccessGrantId id, std::string reason);
    // The caller's grants; holders of access.authorise or audit.read see everyone's.
    Expected<std::vector<AccessGrantView>> Grants(const Caller& caller, bool everyone);

    Expected<std::vector<ChainView>> Chains(const Caller& caller);
    // The administrator (org.manage) edits a chain; version 0 replaces the default.
    Expected<ChainView> PutChain(const Caller& caller,
                                 const std::string& kind,
                                 std::vector<domain::ApprovalStep> steps,
                                 std::int64_t version);

    // The gate of every record read (SEC-1/4/6): the caller's roles, or a grant in force for
    // `action` ("" when the permission is not one a grant can give). The audit names the grant.
    struct Basis {
        bool allowed = false;
        domain::AccessGrantId grant;  // valid when a grant (not the roles) allows it
    };
    static Basis MayAccess(storage::Tx& tx,
                           const Caller& caller,
                           std::string_view permission,
                           std::string_view object_type,
                           std::int64_t object_id,
                           const domain::RecordAccess& record,
                           std::string_view action,
                           Timestamp now);
    // SEC-6: a customer's secrecy and custodian (its responsible employee) bind its archives too;
    // the archive keepers of the archive's department manage classified archives as well.
    static domain::RecordAccess CustomerAccess(const domain::Customer& customer);
    static domain::RecordAccess ArchiveAccess(storage::Tx& tx, const domain::Archive& archive);
    // The access check of a loaded record with its refusal: kNotFound for a classified record (a
    // forbidden one and a missing one look the same, SEC-6), kForbidden otherwise; both audited.
    // `detail` gets "grant N" when a grant allowed it.
    static Status Gate(AppContext& ctx,
                       storage::Tx& tx,
                       const Caller& caller,
                       const char* permission,
                       const char* action,
                       std::string_view object_type,
                       std::int64_t object_id,
                       const domain::RecordAccess& record,
                       std::string* detail = nullptr);
    // The record's department, secrecy and custodian; nullopt when there is no such record.
    static std::optional<domain::RecordAccess> RecordFacts(
        storage::Tx& tx, OrgId org, std::string_view object_type, std::int64_t object_id, std::string* label = nullptr);

private:
    domain::ApprovalChains LoadChains(storage::Tx& tx, OrgId org);
    // `tree`: the organisation's department tree when the caller already has it (lists build it once).
    AccessRequestView View(storage::Tx& tx,
                           const Caller& caller,
                           domain::AccessRequest request,
                           const domain::DepartmentTree* tree = nullptr);
    AccessGrantView GrantView(storage::Tx& tx, const Caller& caller, domain::AccessGrant grant);
    // The archive number or customer name when the caller may read the record, else "".
    std::string LabelFor(storage::Tx& tx, const Caller& caller, const std::string& object_type, std::int64_t object_id);
    std::optional<std::string> WhyNot(storage::Tx& tx,
                                      const Caller& caller,
                                      const domain::AccessRequest& request,
                                      const domain::DepartmentTree* tree = nullptr);

    AppContext& ctx_;
};

}  // namespace patron::app
