#include "app/search_indexer.hpp"

namespace patron::app {

std::int64_t IndexSearchBacklog(AppContext& ctx, OrgId org, const std::function<void(std::int64_t)>& progress) {
    std::int64_t indexed = 0;
    for (;;) {
        auto tx = ctx.store.BulkWrite();  // the bulk page cache: a chunk touches many index pages
        auto& customers = tx->customers();
        auto range = customers.LockFirstSearchBacklog(org);
        if (!range) break;
        auto chunk = customers.LoadForIndexing(org, *range, kIndexChunk);
        // The chunk ends at its last customer, or at the range's end when fewer were left.
        const std::int64_t last =
            static_cast<std::int64_t>(chunk.size()) < kIndexChunk ? range->last : chunk.back().customer.id.value;
        customers.DeleteIndexRows(org, {range->first, last});
        customers.IndexNewCustomers(org, chunk);
        customers.AdvanceSearchBacklog(org, range->first, last + 1);
        tx->Commit();
        indexed += static_cast<std::int64_t>(chunk.size());
        if (progress) progress(indexed);
    }
    return indexed;
}

std::int64_t IndexAllSearchBacklogs(AppContext& ctx) {
    std::vector<OrgId> orgs;
    {
        auto tx = ctx.store.Read();
        orgs = tx->customers().OrgsWithSearchBacklog();
    }
    std::int64_t indexed = 0;
    for (OrgId org : orgs) indexed += IndexSearchBacklog(ctx, org);
    return indexed;
}

}  // namespace patron::app
