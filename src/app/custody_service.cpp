#include "app/custody_service.hpp"

#include <algorithm>
#include <set>

#include "app/archive_service.hpp"
#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "app/reminder_service.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

}  // namespace

Status CustodyService::CheckCustody(const Caller& caller, const char* action) {
    if (caller.principal.Has(kArchiveManage) || caller.principal.Has(kArchiveDestroy)) return {};
    ctx_.audit.Record(AuditFor(caller, action, "archive_custody", "", "denied"));
    return Forbidden("manage archive custody (archive.manage or archive.destroy)");
}

Date CustodyService::Today(storage::Tx& tx, OrgId org) { return CalendarService::Today(tx, org, ctx_.clock.Now()); }

std::vector<RetentionCandidate> CustodyService::PastRetention(storage::Tx& tx,
                                                              OrgId org,
                                                              const domain::PolicyValues& policy,
                                                              Date today,
                                                              const std::optional<std::vector<DepartmentId>>& scope,
                                                              std::int64_t limit) {
    auto calendar = CalendarService::Resolve(tx, org);
    std::vector<RetentionCandidate> out;
    for (const char* kind : domain::kArchiveKinds) {
        // Archives of the day after the cut-off may be past retention too (29 February): the
        // query takes one day more, each is then judged exactly.
        const Date cutoff = domain::OldestRetainedEvent(kind, today, policy) + std::chrono::days(1);
        for (auto& row : tx.custody().RetentionCandidates(org, kind, calendar->zone.StartOfDay(cutoff), scope, limit)) {
            Date until = domain::RetentionUntil(row.archive, calendar->zone, policy);
            if (until < today) out.push_back({std::move(row), until});
        }
    }
    return out;
}

Expected<std::vector<RetentionCandidate>> CustodyService::DestructionList(const Caller& caller, std::int64_t limit) {
    PATRON_TRY(CheckCustody(caller, "archive.destruction_list"));
    if (limit < 1 || limit > 1000) return MakeError(ErrorCode::kInvalidArgument, "limit must be 1–1000", "limit");
    auto tx = ctx_.store.Read();
    auto scope = caller.principal.Has(kArchiveDestroy) ? caller.principal.Scope(kArchiveDestroy)
                                                       : caller.principal.Scope(kArchiveManage);
    return PastRetention(*tx, caller.org(), ctx_.policy.Get(caller.org()), Today(*tx, caller.org()), scope, limit);
}

Expected<domain::Destruction> CustodyService::ProposeDestruction(const Caller& caller,
                                                                 std::vector<ArchiveId> archives,
                                                                 std::string reason) {
    domain::Checker check;
    check.Text(reason, "reason", 1000, true, true);
    if (archives.empty() || archives.size() > 500) check.Add("archive_ids", "name 1–500 archives");
    PATRON_TRY(check.Result());
    if (std::set<ArchiveId>(archives.begin(), archives.end()).size() != archives.size()) {
        return MakeError(ErrorCode::kInvalidArgument, "an archive is named twice", "archive_ids");
    }
    auto tx = ctx_.store.Write();
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const Date today = calendar->zone.LocalDate(ctx_.clock.Now());
    const auto policy = ctx_.policy.Get(caller.org());
    domain::Destruction d;
    for (ArchiveId id : archives) {
        auto archive = LoadArchive(ctx_, *tx, caller, id, kArchiveManage, "archive.destruction.propose");
        if (!archive.ok()) return archive.error();
        const std::string number = archive->number;
        if (archive->status == "destroyed") {
            return MakeError(ErrorCode::kFailedPrecondition, number + " was destroyed already", "archive_ids");
        }
        const Date until = domain::RetentionUntil(*archive, calendar->zone, policy);
        if (!(until < today)) {
            return MakeError(ErrorCode::kFailedPrecondition,
                             number + " must be kept until " + FormatDate(until) + " (ARC-12)",
                             "archive_ids");
        }
        if (tx->custody().InPendingDestruction(caller.org(), id)) {
            return MakeError(ErrorCode::kConflict, number + " is in another proposed destruction", "archive_ids");
        }
        domain::DestructionLine line{id, number, archive->kind, "", "", archive->event_at, until, 0};
        if (auto customer = tx->customers().GetCustomer(caller.org(), archive->customer_id)) {
            line.customer_name = customer->name;
        }
        if (auto vehicle = tx->customers().GetVehicle(caller.org(), archive->vehicle_id)) line.vin = vehicle->vin;
        for (const auto& doc : tx->archives().Documents(caller.org(), id)) line.documents += doc.purged ? 0 : 1;
        d.lines.push_back(std::move(line));
    }
    d.id = tx->NextId();
    d.version = 1;
    d.status = "proposed";
    d.reason = std::move(reason);
    d.proposed_by = caller.user();
    d.proposed_at = ctx_.clock.Now();
    tx->custody().InsertDestruction(caller.org(), d);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.destruction.propose",
                               "archive_destruction",
                               std::to_string(d.id),
                               "ok",
                               std::to_string(d.lines.size()) + " archives"));
    return d;
}

Expected<std::vector<domain::Destruction>> CustodyService::Destructions(const Caller& caller) {
    PATRON_TRY(CheckCustody(caller, "archive.destruction.list"));
    auto tx = ctx_.store.Read();
    return tx->custody().ListDestructions(caller.org(), 200);
}

