#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace casecircle::server {

// Argon2id via libsodium's crypto_pwhash_str, with its "interactive" limits: slow enough to make
// guessing from a stolen database expensive, fast enough for a login.
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& stored_hash, std::string_view password);

// A password we accept: long enough to resist guessing, short enough to bound hashing work.
bool acceptable_password(std::string_view password);

// A temporary password a team admin hands over in person: 16 characters from an alphabet
// without look-alikes (no 0/O, 1/I/L), grouped as XXXX-XXXX-XXXX-XXXX (about 79 bits, from
// libsodium's randombytes); nothing when libsodium cannot start.
std::optional<std::string> new_temporary_password();

// Verifies against a fixed hash so that an unknown user name costs as much time as a wrong
// password: the timing must not tell whether an account exists.
void spend_verification_time(std::string_view password);

} // namespace casecircle::server
