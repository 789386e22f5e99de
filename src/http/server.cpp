#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <random>
#include <thread>
#include <vector>

#include "http/api.hpp"
#include "http/errors.hpp"

namespace patron::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kDefaultBodyLimit = 1 << 20;
constexpr std::uint64_t kLargestBody = 1ull << 40;

std::string NewRequestId() {
    static std::atomic<std::uint64_t> counter{0};
    static const std::uint32_t prefix = std::random_device{}();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08x-%llx", prefix, static_cast<unsigned long long>(++counter));
    return buf;
}

// Converts Beast's request into ours; false when the target cannot be parsed.
bool Convert(const bhttp::request<bhttp::string_body>& in, Request& out) {
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    auto parsed = boost::urls::parse_origin_form(in.target());
    if (!parsed) return false;
    out.path = std::string(parsed->path());
    if (out.path.empty()) out.path = "/";
    for (auto param : parsed->params()) out.query[std::string(param.key)] = std::string(param.value);
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        out.headers[name] = std::string(field.value());
    }
    return true;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& r,
                                            unsigned version,
                                            bool keep_alive,
                                            const std::string& request_id) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "patron");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Request-Id", request_id);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    if (r.content_type.starts_with("text/html")) {
        res.set("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    }
    for (auto& [name, value] : r.headers) res.insert(name, value);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

// SEC-9: a network in CIDR form ("10.0.0.0/8", "::1/128"; a bare address is the one host).
struct Network {
    asio::ip::address base;
    unsigned prefix = 0;
};

std::vector<unsigned char> Bytes(const asio::ip::address& address) {
    if (address.is_v4()) {
        auto b = address.to_v4().to_bytes();
        return {b.begin(), b.end()};
    }
    auto b = address.to_v6().to_bytes();
    return {b.begin(), b.end()};
}

std::vector<Network> ParseNetworks(const std::vector<std::string>& texts) {
    std::vector<Network> out;
    for (const auto& text : texts) {
        const auto slash = text.find('/');
        boost::system::error_code ec;
        Network n;
        n.base = asio::ip::make_address(text.substr(0, slash), ec);
        const unsigned bits = n.base.is_v4() ? 32 : 128;
        n.prefix = bits;
        if (!ec && slash != std::string::npos) {
            const std::string prefix = text.substr(slash + 1);
            if (prefix.empty() || prefix.size() > 3 || prefix.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(prefix) > bits) {
                ec = asio::error::invalid_argument;
            } else {
                n.prefix = static_cast<unsigned>(std::stoul(prefix));
            }
        }
        if (ec) throw std::runtime_error("not a network address: '" + text + "' (expected e.g. 10.0.0.0/8)");
        out.push_back(n);
    }
    return out;
}

bool InAny(const std::vector<Network>& networks, asio::ip::address address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    const auto bytes = Bytes(address);
    for (const auto& n : networks) {
        if (n.base.is_v4() != address.is_v4()) continue;
        const auto base = Bytes(n.base);
        bool inside = true;
        for (unsigned bit = 0; bit < n.prefix && inside; ++bit) {
            const unsigned char mask = static_cast<unsigned char>(0x80u >> (bit % 8));
            inside = (base[bit / 8] & mask) == (bytes[bit / 8] & mask);
        }
        if (inside) return true;
    }
    return false;
}

}  // namespace

class Server::Impl {
public:
    Impl(const Api& api, ServerOptions options)
        : api_(api),
          options_(std::move(options)),
          plain_http_from_(ParseNetworks(options_.plain_http_from)),
          trusted_proxies_(ParseNetworks(options_.trusted_proxies)),
          pool_(options_.blocking_threads) {}

