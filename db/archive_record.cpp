#include "db/archive_record.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

std::string text_at(const json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& items_at(const json& j, const char* key) {
    static const json empty = json::array();
    if (!j.is_object()) return empty;
    const auto it = j.find(key);
    return it != j.end() && it->is_array() ? *it : empty;
}

std::vector<archived_card> cards_of(const json& minutes) {
    std::vector<archived_card> cards;
    for (const auto& step : items_at(minutes, "steps"))
        for (const auto& category : items_at(step, "categories"))
            for (const auto& c : items_at(category, "cards"))
                cards.push_back({text_at(c, "id"), step.value("number", 0), text_at(step, "key"),
                                 text_at(category, "key"), text_at(category["title"], "de"),
                                 text_at(category, "record"), text_at(c, "text"),
                                 text_at(c["author"], "name"), c.value("advocatus", false)});
    return cards;
}

// What a supervisor searches for: the question, every card, the options, the decision and the
// remarks – not names or times.
std::string search_text_of(const json& minutes, const std::vector<archived_card>& cards) {
    std::string text;
    const auto add = [&text](std::string part) {
        // These two characters mark hits in search snippets; user text must not fake them.
        for (const auto* marker : {hit_start, hit_end})
            for (auto at = part.find(marker); at != std::string::npos; at = part.find(marker))
                part.erase(at, std::string_view(marker).size());
        if (part.empty()) return;
        if (!text.empty()) text += '\n';
        text += part;
    };
    add(text_at(minutes, "title"));
    const auto& summary = minutes["case_summary"];
    for (const char* part : {"history", "initial_situation", "work_so_far", "service_steering"})
        add(text_at(summary, part));
    const auto& question = minutes["question"];
    add(text_at(question["original"], "text"));
    for (const auto& q : items_at(question, "alternatives"))
        add(text_at(q, "text"));
    for (const auto& c : cards)
        add(c.text);
    for (const auto& o : items_at(minutes, "options"))
        add(text_at(o, "text"));
    add(text_at(minutes["decision"], "text"));
    add(text_at(minutes, "closing_remark"));
    return text;
}

} // namespace

archived_minutes archive_of(std::string room_id, json minutes, std::string markdown) {
    archived_minutes out;
    out.room_id = std::move(room_id);
    out.format = text_at(minutes["format"], "id");
    out.case_code = text_at(minutes, "case_code");
    out.title = text_at(minutes, "title");
    out.session_date = text_at(minutes, "date");
    out.moderator = text_at(minutes["moderator"], "name");
    out.approved_at_ms = minutes.value("approved_at", std::int64_t{0});
    out.review_date = text_at(minutes, "review_date");
    out.cards = cards_of(minutes);
    out.search_text = search_text_of(minutes, out.cards);
    out.content = std::move(minutes);
    out.markdown = std::move(markdown);
    return out;
}

std::string archive_insert_sql(pqxx::transaction_base& tx, const archived_minutes& r) {
    const auto q = [&tx](const std::string& s) { return tx.quote(s); };
    std::string sql =
        "INSERT INTO minutes (room_id, format, case_code, title, session_date, moderator, "
        "approved_at, review_date, content, markdown, search_text) VALUES (" +
        q(r.room_id) + "," + q(r.format) + "," + q(r.case_code) + "," + q(r.title) + "," +
        q(r.session_date) + "::date," + q(r.moderator) + ",to_timestamp(" +
        std::to_string(r.approved_at_ms) + "/1000.0)," +
        (r.review_date.empty() ? std::string("NULL") : q(r.review_date) + "::date") + "," +
        q(r.content.dump()) + "::jsonb," + q(r.markdown) + "," + q(r.search_text) + ");";
    if (r.cards.empty()) return sql;
    sql += "INSERT INTO minutes_cards (room_id, card_id, step, step_key, category, "
           "category_title, record, text, author, advocatus) VALUES ";
    for (std::size_t i = 0; i < r.cards.size(); ++i) {
        const auto& c = r.cards[i];
        sql += (i == 0 ? "(" : ",(") + q(r.room_id) + "," + q(c.card_id) + "," +
               std::to_string(c.step) + "," + q(c.step_key) + "," + q(c.category) + "," +
               q(c.category_title) + "," + (c.record.empty() ? std::string("NULL") : q(c.record)) +
               "," + q(c.text) + "," + q(c.author) + "," + (c.advocatus ? "true" : "false") + ")";
    }
    return sql + ";";
}

} // namespace casecircle::db
