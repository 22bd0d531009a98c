#include "canvas/node_geometry.h"

#include "canvas/problem_marker.h"
#include "canvas/theme.h"

#include <algorithm>

namespace ringflow::ui {

namespace {

/// Room around the card for the selection halo and the shadow.
constexpr qreal kMargin = 5;
/// The bottleneck's glow reaches this far beyond the card.
constexpr qreal kGlowMargin = 9;
/// The summary's separator sits this far above its first line.
constexpr qreal kSummaryGap = 4;
constexpr qreal kSummaryIndent = 12;

qreal portsTop()
{
    return theme::kHeaderHeight + theme::kBodyPadding / 2;
}

} // namespace

NodeGeometry::NodeGeometry(int portRows, std::size_t summaryLines) : m_summaryLines(summaryLines)
{
    const qreal summary
        = summaryLines == 0 ? 0 : kSummaryGap + static_cast<qreal>(summaryLines) * theme::kSummaryLineHeight;
    m_size = {
        theme::kNodeWidth, portsTop() + std::max(portRows, 1) * theme::kPortRowHeight + summary + theme::kBodyPadding};
}

QRectF NodeGeometry::boundingRect(bool glow, bool badge) const
{
    const qreal margin = glow ? kGlowMargin : kMargin;
    // The shadow falls below the card: at least 6 px there.
    return cardRect().adjusted(-margin, -margin, margin, std::max(margin, 6.0) + (badge ? kBadgeHeight : 0));
}

QPointF NodeGeometry::portPosition(bool input, int row)
{
    return {input ? 0 : theme::kNodeWidth, portsTop() + (row + 0.5) * theme::kPortRowHeight};
}

QPointF NodeGeometry::markerPosition()
{
    return {theme::kNodeWidth - ProblemMarker::kDiameter - 7, (theme::kHeaderHeight - ProblemMarker::kDiameter) / 2};
}

qreal NodeGeometry::titleRight(bool marker) const
{
    return m_size.width() - (marker ? ProblemMarker::kDiameter + 12 : 8);
}

qreal NodeGeometry::summaryTop() const
{
    return m_size.height() - theme::kBodyPadding - static_cast<qreal>(m_summaryLines) * theme::kSummaryLineHeight;
}

QRectF NodeGeometry::summaryLine(std::size_t index) const
{
    return {kSummaryIndent, summaryTop() + static_cast<qreal>(index) * theme::kSummaryLineHeight,
        m_size.width() - 2 * kSummaryIndent, theme::kSummaryLineHeight};
}

QRectF NodeGeometry::badgeRect(qreal width) const
{
    return {m_size.width() - width - 8, m_size.height() + 4, width, kBadgeHeight};
}

} // namespace ringflow::ui
