#include "common/crypto.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace patron::crypto {

void InitCrypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

std::string HashPassword(std::string_view password, const PasswordCost& cost) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), cost.ops_limit, cost.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id: out of memory");
    }
    return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
    if (encoded.empty()) return false;
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(std::size_t n_bytes) {
    std::vector<unsigned char> buf(n_bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out(sodium_base64_ENCODED_LEN(n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::string Sha256Hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

}  // namespace patron::crypto
