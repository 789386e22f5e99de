// The job runner inside the server: daily jobs per organisation (the ARC-6 penalty run, and the
// reminders and overdue lists of later issues). Safe with several server processes on one
// database: a job's run for a period (the organisation's local date) is claimed in job_runs
// with a lease, so it runs once; a process that dies mid-run loses its claim when the lease
// expires and another takes over. Catching up after downtime: every job computes its result from
// the recorded facts as of now (the penalty run recomputes the whole month), so the first pass
// after a weekend's downtime computes Monday what Saturday and Sunday missed, once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/context.hpp"

namespace patron::jobs {

struct Job {
    std::string name;  // "penalties.daily"
    // Runs the job for the organisation on its local date `today`; returns a one-line result.
    std::function<Expected<std::string>(OrgId org, Date today)> run;
};

class JobRunner {
public:
    // `owner` names this process in job_runs (host:pid).
    JobRunner(app::AppContext& ctx, std::vector<Job> jobs, std::string owner);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // One pass: every organisation, every job not yet run for its current period. Returns how
    // many runs this process did. Thread-compatible (the background thread or a test).
    int RunDue();
    // Runs RunDue now and then every `interval` on a background thread until Stop().
    void Start(std::chrono::seconds interval);
    void Stop();

    static constexpr std::int64_t kLeaseMs = 10 * 60 * 1000;

private:
    app::AppContext& ctx_;
    std::vector<Job> jobs_;
    std::string owner_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread thread_;
};

// The jobs Patron runs: the ARC-6 penalty run of the current month (and, in a month's first five
// days, of the month before, whose last days may still have been missed).
std::vector<Job> StandardJobs(app::AppContext& ctx);

}  // namespace patron::jobs
