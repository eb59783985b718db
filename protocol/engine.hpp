#pragma once

// The conference engine in one include: templates, commands, events, the fold, decisions and
// minutes. Standard library and nlohmann_json only; no I/O, clock, threads or randomness.

#include "protocol/command.hpp"
#include "protocol/decide.hpp"
#include "protocol/event.hpp"
#include "protocol/minutes.hpp"
#include "protocol/rejection.hpp"
#include "protocol/session_state.hpp"
#include "protocol/template.hpp"
#include "protocol/text_rules.hpp"
#include "protocol/types.hpp"
