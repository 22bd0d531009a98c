#pragma once

#include <QString>

namespace ringflow::ui {

/// `text` as a tooltip that wraps: Qt wraps rich-text tooltips at a readable width and shows plain
/// ones on one line, however long. The text is escaped, so it is shown as written.
inline QString richToolTip(const QString &text)
{
    return text.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace ringflow::ui
