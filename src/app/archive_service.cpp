#include "app/archive_service.hpp"

#include <algorithm>
#include <cctype>

#include "app/access_service.hpp"
#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "app/penalty_service.hpp"
#include "domain/masking.hpp"
#include "domain/policy.hpp"
#include "domain/search.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

std::string IdText(ArchiveId id) { return std::to_string(id.value); }

bool IsKnownItem(const std::vector<domain::ChecklistItem>& checklist, const std::string& code) {
    return std::any_of(checklist.begin(), checklist.end(), [&](const auto& c) { return c.code == code; });
}

}  // namespace

Expected<domain::Archive> LoadArchive(AppContext& ctx,
                                      storage::Tx& tx,
                                      const Caller& caller,
                                      ArchiveId id,
                                      const char* permission,
                                      const char* action,
                                      std::string* via) {
    auto archive = tx.archives().Get(caller.org(), id);
    if (!archive) return NotFound("archive");
    PATRON_TRY(AccessService::Gate(
        ctx, tx, caller, permission, action, "archive", id.value, AccessService::ArchiveAccess(tx, *archive), via));
    return std::move(*archive);
}

void AddIncident(AppContext& ctx,
                 storage::Tx& tx,
                 const domain::Archive& archive,
                 domain::ArchiveIncident& incident,
                 UserId recorded_by,
                 Timestamp now) {
    incident.id = tx.NextId();
    incident.archive_id = archive.id;
    incident.recorded_by = recorded_by;
    incident.recorded_at = now;
    tx.archives().InsertIncident(archive.org_id, incident);
    if (auto fine = domain::IncidentViolation(archive, incident, ctx.policy.Get(archive.org_id))) {
        PenaltyService::ProposeRecorded(tx, archive.org_id, {std::move(*fine)}, now);
    }
}

std::vector<domain::ChecklistItem> ChecklistFor(storage::Tx& tx, OrgId org, std::string_view kind) {
    if (auto stored = tx.archives().GetChecklist(org, kind)) return std::move(stored->items);
    return domain::DefaultChecklist(kind);
}

ArchiveView ArchiveService::MakeView(storage::Tx& tx,
                                     const Caller& caller,
                                     domain::Archive archive,
                                     std::shared_ptr<const ResolvedCalendar> calendar) {
    ArchiveView view;
    view.checklist = ChecklistFor(tx, caller.org(), archive.kind);
    view.items = domain::ItemsWithTemplate(view.checklist, archive.items);
    view.complete = domain::IsComplete(view.checklist, archive.items);
    if (!calendar) calendar = CalendarService::Resolve(tx, caller.org());
    view.deadline =
        domain::HandoverDeadline(archive, calendar->calendar, calendar->zone, ctx_.policy.Get(caller.org()));
    view.overdue = archive.status == "open" && ctx_.clock.Now() >= view.deadline.due_at;
    view.handovers = tx.archives().Handovers(caller.org(), archive.id);
    view.documents = tx.archives().Documents(caller.org(), archive.id);
    view.incidents = tx.archives().Incidents(caller.org(), archive.id);
    if (auto customer = tx.customers().GetCustomer(caller.org(), archive.customer_id))
        view.customer_name = customer->name;
    if (auto vehicle = tx.customers().GetVehicle(caller.org(), archive.vehicle_id)) {
        view.plate = vehicle->plate;
        view.vin = vehicle->vin;
    }
    auto directory = ctx_.directory.Get(caller.org());
    view.department_name = directory->Department(archive.department_id);
    view.responsible_name = directory->User(archive.responsible_id);
    view.archive = std::move(archive);
    return view;
}

