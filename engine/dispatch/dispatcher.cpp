#include "dispatcher.h"

namespace ringflow::dispatch {

// The byte-payload dispatcher is what most users instantiate; compiling it here once keeps their
// builds shorter and checks every member of the template, not only those a test happens to call.
template class Dispatcher<Bytes>;

} // namespace ringflow::dispatch
