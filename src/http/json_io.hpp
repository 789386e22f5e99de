// Reading request JSON with precise errors: a JsonReader walks one object, checks each field's
// type, remembers every violation with its path ("phones[1].number"), and reports fields it was
// never asked about as unknown. Writing helpers for common shapes.
#pragma once

#include <boost/json.hpp>
#include <set>
#include <string>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"

namespace patron::http {

namespace json = boost::json;

// Parses a request body that must be one JSON object.
Expected<json::object> ParseObject(std::string_view body);

class JsonReader {
public:
    JsonReader(const json::object& object, std::string prefix = {});

    bool Has(const char* key) const { return object_.contains(key); }
    // Each reader assigns `out` only when the key is present with the right type.
    void Str(const char* key, std::string& out, std::size_t max_bytes = 10000);
    void Int(const char* key, std::int64_t& out);
    void Bool(const char* key, bool& out);
    void Time(const char* key, Timestamp& out);  // RFC 3339 string
    template <typename Tag>
    void IdField(const char* key, Id<Tag>& out) {
        const json::value* v = Take(key);
        if (v == nullptr) return;
        if (v->is_null()) {
            out = Id<Tag>();
        } else if (v->is_int64() && v->as_int64() > 0) {
            out = Id<Tag>(v->as_int64());
        } else {
            Fail(key, "must be a positive integer id or null");
        }
    }
    // An array of objects: calls read(reader_for_element) for each.
    void Objects(const char* key, const std::function<void(JsonReader&)>& read, std::size_t max_items = 100);
    void Strings(const char* key, std::vector<std::string>& out, std::size_t max_items = 100);
    void Ints(const char* key, std::vector<std::int64_t>& out, std::size_t max_items = 100);
    // Marks a key as known and returns it (nullptr if absent).
    const json::value* Take(const char* key);
    void Fail(const std::string& key, const std::string& message);
    void Require(const char* key);
    // All violations so far plus unknown fields; ok when none.
    Status Finish();

private:
    std::string Path(const std::string& key) const { return prefix_ + key; }
    const json::object& object_;
    std::string prefix_;
    std::set<std::string> taken_;
    std::vector<FieldError> errors_;
};

// Parse, read with `read`, finish: the usual body handling of a handler.
Status ReadBody(std::string_view body, const std::function<void(JsonReader&)>& read);

std::string TimeOrNull(Timestamp t);

}  // namespace patron::http
