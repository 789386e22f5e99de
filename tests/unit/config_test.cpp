// Configuration: TOML file, then environment overrides (issue 2: "a TOML file with environment overrides").
#include "cli/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

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
