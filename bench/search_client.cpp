// patron_search_client: runs search queries one after another over one keep-alive connection
// against a running Patron server and reports latency percentiles per query kind and overall.
//
//   patron_search_client --port 8080 --queries queries.tsv [--token-env PATRON_TOKEN]
//
// The queries file holds one "kind<TAB>query" a line (patron_benchgen --queries writes it). Each
// query is GET /api/v1/customers?q=<query>&page_size=20 with the bearer token from the
// environment variable named by --token-env. Latency is measured around write+read of one
// request (what a user's browser would wait for, less the network). A non-200 answer is counted
// as an error and reported. The last line is machine-readable:
//   RESULT kind=all n=1000 p50_ms=... p99_ms=... max_ms=... errors=0 planned=1000
// --timeout-seconds bounds one request (a timed-out request counts as an error at the timeout) and
// --budget-seconds the whole run: past it the remaining queries are skipped (n < planned).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace patron::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Query {
    std::string kind;
    std::string text;
};

struct Measurement {
    const Query* query = nullptr;
    double ms = 0;
    long long total = -1;  // the answer's "total" (matches, capped by the server)
    bool ok = false;
};

std::string UrlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : text) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out.push_back(static_cast<char>(ch));
        } else {
            out.push_back('%');
            out.push_back(kHex[ch >> 4]);
            out.push_back(kHex[ch & 15]);
        }
    }
    return out;
}

long long TotalOf(const std::string& body) {
    auto at = body.find("\"total\":");
    if (at == std::string::npos) return -1;
    return std::atoll(body.c_str() + at + 8);
}

// Nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// One keep-alive connection. Requests run as asynchronous operations on a private io_context so a
// deadline can cut a slow answer short (a blocking socket read cannot be timed out under Asio).
class Client {
public:
    Client(const std::string& host, const std::string& port, int timeout_seconds)
        : host_(host), port_(port), timeout_(timeout_seconds), stream_(ioc_) {
        Connect();
    }

    // One GET; returns status and body (status 0: timed out, the connection is then replaced).
    // Reconnects and retries once if the server closed the connection.
    std::pair<unsigned, std::string> Get(const std::string& target, const std::string& token) {
        for (int attempt = 0;; ++attempt) {
            http::request<http::empty_body> req{http::verb::get, target, 11};
            req.set(http::field::host, host_);
            req.set(http::field::authorization, "Bearer " + token);
            req.keep_alive(true);
            http::response<http::string_body> res;
            boost::system::error_code ec;
            stream_.expires_after(timeout_);
            http::async_write(stream_, req, [&](boost::system::error_code write_ec, std::size_t) {
                if (write_ec) {
                    ec = write_ec;
                    return;
                }
                http::async_read(
                    stream_, buffer_, res, [&](boost::system::error_code read_ec, std::size_t) { ec = read_ec; });
            });
            ioc_.restart();
            ioc_.run();
            if (!ec) {
                if (!res.keep_alive()) Reconnect();
                return {res.result_int(), std::move(res.body())};
            }
            if (ec == beast::error::timeout) {
                Reconnect();
                return {0, "timed out"};
            }
            if (attempt > 0) throw boost::system::system_error(ec);
            Reconnect();
        }
    }

private:
    void Connect() {
        tcp::resolver resolver(ioc_);
        stream_.expires_after(timeout_);
        stream_.connect(resolver.resolve(host_, port_));
        stream_.socket().set_option(tcp::no_delay(true));
    }
    void Reconnect() {
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
        buffer_.clear();
        Connect();
    }

