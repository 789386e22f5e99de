// The storage interface the app layer sees: a Store hands out units of work (Tx), each one
// database transaction, through which narrow repositories load and save domain records.
//
// Contract, every backend (see tests/storage_contract/):
// - Every call is scoped by OrgId; no call returns a record of another organisation.
// - "Not found" is std::nullopt or false, never an exception.
// - Update*(record, expected_version) writes only if the stored version equals expected_version,
//   then stores version + 1 and returns true; otherwise changes nothing and returns false.
// - Infrastructure failures throw patron::StorageError (ConstraintError on a violated unique key).
// - A Tx not committed is rolled back when destroyed.
// Thread safety: Store is thread-safe; a Tx belongs to one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "domain/access.hpp"
#include "domain/archive.hpp"
#include "domain/audit.hpp"
#include "domain/breach.hpp"
#include "domain/calendar.hpp"
#include "domain/customer.hpp"
#include "domain/document.hpp"
#include "domain/filing.hpp"
#include "domain/inspection.hpp"
#include "domain/lending.hpp"
#include "domain/organization.hpp"
#include "domain/penalty.hpp"
#include "domain/report.hpp"
#include "domain/retention.hpp"
#include "domain/session.hpp"
#include "domain/visitor.hpp"
#include "storage/blob_store.hpp"
#include "storage/sql.hpp"

namespace patron::storage {

template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    bool total_is_estimate = false;  // true when total was capped (kCountCap)
};

inline constexpr std::int64_t kCountCap = 1000;

class OrgRepo {
public:
    explicit OrgRepo(SqlTx& tx) : tx_(tx) {}
    void InsertOrganization(const domain::Organization& org);
    std::optional<domain::Organization> FindOrganizationByCode(std::string_view code);
    std::optional<domain::Organization> GetOrganization(OrgId id);
    std::vector<domain::Organization> ListOrganizations();

    void InsertDepartment(const domain::Department& d);
    bool UpdateDepartment(const domain::Department& d, std::int64_t expected_version);
    std::optional<domain::Department> GetDepartment(OrgId org, DepartmentId id);
    std::vector<domain::Department> ListDepartments(OrgId org);

    void InsertUser(const domain::User& u);
    bool UpdateUser(const domain::User& u, std::int64_t expected_version);
    std::optional<domain::User> GetUser(OrgId org, UserId id);
    std::optional<domain::User> FindUserByUsername(OrgId org, std::string_view username);
    std::vector<domain::User> ListUsers(OrgId org);

    void UpsertRole(OrgId org, const domain::Role& role);
    bool UpdateRolePermissions(OrgId org, const domain::Role& role, std::int64_t expected_version);
    std::vector<domain::Role> ListRoles(OrgId org);

    void InsertAssignment(OrgId org, const domain::RoleAssignment& a);
    bool DeleteAssignment(OrgId org, std::int64_t id);
    std::vector<domain::RoleAssignment> ListAssignments(OrgId org, UserId user);

private:
    SqlTx& tx_;
};

class AuthRepo {
public:
    explicit AuthRepo(SqlTx& tx) : tx_(tx) {}
    void InsertSession(const domain::Session& s);
    std::optional<domain::Session> FindSession(OrgId org, std::string_view token_hash);
    void TouchSession(OrgId org, std::string_view token_hash, Timestamp now);
    bool RevokeSession(OrgId org, UserId user, SessionId id, Timestamp now);
    void RevokeUserSessions(OrgId org, UserId user, Timestamp now);
    std::vector<domain::Session> ListSessions(OrgId org, UserId user, Timestamp now);

    void RecordLoginFailure(OrgId org, std::string_view username, std::string_view ip, Timestamp at);
    std::int64_t CountFailuresForUser(OrgId org, std::string_view username, Timestamp since);
    std::int64_t CountFailuresForAddress(OrgId org, std::string_view ip, Timestamp since);
    void ClearFailuresForUser(OrgId org, std::string_view username);

private:
    SqlTx& tx_;
};

struct CustomerQuery {
    OrgId org;
    std::string q;                                   // normalised (domain::NormalizeQuery)
    std::optional<std::vector<DepartmentId>> scope;  // nullopt: every department
    // SEC-6: when valid, classified customers only where their custodian (owner) is the viewer.
    UserId viewer;
    // SEC-4: customers granted to the viewer, listed whatever the scope and secrecy.
    GrantedTo granted;
    DepartmentId department;           // optional filter
    UserId owner;                      // optional filter
    std::string category;              // optional filter
    std::string sort = "-updated_at";  // name, -name, updated_at, -updated_at, id, -id
    std::int64_t offset = 0;
    std::int64_t limit = 20;
};

