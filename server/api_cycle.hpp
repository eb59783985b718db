#pragma once

#include "db/case_registrations.hpp"
#include "db/circle_dates.hpp"
#include "protocol/template.hpp"
#include "server/api_routes.hpp"

#include <cstdint>
#include <vector>

// The circle's cycle, shared by its handler files (api_circles.cpp, api_registrations.cpp,
// api_cycle_reports.cpp) and their route table (api_cycle_routes.cpp); not for the rest of the
// server. `ids` are the path's ids in order (circle-dates/{date}/…, registrations/{id}/…).
namespace casecircle::server {

using path_ids = std::vector<std::int64_t>;

api_response list_series(api_call& call, std::int64_t team_id, const path_ids& ids);
// Who may moderate a series: the team's moderators (for the series form's choice).
api_response list_moderators(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response create_series(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response end_series(api_call& call, std::int64_t team_id, const path_ids& ids);

api_response list_dates(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response show_date(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response move_date(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response cancel_date(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response close_date(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response order_agenda(api_call& call, std::int64_t team_id, const path_ids& ids);

api_response register_case(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response show_registration(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response change_registration(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response withdraw_registration(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response add_prepared_card(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response delete_prepared_card(api_call& call, std::int64_t team_id, const path_ids& ids);

api_response circle_overview(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response service_report(api_call& call, std::int64_t team_id, const path_ids& ids);
api_response cycle_notices(api_call& call, std::int64_t team_id, const path_ids& ids);

// The answer for a refused change of the cycle: its code, with the status it deserves.
api_response refused(db::cycle_refusal refusal);
api_response refused(db::date_change change);
// The format's template, when the server knows it.
const protocol::format_template* known_format(const api_call& call, const std::string& id);

} // namespace casecircle::server
