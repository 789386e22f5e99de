#include "app/personal_data_service.hpp"

#include "app/audit_writer.hpp"
#include "common/errors.hpp"
#include "domain/masking.hpp"
#include "domain/validation.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

constexpr std::int64_t kAllRows = 100000;

std::string IdText(CustomerId id) { return std::to_string(id.value); }

std::vector<storage::ArchiveRow> ArchivesOf(storage::Tx& tx, OrgId org, CustomerId id) {
    storage::ArchiveQuery q;
    q.org = org;
    q.customers = std::vector<CustomerId>{id};
    q.limit = 1000;
    return tx.archives().Search(q);
}

}  // namespace

Expected<SubjectExport> PersonalDataService::Export(const Caller& caller, CustomerId id) {
    CustomerService customers(ctx_);
    auto tx = ctx_.store.Read();
    auto customer = customers.LoadChecked(*tx, caller, id, kPersonalData, "customer.subject_export");
    if (!customer.ok()) return customer.error();
    SubjectExport out;
    out.view = customers.MakeView(*tx, caller, std::move(*customer));
    out.interactions = tx->customers().ListInteractions(caller.org(), id, kAllRows);
    out.history = tx->customers().ListHistory(caller.org(), id, kAllRows);
    out.archives = ArchivesOf(*tx, caller.org(), id);
    auto directory = ctx_.directory.Get(caller.org());
    for (auto& i : out.interactions) i.author_name = directory->User(i.author_id);
    for (auto& h : out.history) h.changed_by_name = directory->User(h.changed_by);
    out.exported_at = ctx_.clock.Now();
    out.watermark = "个人信息副本，仅供信息主体本人 / Personal data copy for the data subject — " +
                    caller.principal.display_name() + " " + FormatTimestamp(out.exported_at);
    ctx_.audit.Record(AuditFor(caller,
                               "customer.subject_export",
                               "customer",
                               IdText(id),
                               "ok",
                               std::to_string(out.interactions.size()) + " interactions, " +
                                   std::to_string(out.archives.size()) + " archives"));
    return out;
}

Expected<CustomerView> PersonalDataService::Anonymise(const Caller& caller,
                                                      CustomerId id,
                                                      std::string reason,
                                                      std::int64_t version) {
    domain::Checker check;
    check.Text(reason, "reason", 500, true, true);
    PATRON_TRY(check.Result());
    CustomerService customers(ctx_);
    auto tx = ctx_.store.Write();
    auto stored = customers.LoadChecked(*tx, caller, id, kCustomerErase, "customer.anonymise");
    if (!stored.ok()) return stored.error();
    if (stored->version != version) return StaleVersion(stored->version);
    if (domain::IsAnonymised(*stored)) {
        return MakeError(ErrorCode::kFailedPrecondition, "the customer is anonymised already", "status");
    }
    // The end of retention: every archive of the customer destroyed through ARC-12 (which also
    // purged its scans, ID card copies included).
    for (const auto& row : ArchivesOf(*tx, caller.org(), id)) {
        if (row.archive.status != "destroyed") {
            return MakeError(ErrorCode::kFailedPrecondition,
                             "archive " + row.archive.number +
                                 " is still kept; destroy it when its retention ends (ARC-12), then anonymise",
                             "archives");
        }
    }
    domain::Customer c = *stored;
    domain::AnonymiseCustomer(c);
    const Timestamp now = ctx_.clock.Now();
    c.updated_at = now;
    if (!tx->customers().UpdateCustomer(c, version)) return StaleVersion(version + 1);
    c.version = version + 1;
    auto vehicles = tx->customers().ListVehicles(caller.org(), id);
    for (auto& v : vehicles) {
        domain::AnonymiseVehicle(v);
        if (!tx->customers().UpdateVehicle(v, v.version)) return StaleVersion(v.version);
        v.version += 1;
    }
    tx->customers().IndexCustomer(c, vehicles, storage::CustomerRepo::IndexMode::kReplace);
    tx->customers().ScrubPersonalText(caller.org(), id, domain::kAnonymisedText);
    // Requests to read the customer or their archives often name them in their purpose or reason.
    std::vector<std::int64_t> archive_ids;
    for (const auto& row : ArchivesOf(*tx, caller.org(), id)) archive_ids.push_back(row.archive.id.value);
    tx->access().ScrubTexts(caller.org(), "customer", {id.value}, domain::kAnonymisedText);
    tx->access().ScrubTexts(caller.org(), "archive", archive_ids, domain::kAnonymisedText);
    tx->customers().InsertHistory(caller.org(),
                                  {{tx->NextId(), id, c.version, "anonymised", "", reason, caller.user(), "", now}});
    auto view = customers.MakeView(*tx, caller, std::move(c));
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "customer.anonymise", "customer", IdText(id), "ok", reason.substr(0, 100)));
    return view;
}

}  // namespace patron::app