struct CustomerSummary {
    CustomerId id;
    std::int64_t version = 0;
    std::string name;
    std::string kind;
    std::string customer_type;
    std::string category;
    std::string company_name;
    std::string grade;
    std::string secrecy;
    std::string phone;  // first phone
    DepartmentId department_id;
    UserId owner_id;
    Timestamp updated_at = 0;
};

// Ids first..last, both included.
struct IdRange {
    std::int64_t first = 0;
    std::int64_t last = 0;
};

// A customer with its vehicles, as the search index reads them.
struct IndexedCustomer {
    domain::Customer customer;
    std::vector<domain::Vehicle> vehicles;
};

class CustomerRepo {
public:
    explicit CustomerRepo(SqlTx& tx) : tx_(tx) {}
    void InsertCustomer(const domain::Customer& c);
    // Many at once: multi-row INSERTs (one round trip per 64 rows on PostgreSQL).
    void InsertCustomers(const std::vector<const domain::Customer*>& customers);
    bool UpdateCustomer(const domain::Customer& c, std::int64_t expected_version);
    std::optional<domain::Customer> GetCustomer(OrgId org, CustomerId id);
    Page<CustomerSummary> Search(const CustomerQuery& query);
    std::int64_t CountCustomers(OrgId org);
    enum class IndexMode {
        kReplace,           // the customer may be indexed already: remove the old rows first
        kNew,               // never indexed: nothing to remove
        kNewDeferTrigrams,  // never indexed, and the caller calls IndexTrigrams for a range later
    };
    // Writes the search index rows of one customer (text, short grams, trigrams).
    void IndexCustomer(const domain::Customer& c,
                       const std::vector<domain::Vehicle>& vehicles,
                       IndexMode mode = IndexMode::kReplace);
    // Builds the trigram index of every customer first..last indexed with kNewDeferTrigrams.
    void IndexTrigrams(OrgId org, CustomerId first, CustomerId last);
    // The search backlog (issue 2): customers committed without their index rows (an import),
    // which the search indexer indexes later and a search meanwhile matches on their columns.
    void AddSearchBacklog(OrgId org, IdRange range);
    std::vector<IdRange> SearchBacklog(OrgId org);  // in id order
    std::vector<OrgId> OrgsWithSearchBacklog();
    // The organisation's first backlog range, locked against other indexers (PostgreSQL: FOR
    // UPDATE; SQLite's write transaction is exclusive already).
    std::optional<IdRange> LockFirstSearchBacklog(OrgId org);
    // The range starting at `first` now starts at `next` (removed when next > its last id).
    void AdvanceSearchBacklog(OrgId org, std::int64_t first, std::int64_t next);
    // Up to `limit` customers with ids in `range`, in id order, with their vehicles (PostgreSQL:
    // locked FOR SHARE, so an edit waits for the indexer's commit or the indexer reads the edit).
    std::vector<IndexedCustomer> LoadForIndexing(OrgId org, IdRange range, std::int64_t limit);
    // Writes the index rows (text, short grams, trigrams) of customers in ascending id order
    // that have none, in one pass: the search indexer's chunk.
    void IndexNewCustomers(OrgId org, const std::vector<IndexedCustomer>& customers);
    // Removes every search index row of the customers in `range` (an edit may have indexed one).
    void DeleteIndexRows(OrgId org, IdRange range);

    void InsertVehicle(const domain::Vehicle& v);
    void InsertVehicles(const std::vector<const domain::Vehicle*>& vehicles);
    bool UpdateVehicle(const domain::Vehicle& v, std::int64_t expected_version);
    std::optional<domain::Vehicle> GetVehicle(OrgId org, VehicleId id);
    std::optional<domain::Vehicle> FindVehicleByVin(OrgId org, std::string_view vin);
    // Which of these VINs are registered. Ask in sorted order: the lookups then walk the VIN index
    // page after page.
    std::vector<std::string> RegisteredVins(OrgId org, const std::vector<std::string>& vins);
    std::vector<domain::Vehicle> ListVehicles(OrgId org, CustomerId customer);

    void InsertInteraction(const domain::Interaction& i);
    std::vector<domain::Interaction> ListInteractions(OrgId org, CustomerId customer, std::int64_t limit);

