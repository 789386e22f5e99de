// The route table: method + path pattern ("/api/v1/customers/{id}") -> handler, with what the
// server must do around it (authenticate, run off the I/O threads, body limit) and the
// permission it declares (documentation and the authorisation test matrix). main.cpp lists
// every route explicitly in http/routes.cpp; there is no magic registration.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "http/message.hpp"

namespace patron::http {

enum class AuthMode { kPublic, kSession };

struct RouteSpec {
    std::string method;
    std::string pattern;
    AuthMode auth = AuthMode::kSession;
    // The declared permission ("customer.read"); alternatives with " or " ("archive.manage or
    // archive.destroy"; "own or penalty.read": everyone for their own records); "" for any
    // logged-in user (or public). The services enforce it; Api.SEC_1_EveryRouteDeclares... checks it.
    std::string permission;
    bool offload = false;            // CPU-heavy or long: run on the blocking pool, not an I/O thread
    std::size_t max_body = 1 << 20;  // bytes
};

using Handler = std::function<Response(Request&, const app::Caller*)>;

struct Route {
    RouteSpec spec;
    Handler handler;
    std::vector<std::string> segments;  // pattern split on '/'; "{name}" segments capture
};

class Router {
public:
    void Add(RouteSpec spec, Handler handler);
    // The route for the request's method and path, filling request.path_params. nullptr when
    // none; *method_not_allowed is set when the path exists with another method.
    const Route* Find(Request& request, bool* method_not_allowed) const;
    // The route whose pattern matches the path, whatever its method (for body limits before reading).
    const Route* FindAnyMethod(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace patron::http
