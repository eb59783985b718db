#include "support.hpp"

#include <fstream>
#include <sstream>

using namespace casecircle::protocol;

// ENGINE.md is what a stranger writes a client from: it must name every command, every event
// and every rejection with its exact messages.
TEST_CASE("ENGINE.md documents every command, event and rejection", "[doc]") {
    std::ifstream in(std::string(CASECIRCLE_TEMPLATES_DIR) + "/../ENGINE.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = text.str();
    for (const auto type : command_types()) {
        INFO("command " << type);
        CHECK(doc.find("| `" + std::string(type) + "` |") != std::string::npos);
    }
    CHECK(event_types().size() == 40);
    for (const auto type : event_types()) {
        INFO("event " << type);
        CHECK(doc.find("`" + std::string(type) + "`") != std::string::npos);
        CHECK(doc.find("\"type\":\"" + std::string(type) + "\"") !=
              std::string::npos); // an example
    }
    for (const auto& r : all_rejections()) {
        INFO("rejection " << r.code);
        CHECK(doc.find("| `" + r.code + "` | " + r.message_de) != std::string::npos);
        CHECK(doc.find(r.message_en) != std::string::npos);
    }
}
