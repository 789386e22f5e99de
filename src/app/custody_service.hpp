// Custody of the archives: ARC-11 storage inspections and ARC-12 retention and destruction
// (domain/inspection.hpp, domain/retention.hpp). The keeper (archive.manage) records inspections,
// sees the destruction list and proposes destructions; a holder of archive.destroy (the general
// manager) who did not propose it approves or rejects; approval purges the content and keeps the
// record. Every step is audited.
#pragma once

#include "app/context.hpp"
#include "domain/inspection.hpp"
#include "domain/retention.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct RetentionCandidate {
    storage::ArchiveRow row;
    Date retention_until{};
};

struct InspectionOverview {
    std::vector<domain::StorageInspection> inspections;  // newest first
    std::optional<Date> last;
    Date next_due{};
    bool overdue = false;
};

class CustodyService {
public:
    explicit CustodyService(AppContext& ctx) : ctx_(ctx) {}

    // ARC-12: archives past retention in the caller's archive.manage scope, oldest first
    // (at most `limit` per kind).
    Expected<std::vector<RetentionCandidate>> DestructionList(const Caller& caller, std::int64_t limit);
    // ARC-12: the keeper proposes to destroy archives (each past retention, not destroyed, not in
    // another proposal, in a department where the caller has archive.manage). Reason required.
    Expected<domain::Destruction> ProposeDestruction(const Caller& caller,
                                                     std::vector<ArchiveId> archives,
                                                     std::string reason);
    Expected<std::vector<domain::Destruction>> Destructions(const Caller& caller);
    Expected<domain::Destruction> GetDestruction(const Caller& caller, std::int64_t id);
    // ARC-12: approve (destroys: content purged, record kept) or reject (reason required).
    Expected<domain::Destruction> DecideDestruction(
        const Caller& caller, std::int64_t id, const std::string& decision, std::string reason, std::int64_t version);

    // ARC-11: the keeper records an inspection of the storage.
    Expected<domain::StorageInspection> RecordInspection(const Caller& caller, domain::StorageInspection inspection);
    Expected<InspectionOverview> Inspections(const Caller& caller);
    // The archives past retention on `today` in `scope` (nullopt: all), at most `limit` per kind.
    static std::vector<RetentionCandidate> PastRetention(storage::Tx& tx,
                                                         OrgId org,
                                                         const domain::PolicyValues& policy,
                                                         Date today,
                                                         const std::optional<std::vector<DepartmentId>>& scope,
                                                         std::int64_t limit);
    // The next inspection's due day for the organisation (for reminders).
    static Date NextInspection(storage::Tx& tx, OrgId org, const domain::PolicyValues& policy, Date today);

private:
    Status CheckCustody(const Caller& caller, const char* action);
    // The organisation's local date now.
    Date Today(storage::Tx& tx, OrgId org);

    AppContext& ctx_;
};

}  // namespace patron::app
