// The OpenAPI 3.1 document of the API (src/http/openapi.json, embedded at build time). A test
// checks that every route of the router is documented and every documented path is routed.
#pragma once

#include <string>

namespace patron::http {

const std::string& OpenApiDocument();

}  // namespace patron::http
