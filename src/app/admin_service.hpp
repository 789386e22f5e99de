// Policy settings (versioned, every change audited), the audit log (search; chain verification),
// and setting up an organisation (default roles, root department, first administrator).
#pragma once

#include "app/context.hpp"

namespace patron::app {

struct PolicySettingView {
    domain::PolicySetting setting;
    std::int64_t value = 0;
    std::int64_t version = 0;  // 0: never changed (default in force)
    UserId updated_by;
    Timestamp updated_at = 0;
};

class PolicyService {
public:
    explicit PolicyService(AppContext& ctx) : ctx_(ctx) {}
    Expected<std::vector<PolicySettingView>> List(const Caller& caller);
    Expected<PolicySettingView> Set(
        const Caller& caller, std::string_view key, std::int64_t value, std::int64_t version, std::string reason);
    Expected<std::vector<storage::PolicyValue>> History(const Caller& caller, std::string_view key);

private:
    AppContext& ctx_;
};

struct ChainCheck {
    std::int64_t entries = 0;
    std::int64_t first_broken_seq = 0;  // 0: intact
    std::string reason;
};

inline constexpr std::int64_t kMaxAuditExportRows = 20000;

class AuditService {
public:
    explicit AuditService(AppContext& ctx) : ctx_(ctx) {}
    Expected<std::vector<domain::AuditEntry>> Search(const Caller& caller, storage::AuditQuery query);
    // The entries `query` selects (newest first, at most kMaxAuditExportRows) as CSV; the first
    // line is the watermark (who exported, when: SEC-7); the export itself is audited.
    Expected<std::string> ExportCsv(const Caller& caller, storage::AuditQuery query);
    // Recomputes the organisation's hash chain; names the first entry that does not match.
    ChainCheck Verify(OrgId org);

private:
    AppContext& ctx_;
};

struct NewOrganization {
    std::string code;
    std::string name;
    std::string admin_username = "admin";
    std::string admin_display_name = "系统管理员";
    std::string admin_password;
};

struct CreatedOrganization {
    domain::Organization org;
    domain::Department root;
    domain::User admin;
};

// Operator actions (CLI `patron init`, `patron user add`): no caller, audited as "system".
class SetupService {
public:
    explicit SetupService(AppContext& ctx) : ctx_(ctx) {}
    // Creates the organisation with the ORG-2 roles, a root (group) department and an
    // administrator holding system_admin at the root. kConflict if the code is taken.
    Expected<CreatedOrganization> CreateOrganization(const NewOrganization& request);
    // Adds a user with one role at one department (CLI). CPU-heavy.
    Expected<domain::User> AddUser(std::string_view org_code,
                                   const std::string& username,
                                   const std::string& display_name,
                                   const std::string& password,
                                   std::string_view department_name,
                                   const std::string& role);
    Status SetPassword(std::string_view org_code, const std::string& username, const std::string& password);
    Status DisableUser(std::string_view org_code, const std::string& username);
    std::optional<domain::Organization> FindOrganization(std::string_view code);

private:
    void AuditSystem(
        OrgId org, std::string action, std::string object_type, std::string object_id, std::string detail = {});
    AppContext& ctx_;
};

}  // namespace patron::app
