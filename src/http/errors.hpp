// The one table from ErrorCode to HTTP status and RFC 9457 problem type, and the problem+json
// body. Handlers never pick a status for an error themselves.
#pragma once

#include "common/expected.hpp"
#include "http/message.hpp"

namespace patron::http {

int StatusOf(ErrorCode code);
// application/problem+json for a business error.
Response Problem(const Error& error, const std::string& request_id);
// 500 with only the request id: never SQL text, a stack or an exception message.
Response InternalError(const std::string& request_id);

}  // namespace patron::http
