// Three casecircle processes on one PostgreSQL behind Debian's nginx (issue #18): a quality
// circle survives the SIGKILL of the process that serves it.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/nginx_proxy.hpp"
#include "tests/integration/support/roaming_member.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <set>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& category, const std::string& text) {
    return {{"category", category}, {"text", text}};
}

std::string owner_of(const std::string& url, const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx.exec_params1("SELECT node FROM room_leases WHERE room_id = $1", room_id)[0]
        .as<std::string>();
}

// Every stored command of the room: actor + id -> its seqs, in order.
std::map<std::string, std::vector<std::uint64_t>> stored_commands(const std::string& url,
                                                                  const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    std::map<std::string, std::vector<std::uint64_t>> out;
    for (const auto& row : tx.exec_params("SELECT actor, command_id, seq FROM room_events "
                                          "WHERE room_id = $1 AND command_id IS NOT NULL "
                                          "ORDER BY seq",
                                          room_id))
        out[row[0].as<std::string>() + "/" + row[1].as<std::string>()].push_back(
            row[2].as<std::uint64_t>());
    return out;
}

std::uint64_t last_stored_seq(const std::string& url, const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx.exec_params1("SELECT max(seq) FROM room_events WHERE room_id = $1", room_id)[0]
        .as<std::uint64_t>();
}

void ok(roaming_member& m, const std::string& type, const json& fields = json::object()) {
    const auto answer = m.command(type, fields);
    INFO(type << ": " << answer.dump());
    REQUIRE(answer["type"] == "ack");
}

} // namespace

TEST_CASE("a quality circle behind nginx goes on on another node when the node serving it is "
          "killed, with nothing lost or applied twice") {
    test_database db;
    std::vector<std::unique_ptr<server_process>> nodes;
    std::vector<std::uint16_t> ports;
    for (int i = 0; i < 3; ++i) {
        nodes.push_back(std::make_unique<server_process>(
            db.url(),
            std::vector<std::string>{"--node-name", "node" + std::to_string(i), "--open-rooms",
                                     "yes", "--trusted-proxy", "127.0.0.1"}));
        ports.push_back(nodes.back()->port());
    }
    nginx_proxy proxy(ports);

    // A second session on the cluster at the same time: it must not notice the failover
    // unless it lives on the same node.
    auto other = roaming_member::create(proxy.port(), "FALL-2026-2", "Moderation B");

    auto moderator = roaming_member::create(proxy.port(), "FALL-2026-1", "Moderatorin M.");
    const auto invite = moderator->invite();
    auto presenter = roaming_member::join(proxy.port(), invite, "Fallmanagerin F.");
    std::vector<std::unique_ptr<roaming_member>> colleagues;
    for (int i = 1; i <= 3; ++i)
        colleagues.push_back(
            roaming_member::join(proxy.port(), invite, "Kollege " + std::to_string(i)));
    std::vector<roaming_member*> everyone{moderator.get(), presenter.get()};
    for (auto& c : colleagues)
        everyone.push_back(c.get());
    const auto room_id = moderator->room_id();

    ok(*moderator, "assign_role",
       {{"participant_id", presenter->participant_id()}, {"role", "presenter"}});
    ok(*moderator, "start");
    ok(*presenter, "set_case_summary",
       {{"history", "Ausbildung abgebrochen."},
        {"initial_situation", "Arbeitslos."},
        {"work_so_far", "Brüchig."},
        {"service_steering", "Keine."}});
    ok(*moderator, "next_step");
    ok(*presenter, "set_question", {{"text", "Wie gewinne ich K. für Termine?"}});
    for (int step = 3; step <= 5; ++step)
        ok(*moderator, "next_step");
    std::set<std::string> cards;
    for (int i = 0; i < 3; ++i) {
        const auto text = "vor dem Ausfall " + std::to_string(i);
        ok(*colleagues[static_cast<std::size_t>(i)], "add_card", card("was_taete_gut", text));
        cards.insert(text);
    }

    // The node that serves the circle dies without a word.
    const auto owner = owner_of(db.url(), room_id);
    const auto victim = static_cast<std::size_t>(owner.back() - '0');
    nodes[victim]->kill();
    const auto killed_at = std::chrono::steady_clock::now();
    ok(*colleagues[0], "add_card", card("was_taete_gut", "nach dem Ausfall 0"));
    const auto served_after = std::chrono::steady_clock::now() - killed_at;
    cards.insert("nach dem Ausfall 0");
    INFO("served again after " << std::chrono::duration<double>(served_after).count() << " s");
    CHECK(served_after < std::chrono::seconds(10));
    CHECK(owner_of(db.url(), room_id) != owner);

    // Everyone carries on there, each resuming with what it missed.
    for (std::size_t i = 1; i < colleagues.size(); ++i) {
        const auto text = "nach dem Ausfall " + std::to_string(i);
        ok(*colleagues[i], "add_card", card("was_taete_gut", text));
        cards.insert(text);
    }
    ok(*moderator, "next_step");
    ok(*colleagues[1], "add_card", card("vorhandene_hilfe", "Schuldnerberatung"));
    ok(*moderator, "next_step");
    ok(*colleagues[2], "add_card", card("fehlt", "Aufsuchende Schuldnerberatung"));
    ok(*moderator, "next_step");
    ok(*presenter, "record_decision",
       {{"text", "Ich begleite K. zum ersten Termin."}, {"review_date", date_from_today(30)}});
    for (auto& c : colleagues)
        ok(*c, "state_backing", {{"vote", "yes"}});
    ok(*moderator, "next_step");
    for (auto* m : {presenter.get(), colleagues[0].get()})
        ok(*m, "give_prognosis", {{"rating", 4}});
    ok(*moderator, "end");
    ok(*moderator, "approve_minutes", {{"closing_remark", "Trotz Serverausfall vollständig."}});
    CHECK(other->resume()["type"] == "welcome");

    // Nothing lost, nothing twice: every acknowledged command is stored once, under the seqs
    // its ack named, and nothing else was stored.
    const auto stored = stored_commands(db.url(), room_id);
    std::size_t acked = 0;
    for (auto* m : everyone)
        for (const auto& [id, seqs] : m->acks()) {
            ++acked;
            const auto it = stored.find(m->participant_id() + "/" + id);
            INFO(id);
            REQUIRE(it != stored.end());
            CHECK(it->second == seqs);
        }
    CHECK(stored.size() == acked);
    for (auto* m : everyone) {
        const auto welcome = m->resume();
        CHECK(welcome["last_seq"] == last_stored_seq(db.url(), room_id));
    }

    // The minutes are complete: every card, the decision, the backing and the prognosis.
    const auto minutes = presenter->minutes();
    REQUIRE(minutes["type"] == "minutes");
    CHECK(minutes["approved"] == true);
    const auto text = minutes["markdown"].get<std::string>();
    for (const auto& c : cards)
        CHECK(text.find(c) != std::string::npos);
    CHECK(text.find("Ich begleite K. zum ersten Termin.") != std::string::npos);
    CHECK(minutes["minutes"]["backing"]["tally"]["yes"] == 3);
    CHECK(minutes["minutes"]["prognosis"]["count"] == 2);
    CHECK(minutes["minutes"]["closing_remark"] == "Trotz Serverausfall vollständig.");
}
