#include "full_session.hpp"
#include "protocol/state_fingerprint.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

// The patch must turn the state the client holds into the next one, whatever changed.
json patched(const json& before, const json& after) {
    state_fingerprint print;
    print.remember(before);
    return before.patch(print.advance(after));
}

json state_with_cards(int n) {
    json cards = json::array();
    for (int i = 1; i <= n; ++i)
        cards.push_back({{"id", "c" + std::to_string(i)}, {"text", "Karte " + std::to_string(i)}});
    return {{"seq", n}, {"created", true}, {"cards", cards}, {"a/b~c", 1}};
}

} // namespace

TEST_CASE("a state patch turns each state of a whole quality circle into the next", "[patch]") {
    const auto live = full_quality_circle();
    session_state state;
    state_fingerprint print;
    json before = to_json(state);
    print.remember(before);
    std::size_t ops = 0;
    for (const auto& e : live.events()) {
        REQUIRE_FALSE(state.apply(e));
        const auto after = to_json(state);
        const auto patch = print.advance(after);
        ops += patch.size();
        REQUIRE(before.patch(patch) == after);
        before = after;
    }
    // Not one whole-document replacement per event: the patches name what changed.
    CHECK(ops < 6 * live.events().size());
}

TEST_CASE("a state patch names only what changed", "[patch]") {
    const auto before = state_with_cards(3);

    SECTION("nothing changed: no operation") {
        state_fingerprint print;
        print.remember(before);
        CHECK(print.advance(before).empty());
    }
    SECTION("a card added at the end is one add") {
        auto after = state_with_cards(4);
        after["seq"] = 3;
        state_fingerprint print;
        print.remember(before);
        const auto patch = print.advance(after);
        REQUIRE(patch.size() == 1);
        CHECK(patch[0] == json{{"op", "add"}, {"path", "/cards/-"}, {"value", after["cards"][3]}});
    }
    SECTION("a card withdrawn in the middle is one remove") {
        auto after = before;
        after["cards"].erase(1);
        state_fingerprint print;
        print.remember(before);
        const auto patch = print.advance(after);
        REQUIRE(patch.size() == 1);
        CHECK(patch[0] == json{{"op", "remove"}, {"path", "/cards/1"}});
        CHECK(before.patch(patch) == after);
    }
    SECTION("an edited card, a changed scalar and an escaped key") {
        auto after = before;
        after["cards"][0]["text"] = "geändert";
        after["seq"] = 9;
        after["a/b~c"] = 2;
        CHECK(patched(before, after) == after);
    }
    SECTION("members added, removed and changed in type") {
        auto after = before;
        after["cards"] = "keine";
        after["new"] = json::array({1, 2});
        CHECK(patched(before, after) == after);
        after.erase("seq");
        CHECK(patched(before, after) == after);
        CHECK(patched(after, before) == before);
    }
    SECTION("arrays that shrink, grow and reorder") {
        for (int from = 0; from <= 4; ++from)
            for (int to = 0; to <= 4; ++to)
                CHECK(patched(state_with_cards(from), state_with_cards(to)) ==
                      state_with_cards(to));
        auto reversed = before;
        std::reverse(reversed["cards"].begin(), reversed["cards"].end());
        CHECK(patched(before, reversed) == reversed);
    }
}

TEST_CASE("a fingerprint holds far less than the state's text", "[patch]") {
    const auto state = to_json(full_quality_circle().state());
    state_fingerprint print;
    print.remember(state);
    CHECK(print.bytes() * 4 < state.dump().size());
}

TEST_CASE("a state patch built from the engine's data turns each state into the next", "[patch]") {
    const auto live = full_quality_circle();
    session_state state;
    state_fingerprint print;
    print.remember(state);
    json before = to_json(state);
    std::size_t ops = 0;
    for (const auto& e : live.events()) {
        REQUIRE_FALSE(state.apply(e));
        const auto patch = print.advance(state);
        ops += patch.size();
        const auto after = to_json(state);
        REQUIRE(before.patch(patch) == after);
        before = after;
    }
    CHECK(ops < 6 * live.events().size());
}
