#include "full_session.hpp"

namespace casecircle::protocol::testing {

namespace {

nlohmann::json idea(const char* category, const char* text) {
    return {{"category", category}, {"text", text}};
}

void next(session_driver& s, millis after) {
    s.advance(after);
    s.ok("p1", "next_step");
}

} // namespace

session_driver full_quality_circle() {
    auto s = qz_with_roles();
    s.ok("system", "link_previous_session",
         {{"previous_session_id", "5b1e"},
          {"held_on", "2026-09-02"},
          {"question", "Wie stabilisiere ich die Wohnsituation?"},
          {"decision", "Antrag auf Mietschuldenübernahme stellen"},
          {"review_date", "2026-11-01"},
          {"prognosis_distribution", {0, 1, 2, 1, 0}}});
    s.ok("p1", "assign_advocatus", {{"participant_id", "p6"}});
    s.advance(minute);
    s.ok("p1", "start"); // step 1 at t0 + 1 min

    s.ok("p2", "set_case_summary",
         {{"history", "Hauptschulabschluss, Ausbildung abgebrochen."},
          {"initial_situation", "Seit 2 Jahren arbeitslos, lebt allein."},
          {"work_so_far", "Profiling, Eingliederungsvereinbarung; Arbeitsbündnis brüchig."},
          {"service_steering", "Schuldnerberatung bisher nicht erreicht."}});
    next(s, 12 * minute); // step 2

    s.ok("p2", "set_question", {{"text", "Wie gewinne ich K. für verbindliche Termine?"}});
    next(s, 90'000); // step 3

    s.ok("p3", "propose_alternative_question",
         {{"text", "Was hindert K. daran, Termine zu halten?"}});
    s.advance(2 * minute);
    s.ok("p1", "pause");
    s.advance(3 * minute);
    s.ok("p1", "resume");
    s.ok("p6", "propose_alternative_question", {{"text", "Braucht K. überhaupt Termine?"}});
    s.ok("p1", "choose_question", {{"question_id", "a1"}});
    next(s, 3 * minute); // step 4: 8 min wall, 5 active

    s.ok("p1", "extend", {{"minutes", 5}});
    s.ok("p3", "add_card", idea("staerken", "Zuverlässig bei Themen, die ihn interessieren")); // c1
    s.ok("p4", "pass_turn");
    s.ok("p6", "add_card", idea("schwaechen", "Vermeidet Behördenpost")); // c2, AD
    s.ok("p3", "add_card", idea("schwaechen", "Schulden"));               // c3
    s.ok("p4", "add_card", idea("staerken", "Kontakt zur Schwester"));    // c4
    next(s, 14 * minute);                                                 // step 5

    s.ok("p6", "add_card", idea("was_taete_gut", "Ein fester Ansprechpartner")); // c5, AD
    s.ok("p2", "add_card", idea("was_taete_gut", "Erfolgserlebnisse"));          // c6
    next(s, 5 * minute);                                                         // step 6

    s.ok("p3", "add_card", idea("vorhandene_hilfe", "Schuldnerberatung")); // c7
    s.ok("p4", "add_card", idea("vorhandene_hilfe", "Aufsuchende Hilfe")); // c8
    s.ok("p1", "move_card", {{"card_id", "c8"}, {"category", "zu_entwickelnde_hilfe"}});
    s.ok("p1", "group_cards", {{"card_ids", {"c7", "c8"}}, {"label", "Finanzen"}});
    next(s, 4 * minute); // step 7

    s.ok("p4", "add_card", idea("fehlt", "Aufsuchende Schuldnerberatung")); // c9
    s.ok("p3", "add_card", idea("zu_spaet", "Termin erst nach 10 Wochen")); // c10
    s.ok("p3", "add_card", idea("unzureichend", "Tippfehler"));             // c11
    s.ok("p3", "withdraw_card", {{"card_id", "c11"}});
    s.ok("p6", "add_card",
         idea("kooperation_scheitert", "Jobcenter und Suchtberatung reden nicht")); // c12
    next(s, 5 * minute);                                                            // step 8

    s.ok("p3", "add_option", {{"text", "Gemeinsamer Termin bei der Schuldnerberatung"}}); // o1
    s.ok("p6", "add_option", {{"text", "Nichts tun und abwarten"}});                      // o2, AD
    s.ok("p2", "record_decision",
         {{"text", "Ich begleite K. zum ersten Termin der Schuldnerberatung."},
          {"review_date", "2027-01-15"},
          {"option_id", "o1"}});
    s.ok("p3", "state_backing", {{"vote", "yes"}});
    s.ok("p4", "state_backing", {{"vote", "no"}, {"note", "Erst die Sucht angehen"}});
    s.ok("p6", "state_backing", {{"vote", "abstain"}});
    next(s, 10 * minute); // step 9

    s.ok("p2", "give_feedback", {{"text", "Entlastet, neue Sicht auf die Post"}});
    s.ok("p3", "give_feedback", {{"text", "Gute Atmosphäre"}});
    s.ok("p2", "give_prognosis", {{"rating", 4}});
    s.ok("p3", "give_prognosis", {{"rating", 3}, {"obstacles", {"Suchtproblem unbehandelt"}}});
    s.ok("p4", "give_prognosis", {{"rating", 2}});
    s.ok("p6", "give_prognosis", {{"rating", 3}});
    s.ok("p4", "suggest_improvement", {{"text", "Beratungsfrage braucht mehr als eine Minute"}});
    s.advance(9 * minute);
    s.ok("p1", "end");
    return s;
}

} // namespace casecircle::protocol::testing
