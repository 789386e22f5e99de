#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kSelectPolicy =
    "SELECT key, value, version, updated_by, updated_at FROM policy_settings WHERE org_id = ?1 ORDER BY key";
constexpr const char* kInsertPolicy =
    "INSERT INTO policy_settings(org_id, key, value, version, updated_by, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
    "ON CONFLICT (org_id, key) DO NOTHING";
constexpr const char* kUpdatePolicy =
    "UPDATE policy_settings SET value = ?3, version = version + 1, updated_by = ?4, updated_at = ?5 "
    "WHERE org_id = ?1 AND key = ?2 AND version = ?6";
constexpr const char* kInsertHistory =
    "INSERT INTO policy_history(org_id, key, version, value, updated_by, updated_at, reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kSelectHistory =
    "SELECT key, value, version, updated_by, updated_at, reason FROM policy_history WHERE org_id = ?1 AND key = ?2 "
    "ORDER BY version DESC";

}  // namespace

std::vector<PolicyValue> PolicyRepo::List(OrgId org) {
    std::vector<PolicyValue> out;
    tx_.Query(kSelectPolicy, {org}, [&](const Row& r) {
        out.push_back(PolicyValue{r.Text(0), r.Int(1), r.Int(2), r.GetId<UserId>(3), r.Int(4), ""});
    });
    return out;
}

bool PolicyRepo::Put(OrgId org, const PolicyValue& v, std::int64_t expected_version) {
    std::int64_t changed =
        expected_version == 0
            ? tx_.Exec(kInsertPolicy, {org, v.key, v.value, OptionalId(v.updated_by), v.updated_at})
            : tx_.Exec(kUpdatePolicy, {org, v.key, v.value, OptionalId(v.updated_by), v.updated_at, expected_version});
    if (changed != 1) return false;
    tx_.Exec(kInsertHistory,
             {org, v.key, expected_version + 1, v.value, OptionalId(v.updated_by), v.updated_at, v.reason});
    return true;
}

std::vector<PolicyValue> PolicyRepo::History(OrgId org, std::string_view key) {
    std::vector<PolicyValue> out;
    tx_.Query(kSelectHistory, {org, key}, [&](const Row& r) {
        out.push_back(PolicyValue{r.Text(0), r.Int(1), r.Int(2), r.GetId<UserId>(3), r.Int(4), r.Text(5)});
    });
    return out;
}

}  // namespace patron::storage
