// Customer import from CSV (UTF-8 or GB18030) and export of the visible list (issue 2 §8).
// Import validates every row first and reports each bad one (line, field, reason); a commit is
// all-or-nothing (one transaction) and happens only when no row is bad. Long imports run in the
// background and report progress; the CLI runs them in the foreground with a progress bar.
#pragma once

#include <atomic>
#include <thread>

#include "app/context.hpp"
#include "app/customer_service.hpp"

namespace patron::app {

struct ImportError {
    std::size_t line = 0;
    std::string field;
    std::string message;
};

struct ImportReport {
    ImportJobId id;
    std::string status = "running";  // running, validated (dry run, no errors), invalid, committed, failed
    bool dry_run = true;
    std::int64_t total = 0;
    std::int64_t processed = 0;
    std::int64_t imported = 0;
    std::vector<ImportError> errors;  // at most kMaxReportedErrors
    Timestamp created_at = 0;
    Timestamp committed_at = 0;  // the rows are in; finished_at: searchable too (not stored)
    Timestamp finished_at = 0;
};

using ProgressFn = std::function<void(std::int64_t processed, std::int64_t total)>;

inline constexpr std::size_t kMaxReportedErrors = 1000;
inline constexpr std::size_t kMaxImportBytes = 256u << 20;

// The CSV columns, in the template's order. Chinese header names are accepted too.
const std::vector<std::string>& ImportColumns();

class ImportService {
public:
    explicit ImportService(AppContext& ctx) : ctx_(ctx) {}
    ~ImportService();

    // Runs an import in the calling thread.
    Expected<ImportReport> Run(const Caller& caller, std::string_view bytes, bool dry_run, const ProgressFn& progress);
    // Starts an import in the background and returns its job at once (status "running").
    Expected<ImportReport> Start(const Caller& caller, std::string bytes, bool dry_run);
    Expected<ImportReport> Get(const Caller& caller, ImportJobId id);
    // The caller's visible customers (same filters as the list) as CSV, at most kMaxExportRows.
    Expected<std::string> ExportCsv(const Caller& caller, CustomerListQuery query);
    // Waits for background imports to finish (graceful shutdown).
    void Shutdown();

    static constexpr std::int64_t kMaxExportRows = 100000;

private:
    void Save(const Caller& caller, const ImportReport& report, bool insert);
    AppContext& ctx_;
    std::mutex mutex_;
    std::unordered_map<std::int64_t, ImportReport> running_;  // GUARDED_BY(mutex_)
    std::vector<std::thread> threads_;                        // GUARDED_BY(mutex_)
};

}  // namespace patron::app
