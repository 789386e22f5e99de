// PIPL for customers: the data subject's copy of everything held about them (access right), and
// anonymisation at the end of retention (erasure that keeps the statistics).
// - Export: a holder of customer.personal_data in the customer's department gets the unmasked
//   profile, vehicles, interaction timeline, change history and archive index, stamped with a
//   watermark (who, when); audited.
// - Anonymise: a holder of customer.erase (the customer information supervisor) anonymises a
//   customer once every archive of theirs is destroyed (ARC-12: retention over, destruction
//   approved): domain::AnonymiseCustomer on the record, plates off the vehicles, earlier values in
//   the history and the interactions' texts replaced, the search index rebuilt; a history entry
//   and the audit log keep who did it, when and why.
#pragma once

#include "app/context.hpp"
#include "app/customer_service.hpp"
#include "storage/store.hpp"

namespace patron::app {

struct SubjectExport {
    CustomerView view;  // unmasked
    std::vector<domain::Interaction> interactions;
    std::vector<domain::HistoryEntry> history;
    std::vector<storage::ArchiveRow> archives;
    std::string watermark;
    Timestamp exported_at = 0;
};

class PersonalDataService {
public:
    explicit PersonalDataService(AppContext& ctx) : ctx_(ctx) {}

    Expected<SubjectExport> Export(const Caller& caller, CustomerId id);
    Expected<CustomerView> Anonymise(const Caller& caller, CustomerId id, std::string reason, std::int64_t version);

private:
    AppContext& ctx_;
};

}  // namespace patron::app
