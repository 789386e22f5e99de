#include "domain/audit.hpp"

namespace patron::domain {

std::string CanonicalAuditText(const AuditEntry& e) {
    // Fields separated by a unit separator, which no field may contain unescaped.
    auto clean = [](const std::string& s) {
        std::string out;
        out.reserve(s.size());
        for (char c : s) {
            if (c == '\x1f') {
                out += "\\x1f";
            } else {
                out.push_back(c);
            }
        }
        return out;
    };
    std::string text;
    text.reserve(256);
    const char sep = '\x1f';
    text += std::to_string(e.org_id.value) + sep + std::to_string(e.seq) + sep + std::to_string(e.at) + sep +
            std::to_string(e.user_id.value) + sep + clean(e.username) + sep + clean(e.action) + sep +
            clean(e.object_type) + sep + clean(e.object_id) + sep + clean(e.outcome) + sep + clean(e.ip) + sep +
            clean(e.user_agent) + sep + clean(e.detail) + sep + e.prev_hash;
    return text;
}

}  // namespace patron::domain
