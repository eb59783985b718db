// The generator's one-pass scanner, on frames shaped as protocol/wire.cpp writes them: with
// state_updates "full" or "patch" an events frame also carries the state or a patch of it, whose
// cards hold tags too. Counted, those would count a card's receipt twice (issue #17).
#include "tests/load/frame_scan.hpp"

#include <catch2/catch.hpp>

using namespace casecircle::load;

namespace {

std::string card_event(std::uint64_t seq, std::uint64_t tag) {
    return R"({"seq":)" + std::to_string(seq) +
           R"(,"at":1795471080123,"actor":"p3","type":"card_added","data":{"card_id":"c)" +
           std::to_string(seq) + R"(","category":"was_taete_gut","text":")" +
           tagged_card_text(tag, 80) + R"("}})";
}

std::string state_with_cards(std::uint64_t last_tag) {
    // Appended, not a + "..." + b: GCC 12 warns falsely about operator+ on a literal.
    std::string state = R"({"template_key":"qualitaetszirkel@1-3f0c","last_seq":)";
    state += std::to_string(last_tag);
    state += R"(,"cards":[)";
    for (std::uint64_t tag = 1; tag <= last_tag; ++tag) {
        if (tag > 1) state += ',';
        state += R"({"id":"c)";
        state += std::to_string(tag);
        state += R"(","seq":)";
        state += std::to_string(tag);
        state += R"(,"text":")";
        state += tagged_card_text(tag, 80);
        state += R"("})";
    }
    state += R"(],"step":{"seq":9,"number":5}})";
    return state;
}

} // namespace

TEST_CASE("An events frame yields its seqs and tags", "[load][scan]") {
    frame_summary scan;
    const auto frame =
        R"({"events":[)" + card_event(7, 41) + "," + card_event(8, 42) + R"(],"type":"events"})";
    scan_frame(frame, scan); // the summary's views point into frame
    CHECK(scan.type == "events");
    CHECK(scan.seqs == std::vector<std::uint64_t>{7, 8});
    CHECK(scan.tags == std::vector<std::uint64_t>{41, 42});
    CHECK_FALSE(scan.has_state());
    CHECK_FALSE(scan.state_patch);
    CHECK(scan.base_seq == frame_summary::none);
}

TEST_CASE("The whole state in an events frame adds no seqs and no tags", "[load][scan]") {
    frame_summary scan;
    const auto frame = R"({"events":[)" + card_event(30, 30) + R"(],"state":)" +
                       state_with_cards(30) + R"(,"type":"events"})";
    scan_frame(frame, scan);
    CHECK(scan.type == "events");
    CHECK(scan.seqs == std::vector<std::uint64_t>{30});
    CHECK(scan.tags == std::vector<std::uint64_t>{30});
    REQUIRE(scan.has_state());
    CHECK(frame.substr(scan.state_begin, scan.state_end - scan.state_begin) ==
          state_with_cards(30));
    CHECK(scan.template_key == "qualitaetszirkel@1-3f0c");
    CHECK(scan.last_seq == frame_summary::none); // the state's own last_seq is not the frame's
}

TEST_CASE("A state patch in an events frame adds no seqs and no tags", "[load][scan]") {
    frame_summary scan;
    const auto frame = R"({"events":[)" + card_event(12, 5) + R"(],"base_seq":11,"state_patch":[)" +
                       R"({"op":"add","path":"/cards/4","value":{"id":"c12","seq":12,"text":")" +
                       tagged_card_text(5, 80) +
                       R"("}},{"op":"replace","path":"/last_seq","value":12}],"type":"events"})";
    scan_frame(frame, scan);
    CHECK(scan.seqs == std::vector<std::uint64_t>{12});
    CHECK(scan.tags == std::vector<std::uint64_t>{5});
    CHECK(scan.state_patch);
    CHECK(scan.base_seq == 11);
    CHECK_FALSE(scan.has_state());
}

TEST_CASE("Welcomes and state frames give their last_seq and state", "[load][scan]") {
    frame_summary scan;
    const auto state = state_with_cards(3);
    const auto state_frame = R"({"last_seq":3,"state":)" + state + R"(,"type":"state"})";
    scan_frame(state_frame, scan);
    CHECK(scan.type == "state");
    CHECK(scan.last_seq == 3);
    CHECK(scan.has_state());
    CHECK(scan.tags.empty());
    CHECK(scan.seqs.empty());

    const auto welcome = R"({"type":"welcome","participant_id":"p2","last_seq":17,"state":)" +
                         state + R"(,"token":"ab","invite_code":"K7QM"})";
    scan_frame(welcome, scan);
    CHECK(scan.type == "welcome");
    CHECK(scan.last_seq == 17);
    CHECK(scan.template_key == "qualitaetszirkel@1-3f0c");
}