Expected<domain::Destruction> CustodyService::GetDestruction(const Caller& caller, std::int64_t id) {
    auto tx = ctx_.store.Read();
    auto d = tx->custody().GetDestruction(caller.org(), id);
    if (!d) return NotFound("destruction");
    PATRON_TRY(CheckCustody(caller, "archive.destruction.read"));
    return std::move(*d);
}

Expected<domain::Destruction> CustodyService::DecideDestruction(
    const Caller& caller, std::int64_t id, const std::string& decision, std::string reason, std::int64_t version) {
    domain::Checker check;
    check.Text(reason, "reason", 1000, false, true);
    PATRON_TRY(check.Result());
    auto tx = ctx_.store.Write();
    auto d = tx->custody().GetDestruction(caller.org(), id);
    if (!d) return NotFound("destruction");
    if (!caller.principal.Has(kArchiveDestroy)) {
        ctx_.audit.Record(
            AuditFor(caller, "archive.destruction.decide", "archive_destruction", std::to_string(id), "denied"));
        return Forbidden("approve archive destructions (archive.destroy)");
    }
    if (d->version != version) return StaleVersion(d->version);
    PATRON_TRY(domain::CheckDestructionDecision(*d, caller.user(), decision, reason));
    const Timestamp now = ctx_.clock.Now();
    std::set<std::string> purged_blobs;
    if (decision == "approve") {
        for (const auto& line : d->lines) {
            auto archive = LoadArchive(ctx_, *tx, caller, line.archive_id, kArchiveDestroy, "archive.destroy");
            if (!archive.ok()) return archive.error();
            // The content goes: the checklist record, the paper location, the scans' bytes.
            const std::int64_t archive_version = archive->version;
            archive->status = "destroyed";
            archive->items.clear();
            archive->cabinet.clear();
            archive->shelf.clear();
            archive->bag.clear();
            archive->version = archive_version + 1;
            archive->updated_at = now;
            if (!tx->archives().Update(*archive, archive_version)) return StaleVersion(archive_version + 1);
            for (auto doc : tx->archives().Documents(caller.org(), line.archive_id)) {
                if (doc.purged) continue;
                doc.purged = true;
                tx->archives().UpdateDocument(caller.org(), doc);
                purged_blobs.insert(doc.sha256);
            }
        }
    }
    d->status = decision == "approve" ? "approved" : "rejected";
    d->decided_by = caller.user();
    d->decided_at = now;
    d->decision_reason = std::move(reason);
    d->version = version + 1;
    if (!tx->custody().UpdateDestruction(caller.org(), *d, version)) return StaleVersion(version + 1);
    tx->Commit();
    tx.reset();  // SQLite has one writer: the purge below opens its own write transactions
    // The bytes go once the records say so; bytes another document still uses stay. Checked and
    // removed inside a write transaction, as uploads write theirs (DocumentService::Upload).
    for (const auto& sha256 : purged_blobs) {
        auto blob_tx = ctx_.store.Write();
        if (blob_tx->archives().BlobReferences(sha256) == 0) ctx_.store.blobs().Remove(sha256);
        blob_tx->Commit();
    }
    ctx_.audit.Record(AuditFor(caller,
                               "archive.destruction." + std::string(decision),
                               "archive_destruction",
                               std::to_string(id),
                               "ok",
                               std::to_string(d->lines.size()) + " archives"));
    return std::move(*d);
}

Expected<domain::StorageInspection> CustodyService::RecordInspection(const Caller& caller,
                                                                     domain::StorageInspection inspection) {
    if (!caller.principal.Has(kArchiveManage)) {
        ctx_.audit.Record(AuditFor(caller, "archive.inspection.record", "storage_inspection", "", "denied"));
        return Forbidden("record storage inspections (archive.manage)");
    }
    auto tx = ctx_.store.Write();
    const Date today = Today(*tx, caller.org());
    PATRON_TRY(domain::ValidateInspection(inspection, today));
    inspection.id = tx->NextId();
    inspection.inspector_id = caller.user();
    inspection.created_at = ctx_.clock.Now();
    tx->custody().InsertInspection(caller.org(), inspection);
    tx->Commit();
    tx.reset();
    // The inspection reminder clears at once, not at the next daily run.
    auto refreshed = ReminderService(ctx_).Refresh(caller.org(), today, "ARC-11");
    if (!refreshed.ok()) return refreshed.error();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.inspection.record",
                               "storage_inspection",
                               std::to_string(inspection.id),
                               "ok",
                               FormatDate(inspection.inspected_on)));
    return inspection;
}

Date CustodyService::NextInspection(storage::Tx& tx, OrgId org, const domain::PolicyValues& policy, Date today) {
    auto last = tx.custody().ListInspections(org, 1);
    std::optional<Date> last_day;
    if (!last.empty()) last_day = last.front().inspected_on;
    return domain::NextInspectionDue(
        last_day, static_cast<int>(policy.Get(domain::policy_key::kInspectionIntervalMonths)), today);
}

Expected<InspectionOverview> CustodyService::Inspections(const Caller& caller) {
    PATRON_TRY(CheckCustody(caller, "archive.inspection.list"));
    auto tx = ctx_.store.Read();
    const Date today = Today(*tx, caller.org());
    InspectionOverview out;
    out.inspections = tx->custody().ListInspections(caller.org(), 100);
    if (!out.inspections.empty()) out.last = out.inspections.front().inspected_on;
    out.next_due = NextInspection(*tx, caller.org(), ctx_.policy.Get(caller.org()), today);
    out.overdue = out.next_due < today;
    return out;
}

}  // namespace patron::app
