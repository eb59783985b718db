// The single translation unit that compiles Boost.Asio and Boost.Beast, so that touching any
// other server file does not recompile them.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
