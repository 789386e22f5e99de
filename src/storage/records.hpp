// Small lists stored inside their owner's row (a customer's phones, an archive's checklist):
// records separated by RS (0x1E), fields by US (0x1F). Validation refuses control characters in
// every field, so neither separator can occur in data.
#pragma once

#include <string>
#include <vector>

namespace patron::storage {

inline constexpr char kRecordSep = '\x1e';
inline constexpr char kFieldSep = '\x1f';

inline std::vector<std::vector<std::string>> SplitRecords(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    if (text.empty()) return records;
    std::vector<std::string> fields(1);
    for (char ch : text) {
        if (ch == kRecordSep) {
            records.push_back(std::move(fields));
            fields.assign(1, std::string());
        } else if (ch == kFieldSep) {
            fields.emplace_back();
        } else {
            fields.back().push_back(ch);
        }
    }
    records.push_back(std::move(fields));
    return records;
}

inline std::string JoinRecords(const std::vector<std::vector<std::string>>& records) {
    std::string out;
    for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
        if (record_idx > 0) out.push_back(kRecordSep);
        for (std::size_t field_idx = 0; field_idx < records[record_idx].size(); ++field_idx) {
            if (field_idx > 0) out.push_back(kFieldSep);
            out += records[record_idx][field_idx];
        }
    }
    return out;
}

}  // namespace patron::storage
