#include "api_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support.hpp"

namespace patron::test {

boost::json::value HttpResponse::Json() const {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec) return nullptr;
    return value;
}

std::string HttpResponse::Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse Send(unsigned short port,
                  const std::string& method,
                  const std::string& target,
                  const std::string& body,
                  const std::map<std::string, std::string>& headers) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return {};
    }
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool has_type = false;
    for (const auto& [name, value] : headers) {
        request += name + ": " + value + "\r\n";
        has_type = has_type || name == "Content-Type";
    }
    if (!body.empty() && !has_type) request += "Content-Type: application/json\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    for (std::size_t sent = 0; sent < request.size();) {
        ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string raw;
    std::array<char, 65536> buf;
    for (;;) {
        ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
        if (n <= 0) break;
        raw.append(buf.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    HttpResponse response;
    auto header_end = raw.find("\r\n\r\n");
    if (header_end == std::string::npos || raw.size() < 12) return response;
    response.status = std::stoi(raw.substr(9, 3));
    std::size_t line_start = raw.find("\r\n") + 2;
    while (line_start < header_end) {
        std::size_t line_end = raw.find("\r\n", line_start);
        std::string line = raw.substr(line_start, line_end - line_start);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(value.begin());
            response.headers.emplace(name, value);
        }
        line_start = line_end + 2;
    }
    response.body = raw.substr(header_end + 4);
    return response;
}

ServerProcess::ServerProcess(const std::string& backend, int customers, const std::map<std::string, std::string>& env) {
    database_url_ = FreshDatabaseUrl(backend);
    data_dir_ = TempDir();
    int out_pipe[2];
    if (::pipe(out_pipe) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(out_pipe[1], STDOUT_FILENO);
        FILE* log = std::fopen((data_dir_ + "/server.log").c_str(), "w");
        if (log != nullptr) ::dup2(fileno(log), STDERR_FILENO);
        ::setenv("PATRON_ACCESS_LOG", "1", 1);
        ::close(out_pipe[0]);
        ::setenv("PATRON_DEMO_PASSWORD", kPassword, 1);
        ::setenv("PATRON_LOG_LEVEL", "info", 1);
        for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
        std::string customers_text = std::to_string(customers);
        ::execl(PATRON_BINARY,
                PATRON_BINARY,
                "--database",
                database_url_.c_str(),
                "--files-dir",
                (data_dir_ + "/files").c_str(),
                "demo",
                "--data-dir",
                data_dir_.c_str(),
                "--listen",
                "127.0.0.1:0",
                "--customers",
                customers_text.c_str(),
                "--static-root",
                (std::string(PATRON_SOURCE_DIR) + "/web/dist").c_str(),
                static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    ::close(out_pipe[1]);
    FILE* out = ::fdopen(out_pipe[0], "r");
    char line[512];
    while (std::fgets(line, sizeof line, out) != nullptr) {
        std::string text(line);
        auto at = text.find("Patron listening on http://127.0.0.1:");
        if (at != std::string::npos) {
            port_ = static_cast<unsigned short>(std::stoi(text.substr(at + 37)));
            break;
        }
    }
    // Keep draining stdout in the background so the server never blocks on a full pipe.
    std::thread([out] {
        char sink[512];
        while (std::fgets(sink, sizeof sink, out) != nullptr) {
        }
        std::fclose(out);
    }).detach();
    if (port_ == 0) {
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        throw std::runtime_error("patron did not start; its log:\n" + Log());
    }
}

ServerProcess::~ServerProcess() { Stop(); }

std::string ServerProcess::Log() const {
    std::ifstream in(data_dir_ + "/server.log");
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

int ServerProcess::Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int ServerProcess::Cli(const std::string& args, std::string* output, const std::string& stdin_text) const {
    std::string command = "PATRON_LOG_LEVEL=warn ";
    if (!stdin_text.empty()) command = "printf '%s\\n' '" + stdin_text + "' | " + command;
    command += std::string(PATRON_BINARY) + " --database '" + database_url_ + "' --files-dir '" + data_dir_ +
               "/files' " + args + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string text;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, n);
    int status = ::pclose(pipe);
    if (output) *output = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServerProcess::Login(const std::string& username,
                                 const std::string& org,
                                 const std::string& password) const {
    boost::json::object body{{"org", org}, {"username", username}, {"password", password}};
    auto response = Send(port_, "POST", "/api/v1/auth/login", boost::json::serialize(body));
    if (response.status != 200) return {};
    return std::string(response.Json().at("token").as_string());
}

HttpResponse ServerProcess::Get(const std::string& token, const std::string& target) const {
    return Call(token, "GET", target);
}

HttpResponse ServerProcess::Call(const std::string& token,
                                 const std::string& method,
                                 const std::string& target,
                                 const std::string& body) const {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return Send(port_, method, target, body, headers);
}

}  // namespace patron::test
