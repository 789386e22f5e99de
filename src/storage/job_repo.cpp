#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kClaim =
    "INSERT INTO job_runs(org_id, job, period, owner, started_at, lease_until, finished_at, result) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, '') ON CONFLICT (org_id, job, period) DO NOTHING";
constexpr const char* kTakeOver =
    "UPDATE job_runs SET owner = ?4, started_at = ?5, lease_until = ?6 WHERE org_id = ?1 AND job = ?2 AND "
    "period = ?3 AND finished_at IS NULL AND lease_until < ?5";
constexpr const char* kFinish =
    "UPDATE job_runs SET finished_at = ?4, result = ?5 WHERE org_id = ?1 AND job = ?2 AND period = ?3";
constexpr const char* kFinished =
    "SELECT period, result FROM job_runs WHERE org_id = ?1 AND job = ?2 AND finished_at IS NOT NULL "
    "ORDER BY period DESC LIMIT ?3";

}  // namespace

bool JobRepo::Claim(OrgId org,
                    std::string_view job,
                    std::string_view period,
                    std::string_view owner,
                    Timestamp now,
                    Timestamp lease_until) {
    if (tx_.Exec(kClaim, {org, job, period, owner, now, lease_until}) == 1) return true;
    return tx_.Exec(kTakeOver, {org, job, period, owner, now, lease_until}) == 1;
}

void JobRepo::Finish(OrgId org, std::string_view job, std::string_view period, Timestamp at, std::string_view result) {
    tx_.Exec(kFinish, {org, job, period, at, result});
}

std::vector<std::pair<std::string, std::string>> JobRepo::Finished(OrgId org, std::string_view job, int limit) {
    std::vector<std::pair<std::string, std::string>> out;
    tx_.Query(kFinished, {org, job, limit}, [&](const Row& r) { out.emplace_back(r.Text(0), r.Text(1)); });
    return out;
}

}  // namespace patron::storage
