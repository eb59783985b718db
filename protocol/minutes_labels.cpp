#include "protocol/minutes_labels.hpp"
#include "protocol/minutes_view.hpp"

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

std::string clock_time_label(const nlohmann::json& ms, const local_zone& zone) {
    if (!ms.is_number_integer()) return "–";
    return local_time_label(zone, ms.get<millis>());
}

std::string session_date_label(const nlohmann::json& minutes) {
    return german_date_text(minutes_view::str(minutes, "date"));
}

} // namespace casecircle::protocol
