// Customer archives (ARC-1 … ARC-5, ARC-8, ARC-14): open an archive for a vehicle, hand it over
// to the keeper in the sign-off book (deadline on the working-day calendar), the keeper's check of
// the checklist, filing with the paper location, the sales director's confirmation. Every read of
// an archive is audited (SEC-1); permissions are checked in the archive's department.
#pragma once

#include "app/calendar_service.hpp"
#include "app/context.hpp"
#include "domain/archive.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct ArchiveView {
    domain::Archive archive;
    std::vector<domain::ChecklistItem> checklist;    // the organisation's template (ARC-3)
    std::vector<domain::ArchiveItem> items;          // one per checklist item, in checklist order
    std::vector<domain::ArchiveDocument> documents;  // ARC-1 scans, withdrawn ones included
    std::vector<domain::ArchiveIncident> incidents;  // ARC-6g lost or damaged files
    bool complete = false;                           // ARC-6h completeness
    domain::Deadline deadline;                       // ARC-4 handover deadline
    bool overdue = false;                            // not handed over and past the deadline now
    std::vector<domain::Handover> handovers;
    std::string customer_name, plate, vin, department_name, responsible_name;
};

struct NewArchive {
    std::string kind = "new_car";
    VehicleId vehicle_id;
    DepartmentId department_id;
    UserId responsible_id;  // default: the caller
    Timestamp event_at = 0;
    std::string visit_ref;
    bool contact_verified = true;
};

struct HandoverInput {
    UserId receiver_id;
    Timestamp handed_at = 0;  // default: now
    std::vector<std::string> items_handed;
    std::vector<std::string> items_missing;
    bool sender_signed = true;
    bool receiver_signed = true;
    std::string notes;
};

struct ArchiveListQuery {
    std::string q;  // ARC-8: archive number, customer name, phone, plate, VIN, company
    std::string kind;
    std::string status;
    std::int64_t page = 1;
    std::int64_t page_size = 50;
};

// Loads an archive the caller may act on with `permission` (their roles in the archive's
// department, or a grant: AccessService::Gate); a refusal is audited. kNotFound when the
// organisation has no such archive or it is classified and the caller may not see it (SEC-6).
// `via` gets "grant N" when a grant allowed it.
Expected<domain::Archive> LoadArchive(AppContext& ctx,
                                      storage::Tx& tx,
                                      const Caller& caller,
                                      ArchiveId id,
                                      const char* permission,
                                      const char* action,
                                      std::string* via = nullptr);

// ARC-6g: stores a validated incident of the archive (id and recording set here) and proposes its
// fine when its cause is late filing or a borrowing breach.
void AddIncident(AppContext& ctx,
                 storage::Tx& tx,
                 const domain::Archive& archive,
                 domain::ArchiveIncident& incident,
                 UserId recorded_by,
                 Timestamp now);

// ARC-3: the organisation's checklist for an archive kind (the shipped default until an
// administrator saves one).
std::vector<domain::ChecklistItem> ChecklistFor(storage::Tx& tx, OrgId org, std::string_view kind);

class ArchiveService {
public:
    explicit ArchiveService(AppContext& ctx) : ctx_(ctx) {}

    Expected<ArchiveView> Create(const Caller& caller, NewArchive input);
    Expected<ArchiveView> Get(const Caller& caller, ArchiveId id);
    Expected<std::vector<storage::ArchiveRow>> List(const Caller& caller, const ArchiveListQuery& query);
    // ARC-4/ARC-5: the sender registers the handover that day; the receiver must keep archives.
    Expected<ArchiveView> RegisterHandover(const Caller& caller, ArchiveId id, HandoverInput input);
    // ARC-4: the keeper's check of every checklist item.
    Expected<ArchiveView> RecordCheck(const Caller& caller,
                                      ArchiveId id,
                                      std::vector<domain::ArchiveItem> items,
                                      std::int64_t version);
    // ARC-1/ARC-4: copied, scanned, the original shelved at cabinet/shelf/bag.
    Expected<ArchiveView> File(const Caller& caller,
                               ArchiveId id,
                               std::string cabinet,
                               std::string shelf,
                               std::string bag,
                               std::int64_t version);
    // ARC-6g: the keeper records files lost or damaged; late filing or a borrowing breach fines
    // the responsible person at once (proposed, like the check's findings).
    Expected<ArchiveView> RecordIncident(const Caller& caller, ArchiveId id, domain::ArchiveIncident incident);
    // ARC-14: the sales director confirms a filed new-car archive.
    Expected<ArchiveView> Confirm(const Caller& caller, ArchiveId id, std::int64_t version);
    // ARC-3: the checklist templates of both kinds (version 0: the shipped default).
    Expected<std::vector<storage::StoredChecklist>> Checklists(const Caller& caller);
    // ARC-3: an administrator (policy.manage) replaces a kind's checklist. Archives are judged by
    // the current template from then on; fines already proposed stand.
    Expected<storage::StoredChecklist> PutChecklist(const Caller& caller,
                                                    std::string kind,
                                                    std::vector<domain::ChecklistItem> items,
                                                    std::int64_t version);
    // ARC-5: the sign-off book between two instants.
    Expected<std::vector<storage::HandoverRow>> HandoverBook(const Caller& caller, Timestamp from, Timestamp to);

private:
    // `calendar`: the organisation's, when the caller has resolved it already.
    ArchiveView MakeView(storage::Tx& tx,
                         const Caller& caller,
                         domain::Archive archive,
                         std::shared_ptr<const ResolvedCalendar> calendar = nullptr);
    Expected<ArchiveView> Save(const Caller& caller,
                               ArchiveId id,
                               std::int64_t version,
                               const char* permission,
                               const char* action,
                               const std::function<Status(storage::Tx&, domain::Archive&)>& change,
                               const std::function<void(storage::Tx&, const domain::Archive&)>& after = {});

    AppContext& ctx_;
};

}  // namespace patron::app
