#include "protocol/csv.hpp"

#include <catch2/catch.hpp>

using namespace casecircle::protocol;

TEST_CASE("CSV fields are quoted only when they must be", "[exports][csv]") {
    CHECK(csv::field("Schulden") == "Schulden");
    CHECK(csv::field("") == "");
    CHECK(csv::field("Größe, Maß") == "Größe, Maß"); // commas are no separator here
    CHECK(csv::field("a;b") == "\"a;b\"");
    CHECK(csv::field("sagt \"nein\"") == "\"sagt \"\"nein\"\"\"");
    CHECK(csv::field("Zeile 1\r\nZeile 2") == "\"Zeile 1\r\nZeile 2\"");
    CHECK(csv::field("Zeile 1\nZeile 2") == "\"Zeile 1\nZeile 2\"");
    CHECK(csv::row({"a", "b;c", ""}) == "a;\"b;c\";\r\n");
}

TEST_CASE("CSV fields that a spreadsheet would run as a formula are defused", "[exports][csv]") {
    CHECK(csv::field("=1+1") == "'=1+1");
    CHECK(csv::field("+49 30 1234") == "'+49 30 1234");
    CHECK(csv::field("-5 Punkte") == "'-5 Punkte");
    CHECK(csv::field("@SUMME(A1)") == "'@SUMME(A1)");
    CHECK(csv::field("\tTab") == "'\tTab");
    CHECK(csv::field("\rCR") == "\"'\rCR\"");
    CHECK(csv::field("=HYPERLINK(\"http://x\";\"klick\")") ==
          "\"'=HYPERLINK(\"\"http://x\"\";\"\"klick\"\")\"");
    CHECK(csv::field("a=b") == "a=b"); // only the first character matters
}
