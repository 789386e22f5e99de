// Collects every violated field of a record so one answer names them all (problem+json
// "errors"). Used by the domain's Validate* functions. Not thread-safe; one per validation.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "common/expected.hpp"
#include "domain/formats.hpp"

namespace patron::domain {

template <std::size_t N>
bool OneOf(std::string_view value, const char* const (&allowed)[N]) {
    for (const char* candidate : allowed) {
        if (value == candidate) return true;
    }
    return false;
}

inline void Trim(std::string& s) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
}

class Checker {
public:
    // Free text: trimmed, valid UTF-8, no control characters (line breaks and tabs only where
    // `multiline`), at most max_chars characters.
    void Text(
        std::string& value, const std::string& field, int max_chars, bool required = false, bool multiline = false) {
        Trim(value);
        int len = Utf8Length(value);
        bool control = std::any_of(value.begin(), value.end(), [&](char ch) {
            auto byte = static_cast<unsigned char>(ch);
            return (byte < 0x20 && !(multiline && (ch == '\n' || ch == '\t' || ch == '\r'))) || byte == 0x7F;
        });
        if (len < 0) {
            Add(field, "must be valid UTF-8");
        } else if (control) {
            Add(field, "must not contain control characters");
        } else if (required && len == 0) {
            Add(field, "is required");
        } else if (len > max_chars) {
            Add(field, "must be at most " + std::to_string(max_chars) + " characters");
        }
    }
    template <std::size_t N>
    void Enum(const std::string& value, const std::string& field, const char* const (&allowed)[N]) {
        if (OneOf(value, allowed)) return;
        std::string list;
        for (const char* candidate : allowed) {
            if (*candidate == '\0') continue;
            if (!list.empty()) list += ", ";
            list += candidate;
        }
        Add(field, "must be one of: " + list);
    }
    void Format(const std::string& reason, const std::string& field) {
        if (!reason.empty()) Add(field, reason);
    }
    void Add(const std::string& field, const std::string& message) { errors_.push_back({field, message}); }

    Status Result() const {
        if (errors_.empty()) return {};
        Error error{ErrorCode::kInvalidArgument,
                    errors_.front().field + " " + errors_.front().message,
                    errors_.front().field,
                    errors_};
        return error;
    }

private:
    std::vector<FieldError> errors_;
};

}  // namespace patron::domain
