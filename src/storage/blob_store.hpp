// Content-addressed file storage for scanned documents (ARC-1): the bytes are kept under their
// SHA-256 in a directory tree (ROOT/ab/cd/abcd…), as Odoo's filestore and git do; equal files are
// stored once.
//
// Durability: Put() writes a temporary file, fsyncs it, renames it into place and fsyncs the
// directory before it returns, so a record committed after Put() never points at missing bytes,
// whatever crash follows. A crash before the rename leaves only a temporary file (removed by the
// next Put of the same bytes or by an operator); a crash after it and before the record's commit
// leaves an unreferenced blob, which costs space and nothing else.
// Integrity: Get() hashes what it read and refuses bytes that do not match their name.
// Thread safety: all methods may be called from any thread; several processes may share ROOT.
// Failures (I/O, a corrupted blob) throw patron::StorageError.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace patron::storage {

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}
    // Stores the bytes (once) and returns their lower-case hex SHA-256.
    std::string Put(std::string_view bytes);
    // The bytes stored under `sha256`; nullopt when there are none.
    std::optional<std::string> Get(std::string_view sha256) const;
    // Removes the bytes (ARC-12 purge). False when there were none.
    bool Remove(std::string_view sha256);
    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path PathOf(std::string_view sha256) const;
    std::filesystem::path root_;
};

}  // namespace patron::storage
