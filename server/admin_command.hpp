#pragma once

#include <iosfwd>

namespace casecircle::server {

// `casecircle admin …`: what an operator does from the shell – the first account of a team (never
// a default password) and the retention job. Returns the process exit code.
int run_admin(int argc, const char* const* argv, std::istream& in, std::ostream& out,
              std::ostream& err);

} // namespace casecircle::server
