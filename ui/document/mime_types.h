#pragma once

namespace ringflow::ui {

/// Drag data of a palette entry: the kind name as UTF-8.
inline constexpr char kKindMimeType[] = "application/x-ringflow-kind";

} // namespace ringflow::ui
