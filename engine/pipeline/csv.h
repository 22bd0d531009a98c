#pragma once

#include <string>
#include <string_view>

namespace ringflow::pipeline {

/// A CSV field as RFC 4180 writes it: as is, or quoted (quotes doubled) when it holds a comma, a
/// quote or a line break. Node ids are free text, so every CSV Ringflow writes goes through this.
std::string csvField(std::string_view text);

} // namespace ringflow::pipeline
