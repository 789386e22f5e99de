#include "cli/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>

#include "common/errors.hpp"

#ifndef PATRON_SOURCE_DIR
#define PATRON_SOURCE_DIR "."
#endif

namespace patron::cli {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        auto comma = text.find(',', from);
        std::string item = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty() && item != "none") out.push_back(item);
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

void ReadList(toml::node_view<toml::node> node, std::vector<std::string>& out) {
    if (const auto* array = node.as_array()) {
        out.clear();
        for (const auto& element : *array) {
            if (auto value = element.value<std::string>()) out.push_back(*value);
        }
    }
}

}  // namespace

void ApplyBackendDefaults(Config& config) {
    // With PostgreSQL a handler waits on network round trips: more I/O threads keep both cores busy.
    if (!config.io_threads_explicit && config.database_url.starts_with("postgres")) {
        config.server.io_threads = kPostgresIoThreads;
    }
}

bool ParseListen(const std::string& listen, std::string* host, unsigned short* port) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string port_text = listen.substr(colon + 1);
    if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    long value = std::stol(port_text);
    if (value > 65535) return false;
    *host = listen.substr(0, colon);
    if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
    *port = static_cast<unsigned short>(value);
    return true;
}

Config LoadConfig(const std::string& path) {
    Config config;
    config.static_root = std::string(PATRON_SOURCE_DIR) + "/web/dist";
    if (!path.empty()) {
        toml::table table;
        try {
            table = toml::parse_file(path);
        } catch (const toml::parse_error& e) {
            throw ConfigError("cannot read " + path + ": " + std::string(e.description()));
        }
        config.database_url = table["database"]["url"].value_or(config.database_url);
        config.files_dir = table["database"]["files_dir"].value_or(config.files_dir);
        config.server.host = table["server"]["host"].value_or(config.server.host);
        config.server.port = static_cast<unsigned short>(table["server"]["port"].value_or(int{config.server.port}));
        config.server.io_threads = table["server"]["io_threads"].value_or(config.server.io_threads);
        config.server.blocking_threads = table["server"]["blocking_threads"].value_or(config.server.blocking_threads);
        config.server.access_log = table["server"]["access_log"].value_or(config.server.access_log);
        config.static_root = table["server"]["static_root"].value_or(config.static_root);
        config.secure_cookies = table["server"]["secure_cookies"].value_or(config.secure_cookies);
        ReadList(table["server"]["plain_http_from"], config.server.plain_http_from);
        ReadList(table["server"]["trusted_proxies"], config.server.trusted_proxies);
        config.server.allow_plain_http = table["server"]["allow_plain_http"].value_or(config.server.allow_plain_http);
        config.password_cost.ops_limit =
            table["security"]["argon2_ops"].value_or(static_cast<std::int64_t>(config.password_cost.ops_limit));
        config.password_cost.mem_limit = static_cast<std::size_t>(table["security"]["argon2_mem_kib"].value_or(
                                             static_cast<std::int64_t>(config.password_cost.mem_limit / 1024))) *
                                         1024;
        config.log_level = table["log"]["level"].value_or(config.log_level);
    }
    auto env = [](const char* name) -> const char* {
        const char* value = std::getenv(name);
        return value != nullptr && *value != '\0' ? value : nullptr;
    };
    if (const char* v = env("PATRON_DATABASE_URL")) config.database_url = v;
    if (const char* v = env("PATRON_FILES_DIR")) config.files_dir = v;
    if (const char* v = env("PATRON_HOST")) config.server.host = v;
    if (const char* v = env("PATRON_PORT")) config.server.port = static_cast<unsigned short>(std::atoi(v));
    if (const char* v = env("PATRON_STATIC_ROOT")) config.static_root = v;
    if (const char* v = env("PATRON_LOG_LEVEL")) config.log_level = v;
    if (const char* v = env("PATRON_IO_THREADS")) config.server.io_threads = std::max(1, std::atoi(v));
    if (const char* v = env("PATRON_TEST_CLOCK_FILE")) config.clock_file = v;
    if (const char* v = env("PATRON_PLAIN_HTTP_FROM")) config.server.plain_http_from = SplitList(v);
    if (const char* v = env("PATRON_TRUSTED_PROXIES")) config.server.trusted_proxies = SplitList(v);
    if (const char* v = env("PATRON_ALLOW_PLAIN_HTTP"))
        config.server.allow_plain_http = std::string(v) == "1" || std::string(v) == "true";
    if (const char* v = env("PATRON_ACCESS_LOG"))
        config.server.access_log = std::string(v) == "1" || std::string(v) == "true";
    config.io_threads_explicit = config.server.io_threads != http::ServerOptions{}.io_threads;
    if (config.password_cost.ops_limit < 1 || config.password_cost.mem_limit < 8 * 1024 * 1024) {
        throw ConfigError("argon2 cost below the minimum (ops >= 1, memory >= 8 MiB)");
    }
    return config;
}

}  // namespace patron::cli
