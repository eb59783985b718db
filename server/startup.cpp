#include "server/startup.hpp"

#include <algorithm>
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

} // namespace casecircle::server
