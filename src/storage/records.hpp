// Small lists stored inside their owner's row (a customer's phones, an archive's checklist):
// records separated by RS (0x1E), fields by US (0x1F). Validation refuses control characters in
// every field, so neither separator can occur in data.
#pragma once

#include <string>
#include <vector>

#include "domain/access.hpp"

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

// Codes (checklist items, roles, actions: no commas) as "a,b,c".
inline std::string JoinCodes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
    return out;
}

inline std::vector<std::string> SplitCodes(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// An approval chain (SEC-2 … SEC-11): one record per step of name, scope and roles.
inline std::string JoinSteps(const std::vector<domain::ApprovalStep>& steps) {
    std::vector<std::vector<std::string>> records;
    for (const auto& s : steps) records.push_back({s.name, s.scope, JoinCodes(s.roles)});
    return JoinRecords(records);
}

inline std::vector<domain::ApprovalStep> SplitSteps(const std::string& text) {
    std::vector<domain::ApprovalStep> steps;
    for (auto& fields : SplitRecords(text)) {
        fields.resize(3);
        steps.push_back({fields[0], SplitCodes(fields[2]), fields[1]});
    }
    return steps;
}

}  // namespace patron::storage
