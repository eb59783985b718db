#include "full_session.hpp"
#include "protocol/export_names.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

json named(const char* date, const char* format, const char* case_code) {
    return {{"date", date}, {"format", {{"id", format}}}, {"case_code", case_code}};
}

} // namespace

TEST_CASE("download names carry date, format and case code", "[exports][names]") {
    const auto m = build_minutes(full_quality_circle().state());
    CHECK(export_file_name(m, "md") == "2026-11-18_qualitaetszirkel_JC-2026-017.md");
    CHECK(export_file_name(m, ".html") == "2026-11-18_qualitaetszirkel_JC-2026-017.html");
    CHECK(export_file_name(m, "karten.csv") ==
          "2026-11-18_qualitaetszirkel_JC-2026-017.karten.csv");
    CHECK(export_file_name(named("2026-11-23", "qualitaetszirkel", "FALL-2026-17"), "json") ==
          "2026-11-23_qualitaetszirkel_FALL-2026-17.json");
}

TEST_CASE("download names are safe whatever the case code holds", "[exports][names]") {
    CHECK(export_file_name(named("2026-11-23", "fallkonferenz", "JC 12/ä_b.c"), "md") ==
          "2026-11-23_fallkonferenz_JC-12--_b.c.md");
    CHECK(export_file_name(named("2026-11-23", "fallkonferenz", "../../etc/passwd"), "md") ==
          "2026-11-23_fallkonferenz_-..-etc-passwd.md");
    CHECK(export_file_name(named("2026-11-23", "q", "a\"b\r\nc"), "md") ==
          "2026-11-23_q_a-b--c.md");
    CHECK(export_file_name(named("23.11.2026", "", ""), "") ==
          "ohne-datum_protokoll_ohne-fallcode");
    CHECK(export_file_name(json("x"), "../csv") == "ohne-datum_protokoll_ohne-fallcode.-csv");
}