    void InsertHistory(OrgId org, const std::vector<domain::HistoryEntry>& entries);  // multi-row
    std::vector<domain::HistoryEntry> ListHistory(OrgId org, CustomerId customer, std::int64_t limit);
    // PIPL anonymisation: every earlier value in the customer's history and the text of their
    // interactions become `mask`; who changed which field when, and the interactions' kinds and
    // times, stay for the statistics.
    void ScrubPersonalText(OrgId org, CustomerId customer, std::string_view mask);

private:
    SqlTx& tx_;
};

struct AuditQuery {
    OrgId org;
    UserId user;
    std::string object_type;
    std::string object_id;
    std::string action;
    Timestamp from = 0;
    Timestamp to = 0;
    std::int64_t before_seq = 0;  // paging: entries with seq < before_seq (0: newest)
    std::int64_t limit = 50;
};

class AuditRepo {
public:
    explicit AuditRepo(SqlTx& tx) : tx_(tx) {}
    // The newest entry's seq and hash for the organisation's chain (0, "" when empty).
    std::pair<std::int64_t, std::string> ChainHead(OrgId org);
    void Append(const domain::AuditEntry& entry);
    std::vector<domain::AuditEntry> Search(const AuditQuery& query);
    // Every entry of the organisation in seq order, for chain verification.
    void ForEach(OrgId org, const std::function<void(const domain::AuditEntry&)>& visit);

private:
    SqlTx& tx_;
};

struct PolicyValue {
    std::string key;
    std::int64_t value = 0;
    std::int64_t version = 0;
    UserId updated_by;
    Timestamp updated_at = 0;
    std::string reason;  // history only
};

class PolicyRepo {
public:
    explicit PolicyRepo(SqlTx& tx) : tx_(tx) {}
    std::vector<PolicyValue> List(OrgId org);
    // Writes key = value if the stored version is expected_version (0: not stored yet).
    bool Put(OrgId org, const PolicyValue& value, std::int64_t expected_version);
    std::vector<PolicyValue> History(OrgId org, std::string_view key);

private:
    SqlTx& tx_;
};

struct ImportJob {
    ImportJobId id;
    OrgId org_id;
    std::string kind = "customers";
    bool dry_run = true;
    std::string status = "running";  // running, validated, failed, committed
    std::int64_t total = 0;
    std::int64_t processed = 0;
    std::int64_t imported = 0;
    std::string errors_json = "[]";
    UserId created_by;
    Timestamp created_at = 0;
    std::optional<Timestamp> finished_at;
};

class ImportRepo {
public:
    explicit ImportRepo(SqlTx& tx) : tx_(tx) {}
    void Insert(const ImportJob& job);
    void Update(const ImportJob& job);
    std::optional<ImportJob> Get(OrgId org, ImportJobId id);

private:
    SqlTx& tx_;
};