    unsigned short Start() {
        unsigned short port = options_.port;
        for (int thread_idx = 0; thread_idx < options_.io_threads; ++thread_idx) {
            auto ioc = std::make_unique<asio::io_context>(1);
            auto acceptor = std::make_unique<tcp::acceptor>(*ioc);
            tcp::endpoint endpoint(asio::ip::make_address(options_.host), port);
            acceptor->open(endpoint.protocol());
            acceptor->set_option(asio::socket_base::reuse_address(true));
            int one = 1;
            ::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            boost::system::error_code ec;
            acceptor->bind(endpoint, ec);
            if (ec)
                throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(port) + ": " +
                                         ec.message());
            acceptor->listen(asio::socket_base::max_listen_connections);
            port = acceptor->local_endpoint().port();  // later threads share the port the first one got
            asio::co_spawn(*ioc, Accept(*acceptor), asio::detached);
            contexts_.push_back(std::move(ioc));
            acceptors_.push_back(std::move(acceptor));
        }
        for (auto& ioc : contexts_) threads_.emplace_back([ctx = ioc.get()] { ctx->run(); });
        return port;
    }

    void Stop() {
        if (stopped_.exchange(true)) return;
        // 1. Stop accepting.
        for (std::size_t idx = 0; idx < contexts_.size(); ++idx) {
            asio::post(*contexts_[idx], [acceptor = acceptors_[idx].get()] {
                boost::system::error_code ignored;
                acceptor->close(ignored);
            });
        }
        // 2. Let in-flight requests finish.
        auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
        while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        // 3. Close idle connections and stop.
        for (auto& ioc : contexts_) ioc->stop();
        for (auto& t : threads_) {
            if (t.joinable()) t.join();
        }
        pool_.join();
    }

