#include "http/message.hpp"

namespace patron::http {

const std::string& Request::Header(const std::string& lower_name) const {
    static const std::string kEmpty;
    auto it = headers.find(lower_name);
    return it == headers.end() ? kEmpty : it->second;
}

const std::string* Request::Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
}

std::string Request::Cookie(std::string_view name) const {
    std::string_view cookies = Header("cookie");
    while (!cookies.empty()) {
        auto semi = cookies.find(';');
        std::string_view pair = cookies.substr(0, semi);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        cookies.remove_prefix(semi + 1);
    }
    return {};
}

}  // namespace patron::http
