#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "http/errors.hpp"

namespace patron::http {
namespace {

std::string BearerOrCookie(const Request& request, bool* from_cookie) {
    const std::string& auth = request.Header("authorization");
    *from_cookie = false;
    if (auth.size() > 7 && (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0)) {
        return auth.substr(7);
    }
    std::string cookie = request.Cookie("patron_session");
    if (!cookie.empty()) *from_cookie = true;
    return cookie;
}

bool IsUnsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

const char* ContentTypeOf(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".csv") return "text/csv; charset=utf-8";
    return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

Api::Api(Services services, ApiOptions options) : services_(services), options_(std::move(options)) {
    AddSystemRoutes(router_, services_, *this);
    AddAuthRoutes(router_, services_, options_);
    AddOrgRoutes(router_, services_);
    AddCustomerRoutes(router_, services_);
    AddAdminRoutes(router_, services_);
    AddImportRoutes(router_, services_);
    AddCalendarRoutes(router_, services_);
    AddArchiveRoutes(router_, services_);
    AddDocumentRoutes(router_, services_);
    AddCustodyRoutes(router_, services_);
    AddAccessRoutes(router_, services_);
    AddBreachRoutes(router_, services_);
    AddLendingRoutes(router_, services_);
    AddReportRoutes(router_, services_);
    AddPenaltyRoutes(router_, services_);
    AddKpiRoutes(router_, services_);
}

bool Api::Ready() const {
    try {
        auto tx = services_.store.Read();
        tx->sql().QueryInt("SELECT 1", {});
        return !draining_;
    } catch (const std::exception&) {
        return false;
    }
}

Response Api::Execute(const Route& route, Request& request) const {
    try {
        if (route.spec.auth == AuthMode::kPublic) return route.handler(request, nullptr);
        bool from_cookie = false;
        std::string token = BearerOrCookie(request, &from_cookie);
        app::Origin origin{request.remote_ip, request.Header("user-agent"), request.request_id};
        auto caller = services_.auth.Authenticate(token, origin);
        if (!caller.ok()) return Problem(caller.error(), request.request_id);
        // Cookie sessions must prove the request comes from our page (double submit, compared
        // with the session's own CSRF token). Bearer tokens are not sent by browsers on their own.
        if (from_cookie && IsUnsafe(request.method)) {
            const std::string& header = request.Header("x-csrf-token");
            if (header.empty() || header != caller->session.csrf_token) {
                return Problem(MakeError(ErrorCode::kForbidden, "missing or wrong X-CSRF-Token header"),
                               request.request_id);
            }
        }
        return route.handler(request, &*caller);
    } catch (const ConstraintError& e) {
        spdlog::warn("{{\"event\":\"constraint\",\"request_id\":\"{}\",\"route\":\"{}\"}}",
                     request.request_id,
                     route.spec.pattern);
        return Problem(MakeError(ErrorCode::kConflict, "the change conflicts with existing data"), request.request_id);
    } catch (const BusyError& e) {
        return Problem(MakeError(ErrorCode::kConflict, "the database is busy; try again"), request.request_id);
    } catch (const std::exception& e) {
        spdlog::error("{{\"event\":\"internal_error\",\"request_id\":\"{}\",\"route\":\"{}\",\"error\":\"{}\"}}",
                      request.request_id,
                      route.spec.pattern,
                      e.what());
        return InternalError(request.request_id);
    }
}

Response Api::Fallback(Request& request, bool method_not_allowed) const {
    if (method_not_allowed) {
        Response r = Problem(MakeError(ErrorCode::kFailedPrecondition, "method not allowed"), request.request_id);
        r.status = 405;
        return r;
    }
    bool api_path = request.path.starts_with("/api/") || request.path == "/api";
    if (api_path || options_.static_root.empty() || (request.method != "GET" && request.method != "HEAD")) {
        return Problem(MakeError(ErrorCode::kNotFound, "no such resource"), request.request_id);
    }
    // Static UI: no "..", no hidden files; unknown paths get index.html (client-side routes).
    namespace fs = std::filesystem;
    fs::path root(options_.static_root);
    std::string relative = request.path.substr(1);
    bool safe = relative.find("..") == std::string::npos && relative.find("/.") == std::string::npos &&
                !relative.starts_with(".");
    fs::path file = root / (relative.empty() ? "index.html" : relative);
    std::error_code ec;
    if (!safe || !fs::is_regular_file(file, ec)) file = root / "index.html";
    auto content = ReadFile(file);
    if (!content) return Problem(MakeError(ErrorCode::kNotFound, "no such resource"), request.request_id);
    Response r;
    r.content_type = ContentTypeOf(file);
    r.body = std::move(*content);
    bool hashed_asset = relative.starts_with("assets/");
    r.headers.emplace_back("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
}

}  // namespace patron::http
