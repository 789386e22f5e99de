// Small helpers shared by the handlers: JSON responses, path and query parameters, turning an
// Expected into a response through the one error table.
#pragma once

#include <charconv>

#include "common/time_zone.hpp"
#include "domain/access.hpp"
#include "http/errors.hpp"
#include "http/json_io.hpp"
#include "http/message.hpp"

namespace patron::http {

inline Response JsonResponse(const json::value& value, int status = 200) {
    Response r;
    r.status = status;
    r.body = json::serialize(value);
    return r;
}

// null for an id that is not set, and for a time that is 0 ("never").
template <typename Tag>
json::value OptionalIdJson(Id<Tag> id) {
    return id.valid() ? json::value(id.value) : json::value(nullptr);
}
inline json::value OptionalTimeJson(Timestamp t) { return t ? json::value(FormatTimestamp(t)) : json::value(nullptr); }

template <typename T, typename F>
json::array ArrayOf(const std::vector<T>& items, F to_json) {
    json::array out;
    for (const auto& item : items) out.push_back(to_json(item));
    return out;
}

// The decisions of a request along an approval chain (access requests, SEC-11 report requests),
// each with its approver's name.
inline json::array DecisionsJson(const std::vector<domain::StepDecision>& decisions,
                                 const std::vector<std::string>& approver_names) {
    json::array out;
    for (std::size_t decision_idx = 0; decision_idx < decisions.size(); ++decision_idx) {
        const auto& d = decisions[decision_idx];
        out.push_back(json::object{{"step", d.step},
                                   {"approver_id", d.approver.value},
                                   {"approver_name", approver_names.at(decision_idx)},
                                   {"decision", d.decision},
                                   {"comment", d.comment},
                                   {"at", FormatTimestamp(d.at)}});
    }
    return out;
}

inline Response NoContent() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

// Parses a positive integer from a path or query parameter.
inline Expected<std::int64_t> ParsePositive(const std::string& text, const std::string& field) {
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
        return MakeError(ErrorCode::kInvalidArgument, field + " must be a positive integer", field);
    }
    return value;
}

template <typename IdT>
Expected<IdT> PathId(const Request& request, const std::string& name) {
    auto it = request.path_params.find(name);
    if (it == request.path_params.end()) return MakeError(ErrorCode::kNotFound, "not found");
    auto value = ParsePositive(it->second, name);
    // An id that cannot exist is "not found", not a validation error, as for any unknown id.
    if (!value.ok()) return MakeError(ErrorCode::kNotFound, name + " not found");
    return IdT(*value);
}

// An optional positive integer query parameter (0 when absent).
inline Expected<std::int64_t> QueryInt(const Request& request, const std::string& name, std::int64_t fallback) {
    const std::string* text = request.Query(name);
    if (text == nullptr || text->empty()) return fallback;
    return ParsePositive(*text, name);
}

// A YYYY-MM-DD date from a path, query or body value.
inline Expected<Date> DateParam(const std::string& text, const std::string& field) {
    Date d;
    if (!ParseDate(text, &d))
        return MakeError(ErrorCode::kInvalidArgument, field + " must be a date YYYY-MM-DD", field);
    return d;
}

inline std::string QueryText(const Request& request, const std::string& name) {
    const std::string* text = request.Query(name);
    return text == nullptr ? std::string() : *text;
}

// Maps Expected<T> to a JSON response with `to_json`, or a problem.
template <typename T, typename F>
Response Reply(const Request& request, const Expected<T>& result, F to_json, int status = 200) {
    if (!result.ok()) return Problem(result.error(), request.request_id);
    return JsonResponse(to_json(result.value()), status);
}

inline Response ReplyStatus(const Request& request, const Status& status) {
    if (!status.ok()) return Problem(status.error(), request.request_id);
    return NoContent();
}

// Reads the "version" every update must carry (optimistic concurrency).
inline void ReadVersion(JsonReader& reader, std::int64_t& version) {
    reader.Require("version");
    reader.Int("version", version);
}

// A PATCH body: the JSON object and the version it was based on.
struct PatchBody {
    json::object object;
    std::int64_t version = 0;

    // The function an app Update* applies to the stored record inside its transaction: reads
    // the fields present with `read(reader, record)` and reports type errors and unknown fields.
    template <typename T, typename ReadFields>
    std::function<Status(T&)> Apply(ReadFields read) const {
        return [this, read](T& record) {
            JsonReader reader(object);
            std::int64_t ignored = 0;
            ReadVersion(reader, ignored);
            read(reader, record);
            return reader.Finish();
        };
    }
};

inline Expected<PatchBody> ParsePatch(const Request& request) {
    auto object = ParseObject(request.body);
    if (!object.ok()) return object.error();
    auto it = object->find("version");
    if (it == object->end()) return MakeError(ErrorCode::kInvalidArgument, "version is required", "version");
    if (!it->value().is_int64()) return MakeError(ErrorCode::kInvalidArgument, "version must be an integer", "version");
    return PatchBody{std::move(*object), it->value().as_int64()};
}

}  // namespace patron::http