Expected<ArchiveView> ArchiveService::Create(const Caller& caller, NewArchive input) {
    if (!input.responsible_id.valid()) input.responsible_id = caller.user();
    if (input.event_at == 0) input.event_at = ctx_.clock.Now();
    if (input.event_at > ctx_.clock.Now() + kDayMs) {
        return MakeError(ErrorCode::kInvalidArgument, "event_at must not be in the future", "event_at");
    }
    domain::Archive a;
    a.org_id = caller.org();
    a.kind = input.kind;
    a.vehicle_id = input.vehicle_id;
    a.department_id = input.department_id;
    a.responsible_id = input.responsible_id;
    a.event_at = input.event_at;
    a.visit_ref = input.visit_ref;
    a.contact_verified = input.contact_verified;
    a.customer_id = CustomerId(1);  // set from the vehicle below; validation needs a value
    PATRON_TRY(domain::ValidateArchive(a));
    if (!caller.principal.HasIn(kArchiveCreate, a.department_id)) {
        ctx_.audit.Record(AuditFor(caller, "archive.create", "archive", "", "denied"));
        return Forbidden("open archives in that department");
    }
    auto tx = ctx_.store.Write();
    auto vehicle = tx->customers().GetVehicle(caller.org(), a.vehicle_id);
    if (!vehicle) return MakeError(ErrorCode::kInvalidArgument, "vehicle does not exist", "vehicle_id");
    a.customer_id = vehicle->customer_id;
    if (!tx->org().GetDepartment(caller.org(), a.department_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "department does not exist", "department_id");
    }
    if (!tx->org().GetUser(caller.org(), a.responsible_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "responsible user does not exist", "responsible_id");
    }
    // ARC-1: one vehicle, one new-car archive.
    for (const auto& existing : tx->archives().ForVehicle(caller.org(), a.vehicle_id)) {
        if (a.kind == "new_car" && existing.kind == "new_car") {
            return MakeError(
                ErrorCode::kConflict, "this vehicle already has its archive " + existing.number, "vehicle_id");
        }
    }
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const Timestamp now = ctx_.clock.Now();
    a.id = ArchiveId(tx->NextId());
    const int year = Year(calendar->zone.LocalDate(a.event_at));
    a.number = domain::ArchiveNumber(a.kind, year, tx->archives().NextNumber(caller.org(), a.kind, year));
    a.version = 1;
    a.status = "open";
    a.created_at = now;
    a.updated_at = now;
    a.created_by = caller.user();
    tx->archives().Insert(a);
    ArchiveView view = MakeView(*tx, caller, a, calendar);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "archive.create", "archive", IdText(a.id), "ok", a.number));
    return view;
}

Expected<ArchiveView> ArchiveService::Get(const Caller& caller, ArchiveId id) {
    auto tx = ctx_.store.Read();
    std::string via;
    auto archive = LoadArchive(ctx_, *tx, caller, id, kArchiveRead, "archive.read", &via);
    if (!archive.ok()) return archive.error();
    ArchiveView view = MakeView(*tx, caller, std::move(*archive));
    ctx_.audit.Record(AuditFor(
        caller, "archive.read", "archive", IdText(id), "ok", view.archive.number + (via.empty() ? "" : " " + via)));
    return view;
}

