// A running `patron` server for API tests, and a small blocking HTTP/1.1 client.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>

namespace patron::test {

struct HttpResponse {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // lower-case names
    std::string body;
    boost::json::value Json() const;
    std::string Header(const std::string& name) const;
};

// Sends one request (Connection: close) to 127.0.0.1:port.
HttpResponse Send(unsigned short port,
                  const std::string& method,
                  const std::string& target,
                  const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {});

// Starts `patron demo` on a fresh database of the backend, with the demo password below, and
// stops it (SIGTERM) when destroyed.
class ServerProcess {
public:
    static constexpr const char* kPassword = "Demo-Password-2026";
    // `env`: extra environment of the server (name → value).
    ServerProcess(const std::string& backend, int customers = 30, const std::map<std::string, std::string>& env = {});
    ~ServerProcess();
    // Sends SIGTERM and waits; returns the exit status.
    int Stop();
    unsigned short port() const { return port_; }
    const std::string& database_url() const { return database_url_; }
    // The server's standard error (its JSON log lines; the access log is on).
    std::string Log() const;
    // Runs the CLI against the same database; returns its exit status, stdout in *output.
    int Cli(const std::string& args, std::string* output = nullptr, const std::string& stdin_text = {}) const;

    // Logs in and returns the bearer token ("" on failure).
    std::string Login(const std::string& username,
                      const std::string& org = "demo",
                      const std::string& password = kPassword) const;
    HttpResponse Get(const std::string& token, const std::string& target) const;
    HttpResponse Call(const std::string& token,
                      const std::string& method,
                      const std::string& target,
                      const std::string& body = {}) const;

private:
    std::string database_url_;
    std::string data_dir_;
    int pid_ = -1;
    unsigned short port_ = 0;
};

}  // namespace patron::test