// One unit of work. Not thread-safe.
struct ArchiveQuery {
    OrgId org;
    std::optional<std::vector<DepartmentId>> scope;    // nullopt: every department
    std::string number_prefix;                         // ARC-8: archive number
    std::optional<std::vector<CustomerId>> customers;  // ARC-8: from the customer search
    UserId viewer;                                     // as in CustomerQuery (SEC-6)
    GrantedTo granted;                                 // archives granted to the viewer (SEC-4)
    std::vector<DepartmentId> keeper_scope;            // classified archives visible here (the keepers')
    std::string kind;
    std::string status;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

// An archive with what a list shows of its customer and vehicle.
struct ArchiveRow {
    domain::Archive archive;
    std::string customer_name;
    std::string plate;
    std::string vin;
    std::string secrecy = "normal";  // the customer's (SEC-6: marked in the index)
};

struct HandoverRow {
    domain::Handover handover;
    std::string archive_number;
    std::string archive_kind;
    DepartmentId department_id;
};

// The facts of an archive the penalty run and the KPIs use.
struct PenaltyFacts {
    domain::Archive archive;  // without items, cabinet, shelf, bag
    Timestamp first_handed_at = 0;
};

// ARC-3: an organisation's checklist template for one archive kind.
struct StoredChecklist {
    std::string kind;
    std::vector<domain::ChecklistItem> items;
    std::int64_t version = 0;
    UserId updated_by;
    Timestamp updated_at = 0;
};

// ARC-1 … ARC-5: archives and the handover book.
class ArchiveRepo {
public:
    explicit ArchiveRepo(SqlTx& tx) : tx_(tx) {}
    // The next number of the organisation's sequence for kind and year (1, 2, ...).
    std::int64_t NextNumber(OrgId org, std::string_view kind, int year);
    // Throws ConstraintError when the vehicle already has a new-car archive (ARC-1).
    void Insert(const domain::Archive& archive);
    // Stores `archive` (its version must be expected_version + 1); false when stale.
    bool Update(const domain::Archive& archive, std::int64_t expected_version);
    std::optional<domain::Archive> Get(OrgId org, ArchiveId id);
    std::vector<ArchiveRow> Search(const ArchiveQuery& query);
    std::vector<domain::Archive> ForVehicle(OrgId org, VehicleId vehicle);
    // ARC-6 run and ARC-6h KPIs: archives with the sale or delivery at or after `since`, or with
    // a correction ordered and not made before `since`; a narrow projection (no checklist
    // record, no paper location) with the time of each one's first handover (0: none).
    std::vector<PenaltyFacts> PenaltyCandidates(OrgId org, Timestamp since);
    // The same in parts that two connections read side by side: the archives whose sale or
    // delivery lies in [from, to), and those before `since` with a correction open or made since.
    std::vector<PenaltyFacts> PenaltyCandidatesByEvent(OrgId org, Timestamp from, Timestamp to);
    std::vector<PenaltyFacts> PenaltyCandidatesByCorrection(OrgId org, Timestamp since);
    // ARC-6i: for those of the candidates with a correction ordered, the amounts of their
    // recorded ARC-6b/6e findings that were not waived, as (archive id, day, fen).
    std::vector<std::tuple<ArchiveId, Date, std::int64_t>> CorrectionFindings(OrgId org, Timestamp since);
    void InsertHandover(OrgId org, const domain::Handover& handover);
    std::vector<domain::Handover> Handovers(OrgId org, ArchiveId archive);
    // ARC-3: the organisation's checklist template for a kind; nullopt while it uses the default.
    std::optional<StoredChecklist> GetChecklist(OrgId org, std::string_view kind);
    // Inserts when expected_version is 0, else updates that version (stored version becomes
    // expected_version + 1). False when the version is stale.
    bool PutChecklist(OrgId org, const StoredChecklist& checklist, std::int64_t expected_version);

    // ARC-6g: incidents (lost or damaged files), oldest first.
    void InsertIncident(OrgId org, const domain::ArchiveIncident& incident);
    std::vector<domain::ArchiveIncident> Incidents(OrgId org, ArchiveId archive);

    // ARC-1: scanned documents, oldest first (withdrawn ones included).
    void InsertDocument(OrgId org, const domain::ArchiveDocument& document);
    std::vector<domain::ArchiveDocument> Documents(OrgId org, ArchiveId archive);
    std::optional<domain::ArchiveDocument> GetDocument(OrgId org, ArchiveId archive, DocumentId id);
    // Records the withdrawal (withdrawn_* fields) or the purge; false when there is no such document.
    bool UpdateDocument(OrgId org, const domain::ArchiveDocument& document);
    // How many documents that are not purged, in any organisation, keep these bytes.
    std::int64_t BlobReferences(std::string_view sha256);

