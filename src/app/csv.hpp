// CSV (RFC 4180) reading and writing, and decoding of GB18030 files (what Excel on a Chinese
// Windows saves as "CSV"). Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace patron::app {

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

// Splits CSV text into rows; quoted fields may hold commas, quotes ("") and newlines. Blank
// lines are skipped. Returns nullopt (and sets *error) on an unterminated quote.
std::optional<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string* error);

// Returns UTF-8 text: the input itself when it is valid UTF-8 (a BOM is dropped), else the input
// decoded as GB18030. nullopt when it is neither.
std::optional<std::string> DecodeToUtf8(std::string_view bytes);

// One CSV field, quoted when needed. Fields starting with = + - @ are prefixed with ' so a
// spreadsheet does not run them as formulas (CSV injection).
std::string CsvField(std::string_view value);
// SEC-7/SEC-8: the first line of every exported file, marking who exported it and when (a leaked
// copy names its source): "# Patron <what> export by <username> at <time> — ...".
std::string ExportWatermark(std::string_view what, std::string_view username, Timestamp at);

}  // namespace patron::app
