#include "domain/search.hpp"

#include <cctype>

#include "domain/formats.hpp"

namespace patron::domain {

std::vector<std::string> CodePoints(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t byte_idx = 0; byte_idx < text.size();) {
        auto lead = static_cast<unsigned char>(text[byte_idx]);
        std::size_t len = Utf8SequenceLength(lead);
        if (len == 0 || byte_idx + len > text.size()) {
            ++byte_idx;
            continue;
        }
        out.emplace_back(text.substr(byte_idx, len));
        byte_idx += len;
    }
    return out;
}

bool IsCjk(std::string_view cp) {
    if (cp.size() < 3) return false;
    // Decode 3- or 4-byte sequences.
    std::uint32_t code = 0;
    if (cp.size() == 3) {
        code = ((cp[0] & 0x0F) << 12) | ((cp[1] & 0x3F) << 6) | (cp[2] & 0x3F);
    } else {
        code = ((cp[0] & 0x07) << 18) | ((cp[1] & 0x3F) << 12) | ((cp[2] & 0x3F) << 6) | (cp[3] & 0x3F);
    }
    return (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
           (code >= 0x20000 && code <= 0x2A6DF) || (code >= 0xF900 && code <= 0xFAFF);
}

std::set<std::string> ShortGrams(const Customer& customer, const std::vector<Vehicle>& vehicles) {
    std::set<std::string> grams;
    auto add = [&](std::string_view text) {
        std::vector<std::string> cps = CodePoints(text);
        for (std::size_t cp_idx = 0; cp_idx < cps.size(); ++cp_idx) {
            bool cjk = IsCjk(cps[cp_idx]);
            if (cjk) grams.insert(cps[cp_idx]);
            if (cp_idx + 1 < cps.size() && (cjk || IsCjk(cps[cp_idx + 1]))) {
                std::string pair = cps[cp_idx] + cps[cp_idx + 1];
                for (auto& ch : pair) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                grams.insert(pair);
            }
        }
    };
    add(customer.name);
    add(customer.company_name);
    for (const auto& contact : customer.contacts) add(contact.name);
    for (const auto& vehicle : vehicles) add(vehicle.plate);
    return grams;
}

std::string NormalizeQuery(std::string_view query) {
    std::string out;
    bool space = false;
    for (char c : query) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    std::vector<std::string> cps = CodePoints(out);
    if (cps.size() > 100) {
        std::string cut;
        for (std::size_t cp_idx = 0; cp_idx < 100; ++cp_idx) cut += cps[cp_idx];
        return cut;
    }
    return out;
}

QueryPlan PlanQuery(std::string_view q) {
    if (q.empty()) return QueryPlan::kAll;
    std::vector<std::string> cps = CodePoints(q);
    if (cps.size() >= 3) return QueryPlan::kTrigram;
    for (const auto& cp : cps) {
        if (IsCjk(cp)) return QueryPlan::kGram;
    }
    return QueryPlan::kScan;
}

}  // namespace patron::domain
