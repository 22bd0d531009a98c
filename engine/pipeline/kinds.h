#pragma once

#include "pipeline/kind_registry.h"

#include <vector>

namespace ringflow::pipeline {

/// The kinds Ringflow ships, in palette order, as declared: the registry adds the consumer chaining
/// and closes the accept lists. To add a kind, declare it here (and implement its role's runtime).
std::vector<KindSpec> builtInKinds();

} // namespace ringflow::pipeline
