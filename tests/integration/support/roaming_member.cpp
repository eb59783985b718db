#include "tests/integration/support/roaming_member.hpp"

#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/metrics_probe.hpp"

#include <catch2/catch.hpp>

namespace casecircle::testing {

namespace {

using json = nlohmann::json;

bool entry_answer(const json& f) {
    const auto type = f.value("type", "");
    return type == "welcome" || type == "rejected" || (type == "error" && !f.contains("id"));
}

// The first entry answer on `ws`, or nothing when the connection ends first.
std::optional<json> entry_of(ws_client& ws) {
    while (auto f = ws.next(std::chrono::seconds(10)))
        if (entry_answer(*f)) return f;
    return std::nullopt;
}

} // namespace

json roaming_member::enter(const json& frame) {
    json answer;
    const bool entered = eventually(
        [&] {
            try {
                const auto target = room_.empty() ? std::string("/ws") : "/ws?room=" + room_;
                ws_ = std::make_unique<ws_client>(proxy_, "", "", target);
                ws_->send(frame);
                const auto got = entry_of(*ws_);
                if (!got) return false;
                answer = *got;
                return answer.value("code", "") != "room_elsewhere";
            } catch (const std::exception&) {
                return false; // no node answered at this moment
            }
        },
        std::chrono::seconds(30));
    INFO(name_ << ": " << answer.dump());
    REQUIRE(entered);
    REQUIRE(answer["type"] == "welcome");
    note(answer);
    return answer;
}

void roaming_member::note(const json& welcome) {
    room_ = welcome["room_id"];
    participant_ = welcome["participant_id"];
    if (welcome.contains("token")) token_ = welcome["token"];
    if (welcome.contains("invite_code")) invite_ = welcome["invite_code"];
    seen_ = std::max(seen_, welcome["last_seq"].get<std::uint64_t>());
}

std::unique_ptr<roaming_member> roaming_member::join(std::uint16_t proxy, const std::string& invite,
                                                     const std::string& name) {
    std::unique_ptr<roaming_member> m(new roaming_member(proxy, name));
    const auto where = http_get(proxy, "/api/invitations/" + invite);
    REQUIRE(where.status == 200);
    m->room_ = json::parse(where.body)["room_id"];
    m->enter({{"type", "join"}, {"invite", invite}, {"name", name}});
    return m;
}

std::unique_ptr<roaming_member>
roaming_member::create(std::uint16_t proxy, const std::string& case_code, const std::string& name) {
    std::unique_ptr<roaming_member> m(new roaming_member(proxy, name));
    m->enter({{"type", "create"},
              {"format", "qualitaetszirkel"},
              {"case_code", case_code},
              {"title", "Cluster"},
              {"name", name}});
    return m;
}

json roaming_member::resume() {
    if (ws_) seen_ = std::max(seen_, ws_->last_seq());
    ++reconnects_;
    return enter({{"type", "resume"}, {"token", token_}, {"last_seq", seen_}});
}

json roaming_member::command(const std::string& type, const json& fields) {
    const auto id = name_ + "-" + std::to_string(++counter_);
    const json frame{{"type", "command"}, {"id", id}, {"command", type}, {"fields", fields}};
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!ws_ || ws_->closed()) resume();
        try {
            ws_->send(frame);
        } catch (const std::exception&) {
            ws_.reset();
            continue;
        }
        while (auto f = ws_->next(std::chrono::seconds(10))) {
            const auto answer_type = f->value("type", "");
            if (f->value("id", "") == id && (answer_type == "ack" || answer_type == "rejected")) {
                if (answer_type == "ack")
                    acks_[id] = (*f)["seqs"].get<std::vector<std::uint64_t>>();
                seen_ = std::max(seen_, ws_->last_seq());
                return *f;
            }
            // Not stored (storage_unavailable) or moved: sent again after resuming.
            if (f->value("id", "") == id || f->value("code", "") == "room_moved") break;
        }
        seen_ = std::max(seen_, ws_->last_seq());
        ws_.reset();
    }
    FAIL(name_ << ": " << type << " was never answered");
    return {};
}

json roaming_member::minutes() {
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!ws_ || ws_->closed()) resume();
        ws_->send({{"type", "minutes"}});
        while (auto f = ws_->next(std::chrono::seconds(10)))
            if (f->value("type", "") == "minutes" ||
                (f->value("type", "") == "error" && f->value("code", "") != "room_moved"))
                return *f;
        ws_.reset();
    }
    FAIL(name_ << ": the minutes never came");
    return {};
}

} // namespace casecircle::testing