    // ARC-5: the book between two instants, newest first; classified archives' lines only for
    // `viewer` as their custodian and for keepers of `keeper_scope` (SEC-6, as in Search).
    std::vector<HandoverRow> HandoverBook(OrgId org,
                                          Timestamp from,
                                          Timestamp to,
                                          const std::optional<std::vector<DepartmentId>>& scope,
                                          UserId viewer,
                                          const std::vector<DepartmentId>& keeper_scope);

private:
    SqlTx& tx_;
};

// A stored ARC-6 fine.
struct Fine {
    FineId id;
    std::int64_t version = 0;
    domain::Violation violation;
    int ordinal = 0;
    std::int64_t multiplier = 1;
    std::int64_t amount_fen = 0;
    std::string arithmetic;
    std::string status = "proposed";  // proposed, confirmed, waived, withdrawn
    UserId decided_by;
    Timestamp decided_at = 0;
    std::string reason;
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
};

class FineRepo {
public:
    explicit FineRepo(SqlTx& tx) : tx_(tx) {}
    // Fines whose violation happened in the month ("2026-10"), in the order they happened.
    std::vector<Fine> ForMonth(OrgId org, std::string_view month);
    // The same fines in no particular order, one at a time (no sort, no list: the penalty run).
    void EachInMonth(OrgId org, std::string_view month, const std::function<void(Fine&&)>& on_fine);
    std::vector<Fine> ForArchive(OrgId org, ArchiveId archive);
    std::optional<Fine> Get(OrgId org, FineId id);
    // Throws ConstraintError when the key exists.
    void Insert(OrgId org, const Fine& fine);
    // The same for many fines (a penalty run), several a statement; all or, on an error, an unknown
    // part of them: the caller's transaction is then rolled back.
    void InsertMany(OrgId org, const std::vector<Fine>& fines);
    // Stores `fine` (version must be expected_version + 1); false when stale.
    bool Update(OrgId org, const Fine& fine, std::int64_t expected_version);

private:
    SqlTx& tx_;
};

// ARC-11 inspections and ARC-12 retention and destruction records.
class CustodyRepo {
public:
    explicit CustodyRepo(SqlTx& tx) : tx_(tx) {}
    // ARC-12 destruction list: archives of `kind` whose sale or delivery was before `event_before`,
    // not destroyed and not in a proposed destruction, oldest first, at most `limit`.
    std::vector<ArchiveRow> RetentionCandidates(OrgId org,
                                                std::string_view kind,
                                                Timestamp event_before,
                                                const std::optional<std::vector<DepartmentId>>& scope,
                                                std::int64_t limit);
    // True when the archive is in a destruction that is still proposed.
    bool InPendingDestruction(OrgId org, ArchiveId archive);
    void InsertDestruction(OrgId org, const domain::Destruction& destruction);
    std::optional<domain::Destruction> GetDestruction(OrgId org, std::int64_t id);
    // Newest first, without their lines.
    std::vector<domain::Destruction> ListDestructions(OrgId org, std::int64_t limit);
    // Stores the decision (status, decided_*; version must be expected_version + 1).
    bool UpdateDestruction(OrgId org, const domain::Destruction& destruction, std::int64_t expected_version);

    void InsertInspection(OrgId org, const domain::StorageInspection& inspection);
    // Newest first.
    std::vector<domain::StorageInspection> ListInspections(OrgId org, std::int64_t limit);

private:
    SqlTx& tx_;
};

// ARC-10 filing deadlines of new customers.
struct FilingRow {
    domain::CustomerFiling filing;
    std::string customer_name;
};

class FilingRepo {
public:
    explicit FilingRepo(SqlTx& tx) : tx_(tx) {}
    void Insert(OrgId org, const domain::CustomerFiling& filing);
    std::optional<domain::CustomerFiling> Get(OrgId org, CustomerId customer);
    void MarkFiled(OrgId org, CustomerId customer, Timestamp at);
    void InsertChangeReport(OrgId org, const domain::ChangeReport& report);
    // Change reports made late, reported in [from, to), in `scope`, newest first.
    std::vector<std::pair<domain::ChangeReport, std::string>> LateChangeReports(
        OrgId org, Timestamp from, Timestamp to, const std::optional<std::vector<DepartmentId>>& scope);
    // Not filed and past the deadline at `now`, in `scope` (nullopt: all), oldest deadline first.
    std::vector<FilingRow> Overdue(OrgId org,
                                   Timestamp now,
                                   const std::optional<std::vector<DepartmentId>>& scope,
                                   std::int64_t limit);

private:
    SqlTx& tx_;
};

// A reminder raised by a job (storage of app/reminder_service.hpp).
struct Reminder {
    std::string key;         // one per occasion: "ARC-11:2027-03-31"
    std::string rule;        // "ARC-11"
    std::string permission;  // who sees it: holders of this permission
    std::string subject;
    std::string detail;
    std::string link;  // the web page that deals with it
    Date due_on{};
    Timestamp created_at = 0;
    Timestamp resolved_at = 0;  // 0 while open
};

class ReminderRepo {
public:
    explicit ReminderRepo(SqlTx& tx) : tx_(tx) {}
    // Raises the reminder unless one with its key exists (open or resolved); an open one gets the
    // new subject and detail. True when it was new.
    bool Raise(OrgId org, const Reminder& reminder);
    // Resolves the open reminders of `rule` whose key is not in `still_due`.
    void ResolveOthers(OrgId org, std::string_view rule, const std::vector<std::string>& still_due, Timestamp at);
    // Open reminders, by due day.
    std::vector<Reminder> Open(OrgId org);

private:
    SqlTx& tx_;
};

// SEC-2 … SEC-6, SEC-12: approval chains, access requests with their decisions, grants.
class AccessRepo {
public:
    explicit AccessRepo(SqlTx& tx) : tx_(tx) {}
    // The organisation's chain of `kind` (own_department, other_department, classified) and its
    // version; nullopt when never set (the defaults apply).
    std::optional<std::pair<std::vector<domain::ApprovalStep>, std::int64_t>> GetChain(OrgId org,
                                                                                       std::string_view kind);
    // Stores the chain when its version is still `expected_version` (0: never set); false when stale.
    bool PutChain(OrgId org,
                  std::string_view kind,
                  const std::vector<domain::ApprovalStep>& steps,
                  std::int64_t expected_version,
                  UserId by,
                  Timestamp at);

