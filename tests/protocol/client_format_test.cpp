#include "support.hpp"

#include "protocol/wire.hpp"

#include <set>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

std::shared_ptr<const format_template> parsed(const json& document) {
    auto t = parse_template("", document);
    REQUIRE(std::holds_alternative<std::shared_ptr<const format_template>>(t));
    return std::get<std::shared_ptr<const format_template>>(t);
}

template <class Message> Message parsed_as(const std::string& text) {
    auto parsed = wire::parse_client_message(text);
    if (const auto* error = std::get_if<wire::wire_error>(&parsed)) FAIL(error->message_en);
    auto& message = std::get<wire::client_message>(parsed);
    REQUIRE(std::holds_alternative<Message>(message));
    return std::get<Message>(message);
}

std::string error_code_of(const std::string& text) {
    auto parsed = wire::parse_client_message(text);
    REQUIRE(std::holds_alternative<wire::wire_error>(parsed));
    return std::get<wire::wire_error>(parsed).code;
}

} // namespace

TEST_CASE("a format's client document holds its step texts under a content key", "[format]") {
    const auto qz = shipped("qualitaetszirkel");
    const auto frame = json::parse(qz->client_frame);
    CHECK(frame["type"] == "format");
    const auto document = frame["format"];
    CHECK(document["key"] == qz->client_key);
    CHECK(qz->client_key.starts_with("qualitaetszirkel@" + std::to_string(qz->version) + "-"));
    REQUIRE(document["steps"].size() == qz->steps.size());
    for (std::size_t i = 0; i < qz->steps.size(); ++i) {
        const auto& step = document["steps"][i];
        CHECK(step["number"] == i + 1);
        CHECK(step["key"] == qz->steps[i].key);
        CHECK(step["title"]["de"] == qz->steps[i].title.de);
        CHECK(step["budget_minutes"] == qz->steps[i].budget_minutes);
        CHECK(step["categories"].size() == qz->steps[i].categories.size());
    }

    SECTION("the same document parsed again has the same key") {
        CHECK(parsed(qz->source)->client_key == qz->client_key);
    }
    SECTION("a changed text under the same version number gets a new key") {
        auto edited = qz->source;
        edited["steps"][0]["title"]["de"] = "Ankommen (geändert)";
        const auto changed = parsed(edited);
        CHECK(changed->version == qz->version);
        CHECK(changed->client_key != qz->client_key);
    }
    SECTION("every shipped format has its own key") {
        std::set<std::string> keys;
        for (const auto& summary : shipped_templates().list())
            keys.insert(shipped(summary.id)->client_key);
        CHECK(keys.size() == shipped_templates().list().size());
    }
}

TEST_CASE("session_created on the wire names its template by key", "[format][wire]") {
    session_driver s("qualitaetszirkel");
    const auto& format = *s.data().format;

    const auto& created = s.events().front();
    REQUIRE(created.type == "session_created");
    const auto sent = json::parse(wire::event_text(created, format));
    CHECK(sent["data"]["template_key"] == format.client_key);
    CHECK_FALSE(sent["data"].contains("template"));
    CHECK(sent["data"]["case_code"] == "JC-2026-017");
    // The stored event keeps the whole template: a session's log must replay on its own.
    CHECK(to_json(created)["data"]["template"] == format.source);

    const auto& joined = s.events().at(1);
    CHECK(wire::event_text(joined, format) == to_json(joined).dump());
}

TEST_CASE("entry frames may name the formats the client already holds", "[wire]") {
    const auto resume = parsed_as<wire::resume_message>(
        R"({"type":"resume","token":"t","last_seq":3,"known_templates":["a@1-x","b@2-y"]})");
    CHECK(resume.knows("b@2-y"));
    CHECK_FALSE(resume.knows("c@1-z"));
    CHECK(parsed_as<wire::join_message>(R"({"type":"join","invite":"i","name":"n"})")
              .known_templates.empty());
    CHECK(
        parsed_as<wire::create_message>(
            R"({"type":"create","format":"f","case_code":"C-1","name":"n","known_templates":["k"]})")
            .knows("k"));
    CHECK(parsed_as<wire::guest_join_message>(
              R"({"type":"guest_join","invitation":"g","name":"n","known_templates":[]})")
              .known_templates.empty());

    SECTION("a malformed list is refused by name, not ignored") {
        for (const auto* bad : {R"("k")", R"([1])", R"([""])", R"({"k":1})"}) {
            INFO(bad);
            CHECK(error_code_of(std::string(R"({"type":"resume","token":"t","known_templates":)") +
                                bad + "}") == "invalid_field");
        }
        json many = json::array();
        for (int i = 0; i < 17; ++i)
            many.push_back("k" + std::to_string(i));
        CHECK(error_code_of(
                  json{{"type", "join"}, {"invite", "i"}, {"name", "n"}, {"known_templates", many}}
                      .dump()) == "invalid_field");
        CHECK(error_code_of(json{{"type", "join"},
                                 {"invite", "i"},
                                 {"name", "n"},
                                 {"known_templates", {std::string(129, 'k')}}}
                                .dump()) == "invalid_field");
    }
}
