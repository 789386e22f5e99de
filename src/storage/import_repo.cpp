#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kInsertJob =
    "INSERT INTO import_jobs(org_id, id, kind, dry_run, status, total, processed, imported, errors, created_by, "
    "created_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr const char* kUpdateJob =
    "UPDATE import_jobs SET status = ?3, total = ?4, processed = ?5, imported = ?6, errors = ?7, finished_at = ?8 "
    "WHERE org_id = ?1 AND id = ?2";
constexpr const char* kSelectJob =
    "SELECT org_id, id, kind, dry_run, status, total, processed, imported, errors, created_by, created_at, "
    "finished_at FROM import_jobs WHERE org_id = ?1 AND id = ?2";

Param OptionalTime(const std::optional<Timestamp>& t) { return t ? Param(*t) : Param(nullptr); }

}  // namespace

void ImportRepo::Insert(const ImportJob& j) {
    tx_.Exec(kInsertJob,
             {j.org_id,
              j.id,
              j.kind,
              j.dry_run,
              j.status,
              j.total,
              j.processed,
              j.imported,
              j.errors_json,
              j.created_by,
              j.created_at,
              OptionalTime(j.finished_at)});
}

void ImportRepo::Update(const ImportJob& j) {
    tx_.Exec(kUpdateJob,
             {j.org_id, j.id, j.status, j.total, j.processed, j.imported, j.errors_json, OptionalTime(j.finished_at)});
}

std::optional<ImportJob> ImportRepo::Get(OrgId org, ImportJobId id) {
    std::optional<ImportJob> out;
    tx_.Query(kSelectJob, {org, id}, [&](const Row& r) {
        ImportJob j;
        j.org_id = r.GetId<OrgId>(0);
        j.id = r.GetId<ImportJobId>(1);
        j.kind = r.Text(2);
        j.dry_run = r.Int(3) != 0;
        j.status = r.Text(4);
        j.total = r.Int(5);
        j.processed = r.Int(6);
        j.imported = r.Int(7);
        j.errors_json = r.Text(8);
        j.created_by = r.GetId<UserId>(9);
        j.created_at = r.Int(10);
        if (!r.IsNull(11)) j.finished_at = r.Int(11);
        out = std::move(j);
    });
    return out;
}

}  // namespace patron::storage
