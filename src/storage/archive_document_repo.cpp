// ArchiveRepo, continued: checklist templates (ARC-3), scanned documents (ARC-1), incidents (ARC-6g).
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

constexpr const char* kGetChecklist =
    "SELECT kind, items, version, updated_by, updated_at FROM checklist_templates WHERE org_id = ?1 AND kind = ?2";
constexpr const char* kInsertChecklist =
    "INSERT INTO checklist_templates(org_id, kind, items, version, updated_by, updated_at) "
    "VALUES (?1, ?2, ?3, 1, ?4, ?5)";
constexpr const char* kUpdateChecklist =
    "UPDATE checklist_templates SET items = ?3, version = ?6 + 1, updated_by = ?4, updated_at = ?5 "
    "WHERE org_id = ?1 AND kind = ?2 AND version = ?6";
constexpr const char* kDocumentColumns =
    "id, archive_id, item_code, filename, content_type, size_bytes, sha256, uploaded_by, uploaded_at, withdrawn_by, "
    "withdrawn_at, withdrawn_reason, purged";
constexpr const char* kInsertDocument =
    "INSERT INTO archive_documents(org_id, id, archive_id, item_code, filename, content_type, size_bytes, sha256, "
    "uploaded_by, uploaded_at, withdrawn_by, withdrawn_at, withdrawn_reason, purged) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr const char* kUpdateDocument =
    "UPDATE archive_documents SET withdrawn_by = ?3, withdrawn_at = ?4, withdrawn_reason = ?5, purged = ?6 "
    "WHERE org_id = ?1 AND id = ?2";
constexpr const char* kInsertIncident =
    "INSERT INTO archive_incidents(org_id, id, archive_id, kind, cause, responsible_id, files, occurred_on, "
    "description, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kIncidents =
    "SELECT id, archive_id, kind, cause, responsible_id, files, occurred_on, description, recorded_by, recorded_at "
    "FROM archive_incidents WHERE org_id = ?1 AND archive_id = ?2 ORDER BY id";
constexpr const char* kBlobReferences = "SELECT COUNT(*) FROM archive_documents WHERE sha256 = ?1 AND purged = 0";

std::string EncodeChecklist(const std::vector<domain::ChecklistItem>& items) {
    std::vector<std::vector<std::string>> records;
    for (const auto& i : items) {
        records.push_back({i.code,
                           i.title_zh,
                           i.title_en,
                           i.needs_customer_signature ? "1" : "0",
                           i.needs_internal_signature ? "1" : "0",
                           i.optional ? "1" : "0"});
    }
    return JoinRecords(records);
}

std::vector<domain::ChecklistItem> DecodeChecklist(const std::string& text) {
    std::vector<domain::ChecklistItem> items;
    for (auto& f : SplitRecords(text)) {
        f.resize(6);
        items.push_back({std::move(f[0]), std::move(f[1]), std::move(f[2]), f[3] == "1", f[4] == "1", f[5] == "1"});
    }
    return items;
}

domain::ArchiveDocument ReadDocument(const Row& r) {
    domain::ArchiveDocument d;
    d.id = r.GetId<DocumentId>(0);
    d.archive_id = r.GetId<ArchiveId>(1);
    d.item_code = r.Text(2);
    d.filename = r.Text(3);
    d.content_type = r.Text(4);
    d.size_bytes = r.Int(5);
    d.sha256 = r.Text(6);
    d.uploaded_by = r.GetId<UserId>(7);
    d.uploaded_at = r.Int(8);
    d.withdrawn_by = r.GetId<UserId>(9);
    d.withdrawn_at = r.Int(10);
    d.withdrawn_reason = r.Text(11);
    d.purged = r.Int(12) != 0;
    return d;
}

}  // namespace

std::optional<StoredChecklist> ArchiveRepo::GetChecklist(OrgId org, std::string_view kind) {
    std::optional<StoredChecklist> out;
    tx_.Query(kGetChecklist, {org, kind}, [&](const Row& r) {
        out = StoredChecklist{r.Text(0), DecodeChecklist(r.Text(1)), r.Int(2), r.GetId<UserId>(3), r.Int(4)};
    });
    return out;
}

