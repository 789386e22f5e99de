// The HTTP request and response as handlers see them: plain structs, no Beast. Only server.cpp
// converts between these and Beast's types.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace patron::http {

struct Request {
    std::string method;                                        // "GET", "POST", ...
    std::string target;                                        // raw target, with query
    std::string path;                                          // decoded path without query
    std::unordered_map<std::string, std::string> query;        // decoded
    std::unordered_map<std::string, std::string> headers;      // lower-case names
    std::unordered_map<std::string, std::string> path_params;  // {id} -> "42"
    std::string body;
    std::string remote_ip;
    std::string request_id;

    const std::string& Header(const std::string& lower_name) const;
    const std::string* Query(const std::string& name) const;
    std::string Cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace patron::http
