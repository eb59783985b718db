#pragma once

#include <string>
#include <string_view>

namespace casecircle::protocol {

// Where in a format a JSON pointer points, in German words for the people who edit a team's
// format: "/steps/3/budget_minutes" → "Schritt 4, Zeitbudget". Unknown field names stay as
// they are, quoted; "" is the whole format.
std::string place_in_words_de(std::string_view pointer);

} // namespace casecircle::protocol