    void InsertRequest(const domain::AccessRequest& request);
    std::optional<domain::AccessRequest> GetRequest(OrgId org, domain::AccessRequestId id);
    // Records the decision of the request's current step and stores its status (version must be
    // expected_version + 1); false when stale.
    bool Decide(const domain::AccessRequest& request,
                const domain::StepDecision& decision,
                std::int64_t expected_version);
    // Stores status and decided_at (a withdrawal); false when stale.
    bool UpdateStatus(const domain::AccessRequest& request, std::int64_t expected_version);
    // Newest first: the requester's own, or those with `status`.
    std::vector<domain::AccessRequest> RequestsBy(OrgId org, UserId requester, int limit);
    std::vector<domain::AccessRequest> RequestsWithStatus(OrgId org, std::string_view status, int limit);

    void InsertGrant(const domain::AccessGrant& grant);
    std::optional<domain::AccessGrant> GetGrant(OrgId org, domain::AccessGrantId id);
    // Revokes a grant not yet revoked; false when it was.
    bool Revoke(OrgId org, domain::AccessGrantId id, UserId by, std::string_view reason, Timestamp at);
    // The grantee's grants on one record that have not ended by `now` (revoked ones excluded).
    std::vector<domain::AccessGrant> GrantsOn(
        OrgId org, UserId grantee, std::string_view object_type, std::int64_t object_id, Timestamp now);
    // The ids of the records of `object_type` the grantee may `action` at `now` (search filters).
    std::vector<std::int64_t> GrantedIds(
        OrgId org, UserId grantee, std::string_view object_type, std::string_view action, Timestamp now);
    // Newest first: the grantee's (grantee valid) or the organisation's.
    std::vector<domain::AccessGrant> Grants(OrgId org, UserId grantee, int limit);
    // PIPL anonymisation: the free texts of the requests and grants about these records (purpose,
    // reason) become `mask`; who asked, for what action, when and who decided stay.
    void ScrubTexts(OrgId org,
                    std::string_view object_type,
                    const std::vector<std::int64_t>& object_ids,
                    std::string_view mask);

    // SEC-3: registered non-employees.
    void InsertVisitor(const domain::Visitor& visitor);
    std::optional<domain::Visitor> GetVisitor(OrgId org, std::int64_t id);
    // Newest first: the host's (host valid) or the organisation's.
    std::vector<domain::Visitor> Visitors(OrgId org, UserId host, int limit);
    // Ends a registration (version must be expected_version + 1); false when stale or revoked.
    bool RevokeVisitor(const domain::Visitor& visitor, std::int64_t expected_version);

private:
    SqlTx& tx_;
};

// SEC-10: breach incidents and their remedial actions.
class BreachRepo {
public:
    explicit BreachRepo(SqlTx& tx) : tx_(tx) {}
    void Insert(const domain::BreachIncident& incident);
    // With its actions; nullopt when the organisation has no such incident.
    std::optional<domain::BreachIncident> Get(OrgId org, std::int64_t id);
    // Stores status, summary and closing (version must be expected_version + 1); false when stale.
    bool Update(const domain::BreachIncident& incident, std::int64_t expected_version);
    void InsertAction(OrgId org, std::int64_t incident_id, const domain::RemedialAction& action);
    // Marks an open action done; false when it is done already or missing.
    bool CompleteAction(
        OrgId org, std::int64_t incident_id, std::int64_t action_id, std::string_view result, Timestamp at);
    // Newest first, without actions; `reporter` valid: only theirs.
    std::vector<domain::BreachIncident> List(OrgId org, UserId reporter, int limit);

private:
    SqlTx& tx_;
};

// SEC-5: a loan with what the register shows beside it.
struct LoanRow {
    domain::Loan loan;
    std::string archive_number;
    DepartmentId department_id;  // the archive's
};

struct LoanQuery {
    OrgId org;
    UserId borrower;                 // valid: only theirs
    ArchiveId archive;               // valid: only this archive's
    bool open_only = false;          // still out (returned_at = 0)
    bool closed_only = false;        // returned or lost
    std::optional<Date> due_before;  // open loans due before this day (overdue as of it)
    int limit = 200;
};

// SEC-5: the lending register.
class LoanRepo {
public:
    explicit LoanRepo(SqlTx& tx) : tx_(tx) {}
    void Insert(const domain::Loan& loan);
    std::optional<LoanRow> Get(OrgId org, std::int64_t id);
    // Stores the return (version must be expected_version + 1); false when stale.
    bool Update(const domain::Loan& loan, std::int64_t expected_version);
    // The archive's loan still out, if any.
    std::optional<domain::Loan> OpenFor(OrgId org, ArchiveId archive);
    // Open loans first by due day, then the rest newest first.
    std::vector<LoanRow> List(const LoanQuery& query);

private:
    SqlTx& tx_;
};

// SEC-11: which customers a report counts by: one column of the customer.
enum class CustomerDimension { kCategory, kType, kKind, kGrade, kDepartment };

struct ReportRequestQuery {
    OrgId org;
    std::string kind;                                     // change, distribution
    std::string status;                                   // "": any
    UserId requester;                                     // valid: only theirs
    std::optional<std::vector<DepartmentId>> recipients;  // only those sent to one of these departments
    std::int64_t report_id = 0;                           // non-zero: only this report's
    int limit = 200;
};

// SEC-11: customer reports, their item changes and distributions, and the counts they are made of.
class ReportRepo {
public:
    explicit ReportRepo(SqlTx& tx) : tx_(tx) {}
    void Insert(const domain::CustomerReport& report);
    std::optional<domain::CustomerReport> Get(OrgId org, std::int64_t id);
    // Stores title, items and who changed them (version must be expected_version + 1); false when stale.
    bool Update(const domain::CustomerReport& report, std::int64_t expected_version);
    // The reports of these departments, newest first.
    std::vector<domain::CustomerReport> List(OrgId org, const std::vector<DepartmentId>& departments, int limit);

