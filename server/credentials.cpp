#include "server/credentials.hpp"

#include <array>
#include <cctype>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace casecircle::server {
namespace {

constexpr std::string_view invite_alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

std::string hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 0xf]);
    }
    return out;
}

template <std::size_t N> std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(N)) != 1)
        throw std::runtime_error("no random numbers available");
    return bytes;
}

} // namespace

std::string new_token() {
    const auto bytes = random_bytes<32>();
    return hex(bytes.data(), bytes.size());
}

std::string new_room_id() {
    const auto bytes = random_bytes<16>();
    return hex(bytes.data(), bytes.size());
}

std::string new_invite_code() {
    std::string code;
    // Rejection sampling keeps every character equally likely.
    while (code.size() < 14) {
        if (code.size() == 4 || code.size() == 9) {
            code.push_back('-');
            continue;
        }
        const auto byte = random_bytes<1>()[0];
        if (byte >= 248) continue; // 248 = 8 * 31
        code.push_back(invite_alphabet[byte % invite_alphabet.size()]);
    }
    return code;
}

std::string normalise_invite_code(const std::string& code) {
    std::string out;
    for (const char c : code)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

std::string displayed_invite_code(const std::string& normalised) {
    std::string out;
    for (std::size_t i = 0; i < normalised.size(); ++i)
        out += (i > 0 && i % 4 == 0 ? "-" : "") + std::string(1, normalised[i]);
    return out;
}

std::string credential_hash(const std::string& credential) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(credential.data(), credential.size(), digest, &length, EVP_sha256(), nullptr) !=
        1)
        throw std::runtime_error("SHA-256 failed");
    return hex(digest, length);
}

} // namespace casecircle::server