Expected<std::vector<storage::ArchiveRow>> ArchiveService::List(const Caller& caller, const ArchiveListQuery& q) {
    if (!caller.principal.Has(kArchiveRead)) {
        ctx_.audit.Record(AuditFor(caller, "archive.list", "archive", "", "denied"));
        return Forbidden("view archives");
    }
    if (q.page < 1 || q.page_size < 1 || q.page_size > 200) {
        return MakeError(ErrorCode::kInvalidArgument, "page_size must be 1–200", "page_size");
    }
    storage::ArchiveQuery aq;
    aq.org = caller.org();
    aq.scope = caller.principal.Scope(kArchiveRead);
    aq.kind = q.kind;
    aq.status = q.status;
    aq.limit = q.page_size;
    aq.offset = (q.page - 1) * q.page_size;
    auto tx = ctx_.store.Read();
    std::string text = domain::NormalizeQuery(q.q);
    if (!text.empty()) {
        // ARC-8: an archive number, or anything that finds the customer (name, phone, plate, VIN).
        for (char ch : text) {
            if (ch == '%' || ch == '_' || ch == '\\') aq.number_prefix += '\\';  // LIKE ... ESCAPE '\'
            aq.number_prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        storage::CustomerQuery cq;
        cq.org = caller.org();
        cq.q = text;
        cq.limit = 200;
        cq.sort = "-id";
        std::vector<CustomerId> ids;
        for (const auto& c : tx->customers().Search(cq).items) ids.push_back(c.id);
        aq.customers = std::move(ids);
    }
    // SEC-6: archives of classified customers only for their custodian, keepers and grantees; SEC-4: granted
    // archives of other departments too.
    aq.viewer = caller.user();
    aq.keeper_scope = caller.principal.Scope(kArchiveManage);
    aq.granted = {caller.user().value, "archive", ctx_.clock.Now()};
    auto rows = tx->archives().Search(aq);
    ctx_.audit.Record(
        AuditFor(caller,
                 "archive.list",
                 "archive",
                 "",
                 "ok",
                 "q=" + domain::MaskDigitRuns(text.substr(0, 40)) + " results=" + std::to_string(rows.size())));
    return rows;
}

Expected<ArchiveView> ArchiveService::Save(const Caller& caller,
                                           ArchiveId id,
                                           std::int64_t version,
                                           const char* permission,
                                           const char* action,
                                           const std::function<Status(storage::Tx&, domain::Archive&)>& change,
                                           const std::function<void(storage::Tx&, const domain::Archive&)>& after) {
    auto tx = ctx_.store.Write();
    auto archive = LoadArchive(ctx_, *tx, caller, id, permission, action);
    if (!archive.ok()) return archive.error();
    if (archive->version != version) return StaleVersion(archive->version);
    PATRON_TRY(change(*tx, *archive));
    PATRON_TRY(domain::ValidateArchive(*archive));
    archive->version = version + 1;
    archive->updated_at = ctx_.clock.Now();
    if (!tx->archives().Update(*archive, version)) return StaleVersion(version + 1);
    if (after) after(*tx, *archive);
    ArchiveView view = MakeView(*tx, caller, *archive);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, action, "archive", IdText(id), "ok", view.archive.status));
    return view;
}

Expected<ArchiveView> ArchiveService::RegisterHandover(const Caller& caller, ArchiveId id, HandoverInput input) {
    const Timestamp now = ctx_.clock.Now();
    if (input.handed_at == 0) input.handed_at = now;
    if (input.handed_at > now + kHourMs) {
        return MakeError(ErrorCode::kInvalidArgument, "handed_at must not be in the future", "handed_at");
    }
    if (input.notes.size() > 2000) return MakeError(ErrorCode::kInvalidArgument, "notes are too long", "notes");
    auto tx = ctx_.store.Write();
    auto archive = LoadArchive(ctx_, *tx, caller, id, kArchiveCreate, "archive.handover");
    if (!archive.ok()) return archive.error();
    PATRON_TRY(domain::CheckTransition(*archive, "handed_over"));
    const auto checklist = ChecklistFor(*tx, caller.org(), archive->kind);
    for (const auto* list : {&input.items_handed, &input.items_missing}) {
        for (const auto& code : *list) {
            if (!IsKnownItem(checklist, code)) {
                return MakeError(ErrorCode::kInvalidArgument, "unknown checklist item " + code, "items_handed");
            }
        }
    }
    // ARC-4: the receiver is the archive keeper (someone who keeps archives of that department).
    auto receiver = tx->org().GetUser(caller.org(), input.receiver_id);
    if (!receiver) return MakeError(ErrorCode::kInvalidArgument, "receiver does not exist", "receiver_id");
    if (!LoadPrincipal(*tx, *receiver).HasIn(kArchiveManage, archive->department_id)) {
        return MakeError(
            ErrorCode::kInvalidArgument, "the receiver must be an archive keeper of that department", "receiver_id");
    }
    if (input.items_handed.empty()) {
        return MakeError(ErrorCode::kInvalidArgument, "name the items handed over", "items_handed");
    }
    if (input.handed_at < archive->event_at) {
        return MakeError(ErrorCode::kInvalidArgument, "handed_at is before the sale or delivery", "handed_at");
    }
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const domain::Deadline due =
        domain::HandoverDeadline(*archive, calendar->calendar, calendar->zone, ctx_.policy.Get(caller.org()));
    domain::Handover h;
    h.id = HandoverId(tx->NextId());
    h.archive_id = id;
    h.sender_id = caller.user();
    h.receiver_id = input.receiver_id;
    h.handed_at = input.handed_at;
    h.items_handed = input.items_handed;
    h.items_missing = input.items_missing;
    h.sender_signed = input.sender_signed;
    h.receiver_signed = input.receiver_signed;
    h.notes = input.notes;
    h.due_at = due.due_at;
    h.late_days = domain::WorkingDaysLate(due, calendar->calendar, calendar->zone, input.handed_at);
    h.deadline_explanation = due.explanation;
    tx->archives().InsertHandover(caller.org(), h);
    std::int64_t version = archive->version;
    archive->status = "handed_over";
    archive->version = version + 1;
    archive->updated_at = now;
    if (!tx->archives().Update(*archive, version)) return StaleVersion(version + 1);
    ArchiveView view = MakeView(*tx, caller, *archive, calendar);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.handover",
                               "archive",
                               IdText(id),
                               "ok",
                               h.late_days ? std::to_string(h.late_days) + " working days late" : "on time"));
    return view;
}

