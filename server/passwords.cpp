#include "server/passwords.hpp"

#include <cstdint>
#include <sodium.h>

namespace casecircle::server {
namespace {

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

std::optional<std::string> hash_password(std::string_view password) {
    if (!sodium_ready()) return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt; // out of memory
    return std::string(out);
}

bool verify_password(const std::string& stored_hash, std::string_view password) {
    if (!sodium_ready()) return false;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool acceptable_password(std::string_view password) {
    return password.size() >= 10 && password.size() <= 256;
}

std::optional<std::string> new_temporary_password() {
    static constexpr std::string_view alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    if (!sodium_ready()) return std::nullopt;
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) out.push_back('-');
        // randombytes_uniform has no modulo bias.
        out.push_back(alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))]);
    }
    return out;
}

void spend_verification_time(std::string_view password) {
    static const auto dummy = hash_password("casecircle-timing-equaliser");
    if (dummy) verify_password(*dummy, password);
}

} // namespace casecircle::server
