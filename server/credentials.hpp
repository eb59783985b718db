#pragma once

#include <string>

namespace casecircle::server {

// A personal, unguessable token (256 random bits, hex) for reconnecting to a room.
std::string new_token();
// An invitation code people can read aloud and type: 12 characters from an alphabet without
// look-alikes (no 0/O, 1/I/L), grouped as XXXX-XXXX-XXXX; about 58 bits.
std::string new_invite_code();
// Room ids appear in URLs and logs; 128 random bits, hex.
std::string new_room_id();
// Codes are compared after folding case and dropping separators, so "abcd efgh" finds "ABCD-EFGH".
std::string normalise_invite_code(const std::string& code);
// A normalised code as it is shown: XXXX-XXXX-XXXX.
std::string displayed_invite_code(const std::string& normalised);
// SHA-256, hex: what the database keeps instead of a credential.
std::string credential_hash(const std::string& credential);

} // namespace casecircle::server
