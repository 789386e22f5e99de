#include "http/errors.hpp"

#include <boost/json.hpp>

namespace patron::http {
namespace {

struct ProblemType {
    ErrorCode code;
    int status;
    const char* slug;
    const char* title;
};

constexpr ProblemType kTable[] = {
    {ErrorCode::kInvalidArgument, 400, "invalid-argument", "Invalid argument"},
    {ErrorCode::kUnauthenticated, 401, "unauthenticated", "Authentication required"},
    {ErrorCode::kForbidden, 403, "forbidden", "Forbidden"},
    {ErrorCode::kNotFound, 404, "not-found", "Not found"},
    {ErrorCode::kConflict, 409, "conflict", "Conflict"},
    {ErrorCode::kPayloadTooLarge, 413, "payload-too-large", "Payload too large"},
    {ErrorCode::kUnsupportedMediaType, 415, "unsupported-media-type", "Unsupported media type"},
    {ErrorCode::kFailedPrecondition, 422, "failed-precondition", "Not allowed in this state"},
    {ErrorCode::kTooManyRequests, 429, "too-many-requests", "Too many requests"},
};

const ProblemType& Find(ErrorCode code) {
    for (const auto& t : kTable) {
        if (t.code == code) return t;
    }
    return kTable[0];
}

}  // namespace

int StatusOf(ErrorCode code) { return Find(code).status; }

Response Problem(const Error& error, const std::string& request_id) {
    const ProblemType& t = Find(error.code);
    boost::json::object body;
    body["type"] = std::string("https://patron.example/problems/") + t.slug;
    body["title"] = t.title;
    body["status"] = t.status;
    body["detail"] = error.message;
    if (!error.field.empty()) body["field"] = error.field;
    if (!error.details.empty()) {
        boost::json::array errors;
        for (const auto& d : error.details)
            errors.push_back(boost::json::object{{"field", d.field}, {"message", d.message}});
        body["errors"] = std::move(errors);
    } else if (!error.field.empty()) {
        body["errors"] = boost::json::array{boost::json::object{{"field", error.field}, {"message", error.message}}};
    }
    body["request_id"] = request_id;
    Response r;
    r.status = t.status;
    r.content_type = "application/problem+json";
    r.body = boost::json::serialize(body);
    if (error.code == ErrorCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
    if (error.code == ErrorCode::kTooManyRequests) r.headers.emplace_back("Retry-After", "3600");
    return r;
}

Response InternalError(const std::string& request_id) {
    boost::json::object body{{"type", "https://patron.example/problems/internal"},
                             {"title", "Internal server error"},
                             {"status", 500},
                             {"detail", "the server failed; quote the request id to the administrator"},
                             {"request_id", request_id}};
    Response r;
    r.status = 500;
    r.content_type = "application/problem+json";
    r.body = boost::json::serialize(body);
    return r;
}

}  // namespace patron::http
