#pragma once

#include "protocol/text_rules.hpp"
#include "server/api.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace casecircle::server {

// Reads a request body's fields; the first field that is wrong becomes the answer (400
// invalid_field naming it, with what it must be in words), so that a form can point at it.
class field_reader {
  public:
    explicit field_reader(const nlohmann::json& body) : body_(body) {}

    struct words {
        const char* de;
        const char* en;
    };

    // Cleaned text; nothing when absent (an error if `required`) or wrong.
    std::optional<std::string> text(const char* name, protocol::text_kind kind,
                                    std::size_t min_chars, std::size_t max_chars, bool required,
                                    words what);
    std::optional<std::int64_t> integer(const char* name, std::int64_t low, std::int64_t high,
                                        bool required, words what);
    // One of `choices` (a null-terminated list of strings).
    template <std::size_t N>
    std::optional<std::string> choice(const char* name, const char* const (&choices)[N],
                                      bool required, words what) {
        auto value = text(name, protocol::text_kind::single_line, 1, 40, required, what);
        if (!value) return std::nullopt;
        for (const char* c : choices)
            if (*value == c) return value;
        fail(name, what);
        return std::nullopt;
    }
    void fail(std::string_view name, words what);

    bool failed() const { return error_.has_value(); }
    const api_response& error() const { return *error_; }

  private:
    const nlohmann::json& body_;
    std::optional<api_response> error_;
};

} // namespace casecircle::server
