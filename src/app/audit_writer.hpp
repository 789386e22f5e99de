// AuditWriter: audit entries are queued by request threads (never blocking a read on a write
// lock) and written in batches by one background thread, which also computes each
// organisation's hash chain. Flush() waits until everything queued so far is stored; the
// destructor and Stop() flush. A crash loses at most the last batch window (kBatchWindowMs) of
// *read* audit entries; the history of changes is written in the change's own transaction.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "domain/audit.hpp"
#include "storage/store.hpp"

namespace patron::app {

class AuditWriter {
public:
    AuditWriter(storage::Store& store, const Clock& clock);
    ~AuditWriter();
    AuditWriter(const AuditWriter&) = delete;
    AuditWriter& operator=(const AuditWriter&) = delete;

    // Queues an entry; stamps it with the clock's time unless `at` is set.
    void Record(domain::AuditEntry entry);
    void Flush();
    void Stop();
    std::uint64_t written() const;

    static constexpr int kBatchWindowMs = 20;
    static constexpr std::size_t kMaxBatch = 2000;

private:
    void Run();
    void WriteBatch(std::vector<domain::AuditEntry>& batch);

    storage::Store& store_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable flushed_;
    std::deque<domain::AuditEntry> queue_;  // GUARDED_BY(mutex_)
    std::uint64_t enqueued_ = 0;            // GUARDED_BY(mutex_)
    std::uint64_t written_ = 0;             // GUARDED_BY(mutex_)
    bool stopping_ = false;                 // GUARDED_BY(mutex_)
    std::thread thread_;
};

}  // namespace patron::app