Expected<ArchiveView> ArchiveService::RecordCheck(const Caller& caller,
                                                  ArchiveId id,
                                                  std::vector<domain::ArchiveItem> items,
                                                  std::int64_t version) {
    return Save(
        caller,
        id,
        version,
        kArchiveManage,
        "archive.check",
        [&](storage::Tx& tx, domain::Archive& a) -> Status {
            PATRON_TRY(domain::CheckTransition(a, "checked"));
            const auto checklist = ChecklistFor(tx, caller.org(), a.kind);
            for (const auto& item : items) {
                if (!IsKnownItem(checklist, item.code)) {
                    return MakeError(ErrorCode::kInvalidArgument, "unknown checklist item " + item.code, "items");
                }
            }
            a.items = std::move(items);
            a.status = "checked";
            // ARC-6i: an incomplete archive is a correction order; a later complete check corrects it.
            const Timestamp now = ctx_.clock.Now();
            a.checked_at = now;
            bool complete = domain::IsComplete(checklist, a.items);
            if (!complete && a.correction_ordered_at == 0) a.correction_ordered_at = now;
            if (complete && a.correction_ordered_at != 0 && a.corrected_at == 0) a.corrected_at = now;
            return {};
        },
        [&](storage::Tx& tx, const domain::Archive& a) {
            // ARC-6b/6e: what the check found missing or unsigned is fined at once.
            auto calendar = CalendarService::Resolve(tx, caller.org());
            PenaltyService::RecordCheckFindings(tx,
                                                a,
                                                ChecklistFor(tx, caller.org(), a.kind),
                                                ctx_.policy.Get(caller.org()),
                                                calendar->zone.LocalDate(a.checked_at),
                                                a.checked_at);
        });
}

Expected<ArchiveView> ArchiveService::File(
    const Caller& caller, ArchiveId id, std::string cabinet, std::string shelf, std::string bag, std::int64_t version) {
    return Save(
        caller, id, version, kArchiveManage, "archive.file", [&](storage::Tx& tx, domain::Archive& a) -> Status {
            a.cabinet = std::move(cabinet);
            a.shelf = std::move(shelf);
            a.bag = std::move(bag);
            PATRON_TRY(domain::CheckTransition(a, "filed"));
            // ARC-4: copied and scanned before the original goes into the cabinet.
            if (ctx_.policy.Get(caller.org()).Get(domain::policy_key::kFilingRequiresScans) != 0) {
                auto unscanned = domain::UnscannedItems(
                    ChecklistFor(tx, caller.org(), a.kind), a.items, tx.archives().Documents(caller.org(), a.id));
                if (!unscanned.empty()) {
                    std::string codes;
                    for (const auto& code : unscanned) codes += (codes.empty() ? "" : ", ") + code;
                    return MakeError(ErrorCode::kFailedPrecondition,
                                     "scan every present document before filing (ARC-4); not scanned: " + codes,
                                     "documents");
                }
            }
            a.status = "filed";
            return {};
        });
}

