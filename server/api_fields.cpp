#include "server/api_fields.hpp"

#include "server/api_routes.hpp"

namespace casecircle::server {

void field_reader::fail(std::string_view name, words what) {
    if (!error_) error_ = field_error(name, what.de, what.en);
}

std::optional<std::string> field_reader::text(const char* name, protocol::text_kind kind,
                                              std::size_t min_chars, std::size_t max_chars,
                                              bool required, words what) {
    const auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) {
        if (required) fail(name, what);
        return std::nullopt;
    }
    if (!it->is_string()) {
        fail(name, what);
        return std::nullopt;
    }
    auto cleaned = protocol::clean_text(it->get<std::string>(), kind, min_chars, max_chars);
    if (!cleaned) fail(name, what);
    return cleaned;
}

std::optional<std::int64_t> field_reader::integer(const char* name, std::int64_t low,
                                                  std::int64_t high, bool required, words what) {
    const auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) {
        if (required) fail(name, what);
        return std::nullopt;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() < low ||
        it->get<std::int64_t>() > high) {
        fail(name, what);
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

} // namespace casecircle::server
