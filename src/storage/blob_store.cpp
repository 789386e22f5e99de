#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "storage/store.hpp"

namespace patron::storage {
namespace {

[[noreturn]] void Fail(const std::string& what, const std::filesystem::path& path) {
    throw StorageError("blob store: " + what + " " + path.string() + ": " + std::strerror(errno));
}

void SyncPath(const std::filesystem::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) Fail("cannot open", path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) Fail("cannot fsync", path);
}

bool IsHexSha256(std::string_view text) {
    if (text.size() != 64) return false;
    for (char ch : text) {
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
    }
    return true;
}

}  // namespace

std::filesystem::path BlobStore::PathOf(std::string_view sha256) const {
    if (root_.empty()) throw StorageError("blob store: no directory for documents is configured");
    if (!IsHexSha256(sha256)) throw StorageError("blob store: not a SHA-256: " + std::string(sha256.substr(0, 80)));
    return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

std::string BlobStore::Put(std::string_view bytes) {
    std::string sha256 = crypto::Sha256Hex(bytes);
    const std::filesystem::path target = PathOf(sha256);
    const std::filesystem::path dir = target.parent_path();
    std::error_code ec;
    if (std::filesystem::file_size(target, ec) == bytes.size() && !ec) {
        SyncPath(dir, O_RDONLY | O_DIRECTORY);  // durable even if its writer has not synced yet
        return sha256;
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) throw StorageError("blob store: cannot create " + dir.string() + ": " + ec.message());
    // A name no other writer (thread or process) uses at the same time.
    static std::atomic<std::uint64_t> counter{0};
    const std::filesystem::path temp =
        dir / (sha256 + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1)));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) Fail("cannot create", temp);
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            ::unlink(temp.c_str());
            Fail("cannot write", temp);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        ::unlink(temp.c_str());
        Fail("cannot fsync", temp);
    }
    ::close(fd);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        ::unlink(temp.c_str());
        Fail("cannot rename into", target);
    }
    SyncPath(dir, O_RDONLY | O_DIRECTORY);
    return sha256;
}

std::optional<std::string> BlobStore::Get(std::string_view sha256) const {
    const std::filesystem::path path = PathOf(sha256);
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) Fail("cannot read", path);
    std::string bytes = std::move(content).str();
    if (crypto::Sha256Hex(bytes) != sha256) {
        throw StorageError("blob store: " + path.string() + " does not match its SHA-256 (damaged)");
    }
    return bytes;
}

bool BlobStore::Remove(std::string_view sha256) {
    const std::filesystem::path path = PathOf(sha256);
    if (::unlink(path.c_str()) != 0) {
        if (errno == ENOENT) return false;
        Fail("cannot remove", path);
    }
    SyncPath(path.parent_path(), O_RDONLY | O_DIRECTORY);
    return true;
}

std::filesystem::path DefaultBlobRoot(const std::string& database_url) {
    if (database_url.starts_with("postgres") || database_url.find(":memory:") != std::string::npos) {
        return "./var/files";
    }
    std::string_view path = database_url;
    if (path.starts_with("sqlite:")) path.remove_prefix(7);
    return std::string(path) + "-files";
}

}  // namespace patron::storage