Expected<ArchiveView> ArchiveService::RecordIncident(const Caller& caller,
                                                     ArchiveId id,
                                                     domain::ArchiveIncident incident) {
    auto tx = ctx_.store.Write();
    auto archive = LoadArchive(ctx_, *tx, caller, id, kArchiveManage, "archive.incident");
    if (!archive.ok()) return archive.error();
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const Timestamp now = ctx_.clock.Now();
    PATRON_TRY(domain::ValidateIncident(incident, calendar->zone.LocalDate(now)));
    if (!tx->org().GetUser(caller.org(), incident.responsible_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "responsible user does not exist", "responsible_id");
    }
    AddIncident(ctx_, *tx, *archive, incident, caller.user(), now);
    ArchiveView view = MakeView(*tx, caller, std::move(*archive), calendar);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller,
                               "archive.incident",
                               "archive",
                               IdText(id),
                               "ok",
                               incident.kind + " " + incident.cause + " " + std::to_string(incident.files) + " files"));
    return view;
}

Expected<ArchiveView> ArchiveService::Confirm(const Caller& caller, ArchiveId id, std::int64_t version) {
    return Save(
        caller, id, version, kArchiveConfirm, "archive.confirm", [&](storage::Tx&, domain::Archive& a) -> Status {
            if (a.kind != "new_car" || a.status != "filed") {
                return MakeError(
                    ErrorCode::kFailedPrecondition, "only a filed new-car archive is confirmed (ARC-14)", "status");
            }
            if (a.confirmed_by.valid()) return MakeError(ErrorCode::kFailedPrecondition, "already confirmed", "status");
            a.confirmed_by = caller.user();
            a.confirmed_at = ctx_.clock.Now();
            return {};
        });
}

Expected<std::vector<storage::StoredChecklist>> ArchiveService::Checklists(const Caller& caller) {
    (void)caller;  // any signed-in user may read the templates
    auto tx = ctx_.store.Read();
    std::vector<storage::StoredChecklist> out;
    for (const char* kind : domain::kArchiveKinds) {
        auto stored = tx->archives().GetChecklist(caller.org(), kind);
        out.push_back(stored ? std::move(*stored) : storage::StoredChecklist{kind, domain::DefaultChecklist(kind)});
    }
    return out;
}

Expected<storage::StoredChecklist> ArchiveService::PutChecklist(const Caller& caller,
                                                                std::string kind,
                                                                std::vector<domain::ChecklistItem> items,
                                                                std::int64_t version) {
    if (!caller.principal.Has(kPolicyManage)) {
        ctx_.audit.Record(AuditFor(caller, "checklist.update", "checklist", kind, "denied"));
        return Forbidden("edit checklist templates");
    }
    if (!domain::OneOf(kind, domain::kArchiveKinds)) return NotFound("checklist");
    PATRON_TRY(domain::ValidateChecklist(items));
    auto tx = ctx_.store.Write();
    storage::StoredChecklist stored{kind, std::move(items), version + 1, caller.user(), ctx_.clock.Now()};
    if (!tx->archives().PutChecklist(caller.org(), stored, version)) {
        auto current = tx->archives().GetChecklist(caller.org(), kind);
        return StaleVersion(current ? current->version : 0);
    }
    tx->Commit();
    ctx_.audit.Record(
        AuditFor(caller, "checklist.update", "checklist", kind, "ok", std::to_string(stored.items.size()) + " items"));
    return stored;
}

Expected<std::vector<storage::HandoverRow>> ArchiveService::HandoverBook(const Caller& caller,
                                                                         Timestamp from,
                                                                         Timestamp to) {
    if (!caller.principal.Has(kArchiveRead)) return Forbidden("view the handover book");
    if (to <= from) return MakeError(ErrorCode::kInvalidArgument, "to must be after from", "to");
    auto tx = ctx_.store.Read();
    return tx->archives().HandoverBook(caller.org(),
                                       from,
                                       to,
                                       caller.principal.Scope(kArchiveRead),
                                       caller.user(),
                                       caller.principal.Scope(kArchiveManage));
}

}  // namespace patron::app
