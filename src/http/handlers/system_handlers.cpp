// GET /healthz, GET /readyz, GET /api/openapi.json
#include "http/api.hpp"
#include "http/handlers/common.hpp"
#include "http/openapi.hpp"

namespace patron::http {

void AddSystemRoutes(Router& router, Services&, const Api& api) {
    router.Add({"GET", "/healthz", AuthMode::kPublic}, [](Request&, const app::Caller*) {
        Response r;
        r.body = R"({"status":"ok"})";
        return r;
    });
    router.Add({"GET", "/readyz", AuthMode::kPublic}, [&api](Request&, const app::Caller*) {
        Response r;
        bool ready = api.Ready();
        r.status = ready ? 200 : 503;
        r.body = ready ? R"({"status":"ready"})" : R"({"status":"not ready"})";
        return r;
    });
    router.Add({"GET", "/api/openapi.json", AuthMode::kPublic}, [](Request&, const app::Caller*) {
        Response r;
        r.body = OpenApiDocument();
        return r;
    });
}

}  // namespace patron::http
