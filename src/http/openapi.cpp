#include "http/openapi.hpp"

namespace patron::http {

extern const char* const kOpenApiJson;  // generated from openapi.json

const std::string& OpenApiDocument() {
    static const std::string kDocument(kOpenApiJson);
    return kDocument;
}

}  // namespace patron::http