    void InsertRequest(const domain::ReportRequest& request);
    // With its decisions; nullopt when the organisation has no such request.
    std::optional<domain::ReportRequest> GetRequest(OrgId org, std::int64_t id);
    // Records one step's decision and the request's new status and version; false when stale.
    bool Decide(const domain::ReportRequest& request,
                const domain::StepDecision& decision,
                std::int64_t expected_version);
    // Stores status and decided_at (a withdrawal); false when stale.
    bool UpdateStatus(const domain::ReportRequest& request, std::int64_t expected_version);
    // Newest first, each with its decisions and snapshot.
    std::vector<domain::ReportRequest> ListRequests(const ReportRequestQuery& query);

    // The counts, one query each, over the customers of `departments` (never empty). Classified
    // customers are counted (SEC-6: a count is not personal data). Groups with no customer are absent.
    std::vector<std::pair<std::string, std::int64_t>> CountCustomers(OrgId org,
                                                                     const std::vector<DepartmentId>& departments,
                                                                     CustomerDimension by);
    // Customers created in each interval [bounds[i], bounds[i + 1]): bounds.size() - 1 counts.
    std::vector<std::int64_t> CountCreated(OrgId org,
                                           const std::vector<DepartmentId>& departments,
                                           const std::vector<Timestamp>& bounds);
    // The customers' vehicles by brand.
    std::vector<std::pair<std::string, std::int64_t>> CountVehiclesByBrand(
        OrgId org, const std::vector<DepartmentId>& departments);

private:
    SqlTx& tx_;
};

// Job runs (src/jobs/runner.hpp): claims with leases, so a job runs once per period.
class JobRepo {
public:
    explicit JobRepo(SqlTx& tx) : tx_(tx) {}
    // True when this owner now holds the period: a new claim, or the takeover of a claim whose
    // owner did not finish before its lease ran out. False when it is done or held by another.
    bool Claim(OrgId org,
               std::string_view job,
               std::string_view period,
               std::string_view owner,
               Timestamp now,
               Timestamp lease_until);
    void Finish(OrgId org, std::string_view job, std::string_view period, Timestamp at, std::string_view result);
    // The finished periods of a job, newest first (at most `limit`).
    std::vector<std::pair<std::string, std::string>> Finished(OrgId org, std::string_view job, int limit);

private:
    SqlTx& tx_;
};

struct CalendarSettings {
    std::string time_zone;
    std::vector<int> weekend;  // ISO weekdays
    std::int64_t version = 0;
    UserId updated_by;
    Timestamp updated_at = 0;
};

// The working-day calendar (docs/calendar.md). Dates are local civil dates.
class CalendarRepo {
public:
    explicit CalendarRepo(SqlTx& tx) : tx_(tx) {}
    // nullopt: the organisation has never changed its calendar (the shipped default applies).
    std::optional<CalendarSettings> GetSettings(OrgId org);
    // Inserts when expected_version is 0, else updates that version (the stored version becomes
    // expected_version + 1). False when the version is stale.
    bool PutSettings(OrgId org, const CalendarSettings& settings, std::int64_t expected_version);
    // Marks with from <= date <= to, in date order.
    std::vector<domain::CalendarDay> ListDays(OrgId org, Date from, Date to);
    void PutDay(OrgId org, const domain::CalendarDay& day);
    // False when there was no mark.
    bool DeleteDay(OrgId org, Date day);
    void DeleteDays(OrgId org, Date from, Date to);

private:
    SqlTx& tx_;
};

class Tx {
public:
    explicit Tx(std::unique_ptr<SqlTx> sql)
        : sql_(std::move(sql)),
          org_(*sql_),
          auth_(*sql_),
          customers_(*sql_),
          audit_(*sql_),
          policy_(*sql_),
          imports_(*sql_),
          calendar_(*sql_),
          archives_(*sql_),
          fines_(*sql_),
          jobs_(*sql_),
          custody_(*sql_),
          reminders_(*sql_),
          filings_(*sql_),
          access_(*sql_),
          breaches_(*sql_),
          loans_(*sql_),
          reports_(*sql_) {}
    OrgRepo& org() { return org_; }
    AuthRepo& auth() { return auth_; }
    CustomerRepo& customers() { return customers_; }
    AuditRepo& audit() { return audit_; }
    PolicyRepo& policy() { return policy_; }
    ImportRepo& imports() { return imports_; }
    CalendarRepo& calendar() { return calendar_; }
    ArchiveRepo& archives() { return archives_; }
    FineRepo& fines() { return fines_; }
    JobRepo& jobs() { return jobs_; }
    CustodyRepo& custody() { return custody_; }
    ReminderRepo& reminders() { return reminders_; }
    FilingRepo& filings() { return filings_; }
    AccessRepo& access() { return access_; }
    BreachRepo& breaches() { return breaches_; }
    LoanRepo& loans() { return loans_; }
    ReportRepo& reports() { return reports_; }
    // A new id, unique in the deployment. ReserveIds(n) returns the first of n consecutive ids.
    std::int64_t NextId() { return ReserveIds(1); }
    std::int64_t ReserveIds(std::int64_t n);
    void Commit() { sql_->Commit(); }
    SqlTx& sql() { return *sql_; }

private:
    std::unique_ptr<SqlTx> sql_;
    OrgRepo org_;
    AuthRepo auth_;
    CustomerRepo customers_;
    AuditRepo audit_;
    PolicyRepo policy_;
    ImportRepo imports_;
    CalendarRepo calendar_;
    ArchiveRepo archives_;
    FineRepo fines_;
    JobRepo jobs_;
    CustodyRepo custody_;
    ReminderRepo reminders_;
    FilingRepo filings_;
    AccessRepo access_;
    BreachRepo breaches_;
    LoanRepo loans_;
    ReportRepo reports_;
};

// The database and, beside it, the blob store of scanned documents (ARC-1). A store opened
// without a blob directory refuses to keep documents (BlobStore throws StorageError).
class Store {
public:
    explicit Store(std::unique_ptr<Database> db, std::filesystem::path blob_root = {})
        : db_(std::move(db)), blobs_(std::move(blob_root)) {}
    std::unique_ptr<Tx> Read() { return std::make_unique<Tx>(db_->Begin(TxMode::kRead)); }
    std::unique_ptr<Tx> Write() { return std::make_unique<Tx>(db_->Begin(TxMode::kWrite)); }
    std::unique_ptr<Tx> BulkWrite() { return std::make_unique<Tx>(db_->Begin(TxMode::kBulkWrite)); }
    Database& database() { return *db_; }
    BlobStore& blobs() { return blobs_; }

private:
    std::unique_ptr<Database> db_;
    BlobStore blobs_;
};

// Where documents are kept when the configuration names no directory: beside a SQLite file
// ("sqlite:./var/patron.db" -> "./var/patron.db-files"); for PostgreSQL "./var/files" (several
// servers on one database must share one directory: configure it).
std::filesystem::path DefaultBlobRoot(const std::string& database_url);

}  // namespace patron::storage
