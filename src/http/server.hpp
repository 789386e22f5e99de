// The HTTP server: Boost.Beast with C++20 coroutines, one io_context per I/O thread with
// SO_REUSEPORT acceptors (no cross-thread hand-off, as the bare reference server does), and a
// blocking pool for routes marked offload (argon2id logins, imports, exports). Request size
// limits, read/idle timeouts, graceful shutdown: Stop() stops accepting, lets in-flight requests
// finish (up to the grace period), then closes. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

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
