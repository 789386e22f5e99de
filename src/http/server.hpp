// The HTTP server: Boost.Beast with C++20 coroutines, one io_context per I/O thread with
// SO_REUSEPORT acceptors (no cross-thread hand-off, as the bare reference server does), and a
// blocking pool for routes marked offload (argon2id logins, imports, exports). Request size
// limits, read/idle timeouts, graceful shutdown: Stop() stops accepting, lets in-flight requests
// finish (up to the grace period), then closes. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace patron::http {

class Api;

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;  // 0: any free port
    int io_threads = 2;
    int blocking_threads = 2;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds idle_timeout{75};
    std::chrono::seconds shutdown_grace{20};
    bool access_log = false;  // one JSON line per request (otherwise only errors and slow requests)
    // SEC-9: customer data never travels unencrypted. Patron speaks plain HTTP; it answers only
    // peers in `plain_http_from` (networks, "127.0.0.0/8"; default loopback: a browser on this
    // machine, or a TLS-terminating proxy beside the server) and `trusted_proxies` whose request
    // says `X-Forwarded-Proto: https`. Anyone else gets 403 (the health checks excepted).
    // `allow_plain_http` turns the check off, for a network the company trusts.
    std::vector<std::string> plain_http_from = {"127.0.0.0/8", "::1/128"};
    std::vector<std::string> trusted_proxies;
    bool allow_plain_http = false;
};

class Server {
public:
    Server(const Api& api, ServerOptions options);
    ~Server();
    // Binds and starts the threads; returns the bound port. Throws std::runtime_error when the
    // address cannot be bound.
    unsigned short Start();
    // Graceful stop; safe to call more than once.
    void Stop();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace patron::http
