#include "server/startup.hpp"

#include "server/room.hpp"

#include <algorithm>
#include <boost/asio/strand.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace casecircle::server {

std::variant<protocol::template_library, std::string>
read_templates(const std::filesystem::path& dir) {
    protocol::template_files files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) return "template " + entry.path().string() + ": cannot be read";
        files.emplace_back(entry.path().filename().string(), text.str());
    }
    if (ec) return "templates folder " + dir.string() + ": " + ec.message();
    if (files.empty()) return "templates folder " + dir.string() + ": no *.json templates";
    std::sort(files.begin(), files.end());
    auto loaded = protocol::load_templates(files);
    if (auto* error = std::get_if<protocol::template_error>(&loaded))
        return "template " + error->what();
    return std::get<protocol::template_library>(std::move(loaded));
}

std::size_t restore_rooms(server_context& ctx) {
    // Reading every live room may take a while; it gets six times one call's timeout.
    const auto stored = db::load_live_rooms(
        db::connection_settings{ctx.cfg.database_url, "casecircle restore",
                                std::chrono::milliseconds(6000LL * ctx.cfg.database_timeout_s)});
    for (const auto& s : stored) {
        std::string error;
        auto r = room::restore(boost::asio::make_strand(ctx.ioc), s, ctx.services(), error);
        if (!r) throw std::runtime_error(error);
        ctx.registry.add_room(r, s.room.invite_hash);
        for (const auto& m : s.members)
            ctx.registry.add_token(m.token_hash, s.room.room_id, m.participant_id);
    }
    ctx.stats.rooms.store(static_cast<std::int64_t>(stored.size()));
    return stored.size();
}

} // namespace casecircle::server
