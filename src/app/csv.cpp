#include "app/csv.hpp"

#include <iconv.h>

#include "domain/formats.hpp"

namespace patron::app {

std::optional<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string* error) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    bool in_quotes = false;
    bool field_started = false;
    std::size_t line = 1;
    row.line = 1;
    auto end_field = [&]() {
        row.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_row = [&]() {
        end_field();
        bool blank = row.fields.size() == 1 && row.fields[0].empty();
        if (!blank) rows.push_back(std::move(row));
        row = CsvRow{};
    };
    for (std::size_t char_idx = 0; char_idx < text.size(); ++char_idx) {
        char c = text[char_idx];
        if (in_quotes) {
            if (c == '"') {
                if (char_idx + 1 < text.size() && text[char_idx + 1] == '"') {
                    field.push_back('"');
                    ++char_idx;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && !field_started) {
            in_quotes = true;
            field_started = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\r') {
            // part of CRLF; a lone CR is dropped
        } else if (c == '\n') {
            end_row();
            ++line;
            row.line = line;
        } else {
            field.push_back(c);
            field_started = true;
        }
    }
    if (in_quotes) {
        *error = "line " + std::to_string(row.line) + ": a quoted field is not closed";
        return std::nullopt;
    }
    if (field_started || !row.fields.empty() || !field.empty()) end_row();
    return rows;
}

std::optional<std::string> DecodeToUtf8(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (domain::Utf8Length(bytes) >= 0) return std::string(bytes);
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

std::string CsvField(std::string_view value) {
    std::string v(value);
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(v.begin(), '\'');
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string ExportWatermark(std::string_view what, std::string_view username, Timestamp at) {
    return "# " +
           CsvField("Patron " + std::string(what) + " export by " + std::string(username) + " at " +
                    FormatTimestamp(at) +
                    " — 内部资料，未经批准不得复制或外传 / internal: no copying or passing on without approval (SEC-7 "
                    "SEC-8)") +
           "\n";
}

}  // namespace patron::app
