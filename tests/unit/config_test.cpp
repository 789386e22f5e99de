// Configuration: TOML file, then environment overrides (issue 2: "a TOML file with environment overrides").
#include "cli/config.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/errors.hpp"
#include "test_support.hpp"

namespace patron::cli {
namespace {

TEST(Config, FileThenEnvironment) {
    std::string path = test::TempDir() + "/patron.toml";
    std::ofstream(path) << "[server]\nport = 9090\nhost = \"0.0.0.0\"\n[database]\nurl = \"sqlite:/srv/p.db\"\n"
                           "[log]\nlevel = \"debug\"\n";
    ::unsetenv("PATRON_PORT");
    ::unsetenv("PATRON_DATABASE_URL");
    Config from_file = LoadConfig(path);
    EXPECT_EQ(from_file.server.port, 9090);
    EXPECT_EQ(from_file.server.host, "0.0.0.0");
    EXPECT_EQ(from_file.database_url, "sqlite:/srv/p.db");
    EXPECT_EQ(from_file.log_level, "debug");
    ::setenv("PATRON_PORT", "7070", 1);
    ::setenv("PATRON_DATABASE_URL", "postgresql://patron@db/patron", 1);
    Config overridden = LoadConfig(path);
    EXPECT_EQ(overridden.server.port, 7070);
    EXPECT_EQ(overridden.database_url, "postgresql://patron@db/patron");
    ::unsetenv("PATRON_PORT");
    ::unsetenv("PATRON_DATABASE_URL");
}

TEST(Config, PostgresGetsMoreIoThreadsUnlessConfigured) {
    Config config = LoadConfig("");
    config.database_url = "postgresql://patron@db/patron";
    ApplyBackendDefaults(config);
    EXPECT_EQ(config.server.io_threads, kPostgresIoThreads);
    ::setenv("PATRON_IO_THREADS", "3", 1);
    Config explicit_threads = LoadConfig("");
    ::unsetenv("PATRON_IO_THREADS");
    explicit_threads.database_url = "postgresql://patron@db/patron";
    ApplyBackendDefaults(explicit_threads);
    EXPECT_EQ(explicit_threads.server.io_threads, 3);
}

TEST(Config, BadFilesAndWeakHashingAreRefused) {
    std::string path = test::TempDir() + "/bad.toml";
    std::ofstream(path) << "[server\nport = \n";
    EXPECT_THROW(LoadConfig(path), ConfigError);
    std::ofstream(path, std::ios::trunc) << "[security]\nargon2_mem_kib = 1024\n";
    EXPECT_THROW(LoadConfig(path), ConfigError);
}

// Tests that cross a deadline in a running server move its clock through PATRON_TEST_CLOCK_FILE.
TEST(Config, TestClockFileMovesTheServersClock) {
    const std::string path = test::TempDir() + "/clock-offset";
    std::ofstream(path) << "691200\n";  // eight days ahead
    ::setenv("PATRON_TEST_CLOCK_FILE", path.c_str(), 1);
    Config config = LoadConfig("");
    ::unsetenv("PATRON_TEST_CLOCK_FILE");
    EXPECT_EQ(config.clock_file, path);
    EXPECT_TRUE(LoadConfig("").clock_file.empty());

    AdjustableClock ahead(config.clock_file);
    const std::int64_t eight_days = 8 * kDayMs;
    EXPECT_NEAR(static_cast<double>(ahead.Now() - SystemClock().Now()), static_cast<double>(eight_days), 2000.0);
    // Rewritten: read again once kClockFileRecheckMs has passed.
    std::ofstream(path) << "-3600";
    std::this_thread::sleep_for(std::chrono::milliseconds(AdjustableClock::kClockFileRecheckMs + 50));
    EXPECT_NEAR(static_cast<double>(ahead.Now() - SystemClock().Now()), static_cast<double>(-kHourMs), 2000.0);
    // A missing file, or no file at all: the system clock.
    std::filesystem::remove(path);
    std::this_thread::sleep_for(std::chrono::milliseconds(AdjustableClock::kClockFileRecheckMs + 50));
    EXPECT_NEAR(static_cast<double>(ahead.Now() - SystemClock().Now()), 0.0, 2000.0);
    EXPECT_NEAR(static_cast<double>(AdjustableClock().Now() - SystemClock().Now()), 0.0, 2000.0);
}

// SEC-9: who may use plain HTTP, from the file and the environment.
TEST(Config, SEC_9_PlainHttpNetworksAndTrustedProxies) {
    Config defaults = LoadConfig("");
    EXPECT_EQ(defaults.server.plain_http_from, (std::vector<std::string>{"127.0.0.0/8", "::1/128"}));
    EXPECT_TRUE(defaults.server.trusted_proxies.empty());
    EXPECT_FALSE(defaults.server.allow_plain_http);
    std::string path = test::TempDir() + "/sec9.toml";
    std::ofstream(path) << "[server]\nplain_http_from = [\"10.1.0.0/16\"]\ntrusted_proxies = [\"10.1.2.3\"]\n";
    Config from_file = LoadConfig(path);
    EXPECT_EQ(from_file.server.plain_http_from, std::vector<std::string>{"10.1.0.0/16"});
    EXPECT_EQ(from_file.server.trusted_proxies, std::vector<std::string>{"10.1.2.3"});
    ::setenv("PATRON_PLAIN_HTTP_FROM", "none", 1);
    ::setenv("PATRON_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2", 1);
    ::setenv("PATRON_ALLOW_PLAIN_HTTP", "1", 1);
    Config from_env = LoadConfig(path);
    ::unsetenv("PATRON_PLAIN_HTTP_FROM");
    ::unsetenv("PATRON_TRUSTED_PROXIES");
    ::unsetenv("PATRON_ALLOW_PLAIN_HTTP");
    EXPECT_TRUE(from_env.server.plain_http_from.empty());
    EXPECT_EQ(from_env.server.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
    EXPECT_TRUE(from_env.server.allow_plain_http);
}

TEST(Config, ListenAddresses) {
    std::string host;
    unsigned short port = 0;
    EXPECT_TRUE(ParseListen("127.0.0.1:0", &host, &port));
    EXPECT_EQ(port, 0);
    EXPECT_TRUE(ParseListen("[::1]:8080", &host, &port));
    EXPECT_EQ(host, "::1");
    EXPECT_FALSE(ParseListen("8080", &host, &port));
    EXPECT_FALSE(ParseListen("h:99999", &host, &port));
    EXPECT_FALSE(ParseListen("h:80x", &host, &port));
}

}  // namespace
}  // namespace patron::cli
