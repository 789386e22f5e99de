#include "http/router.hpp"

namespace patron::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') path.remove_prefix(1);
        auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

bool Matches(const Route& route,
             const std::vector<std::string_view>& parts,
             std::unordered_map<std::string, std::string>* params) {
    if (route.segments.size() != parts.size()) return false;
    for (std::size_t seg_idx = 0; seg_idx < parts.size(); ++seg_idx) {
        const std::string& seg = route.segments[seg_idx];
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
            if (parts[seg_idx].empty()) return false;
            if (params) (*params)[seg.substr(1, seg.size() - 2)] = std::string(parts[seg_idx]);
        } else if (seg != parts[seg_idx]) {
            return false;
        }
    }
    return true;
}

}  // namespace

void Router::Add(RouteSpec spec, Handler handler) {
    Route route{std::move(spec), std::move(handler), {}};
    for (auto part : Split(route.spec.pattern)) route.segments.emplace_back(part);
    routes_.push_back(std::move(route));
}

const Route* Router::Find(Request& request, bool* method_not_allowed) const {
    auto parts = Split(request.path);
    *method_not_allowed = false;
    for (const auto& route : routes_) {
        std::unordered_map<std::string, std::string> params;
        if (!Matches(route, parts, &params)) continue;
        if (route.spec.method != request.method) {
            *method_not_allowed = true;
            continue;
        }
        request.path_params = std::move(params);
        return &route;
    }
    return nullptr;
}

const Route* Router::FindAnyMethod(std::string_view method, std::string_view path) const {
    auto parts = Split(path);
    const Route* any = nullptr;
    for (const auto& route : routes_) {
        if (!Matches(route, parts, nullptr)) continue;
        if (route.spec.method == method) return &route;
        any = &route;
    }
    return any;
}

}  // namespace patron::http
