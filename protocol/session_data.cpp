#include "protocol/ids.hpp"
#include "protocol/session_state.hpp"

#include <algorithm>

namespace casecircle::protocol {

namespace {

template <typename T>
const T* by_index(const std::vector<T>& items, std::string_view id, char prefix) {
    const auto index = ids::index_of(id, prefix);
    if (!index || *index >= items.size()) return nullptr;
    return &items[*index];
}

} // namespace

const participant* session_data::find_participant(std::string_view id) const {
    return by_index(participants, id, 'p');
}

const participant* session_data::present_participant(std::string_view id) const {
    const auto* p = find_participant(id);
    return p != nullptr && p->present ? p : nullptr;
}

const participant* session_data::moderator() const {
    for (const auto& p : participants)
        if (p.present && p.role == role::moderator) return &p;
    return nullptr;
}

const card* session_data::find_card(std::string_view id) const {
    return by_index(cards, id, 'c');
}

const card_group* session_data::find_group(std::string_view id) const {
    for (const auto& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

const option_entry* session_data::find_option(std::string_view id) const {
    return by_index(options, id, 'o');
}

const step_template* session_data::step(int number) const {
    if (!format || number < 1 || number > step_count()) return nullptr;
    return &format->steps[static_cast<std::size_t>(number - 1)];
}

int session_data::step_count() const {
    return format ? static_cast<int>(format->steps.size()) : 0;
}

bool session_data::is_presenter(const participant& p) const {
    if (!p.present) return false;
    if (p.role == role::presenter) return true;
    return p.role == role::moderator && format && format->moderator_presents;
}

bool session_data::has_guests() const {
    return std::any_of(participants.begin(), participants.end(),
                       [](const participant& p) { return p.guest; });
}

bool session_data::has_presenter() const {
    return std::any_of(participants.begin(), participants.end(),
                       [this](const participant& p) { return is_presenter(p); });
}

std::size_t session_data::live_card_count() const {
    return static_cast<std::size_t>(
        std::count_if(cards.begin(), cards.end(), [](const card& c) { return !c.withdrawn; }));
}

std::vector<std::pair<std::string, int>>
session_data::missing_presence(const step_template& target) const {
    std::vector<std::pair<std::string, int>> missing;
    for (const auto& [who, needed] : target.requires_present) {
        const auto counted = std::count_if(
            participants.begin(), participants.end(), [&, &who = who](const participant& p) {
                if (!p.present) return false;
                if (who == "others")
                    return (p.role == role::participant || p.role == role::expert) &&
                           !is_presenter(p);
                return to_string(p.role) == who;
            });
        if (counted < needed) missing.emplace_back(who, needed - static_cast<int>(counted));
    }
    return missing;
}

std::string session_data::prepared_by(std::string_view author) const {
    return author == system_actor && prepared ? prepared->prepared_by : std::string();
}

} // namespace casecircle::protocol
