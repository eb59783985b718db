#include "protocol/event.hpp"

namespace casecircle::protocol {

nlohmann::json to_json(const event& e) {
    return nlohmann::json{
        {"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"type", e.type}, {"data", e.data}};
}

std::optional<event> event_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    const auto seq = j.find("seq");
    const auto at = j.find("at");
    const auto actor = j.find("actor");
    const auto type = j.find("type");
    const auto data = j.find("data");
    // Signed and unsigned integers both arrive here: nlohmann parses "5" as unsigned but a
    // json built from an int is signed.
    if (seq == j.end() || !seq->is_number_integer()) return std::nullopt;
    if (seq->is_number_integer() && !seq->is_number_unsigned() && seq->get<std::int64_t>() < 1)
        return std::nullopt;
    if (at == j.end() || !at->is_number_integer()) return std::nullopt;
    if (at->is_number_unsigned() && at->get<std::uint64_t>() > 0x7fffffffffffffffULL)
        return std::nullopt;
    if (actor == j.end() || !actor->is_string()) return std::nullopt;
    if (type == j.end() || !type->is_string()) return std::nullopt;
    if (data == j.end() || !data->is_object()) return std::nullopt;
    event e;
    e.seq = seq->get<std::uint64_t>();
    e.at = at->get<millis>();
    e.actor = actor->get<std::string>();
    e.type = type->get<std::string>();
    e.data = *data;
    if (e.seq == 0 || e.type.empty()) return std::nullopt;
    return e;
}

} // namespace casecircle::protocol
