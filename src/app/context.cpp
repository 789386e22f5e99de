#include "app/context.hpp"

namespace patron::app {

domain::PolicyValues PolicyCache::Get(OrgId org) {
    return cache_.Get(org, [&] {
        domain::PolicyValues values;
        auto tx = store_.Read();
        for (const auto& v : tx->policy().List(org)) values.Set(v.key, v.value);
        return values;
    });
}

std::string Directory::Department(DepartmentId id) const {
    auto it = departments.find(id.value);
    return it == departments.end() ? std::string() : it->second;
}

std::string Directory::User(UserId id) const {
    auto it = users.find(id.value);
    return it == users.end() ? std::string() : it->second;
}

std::shared_ptr<const Directory> DirectoryCache::Get(OrgId org) {
    return cache_.Get(org, [&] {
        auto directory = std::make_shared<Directory>();
        auto tx = store_.Read();
        for (const auto& d : tx->org().ListDepartments(org)) directory->departments[d.id.value] = d.name;
        for (const auto& u : tx->org().ListUsers(org)) directory->users[u.id.value] = u.display_name;
        return std::shared_ptr<const Directory>(std::move(directory));
    });
}

void InvalidateOrganization(AppContext& ctx, OrgId org) {
    ctx.principals.Invalidate(org);
    ctx.directory.Invalidate(org);
    ctx.sessions.Invalidate(org);
}

std::optional<domain::Session> SessionCache::Get(OrgId org, const std::string& token_hash) {
    return cache_.Get({org, token_hash}, [&] {
        auto tx = store_.Read();
        return tx->auth().FindSession(org, token_hash);
    });
}

std::optional<PrincipalCache::Entry> PrincipalCache::Get(OrgId org, UserId user) {
    return cache_.Get({org, user}, [&]() -> std::optional<Entry> {
        auto tx = store_.Read();
        auto u = tx->org().GetUser(org, user);
        if (!u) return std::nullopt;
        return Entry{LoadPrincipal(*tx, *u), u->status == "active"};
    });
}

domain::Principal LoadPrincipal(storage::Tx& tx, const domain::User& user) {
    auto assignments = tx.org().ListAssignments(user.org_id, user.id);
    auto roles = tx.org().ListRoles(user.org_id);
    domain::DepartmentTree tree(tx.org().ListDepartments(user.org_id));
    return domain::Principal(user.org_id, user.id, user.username, user.display_name, assignments, roles, tree);
}

domain::AuditEntry AuditFor(const Caller& caller,
                            std::string action,
                            std::string object_type,
                            std::string object_id,
                            std::string outcome,
                            std::string detail) {
    domain::AuditEntry e;
    e.org_id = caller.org();
    e.user_id = caller.user();
    e.username = caller.principal.username();
    e.action = std::move(action);
    e.object_type = std::move(object_type);
    e.object_id = std::move(object_id);
    e.outcome = std::move(outcome);
    e.ip = caller.origin.ip;
    e.user_agent = caller.origin.user_agent.substr(0, 200);
    e.detail = std::move(detail);
    return e;
}

Error Forbidden(const std::string& what) { return MakeError(ErrorCode::kForbidden, "you may not " + what); }
Error NotFound(const std::string& what) { return MakeError(ErrorCode::kNotFound, what + " not found"); }
Error StaleVersion(std::int64_t current) {
    return MakeError(ErrorCode::kConflict,
                     "the record was changed by someone else (current version " + std::to_string(current) +
                         "); reload and try again",
                     "version");
}

}  // namespace patron::app

namespace patron::app {

Expected<Caller> LocalCaller(storage::Store& store, OrgId org, const std::string& username, Origin origin) {
    auto tx = store.Read();
    auto user = tx->org().FindUserByUsername(org, username);
    if (!user || user->status != "active") return MakeError(ErrorCode::kNotFound, "no active user " + username);
    Caller caller;
    caller.principal = LoadPrincipal(*tx, *user);
    caller.origin = std::move(origin);
    return caller;
}

}  // namespace patron::app
