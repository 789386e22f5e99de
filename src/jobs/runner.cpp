#include "jobs/runner.hpp"

#include <spdlog/spdlog.h>

#include "app/calendar_service.hpp"
#include "app/penalty_service.hpp"
#include "app/reminder_service.hpp"
#include "app/search_indexer.hpp"
#include "common/errors.hpp"

namespace patron::jobs {

JobRunner::JobRunner(app::AppContext& ctx, std::vector<Job> jobs, std::string owner)
    : ctx_(ctx), jobs_(std::move(jobs)), owner_(std::move(owner)) {}

JobRunner::~JobRunner() { Stop(); }

int JobRunner::RunDue() {
    int ran = 0;
    // Not a daily job: search index rows an import left behind (a process stopped between its
    // commit and the end of its indexing) are written on every pass, by whichever process comes.
    try {
        if (std::int64_t indexed = app::IndexAllSearchBacklogs(ctx_); indexed > 0) {
            spdlog::info("{{\"event\":\"search_backlog_indexed\",\"customers\":{}}}", indexed);
        }
    } catch (const std::exception& e) {
        spdlog::error("{{\"event\":\"search_backlog_failed\",\"error\":\"{}\"}}", e.what());
    }
    std::vector<domain::Organization> orgs;
    {
        auto tx = ctx_.store.Read();
        orgs = tx->org().ListOrganizations();
    }
    for (const auto& org : orgs) {
        std::shared_ptr<const app::ResolvedCalendar> calendar;
        {
            auto tx = ctx_.store.Read();
            calendar = app::CalendarService::Resolve(*tx, org.id);
        }
        const Timestamp now = ctx_.clock.Now();
        const Date today = calendar->zone.LocalDate(now);
        const std::string period = FormatDate(today);
        for (const auto& job : jobs_) {
            try {
                {
                    auto tx = ctx_.store.Write();
                    if (!tx->jobs().Claim(org.id, job.name, period, owner_, now, now + kLeaseMs)) continue;
                    tx->Commit();
                }
                auto result = job.run(org.id, today);
                std::string text = result.ok() ? *result : "failed: " + result.error().message;
                auto tx = ctx_.store.Write();
                tx->jobs().Finish(org.id, job.name, period, ctx_.clock.Now(), text);
                tx->Commit();
                ++ran;
                spdlog::info("{{\"event\":\"job\",\"job\":\"{}\",\"org\":{},\"period\":\"{}\",\"ok\":{}}}",
                             job.name,
                             org.id.value,
                             period,
                             result.ok());
            } catch (const Exception& e) {
                // The claim (if any) expires with its lease; another pass or process retries.
                spdlog::error("{{\"event\":\"job_failed\",\"job\":\"{}\",\"org\":{},\"error\":\"{}\"}}",
                              job.name,
                              org.id.value,
                              e.what());
            }
        }
    }
    return ran;
}

void JobRunner::Start(std::chrono::seconds interval) {
    thread_ = std::thread([this, interval] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            RunDue();
            lock.lock();
            wake_.wait_for(lock, interval, [&] { return stopping_; });
        }
    });
}

void JobRunner::Stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::vector<Job> StandardJobs(app::AppContext& ctx) {
    return {{"penalties.daily",
             [&ctx](OrgId org, Date today) -> Expected<std::string> {
                 app::PenaltyService penalties(ctx);
                 std::string month = FormatDate(today).substr(0, 7);
                 auto current = penalties.RunForSystem(org, month);
                 if (!current.ok()) return current.error();
                 std::string out = month + ": " + std::to_string(current->proposed) + " proposed";
                 if (FormatDate(today).substr(8, 2) <= "05") {
                     std::string previous = FormatDate(Date(today - std::chrono::days(6))).substr(0, 7);
                     auto last = penalties.RunForSystem(org, previous);
                     if (!last.ok()) return last.error();
                     out += "; " + previous + ": " + std::to_string(last->proposed) + " proposed";
                 }
                 return out;
             }},
            // ARC-11 inspection due, ARC-12 destruction list (app/reminder_service.hpp).
            {"reminders.daily", [&ctx](OrgId org, Date today) -> Expected<std::string> {
                 return app::ReminderService(ctx).Refresh(org, today);
             }}};
}

}  // namespace patron::jobs
