#include "protocol/minutes_labels.hpp"
#include "protocol/text_rules.hpp"

#include <cstdio>

namespace casecircle::protocol {

std::string role_label_de(const std::string& role) {
    if (role == "moderator") return "Moderation";
    if (role == "presenter") return "Fallverantwortliche/r (Fallvorstellung)";
    if (role == "participant") return "Teilnehmende/r";
    if (role == "expert") return "Expert/in (Gast)";
    if (role == "observer") return "Beobachtung (nur lesend)";
    return role;
}

std::string vote_label_de(const std::string& vote) {
    if (vote == "yes") return "trägt mit";
    if (vote == "no") return "trägt nicht mit";
    if (vote == "abstain") return "Enthaltung";
    return vote;
}

std::string outcome_label_de(const std::string& outcome) {
    if (outcome == "done") return "umgesetzt";
    if (outcome == "partly") return "teilweise umgesetzt";
    if (outcome == "not_done") return "nicht umgesetzt";
    return outcome;
}

std::string duration_label(long long seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", seconds / 60, seconds % 60);
    return buffer;
}

std::string clock_time_label(const nlohmann::json& ms) {
    if (!ms.is_number_integer()) return "–";
    const auto value = ms.get<long long>();
    const auto day_ms = 86'400'000LL;
    const auto in_day = ((value % day_ms) + day_ms) % day_ms;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s %02lld:%02lld UTC",
                  format_date(date_of(value)).c_str(), in_day / 3'600'000, in_day / 60'000 % 60);
    return buffer;
}

} // namespace casecircle::protocol
