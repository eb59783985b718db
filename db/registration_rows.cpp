#include "db/registration_rows.hpp"

#include "db/archive_queries.hpp"
#include "db/row_values.hpp"

namespace casecircle::db {
namespace {

using json = nlohmann::json;

constexpr const char* registration_columns =
    "c.registration_id, c.date_id, c.case_code, c.format, c.kind, c.registered_by, "
    "coalesce(u.display_name, ''), c.question, c.report::text, c.minutes_needed, c.position, "
    "c.rolled_over, (extract(epoch FROM c.rolled_from) * 1000)::bigint, "
    "coalesce(c.roll_reason, ''), r.room_id, "
    "coalesce(r.state, ''), "
    "(SELECT count(*) FROM prepared_cards p WHERE p.registration_id = c.registration_id), "
    "c.follows_room_id, coalesce(m.session_date::text, ''), "
    "coalesce(m.content->'decision'->>'text', ''), coalesce(m.review_date::text, ''), "
    "coalesce(m.content->'prognosis'->'distribution', 'null')::text, "
    "(extract(epoch FROM cd.starts_at) * 1000)::bigint, "
    "to_char(cd.starts_at AT TIME ZONE ct.time_zone, 'YYYY-MM-DD'), "
    "to_char(c.rolled_from AT TIME ZONE ct.time_zone, 'YYYY-MM-DD') "
    "FROM case_registrations c LEFT JOIN users u ON u.user_id = c.registered_by "
    "JOIN circle_dates cd ON cd.date_id = c.date_id JOIN teams ct ON ct.team_id = c.team_id "
    "LEFT JOIN registration_sessions r ON r.registration_id = c.registration_id "
    "LEFT JOIN minutes m ON m.room_id = c.follows_room_id ";

} // namespace

json registration_of(const pqxx::row& r) {
    json out{{"registration_id", r[0].as<std::int64_t>()},
             {"date_id", r[1].as<std::int64_t>()},
             {"case_code", r[2].as<std::string>()},
             {"format", r[3].as<std::string>()},
             {"kind", r[4].as<std::string>()},
             {"registered_by", integer_or_null(r[5])},
             {"registered_by_name", r[6].as<std::string>()},
             {"question", r[7].as<std::string>()},
             {"report", json::parse(r[8].as<std::string>())},
             {"minutes_needed", r[9].as<int>()},
             {"position", r[10].as<int>()},
             {"rolled_over", r[11].as<int>()},
             {"rolled_from", integer_or_null(r[12])},
             {"roll_reason", text_or_null(r[13])},
             {"room_id", text_or_null(r[14])},
             {"session", text_or_null(r[15])},
             {"prepared_cards", r[16].as<std::int64_t>()},
             {"follows", nullptr},
             {"date_starts_at", r[22].as<std::int64_t>()},
             {"date_day", r[23].as<std::string>()},
             {"rolled_from_day", text_or_null(r[24])}};
    if (!r[17].is_null()) {
        const auto counts = prognosis_counts(json::parse(r[21].as<std::string>()));
        out["follows"] = {{"room_id", r[17].as<std::string>()},
                          {"held_on", r[18].as<std::string>()},
                          {"decision", r[19].as<std::string>()},
                          {"review_date", r[20].as<std::string>()},
                          {"prognosis", counts}};
    }
    return out;
}

std::string registration_select() {
    return std::string("SELECT ") + registration_columns;
}

} // namespace casecircle::db