    std::string host_;
    std::string port_;
    std::chrono::seconds timeout_;
    asio::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

void Report(const std::string& kind, std::vector<double> ms, const std::vector<long long>& totals, int errors) {
    std::sort(ms.begin(), ms.end());
    double mean_total = 0;
    for (long long t : totals) mean_total += static_cast<double>(std::max(t, 0LL));
    if (!totals.empty()) mean_total /= static_cast<double>(totals.size());
    std::printf("%-13s %5zu %9.2f %9.2f %9.2f %12.0f %6d\n",
                kind.c_str(),
                ms.size(),
                Percentile(ms, 50),
                Percentile(ms, 99),
                ms.empty() ? 0.0 : ms.back(),
                mean_total,
                errors);
}

int Run(const std::string& host,
        const std::string& port,
        const std::string& queries_path,
        const std::string& token_env,
        int page_size,
        int slowest,
        int timeout_seconds,
        double budget_seconds) {
    const char* token = std::getenv(token_env.c_str());
    if (token == nullptr || *token == '\0') {
        std::fprintf(stderr, "set %s to a session token\n", token_env.c_str());
        return 2;
    }
    std::vector<Query> queries;
    {
        std::ifstream in(queries_path);
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", queries_path.c_str());
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            auto tab = line.find('\t');
            if (tab == std::string::npos || tab + 1 >= line.size()) continue;
            queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
        }
    }
    Client client(host, port, timeout_seconds);
    std::vector<Measurement> results;
    results.reserve(queries.size());
    const auto run_started = std::chrono::steady_clock::now();
    for (const auto& q : queries) {
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - run_started).count() > budget_seconds) {
            std::fprintf(stderr,
                         "budget of %.0f s spent: %zu of %zu queries run\n",
                         budget_seconds,
                         results.size(),
                         queries.size());
            break;
        }
        std::string target = "/api/v1/customers?q=" + UrlEncode(q.text) + "&page_size=" + std::to_string(page_size);
        auto start = std::chrono::steady_clock::now();
        auto [status, body] = client.Get(target, token);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        results.push_back({&q, ms, status == 200 ? TotalOf(body) : -1, status == 200});
        if (status != 200 && std::count_if(results.begin(), results.end(), [](auto& m) { return !m.ok; }) <= 3) {
            std::fprintf(stderr,
                         "query %s '%s': HTTP %u %s\n",
                         q.kind.c_str(),
                         q.text.c_str(),
                         status,
                         body.substr(0, 200).c_str());
        }
    }

    std::map<std::string, std::vector<const Measurement*>> by_kind;
    for (const auto& m : results) by_kind[m.query->kind].push_back(&m);
    std::printf(
        "%-13s %5s %9s %9s %9s %12s %6s\n", "kind", "n", "p50_ms", "p99_ms", "max_ms", "mean_matches", "errors");
    auto summarize = [&](const std::string& kind, const std::vector<const Measurement*>& ms) {
        std::vector<double> latencies;
        std::vector<long long> totals;
        int errors = 0;
        for (const auto* m : ms) {
            latencies.push_back(m->ms);
            totals.push_back(m->total);
            if (!m->ok) ++errors;
        }
        Report(kind, latencies, totals, errors);
        std::sort(latencies.begin(), latencies.end());
        return std::make_tuple(latencies, errors);
    };
    std::vector<std::string> result_lines;
    for (const auto& [kind, ms] : by_kind) {
        auto [sorted, errors] = summarize(kind, ms);
        char line[256];
        std::snprintf(line,
                      sizeof line,
                      "RESULT kind=%s n=%zu p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d",
                      kind.c_str(),
                      sorted.size(),
                      Percentile(sorted, 50),
                      Percentile(sorted, 99),
                      sorted.empty() ? 0.0 : sorted.back(),
                      errors);
        result_lines.emplace_back(line);
    }
    std::vector<const Measurement*> all;
    for (const auto& m : results) all.push_back(&m);
    auto [sorted, errors] = summarize("all", all);

    std::vector<const Measurement*> by_latency = all;
    std::sort(by_latency.begin(), by_latency.end(), [](auto* a, auto* b) { return a->ms > b->ms; });
    std::printf("\nslowest queries:\n");
    for (int slow_idx = 0; slow_idx < slowest && slow_idx < static_cast<int>(by_latency.size()); ++slow_idx) {
        const auto* m = by_latency[slow_idx];
        std::printf(
            "  %8.2f ms  %-13s %-24s matches=%lld\n", m->ms, m->query->kind.c_str(), m->query->text.c_str(), m->total);
    }
    std::printf("\n");
    for (const auto& line : result_lines) std::printf("%s\n", line.c_str());
    std::printf("RESULT kind=all n=%zu p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d planned=%zu\n",
                sorted.size(),
                Percentile(sorted, 50),
                Percentile(sorted, 99),
                sorted.empty() ? 0.0 : sorted.back(),
                errors,
                queries.size());
    return errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace patron::bench

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    std::string port = "8080";
    std::string queries;
    std::string token_env = "PATRON_TOKEN";
    int page_size = 20;
    int slowest = 10;
    int timeout_seconds = 30;
    double budget_seconds = 600;
    CLI::App cli{"patron_search_client: search latency, one query at a time"};
    cli.add_option("--host", host)->capture_default_str();
    cli.add_option("--port", port)->capture_default_str();
    cli.add_option("--queries", queries, "kind<TAB>query lines")->required();
    cli.add_option("--token-env", token_env, "environment variable holding the session token")->capture_default_str();
    cli.add_option("--page-size", page_size)->capture_default_str();
    cli.add_option("--slowest", slowest, "list this many slowest queries")->capture_default_str();
    cli.add_option("--timeout-seconds", timeout_seconds, "bound on one request")->capture_default_str();
    cli.add_option("--budget-seconds", budget_seconds, "bound on the whole run")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    try {
        return patron::bench::Run(host, port, queries, token_env, page_size, slowest, timeout_seconds, budget_seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "patron_search_client: %s\n", e.what());
        return 1;
    }
}
