#include "tests/chaos/verify.hpp"

#include <pqxx/pqxx>
#include <set>

namespace casecircle::chaos {

namespace {

using command_key = std::pair<std::string, std::string>; // actor, command_id

struct room_index {
    std::map<command_key, std::vector<std::uint64_t>> seqs_of;
    std::map<std::string, unsigned> cards_with_text;
};

room_index index_room(const std::vector<stored_event>& rows) {
    room_index index;
    for (const auto& r : rows) {
        if (!r.command_id.empty()) index.seqs_of[{r.actor, r.command_id}].push_back(r.seq);
        if (r.type == "card_added") ++index.cards_with_text[r.text];
    }
    return index;
}

void note(verdict& v, std::string text) {
    if (v.details.size() < 40) v.details.push_back(std::move(text));
}

std::string seqs_text(const std::vector<std::uint64_t>& seqs) {
    std::string out;
    for (const auto s : seqs)
        out += (out.empty() ? "" : ",") + std::to_string(s);
    return "[" + out + "]";
}

void check_gaps(const std::string& room, const std::vector<stored_event>& rows, verdict& v) {
    std::uint64_t previous = 0;
    for (const auto& r : rows) {
        if (r.seq != previous + 1) {
            v.gaps += r.seq > previous ? r.seq - previous - 1 : 1;
            note(v, "room " + room + ": seq " + std::to_string(r.seq) + " after " +
                        std::to_string(previous));
        }
        previous = r.seq;
    }
}

void check_command(const std::string& room, const member& m, std::uint64_t n, const command_rec& c,
                   const room_index& index, verdict& v) {
    const auto id = "c" + std::to_string(n);
    const auto found = index.seqs_of.find({m.participant_id, id});
    const auto stored = found == index.seqs_of.end() ? std::vector<std::uint64_t>{} : found->second;
    const auto where = "room " + room + " " + m.participant_id + " " + id + " (" + c.name + ")";
    if (!c.text.empty()) {
        const auto copies = index.cards_with_text.find(c.text);
        if (copies != index.cards_with_text.end() && copies->second > 1) {
            ++v.duplicated;
            note(v, where + ": card stored " + std::to_string(copies->second) + " times, seqs " +
                        seqs_text(stored));
        }
    }
    if (c.acked) {
        ++v.commands_checked;
        if (stored.empty()) {
            ++v.lost;
            note(v, where + ": acked " + seqs_text(c.seqs) + ", not stored");
        } else if (stored != c.seqs) {
            ++v.seq_mismatches;
            if (stored.size() > c.seqs.size() && c.text.empty()) ++v.duplicated;
            note(v, where + ": acked " + seqs_text(c.seqs) + ", stored " + seqs_text(stored));
        }
    } else if (!c.refused.empty()) {
        if (!stored.empty()) {
            ++v.refused_stored;
            note(v, where + ": refused " + c.refused + ", stored " + seqs_text(stored));
        }
    } else {
        ++v.unresolved;
        v.unresolved_stored += !stored.empty();
        note(v, where + ": never answered, stored " + seqs_text(stored));
    }
}

void check_view(const std::string& room, const member& m, const std::vector<stored_event>& rows,
                verdict& v) {
    for (std::size_t i = 0; i < m.view.size(); ++i) {
        const auto seq = m.first_seq + i;
        const auto& seen = m.view[i];
        const bool stored = seq >= 1 && seq <= rows.size() && rows[seq - 1].seq == seq;
        const bool same = stored && rows[seq - 1].type == seen.type &&
                          rows[seq - 1].actor == seen.actor &&
                          (seen.type != "card_added" || rows[seq - 1].text == seen.text);
        if (same) continue;
        ++v.view_mismatches;
        note(v, "room " + room + " " + m.participant_id + ": saw seq " + std::to_string(seq) +
                    " as " + seen.type + " by " + seen.actor + " '" + seen.text + "', stored " +
                    (stored ? rows[seq - 1].type + " by " + rows[seq - 1].actor + " '" +
                                  rows[seq - 1].text + "'"
                            : std::string("nothing")));
    }
    const auto end = rows.empty() ? 0 : rows.back().seq;
    if (!m.caught_up || m.last_seq != end) {
        ++v.members_behind;
        note(v, "room " + room + " " + m.participant_id + ": view ends at " +
                    std::to_string(m.last_seq) + ", stored log at " + std::to_string(end) +
                    (m.caught_up ? "" : " (final resume failed)"));
    }
}

void check_foreign(const std::string& room, const chaos_room& r, const room_index& index,
                   verdict& v) {
    std::set<command_key> known;
    for (const auto& m : r.members())
        for (const auto& [n, c] : m.commands)
            known.insert({m.participant_id, "c" + std::to_string(n)});
    for (const auto& [key, seqs] : index.seqs_of) {
        if (known.count(key)) continue;
        ++v.foreign;
        note(v, "room " + room + ": stored command " + key.first + " " + key.second +
                    " that no client sent, seqs " + seqs_text(seqs));
    }
}

} // namespace

stored_log read_stored_log(const std::string& database_url) {
    pqxx::connection conn(database_url);
    pqxx::read_transaction txn(conn);
    const auto rows = txn.exec("SELECT room_id, seq, actor, type, coalesce(command_id, ''), "
                               "coalesce(data->>'text', '') FROM room_events "
                               "ORDER BY room_id, seq");
    stored_log log;
    for (const auto& row : rows)
        log[row[0].as<std::string>()].push_back(
            {row[1].as<std::uint64_t>(), row[2].as<std::string>(), row[3].as<std::string>(),
             row[4].as<std::string>(), row[5].as<std::string>()});
    return log;
}

verdict check(const std::vector<std::unique_ptr<chaos_room>>& rooms, const stored_log& log) {
    verdict v;
    static const std::vector<stored_event> none;
    for (const auto& r : rooms) {
        const auto found = log.find(r->room_id());
        const auto& rows = found == log.end() ? none : found->second;
        v.stored_events += rows.size();
        const auto index = index_room(rows);
        check_gaps(r->room_id(), rows, v);
        for (const auto& m : r->members()) {
            for (const auto& [n, c] : m.commands)
                check_command(r->room_id(), m, n, c, index, v);
            check_view(r->room_id(), m, rows, v);
        }
        check_foreign(r->room_id(), *r, index, v);
    }
    return v;
}

} // namespace casecircle::chaos
