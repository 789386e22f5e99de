// The search indexer (issue 2, import speed): an import commits its customers without their search
// index rows (the FTS5 trigram index alone builds at about 45,000 customers a second here, slower
// than the rows themselves are written) and records their ids in the search backlog; the indexer
// then writes the index rows in chunks, each in a transaction of its own that also advances the
// backlog, so a crash loses nothing and two processes never index a chunk twice. Until a customer
// is indexed, a search matches it on its own columns (storage CustomerRepo::Search). The import
// runs the indexer right after its commit; the server's job runner drains any backlog left behind
// (a process stopped mid-way) at start and on every pass.
#pragma once

#include <functional>

#include "app/context.hpp"

namespace patron::app {

// Customers per transaction: each holds the write lock for about a second; fewer, larger ones
// would rewrite the same index pages at fewer checkpoints, smaller ones make other writers wait less.
inline constexpr std::int64_t kIndexChunk = 10000;

// Indexes the organisation's backlog; `progress` gets the number of customers indexed so far.
// Returns how many customers it indexed.
std::int64_t IndexSearchBacklog(AppContext& ctx, OrgId org, const std::function<void(std::int64_t)>& progress = {});
// Every organisation's backlog (the job runner's pass).
std::int64_t IndexAllSearchBacklogs(AppContext& ctx);

}  // namespace patron::app