private:
    asio::awaitable<void> Accept(tcp::acceptor& acceptor) {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) {
                if (!acceptor.is_open()) co_return;
                continue;
            }
            socket.set_option(tcp::no_delay(true));
            auto executor = socket.get_executor();
            asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> Session(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        std::string remote_ip;
        bool plain_peer = options_.allow_plain_http, proxy_peer = false;  // SEC-9
        {
            boost::system::error_code ec;
            auto endpoint = stream.socket().remote_endpoint(ec);
            if (!ec) {
                remote_ip = endpoint.address().to_string();
                plain_peer = plain_peer || InAny(plain_http_from_, endpoint.address());
                proxy_peer = InAny(trusted_proxies_, endpoint.address());
            }
        }
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(kHeaderLimit);
            parser.body_limit(kLargestBody);  // the route's own limit is applied once the target is known
            stream.expires_after(options_.idle_timeout);
            auto [ec_header, n_header] =
                co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
            if (ec_header) {
                if (ec_header == bhttp::error::header_limit) co_await SendStatusOnly(stream, 431);
                if (ec_header == bhttp::error::bad_target || ec_header == bhttp::error::bad_method ||
                    ec_header == bhttp::error::bad_version || ec_header == bhttp::error::bad_field) {
                    co_await SendStatusOnly(stream, 400);
                }
                break;
            }
            const auto& header = parser.get();
            std::string path(header.target().substr(0, header.target().find('?')));
            const Route* probe = api_.router().FindAnyMethod(std::string(header.method_string()), path);
            std::size_t limit = probe ? probe->spec.max_body : kDefaultBodyLimit;
            Request request;
            request.request_id = NewRequestId();
            request.remote_ip = remote_ip;
            bool too_large = parser.content_length() && *parser.content_length() > limit;
            boost::system::error_code ec_body;
            if (!too_large && !parser.is_done()) {  // a request without a body is complete after its header
                parser.body_limit(limit);           // chunked bodies are counted as they arrive
                stream.expires_after(options_.read_timeout);
                std::size_t n_body = 0;
                std::tie(ec_body, n_body) =
                    co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
                too_large = ec_body == bhttp::error::body_limit;
            }
            if (too_large) {
                co_await SendProblem(stream,
                                     header.version(),
                                     Problem(MakeError(ErrorCode::kPayloadTooLarge, "the request body is too large"),
                                             request.request_id),
                                     request.request_id);
                co_await LingeringClose(stream);
                co_return;
            }
            if (ec_body) break;
            bhttp::request<bhttp::string_body> beast_request = parser.release();
            bool keep_alive = beast_request.keep_alive() && !api_.draining();
            auto started = std::chrono::steady_clock::now();
            Response response;
            ++in_flight_;
            if (!Convert(beast_request, request)) {
                response =
                    Problem(MakeError(ErrorCode::kInvalidArgument, "malformed request target"), request.request_id);
            } else if (!plain_peer && !(proxy_peer && request.Header("x-forwarded-proto") == "https") &&
                       request.path != "/healthz" && request.path != "/readyz") {
                response = Problem(MakeError(ErrorCode::kForbidden,
                                             "SEC-9: customer data never travels unencrypted. Reach Patron through its "
                                             "HTTPS proxy (or, on a network the company trusts, start it with "
                                             "PATRON_ALLOW_PLAIN_HTTP=1); see docs/ops.md"),
                                   request.request_id);
            } else {
                request.body = std::move(beast_request.body());
                bool method_not_allowed = false;
                const Route* route = api_.router().Find(request, &method_not_allowed);
                if (route == nullptr) {
                    response = api_.Fallback(request, method_not_allowed);
                } else if (route->spec.offload) {
                    response = co_await asio::co_spawn(
                        pool_,
                        [&]() -> asio::awaitable<Response> { co_return api_.Execute(*route, request); },
                        asio::use_awaitable);
                } else {
                    response = api_.Execute(*route, request);
                }
            }
            --in_flight_;
            int status = response.status;
            auto res = ToBeast(std::move(response), beast_request.version(), keep_alive, request.request_id);
            if (request.method == "HEAD") res.body().clear();
            stream.expires_after(options_.read_timeout);
            auto [ec_write, n_write] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
            auto elapsed_us =
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                    .count();
            if (options_.access_log || status >= 500 || elapsed_us > 500000) {
                // Path only: query strings may hold search text such as phone numbers.
                spdlog::info(
                    "{{\"event\":\"request\",\"request_id\":\"{}\",\"method\":\"{}\",\"path\":\"{}\",\"status\":{},"
                    "\"us\":{},\"ip\":\"{}\"}}",
                    request.request_id,
                    request.method,
                    request.path.substr(0, 200),
                    status,
                    elapsed_us,
                    remote_ip);
            }
            if (ec_write || !keep_alive) break;
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    asio::awaitable<void> SendProblem(beast::tcp_stream& stream,
                                      unsigned version,
                                      Response response,
                                      const std::string& request_id) {
        auto res = ToBeast(std::move(response), version, false, request_id);
        co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    }

    // After refusing a request whose body is still arriving, read and drop what the client sends
    // for a moment before closing, so the client reads our answer instead of a connection reset.
    asio::awaitable<void> LingeringClose(beast::tcp_stream& stream) {
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> sink;
        std::size_t drained = 0;
        while (drained < (64u << 20)) {
            auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
            if (ec) break;
            drained += n;
        }
        stream.socket().close(ignored);
    }

    asio::awaitable<void> SendStatusOnly(beast::tcp_stream& stream, int status) {
        bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
        res.keep_alive(false);
        res.prepare_payload();
        co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    }

    const Api& api_;
    ServerOptions options_;
    std::vector<Network> plain_http_from_;
    std::vector<Network> trusted_proxies_;
    asio::thread_pool pool_;
    std::vector<std::unique_ptr<asio::io_context>> contexts_;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
    std::vector<std::thread> threads_;
    std::atomic<int> in_flight_{0};
    std::atomic<bool> stopped_{false};
};

Server::Server(const Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {}
Server::~Server() { impl_->Stop(); }
unsigned short Server::Start() { return impl_->Start(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace patron::http