bool ArchiveRepo::PutChecklist(OrgId org, const StoredChecklist& c, std::int64_t expected_version) {
    std::string items = EncodeChecklist(c.items);
    if (expected_version == 0) {
        if (GetChecklist(org, c.kind)) return false;
        tx_.Exec(kInsertChecklist, {org, c.kind, items, OptionalId(c.updated_by), c.updated_at});
        return true;
    }
    return tx_.Exec(kUpdateChecklist, {org, c.kind, items, OptionalId(c.updated_by), c.updated_at, expected_version}) ==
           1;
}

void ArchiveRepo::InsertDocument(OrgId org, const domain::ArchiveDocument& d) {
    tx_.Exec(kInsertDocument,
             {org,
              d.id,
              d.archive_id,
              d.item_code,
              d.filename,
              d.content_type,
              d.size_bytes,
              d.sha256,
              d.uploaded_by,
              d.uploaded_at,
              OptionalId(d.withdrawn_by),
              d.withdrawn_at,
              d.withdrawn_reason,
              d.purged});
}

std::vector<domain::ArchiveDocument> ArchiveRepo::Documents(OrgId org, ArchiveId archive) {
    static const std::string kSql = std::string("SELECT ") + kDocumentColumns +
                                    " FROM archive_documents WHERE org_id = ?1 AND archive_id = ?2 ORDER BY id";
    std::vector<domain::ArchiveDocument> out;
    tx_.Query(kSql, {org, archive}, [&](const Row& r) { out.push_back(ReadDocument(r)); });
    return out;
}

std::optional<domain::ArchiveDocument> ArchiveRepo::GetDocument(OrgId org, ArchiveId archive, DocumentId id) {
    static const std::string kSql = std::string("SELECT ") + kDocumentColumns +
                                    " FROM archive_documents WHERE org_id = ?1 AND archive_id = ?2 AND id = ?3";
    std::optional<domain::ArchiveDocument> out;
    tx_.Query(kSql, {org, archive, id}, [&](const Row& r) { out = ReadDocument(r); });
    return out;
}

bool ArchiveRepo::UpdateDocument(OrgId org, const domain::ArchiveDocument& d) {
    return tx_.Exec(kUpdateDocument,
                    {org, d.id, OptionalId(d.withdrawn_by), d.withdrawn_at, d.withdrawn_reason, d.purged}) == 1;
}

void ArchiveRepo::InsertIncident(OrgId org, const domain::ArchiveIncident& i) {
    std::string day = FormatDate(i.occurred_on);
    tx_.Exec(kInsertIncident,
             {org,
              i.id,
              i.archive_id,
              i.kind,
              i.cause,
              i.responsible_id,
              i.files,
              day,
              i.description,
              i.recorded_by,
              i.recorded_at});
}

std::vector<domain::ArchiveIncident> ArchiveRepo::Incidents(OrgId org, ArchiveId archive) {
    std::vector<domain::ArchiveIncident> out;
    tx_.Query(kIncidents, {org, archive}, [&](const Row& r) {
        domain::ArchiveIncident i;
        i.id = r.Int(0);
        i.archive_id = r.GetId<ArchiveId>(1);
        i.kind = r.Text(2);
        i.cause = r.Text(3);
        i.responsible_id = r.GetId<UserId>(4);
        i.files = r.Int(5);
        ParseDate(r.Text(6), &i.occurred_on);
        i.description = r.Text(7);
        i.recorded_by = r.GetId<UserId>(8);
        i.recorded_at = r.Int(9);
        out.push_back(std::move(i));
    });
    return out;
}

std::int64_t ArchiveRepo::BlobReferences(std::string_view sha256) {
    return tx_.QueryInt(kBlobReferences, {sha256}).value_or(0);
}

}  // namespace patron::storage
