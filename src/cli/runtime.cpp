#include "cli/runtime.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>

#include "http/api.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"

namespace patron::cli {

Runtime::Runtime(const Config& config)
    : store(storage::OpenDatabase(config.database_url),
            config.files_dir.empty() ? storage::DefaultBlobRoot(config.database_url)
                                     : std::filesystem::path(config.files_dir)),
      clock(config.clock_file),
      audit(store, clock),
      policy(store, clock),
      principals(store, clock),
      directory(store, clock),
      sessions(store, clock),
      ctx{store, clock, audit, policy, principals, directory, sessions, config.password_cost},
      auth(ctx),
      org(ctx),
      customers(ctx),
      policy_service(ctx),
      audit_service(ctx),
      imports(ctx),
      calendar(ctx),
      archives(ctx),
      penalties(ctx),
      documents(ctx),
      custody(ctx),
      access(ctx),
      breaches(ctx),
      lending(ctx),
      personal_data(ctx),
      visitors(ctx),
      reports(ctx),
      reminders(ctx),
      setup(ctx) {
    int applied = storage::Migrate(store.database());
    if (applied > 0) {
        spdlog::info("{{\"event\":\"migrated\",\"applied\":{},\"version\":{}}}",
                     applied,
                     storage::SchemaVersion(store.database()));
    }
}

Runtime::~Runtime() {
    imports.Shutdown();
    audit.Stop();
}

int Serve(Runtime& runtime, const Config& config) {
    // Block the stop signals in every thread; the main thread waits for them with sigwait.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    http::Services services{runtime.auth,
                            runtime.org,
                            runtime.customers,
                            runtime.policy_service,
                            runtime.audit_service,
                            runtime.imports,
                            runtime.calendar,
                            runtime.archives,
                            runtime.penalties,
                            runtime.documents,
                            runtime.custody,
                            runtime.reminders,
                            runtime.access,
                            runtime.breaches,
                            runtime.lending,
                            runtime.personal_data,
                            runtime.visitors,
                            runtime.reports,
                            runtime.store};
    http::Api api(services, {config.static_root, config.secure_cookies});
    http::Server server(api, config.server);
    unsigned short port = server.Start();
    // Deadlines and penalty proposals (issue 3): once a minute, each job once per day.
    char host[256] = "patron";
    gethostname(host, sizeof host - 1);
    jobs::JobRunner job_runner(
        runtime.ctx, jobs::StandardJobs(runtime.ctx), std::string(host) + ":" + std::to_string(getpid()));
    job_runner.Start(std::chrono::seconds(60));
    std::printf("Patron listening on http://%s:%u\n", config.server.host.c_str(), port);
    if (!config.server.allow_plain_http && config.server.host != "127.0.0.1" && config.server.host != "::1" &&
        config.server.host != "localhost") {
        std::printf(
            "SEC-9: plain HTTP is answered only from this machine (and trusted proxies saying HTTPS); "
            "other clients reach Patron through its HTTPS proxy (docs/ops.md)\n");
    }
    std::fflush(stdout);
    spdlog::info("{{\"event\":\"listening\",\"host\":\"{}\",\"port\":{},\"database\":\"{}\"}}",
                 config.server.host,
                 port,
                 runtime.store.database().Describe());
    if (config.server.allow_plain_http) {
        spdlog::warn(
            "{{\"event\":\"plain_http_allowed\",\"note\":\"SEC-9: customer data is served over plain HTTP "
            "to any address (allow_plain_http)\"}}");
    }
    if (!config.clock_file.empty()) {
        spdlog::warn(
            "{{\"event\":\"test_clock\",\"offset_file\":\"{}\",\"note\":\"the clock runs ahead by the "
            "seconds in this file (PATRON_TEST_CLOCK_FILE): for tests only\"}}",
            config.clock_file);
    }
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    spdlog::info("{{\"event\":\"stopping\",\"signal\":{}}}", signal_number);
    api.SetDraining();
    server.Stop();
    job_runner.Stop();
    runtime.imports.Shutdown();
    runtime.audit.Flush();
    spdlog::info("{{\"event\":\"stopped\"}}");
    return 0;
}

}  // namespace patron::cli
