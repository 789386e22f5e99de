#include "app/audit_writer.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <unordered_map>

#include "common/crypto.hpp"
#include "common/errors.hpp"

namespace patron::app {

AuditWriter::AuditWriter(storage::Store& store, const Clock& clock)
    : store_(store), clock_(clock), thread_([this] { Run(); }) {}

AuditWriter::~AuditWriter() { Stop(); }

void AuditWriter::Record(domain::AuditEntry entry) {
    if (entry.at == 0) entry.at = clock_.Now();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(entry));
        ++enqueued_;
    }
    wake_.notify_one();
}

void AuditWriter::Flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    std::uint64_t target = enqueued_;
    wake_.notify_one();
    flushed_.wait(lock, [&] { return written_ >= target || !thread_.joinable(); });
}

void AuditWriter::Stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    flushed_.notify_all();
}

std::uint64_t AuditWriter::written() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return written_;
}

void AuditWriter::Run() {
    std::vector<domain::AuditEntry> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            // Let a batch gather unless someone waits for a flush or we stop.
            if (!stopping_ && queue_.size() < kMaxBatch) {
                lock.unlock();
                std::this_thread::sleep_for(std::chrono::milliseconds(kBatchWindowMs));
                lock.lock();
            }
            std::size_t n = std::min(queue_.size(), kMaxBatch);
            batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.begin() + n));
            queue_.erase(queue_.begin(), queue_.begin() + n);
        }
        WriteBatch(batch);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            written_ += batch.size();
        }
        flushed_.notify_all();
        batch.clear();
    }
}

void AuditWriter::WriteBatch(std::vector<domain::AuditEntry>& batch) {
    // Retry: another process may have extended the same chain between our read and write.
    for (int attempt = 0; attempt < 5; ++attempt) {
        try {
            auto tx = store_.Write();
            std::unordered_map<OrgId, std::pair<std::int64_t, std::string>> heads;
            for (auto& entry : batch) {
                auto it = heads.find(entry.org_id);
                if (it == heads.end()) it = heads.emplace(entry.org_id, tx->audit().ChainHead(entry.org_id)).first;
                entry.seq = it->second.first + 1;
                entry.prev_hash = it->second.second;
                entry.hash = crypto::Sha256Hex(domain::CanonicalAuditText(entry));
                tx->audit().Append(entry);
                it->second = {entry.seq, entry.hash};
            }
            tx->Commit();
            return;
        } catch (const StorageError& e) {
            spdlog::warn("{{\"event\":\"audit_write_retry\",\"attempt\":{},\"error\":\"{}\"}}", attempt, e.what());
            std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt + 1)));
        }
    }
    spdlog::error("{{\"event\":\"audit_write_failed\",\"entries\":{}}}", batch.size());
}

}  // namespace patron::app
