#include "http/json_io.hpp"

namespace patron::http {

Expected<json::object> ParseObject(std::string_view body) {
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 32;
    json::value value = json::parse(body, ec, {}, options);
    if (ec) return MakeError(ErrorCode::kInvalidArgument, "request body is not valid JSON: " + ec.message());
    if (!value.is_object()) return MakeError(ErrorCode::kInvalidArgument, "request body must be a JSON object");
    return std::move(value.as_object());
}

JsonReader::JsonReader(const json::object& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

const json::value* JsonReader::Take(const char* key) {
    taken_.insert(key);
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &it->value();
}

void JsonReader::Fail(const std::string& key, const std::string& message) { errors_.push_back({Path(key), message}); }

void JsonReader::Require(const char* key) {
    taken_.insert(key);
    if (!object_.contains(key)) Fail(key, "is required");
}

void JsonReader::Str(const char* key, std::string& out, std::size_t max_bytes) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (v->is_null()) {
        out.clear();
    } else if (!v->is_string()) {
        Fail(key, "must be a string");
    } else if (v->as_string().size() > max_bytes) {
        Fail(key, "is too long");
    } else {
        out = std::string(v->as_string());
    }
}

void JsonReader::Int(const char* key, std::int64_t& out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (v->is_int64()) {
        out = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        out = static_cast<std::int64_t>(v->as_uint64());
    } else {
        Fail(key, "must be an integer");
    }
}

void JsonReader::Bool(const char* key, bool& out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_bool()) {
        Fail(key, "must be true or false");
    } else {
        out = v->as_bool();
    }
}

void JsonReader::Time(const char* key, Timestamp& out) {
    const json::value* v = Take(key);
    if (v == nullptr || v->is_null()) return;
    Timestamp t = 0;
    if (!v->is_string() || !ParseTimestamp(std::string(v->as_string()), &t)) {
        Fail(key, "must be an RFC 3339 time such as 2026-11-27T09:30:00+08:00");
    } else {
        out = t;
    }
}

void JsonReader::Objects(const char* key, const std::function<void(JsonReader&)>& read, std::size_t max_items) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_array()) {
        Fail(key, "must be an array");
        return;
    }
    const auto& array = v->as_array();
    if (array.size() > max_items) {
        Fail(key, "must have at most " + std::to_string(max_items) + " items");
        return;
    }
    for (std::size_t item_idx = 0; item_idx < array.size(); ++item_idx) {
        std::string path = std::string(key) + "[" + std::to_string(item_idx) + "]";
        if (!array[item_idx].is_object()) {
            Fail(path, "must be an object");
            continue;
        }
        JsonReader element(array[item_idx].as_object(), Path(path) + ".");
        read(element);
        Status status = element.Finish();
        if (!status.ok()) {
            for (const auto& e : status.error().details) errors_.push_back(e);
        }
    }
}

void JsonReader::Strings(const char* key, std::vector<std::string>& out, std::size_t max_items) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_array() || v->as_array().size() > max_items) {
        Fail(key, "must be an array of at most " + std::to_string(max_items) + " strings");
        return;
    }
    std::vector<std::string> values;
    for (const auto& item : v->as_array()) {
        if (!item.is_string()) {
            Fail(key, "must contain only strings");
            return;
        }
        values.emplace_back(item.as_string());
    }
    out = std::move(values);
}

void JsonReader::Ints(const char* key, std::vector<std::int64_t>& out, std::size_t max_items) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_array() || v->as_array().size() > max_items) {
        Fail(key, "must be an array of at most " + std::to_string(max_items) + " integers");
        return;
    }
    std::vector<std::int64_t> values;
    for (const auto& item : v->as_array()) {
        if (!item.is_int64()) {
            Fail(key, "must contain only integers");
            return;
        }
        values.push_back(item.as_int64());
    }
    out = std::move(values);
}

Status JsonReader::Finish() {
    for (const auto& kv : object_) {
        std::string key(kv.key());
        if (taken_.count(key) == 0) errors_.push_back({Path(key), "is not a known field"});
    }
    if (errors_.empty()) return {};
    return Error{ErrorCode::kInvalidArgument,
                 errors_.front().field + " " + errors_.front().message,
                 errors_.front().field,
                 errors_};
}

Status ReadBody(std::string_view body, const std::function<void(JsonReader&)>& read) {
    auto object = ParseObject(body);
    if (!object.ok()) return object.error();
    JsonReader reader(*object);
    read(reader);
    return reader.Finish();
}

std::string TimeOrNull(Timestamp t) { return t == 0 ? std::string() : FormatTimestamp(t); }

}  // namespace patron::http
