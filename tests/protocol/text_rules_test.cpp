#include "support.hpp"

using namespace casecircle::protocol;

TEST_CASE("text is trimmed and checked for UTF-8, control characters and length", "[text]") {
    CHECK(clean_text("  Hallo  ", text_kind::single_line, 1, 10) == "Hallo");
    CHECK(clean_text("Grüße 😀", text_kind::single_line, 1, 7) == "Grüße 😀"); // 7 code points
    CHECK_FALSE(clean_text("Grüße 😀!", text_kind::single_line, 1, 7));
    CHECK_FALSE(clean_text("   ", text_kind::single_line, 1, 10));
    CHECK(clean_text("   ", text_kind::single_line, 0, 10) == "");
    CHECK_FALSE(clean_text("a\nb", text_kind::single_line, 1, 10));
    CHECK(clean_text("a\nb", text_kind::multi_line, 1, 10) == "a\nb");
    CHECK_FALSE(clean_text("a\x01"
                           "b",
                           text_kind::multi_line, 1, 10));
    CHECK_FALSE(clean_text("\xC3\x28", text_kind::multi_line, 1, 10));         // broken sequence
    CHECK_FALSE(clean_text("\xC0\xAF", text_kind::multi_line, 1, 10));         // overlong
    CHECK_FALSE(clean_text("\xED\xA0\x80", text_kind::multi_line, 1, 10));     // surrogate
    CHECK_FALSE(clean_text("\xF4\x90\x80\x80", text_kind::multi_line, 1, 10)); // above U+10FFFF
    CHECK_FALSE(clean_text("\xE2\x82", text_kind::multi_line, 1, 10));         // truncated
}

TEST_CASE("dates are strict calendar days", "[text]") {
    CHECK(parse_date("2028-02-29"));
    CHECK_FALSE(parse_date("2027-02-29"));
    CHECK_FALSE(parse_date("2027-13-01"));
    CHECK_FALSE(parse_date("2027-1-01"));
    CHECK_FALSE(parse_date("2027-01-1x"));
    CHECK(format_date(*parse_date("2027-01-05")) == "2027-01-05");
    CHECK(format_date(date_of(0)) == "1970-01-01");
    CHECK(format_date(date_of(-1)) == "1969-12-31");
    CHECK(format_date(date_of(1'795'000'000'000)) == "2026-11-18");
    CHECK(days_since_epoch(*parse_date("1970-01-02")) == 1);
}
