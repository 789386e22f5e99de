#include "app/admin_service.hpp"

#include "app/audit_writer.hpp"
#include "app/csv.hpp"

namespace patron::app {

using namespace domain::perm;

Expected<std::vector<PolicySettingView>> PolicyService::List(const Caller& caller) {
    if (!caller.principal.Has(kPolicyRead)) return Forbidden("view policy settings");
    std::vector<storage::PolicyValue> stored;
    {
        auto tx = ctx_.store.Read();
        stored = tx->policy().List(caller.org());
    }
    std::vector<PolicySettingView> out;
    for (const auto& setting : domain::PolicyCatalog()) {
        PolicySettingView view{setting, setting.default_value, 0, UserId(), 0};
        for (const auto& v : stored) {
            if (v.key == setting.key) {
                view.value = v.value;
                view.version = v.version;
                view.updated_by = v.updated_by;
                view.updated_at = v.updated_at;
            }
        }
        out.push_back(view);
    }
    return out;
}

Expected<PolicySettingView> PolicyService::Set(
    const Caller& caller, std::string_view key, std::int64_t value, std::int64_t version, std::string reason) {
    const domain::PolicySetting* setting = domain::FindPolicySetting(key);
    if (setting == nullptr) return NotFound("policy setting");
    PATRON_TRY(domain::ValidatePolicyValue(*setting, value));
    if (reason.size() > 500) return MakeError(ErrorCode::kInvalidArgument, "reason is too long", "reason");
    if (!caller.principal.Has(kPolicyManage)) {
        ctx_.audit.Record(AuditFor(caller, "policy.update", "policy", std::string(key), "denied"));
        return Forbidden("change policy settings");
    }
    auto tx = ctx_.store.Write();
    std::int64_t current_version = 0;
    std::int64_t old_value = setting->default_value;
    for (const auto& v : tx->policy().List(caller.org())) {
        if (v.key == key) {
            current_version = v.version;
            old_value = v.value;
        }
    }
    if (current_version != version) return StaleVersion(current_version);
    storage::PolicyValue v{std::string(key), value, version + 1, caller.user(), ctx_.clock.Now(), reason};
    if (!tx->policy().Put(caller.org(), v, version)) return StaleVersion(current_version);
    tx->Commit();
    ctx_.policy.Invalidate(caller.org());
    ctx_.audit.Record(
        AuditFor(caller,
                 "policy.update",
                 "policy",
                 std::string(key),
                 "ok",
                 std::to_string(old_value) + " -> " + std::to_string(value) + " " + reason.substr(0, 100)));
    return PolicySettingView{*setting, value, version + 1, caller.user(), v.updated_at};
}

Expected<std::vector<storage::PolicyValue>> PolicyService::History(const Caller& caller, std::string_view key) {
    if (!caller.principal.Has(kPolicyRead)) return Forbidden("view policy settings");
    if (domain::FindPolicySetting(key) == nullptr) return NotFound("policy setting");
    auto tx = ctx_.store.Read();
    return tx->policy().History(caller.org(), key);
}

Expected<std::vector<domain::AuditEntry>> AuditService::Search(const Caller& caller, storage::AuditQuery query) {
    if (!caller.principal.Has(kAuditRead)) {
        ctx_.audit.Record(AuditFor(caller, "audit.search", "audit", "", "denied"));
        return Forbidden("read the audit log");
    }
    if (query.limit < 1 || query.limit > 500)
        return MakeError(ErrorCode::kInvalidArgument, "limit must be 1–500", "limit");
    query.org = caller.org();
    auto tx = ctx_.store.Read();
    auto entries = tx->audit().Search(query);
    ctx_.audit.Record(AuditFor(caller, "audit.search", "audit", "", "ok"));
    return entries;
}

Expected<std::string> AuditService::ExportCsv(const Caller& caller, storage::AuditQuery query) {
    if (!caller.principal.Has(kAuditRead)) {
        ctx_.audit.Record(AuditFor(caller, "audit.export", "audit", "", "denied"));
        return Forbidden("export the audit log");
    }
    query.org = caller.org();
    query.limit = 500;
    const Timestamp now = ctx_.clock.Now();
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel opens UTF-8 CSV correctly with it
    out += ExportWatermark("audit", caller.principal.username(), now);
    out += "seq,at,username,action,object_type,object_id,outcome,ip,user_agent,detail,hash\n";
    std::int64_t rows = 0;
    auto tx = ctx_.store.Read();
    while (rows < kMaxAuditExportRows) {
        auto page = tx->audit().Search(query);
        for (const auto& e : page) {
            out += std::to_string(e.seq) + "," + FormatTimestamp(e.at) + "," + CsvField(e.username) + "," +
                   CsvField(e.action) + "," + CsvField(e.object_type) + "," + CsvField(e.object_id) + "," +
                   CsvField(e.outcome) + "," + CsvField(e.ip) + "," + CsvField(e.user_agent) + "," +
                   CsvField(e.detail) + "," + e.hash + "\n";
            query.before_seq = e.seq;
            if (++rows >= kMaxAuditExportRows) break;
        }
        if (static_cast<std::int64_t>(page.size()) < query.limit) break;
    }
    ctx_.audit.Record(AuditFor(caller, "audit.export", "audit", "", "ok", "rows=" + std::to_string(rows)));
    return out;
}

ChainCheck AuditService::Verify(OrgId org) {
    ctx_.audit.Flush();
    ChainCheck check;
    std::string prev;
    std::int64_t expected_seq = 1;
    auto tx = ctx_.store.Read();
    tx->audit().ForEach(org, [&](const domain::AuditEntry& e) {
        ++check.entries;
        if (check.first_broken_seq != 0) return;
        if (e.seq != expected_seq) {
            check.first_broken_seq = e.seq;
            check.reason = "entry " + std::to_string(expected_seq) + " is missing";
        } else if (e.prev_hash != prev) {
            check.first_broken_seq = e.seq;
            check.reason = "previous hash does not match";
        } else if (crypto::Sha256Hex(domain::CanonicalAuditText(e)) != e.hash) {
            check.first_broken_seq = e.seq;
            check.reason = "entry content does not match its hash";
        }
        prev = e.hash;
        ++expected_seq;
    });
    return check;
}

void SetupService::AuditSystem(
    OrgId org, std::string action, std::string object_type, std::string object_id, std::string detail) {
    domain::AuditEntry e;
    e.org_id = org;
    e.username = "system";
    e.action = std::move(action);
    e.object_type = std::move(object_type);
    e.object_id = std::move(object_id);
    e.outcome = "ok";
    e.ip = "cli";
    e.detail = std::move(detail);
    ctx_.audit.Record(std::move(e));
}

std::optional<domain::Organization> SetupService::FindOrganization(std::string_view code) {
    auto tx = ctx_.store.Read();
    return tx->org().FindOrganizationByCode(code);
}

Expected<CreatedOrganization> SetupService::CreateOrganization(const NewOrganization& request) {
    if (request.code.empty() || request.code.size() > 32 ||
        request.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos) {
        return MakeError(
            ErrorCode::kInvalidArgument, "code must be 1–32 lower-case letters, digits, '-' or '_'", "code");
    }
    CreatedOrganization out;
    domain::User& admin = out.admin;
    admin.username = request.admin_username;
    admin.display_name = request.admin_display_name;
    admin.department_id = DepartmentId(1);  // placeholder for validation
    PATRON_TRY(domain::ValidateUser(admin));
    PATRON_TRY(domain::CheckPasswordStrength(request.admin_password, request.admin_username));
    admin.password_hash = crypto::HashPassword(request.admin_password, ctx_.password_cost);
    auto tx = ctx_.store.Write();
    if (tx->org().FindOrganizationByCode(request.code)) {
        return MakeError(ErrorCode::kConflict, "organisation code is taken", "code");
    }
    const Timestamp now = ctx_.clock.Now();
    out.org = domain::Organization{OrgId(tx->NextId()), request.code, request.name, now};
    tx->org().InsertOrganization(out.org);
    for (const auto& role : domain::DefaultRoles()) tx->org().UpsertRole(out.org.id, role);
    out.root = domain::Department{DepartmentId(tx->NextId()), out.org.id, DepartmentId(), request.name, "group", "", 1};
    tx->org().InsertDepartment(out.root);
    admin.org_id = out.org.id;
    admin.id = UserId(tx->NextId());
    admin.department_id = out.root.id;
    admin.created_at = now;
    admin.version = 1;
    tx->org().InsertUser(admin);
    tx->org().InsertAssignment(out.org.id, {tx->NextId(), admin.id, "system_admin", out.root.id});
    tx->Commit();
    AuditSystem(out.org.id, "org.create", "organization", std::to_string(out.org.id.value), request.code);
    return out;
}

Expected<domain::User> SetupService::AddUser(std::string_view org_code,
                                             const std::string& username,
                                             const std::string& display_name,
                                             const std::string& password,
                                             std::string_view department_name,
                                             const std::string& role) {
    auto org = FindOrganization(org_code);
    if (!org) return NotFound("organisation");
    PATRON_TRY(domain::CheckPasswordStrength(password, username));
    std::string hash = crypto::HashPassword(password, ctx_.password_cost);
    auto tx = ctx_.store.Write();
    DepartmentId department;
    for (const auto& d : tx->org().ListDepartments(org->id)) {
        if ((department_name.empty() && !d.parent_id.valid()) || d.name == department_name) department = d.id;
    }
    if (!department.valid()) return MakeError(ErrorCode::kInvalidArgument, "no such department", "department");
    auto roles = tx->org().ListRoles(org->id);
    if (!role.empty() &&
        std::none_of(roles.begin(), roles.end(), [&](const domain::Role& r) { return r.code == role; })) {
        return MakeError(ErrorCode::kInvalidArgument, "no such role", "role");
    }
    if (tx->org().FindUserByUsername(org->id, username)) {
        return MakeError(ErrorCode::kConflict, "username is taken", "username");
    }
    domain::User u;
    u.org_id = org->id;
    u.id = UserId(tx->NextId());
    u.username = username;
    u.display_name = display_name.empty() ? username : display_name;
    u.department_id = department;
    u.password_hash = hash;
    u.created_at = ctx_.clock.Now();
    u.version = 1;
    PATRON_TRY(domain::ValidateUser(u));
    tx->org().InsertUser(u);
    if (!role.empty()) tx->org().InsertAssignment(org->id, {tx->NextId(), u.id, role, department});
    tx->Commit();
    InvalidateOrganization(ctx_, org->id);
    AuditSystem(org->id, "user.create", "user", std::to_string(u.id.value), username);
    u.password_hash.clear();
    return u;
}

Status SetupService::SetPassword(std::string_view org_code, const std::string& username, const std::string& password) {
    auto org = FindOrganization(org_code);
    if (!org) return NotFound("organisation");
    PATRON_TRY(domain::CheckPasswordStrength(password, username));
    std::string hash = crypto::HashPassword(password, ctx_.password_cost);
    auto tx = ctx_.store.Write();
    auto user = tx->org().FindUserByUsername(org->id, username);
    if (!user) return NotFound("user");
    user->password_hash = hash;
    if (!tx->org().UpdateUser(*user, user->version)) return StaleVersion(user->version);
    tx->auth().RevokeUserSessions(org->id, user->id, ctx_.clock.Now());
    tx->Commit();
    InvalidateOrganization(ctx_, org->id);
    AuditSystem(org->id, "user.password", "user", std::to_string(user->id.value));
    return {};
}

Status SetupService::DisableUser(std::string_view org_code, const std::string& username) {
    auto org = FindOrganization(org_code);
    if (!org) return NotFound("organisation");
    auto tx = ctx_.store.Write();
    auto user = tx->org().FindUserByUsername(org->id, username);
    if (!user) return NotFound("user");
    user->status = "disabled";
    if (!tx->org().UpdateUser(*user, user->version)) return StaleVersion(user->version);
    tx->auth().RevokeUserSessions(org->id, user->id, ctx_.clock.Now());
    tx->Commit();
    InvalidateOrganization(ctx_, org->id);
    AuditSystem(org->id, "user.disable", "user", std::to_string(user->id.value));
    return {};
}

}  // namespace patron::app
