#include "server/entry_lookup.hpp"

#include "db/archive_queries.hpp"
#include "db/audit.hpp"
#include "db/case_registrations.hpp"
#include "db/guests.hpp"
#include "db/room_leases.hpp"
#include "db/room_log.hpp"
#include "db/team_formats.hpp"
#include "server/access.hpp"
#include "server/credentials.hpp"
#include "server/room.hpp"
#include "server/server_context.hpp"

#include "protocol/text_rules.hpp"

#include <algorithm>
#include <boost/asio/strand.hpp>

namespace casecircle::server {

namespace wire = protocol::wire;

namespace {

// How soon an entry refused with room_elsewhere is worth trying again.
constexpr std::chrono::milliseconds handover_retry{300};

// A known case continues where its last session of the same team ended. Open rooms belong to
// no team and start afresh.
std::optional<nlohmann::json> previous_of_case(pqxx::connection_base& conn,
                                               const wire::create_message& create,
                                               const std::optional<db::account>& account) {
    if (!account) return std::nullopt;
    const auto team = team_of_new_session(*account, create.team_id);
    const auto code = protocol::clean_case_code(create.case_code);
    if (!team || !code) return std::nullopt;
    auto link = db::previous_session_link(conn, *code, team);
    // The previous decision is case content the moderator is about to read in the new session.
    if (link)
        db::record_audit(conn, {team,
                                account->username,
                                "previous_decision_read",
                                link->value("previous_session_id", ""),
                                "",
                                {{"case_code", *code}}});
    return link;
}

// A format the server does not ship is one of the new session's team's own, in its latest
// version; another team's id stays unknown (unknown_format).
std::shared_ptr<const protocol::format_template>
team_format_of(pqxx::connection_base& conn, const wire::create_message& create,
               const std::optional<db::account>& account) {
    const auto team = account ? team_of_new_session(*account, create.team_id) : std::nullopt;
    if (!team) return nullptr;
    const auto stored = db::latest_team_format(conn, *team, create.format);
    if (!stored) return nullptr;
    auto parsed = protocol::parse_template("", stored->document);
    auto* format = std::get_if<std::shared_ptr<const protocol::format_template>>(&parsed);
    return format ? std::move(*format) : nullptr;
}

// The registered case a moderator opens a session from, or the refusal: a case of one of their
// teams, registered and not opened yet (the format and case code, when given, must match).
std::optional<entry_facts::registered_case>
registered_case_of(pqxx::connection_base& conn, const wire::create_message& create,
                   const std::optional<db::account>& account, std::string& refusal) {
    const auto team = account ? team_of_new_session(*account, create.team_id) : std::nullopt;
    if (!team) {
        refusal = account ? "not_in_team" : "login_required";
        return std::nullopt;
    }
    auto prepared = db::preparation_for_session(conn, *team, *create.registration_id);
    if (prepared.refusal != db::cycle_refusal::none) {
        refusal = db::code_of(prepared.refusal);
        return std::nullopt;
    }
    if ((!create.format.empty() && create.format != prepared.format) ||
        (!create.case_code.empty() && create.case_code != prepared.case_code)) {
        refusal = "invalid_field";
        return std::nullopt;
    }
    db::record_audit(conn, {team,
                            account->username,
                            "registration_opened",
                            std::to_string(*create.registration_id),
                            "",
                            {{"case_code", prepared.case_code}}});
    return entry_facts::registered_case{*create.registration_id, prepared.format,
                                        prepared.case_code, std::move(prepared.fields)};
}

void open_room(server_context& ctx, pqxx::connection_base& conn,
               const std::optional<std::string>& room_id, const char* unknown, entry_facts& facts) {
    if (!room_id) {
        facts.refusal = unknown;
        return;
    }
    auto lookup = find_or_load_room(ctx, conn, *room_id);
    facts.in = std::move(lookup.found);
    facts.refusal = std::move(lookup.refusal);
    facts.retry_after = lookup.retry_after;
}

// A member's token resumes only with the same person's login: a browser that logged out keeps
// no way back in, and a removed or disabled account has no login.
void resume_with(server_context& ctx, pqxx::connection_base& conn, const wire::resume_message& m,
                 entry_facts& facts) {
    const auto credential = db::credential_by_token(conn, credential_hash(m.token),
                                                    std::chrono::seconds(ctx.cfg.token_grace_s));
    if (!credential) {
        facts.refusal = "unknown_token";
        return;
    }
    if (credential->user_id && (!facts.account || facts.account->user_id != *credential->user_id)) {
        facts.refusal = "login_required";
        return;
    }
    facts.participant_id = credential->participant_id;
    open_room(ctx, conn, credential->room_id, "unknown_token", facts);
}

} // namespace

std::optional<std::int64_t> team_of_new_session(const db::account& account,
                                                std::optional<std::int64_t> named) {
    std::optional<std::int64_t> team;
    for (const auto& t : account.teams)
        if (team_role_may(t.role, team_action::moderate) && (!named || *named == t.team_id)) {
            if (team) return std::nullopt;
            team = t.team_id;
        }
    return team;
}

room_lookup find_or_load_room(server_context& ctx, pqxx::connection_base& conn,
                              const std::string& room_id) {
    if (auto loaded = ctx.registry.find(room_id)) return {loaded, {}, {}};
    if (ctx.registry.is_set_aside(room_id)) return {nullptr, "room_unavailable", {}};
    std::lock_guard loading(ctx.registry.load_lock(room_id));
    if (auto loaded = ctx.registry.find(room_id)) return {loaded, {}, {}};
    // Taken before it is read: the log read afterwards holds everything the last holder wrote,
    // and whatever it still tries to write is refused.
    const auto lease = db::take_room_lease(conn, room_id, ctx.cfg.node_name, ctx.lease_ttl());
    if (!lease.epoch) {
        if (lease.holder.empty()) return {nullptr, "room_unavailable", {}};
        ctx.stats.leases_refused.fetch_add(1, std::memory_order_relaxed);
        // A live holder hands the room over within milliseconds of the notice; a dead one's
        // lease runs out within lease.wait. The client asks again soon, and again.
        return {nullptr, "room_elsewhere", std::min(lease.wait, handover_retry)};
    }
    const auto stored = db::load_room(conn, room_id);
    std::string error = "room " + room_id + " is gone";
    auto r = stored ? room::restore(boost::asio::make_strand(ctx.ioc), *stored, ctx.services(),
                                    *lease.epoch, error)
                    : nullptr;
    if (!r) {
        db::release_room_lease(conn, room_id, *lease.epoch);
        if (!stored) return {nullptr, "room_unavailable", {}};
        // One broken log must not keep anyone else out: the room waits for an operator.
        ctx.registry.set_aside(room_id);
        ctx.stats.report_error("room_set_aside", error);
        return {nullptr, "room_unavailable", {}};
    }
    ctx.stats.rooms_loaded.fetch_add(1, std::memory_order_relaxed);
    return {ctx.registry.adopt(std::move(r)), {}, {}};
}

entry_facts look_up_entry(server_context& ctx, pqxx::connection_base& conn,
                          const wire::client_message& message, const std::string& login_token) {
    entry_facts facts;
    if (!login_token.empty())
        facts.account = db::account_by_session(conn, credential_hash(login_token));
    // A temporary password is changed before anything else (see POST /api/me/password).
    if (facts.account && facts.account->must_change_password &&
        !std::holds_alternative<wire::resume_message>(message)) {
        facts.refusal = "password_change_required";
        return facts;
    }
    if (const auto* create = std::get_if<wire::create_message>(&message)) {
        auto fields = *create;
        if (create->registration_id) {
            facts.registration = registered_case_of(conn, *create, facts.account, facts.refusal);
            if (!facts.registration) return facts;
            fields.format = facts.registration->format;
            fields.case_code = facts.registration->case_code;
        }
        facts.previous = previous_of_case(conn, fields, facts.account);
        if (!ctx.templates.find(fields.format))
            facts.team_format = team_format_of(conn, fields, facts.account);
    } else if (const auto* join = std::get_if<wire::join_message>(&message)) {
        open_room(ctx, conn,
                  db::room_by_invite(conn, credential_hash(normalise_invite_code(join->invite))),
                  "unknown_invite", facts);
    } else if (const auto* guest = std::get_if<wire::guest_join_message>(&message)) {
        facts.guest_invitation = credential_hash(guest->invitation);
        const auto link = db::check_guest_invitation(conn, facts.guest_invitation);
        open_room(ctx, conn,
                  link.state == db::invitation_state::valid ? std::optional(link.room_id)
                                                            : std::nullopt,
                  "invalid_guest_link", facts);
    } else if (const auto* resume = std::get_if<wire::resume_message>(&message)) {
        resume_with(ctx, conn, *resume, facts);
    }
    return facts;
}

} // namespace casecircle::server
