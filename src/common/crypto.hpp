// Thin wrappers over libsodium: password hashing (argon2id), random tokens, SHA-256.
// All functions are thread-safe once InitCrypto() has run (main calls it first).
#pragma once

#include <string>
#include <string_view>

namespace patron::crypto {

void InitCrypto();

// Argon2id cost. Defaults follow OWASP's minimum (19 MiB, 2 passes); tests may lower them.
struct PasswordCost {
    unsigned long long ops_limit = 2;
    std::size_t mem_limit = 19 * 1024 * 1024;
};

// Returns the encoded argon2id string ($argon2id$v=19$m=...,t=...,p=1$salt$hash). CPU-heavy (~60–100 ms).
std::string HashPassword(std::string_view password, const PasswordCost& cost);
// Constant-time verification against an encoded hash. CPU-heavy.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// n random bytes, base64url without padding.
std::string RandomToken(std::size_t n_bytes);
// Lower-case hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

}  // namespace patron::crypto
