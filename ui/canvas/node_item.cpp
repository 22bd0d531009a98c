#include "canvas/node_item.h"

#include "canvas/port_item.h"
#include "canvas/problem_marker.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "pipeline/kind_registry.h"
#include "pipeline/param_text.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ringflow::ui {

namespace {

constexpr std::size_t kMaxSummaryLines = 3;
constexpr qreal kBadgeHeight = 18;
constexpr qreal kMargin = 5;
// The bottleneck's glow reaches this far beyond the card.
constexpr qreal kGlowMargin = 9;
constexpr qreal kLevelHeight = 5;
// Levels closer than this look the same: the bar is 200 px wide.
constexpr double kLevelSteps = 400;
constexpr qreal kDotDiameter = 8;

/// Orange-red rather than the error red: a bottleneck is a finding about the run, not a mistake.
QColor bottleneckColor()
{
    return QColor(0xf0, 0x5a, 0x22);
}

/// Green while there is room, amber past half, red when nearly full. Short blends between plain
/// colours: a continuous blend spends most of the range on muddy in-between shades.
QColor levelColor(double level)
{
    const QColor green(0x2e, 0xa0, 0x43);
    if (level < 0.4)
        return green;
    if (level < 0.55)
        return theme::blend(green, theme::warningColor(), (level - 0.4) / 0.15);
    if (level < 0.75)
        return theme::warningColor();
    if (level < 0.9)
        return theme::blend(theme::warningColor(), theme::errorColor(), (level - 0.75) / 0.15);
    return theme::errorColor();
}

/// What of a run look shows on the card (the tooltip does not), with the level in visible steps.
auto visiblePart(const std::optional<NodeItem::RunLook> &look)
{
    if (!look)
        return std::tuple(false, QRgb(0), -1L, false);
    return std::tuple(true, look->color.isValid() ? look->color.rgba() : QRgb(0),
        look->level < 0 ? -1L : std::lround(std::min(look->level, 1.0) * kLevelSteps), look->bottleneck);
}

int portRows(const pipeline::KindSpec *kind)
{
    if (!kind)
        return 1;
    const auto in = std::count_if(kind->ports.begin(), kind->ports.end(),
        [](const pipeline::PortSpec &p) { return p.direction == pipeline::PortDirection::In; });
    const auto out = static_cast<long>(kind->ports.size()) - in;
    return static_cast<int>(std::max<long>({in, out, 1}));
}

qreal portsTop()
{
    return theme::kHeaderHeight + theme::kBodyPadding / 2;
}

QString valueText(const pipeline::ParamSpec &param, const pipeline::ParamValue &value)
{
    QString text;
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        text = QLocale(QLocale::English).toString(static_cast<qlonglong>(*whole));
    else
        text = QString::fromStdString(pipeline::paramText(value));
    if (text.isEmpty())
        return QStringLiteral("–");
    // "Threads 4", not "Threads 4 threads": a unit that repeats the label says nothing.
    const QString unit = QString::fromStdString(param.unit);
    const bool repeatsLabel = unit.compare(QString::fromStdString(param.displayName), Qt::CaseInsensitive) == 0;
    if (!unit.isEmpty() && !repeatsLabel && param.type != pipeline::ParamType::Choice
        && param.type != pipeline::ParamType::Text)
        text += QLatin1Char(' ') + unit;
    return text;
}

} // namespace

NodeItem::NodeItem(const PipelineDocument *document, const QString &id)
    : m_document(document), m_id(id), m_marker(new ProblemMarker(this))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    if (const pipeline::Node *node = document->node(id))
        buildPorts(*node);
    refresh();
}

void NodeItem::buildPorts(const pipeline::Node &node)
{
    const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
    m_kindName = kind ? QString::fromStdString(kind->displayName) : QString::fromStdString(node.kind);
    m_category = kind ? std::optional(kind->category) : std::nullopt;
    if (!kind)
        return;
    int inRow = 0;
    int outRow = 0;
    for (const pipeline::PortSpec &spec : kind->ports) {
        auto *port = new PortItem(m_id, spec, this);
        port->setAccentColor(theme::categoryColor(m_category));
        const bool in = spec.direction == pipeline::PortDirection::In;
        const int row = in ? inRow++ : outRow++;
        port->setPos(in ? 0 : theme::kNodeWidth, portsTop() + (row + 0.5) * theme::kPortRowHeight);
        m_ports.push_back(port);
    }
}

QSizeF NodeItem::sizeFor(const pipeline::Node &node)
{
    const std::size_t lines = summaryOf(node).size();
    const qreal summary = lines == 0 ? 0 : 4 + static_cast<qreal>(lines) * theme::kSummaryLineHeight;
    return {theme::kNodeWidth,
        portsTop() + portRows(pipeline::findKind(node.kind)) * theme::kPortRowHeight + summary + theme::kBodyPadding};
}

std::vector<NodeItem::SummaryLine> NodeItem::summaryOf(const pipeline::Node &node)
{
    // The kind's first two parameters say what the node is; any other value the user changed says
    // how this one differs.
    std::vector<SummaryLine> lines;
    const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
    if (!kind)
        return lines;
    for (std::size_t i = 0; i < kind->params.size() && lines.size() < kMaxSummaryLines; ++i) {
        const pipeline::ParamSpec &param = kind->params[i];
        const auto own = node.params.find(param.name);
        const bool changed = own != node.params.end() && own->second != param.defaultValue;
        if (i >= 2 && !changed)
            continue;
        const pipeline::ParamValue &value = own != node.params.end() ? own->second : param.defaultValue;
        lines.push_back({QString::fromStdString(param.displayName), valueText(param, value)});
    }
    return lines;
}

void NodeItem::setNodeId(const QString &id)
{
    m_id = id;
    for (PortItem *port : m_ports)
        port->setNodeId(id);
    update();
}

void NodeItem::refresh()
{
    const pipeline::Node *node = m_document->node(m_id);
    if (!node)
        return;
    prepareGeometryChange();
    m_summary = summaryOf(*node);
    m_size = sizeFor(*node);
    m_marker->setProblems(m_document->problemsOf(m_id));
    m_marker->setPos(
        theme::kNodeWidth - ProblemMarker::kDiameter - 7, (theme::kHeaderHeight - ProblemMarker::kDiameter) / 2);
    update();
}

PortItem *NodeItem::port(const QString &name) const
{
    const auto found = std::find_if(m_ports.begin(), m_ports.end(), [&](PortItem *p) { return p->portName() == name; });
    return found == m_ports.end() ? nullptr : *found;
}

bool NodeItem::hasErrors() const
{
    return m_marker->isVisible() && m_marker->hasErrors();
}

bool NodeItem::hasProblems() const
{
    return m_marker->isVisible();
}

QString NodeItem::problemText() const
{
    return m_marker->isVisible() ? m_marker->toolTip() : QString();
}

void NodeItem::setBadge(const QString &text)
{
    if (text == m_badge)
        return;
    // Only showing or hiding the badge changes the bounds; run figures change text ten times a second.
    if (text.isEmpty() != m_badge.isEmpty())
        prepareGeometryChange();
    m_badge = text;
    update();
}

void NodeItem::setRunLook(const std::optional<RunLook> &look)
{
    const bool changed = visiblePart(look) != visiblePart(m_runLook);
    if (look && !m_runLook)
        m_editingToolTip = toolTip();
    const bool wasBottleneck = m_runLook && m_runLook->bottleneck;
    if (wasBottleneck != (look && look->bottleneck))
        prepareGeometryChange();
    m_runLook = look;
    setToolTip(look ? look->toolTip : m_editingToolTip);
    if (changed)
        update();
}

qreal NodeItem::margin() const
{
    return m_runLook && m_runLook->bottleneck ? kGlowMargin : kMargin;
}

QRectF NodeItem::cardRect() const
{
    return QRectF(QPointF(0, 0), m_size);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection halo (or the bottleneck's glow), the shadow and the badge under the card.
    const qreal m = margin();
    return cardRect().adjusted(-m, -m, m, std::max(m, 6.0) + (m_badge.isEmpty() ? 0 : kBadgeHeight));
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(cardRect(), theme::kCornerRadius, theme::kCornerRadius);
    return path;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card = cardRect();
    const qreal r = theme::kCornerRadius;

    const bool bottleneck = m_runLook && m_runLook->bottleneck;
    if (bottleneck)
        paintGlow(painter, card);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(20, 30, 50, 22));
    painter->drawRoundedRect(card.translated(0, 3), r, r);
    painter->setBrush(theme::nodeBody());
    painter->drawRoundedRect(card, r, r);
    paintHeader(painter, card);

    if (!m_summary.empty()) {
        const qreal top = card.height() - theme::kBodyPadding - m_summary.size() * theme::kSummaryLineHeight;
        painter->setPen(QPen(theme::gridMinor(), 1));
        painter->drawLine(QPointF(10, top - 2), QPointF(card.width() - 10, top - 2));
        painter->setFont(theme::labelFont());
        const QFontMetricsF metrics(theme::labelFont());
        for (std::size_t i = 0; i < m_summary.size(); ++i) {
            const QRectF line(12, top + i * theme::kSummaryLineHeight, card.width() - 24, theme::kSummaryLineHeight);
            painter->setPen(theme::secondaryText());
            painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, m_summary[i].label);
            painter->setPen(theme::primaryText());
            const qreal room = line.width() - metrics.horizontalAdvance(m_summary[i].label) - 8;
            painter->drawText(
                line, Qt::AlignRight | Qt::AlignVCenter, metrics.elidedText(m_summary[i].value, Qt::ElideMiddle, room));
        }
    }

    QColor outline = theme::nodeBorder();
    qreal width = 1;
    if (bottleneck) {
        outline = bottleneckColor();
        width = 2;
    } else if (hasProblems()) {
        outline = hasErrors() ? theme::errorColor() : theme::warningColor();
        width = 2;
    }
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(outline, width));
    painter->drawRoundedRect(card.adjusted(width / 2, width / 2, -width / 2, -width / 2), r, r);
    // Inside the outline, so that a thick (bottleneck) outline does not hide it.
    if (m_runLook && m_runLook->level >= 0)
        paintLevel(painter, card.adjusted(width, width, -width, -width));
    if (option->state & QStyle::State_Selected) {
        painter->setBrush(Qt::NoBrush); // the level bar leaves its fill set
        painter->setPen(QPen(theme::accent(), 2));
        painter->drawRoundedRect(card.adjusted(-3, -3, 3, 3), r + 3, r + 3);
    }
    if (!m_badge.isEmpty())
        paintBadge(painter, card);
}

void NodeItem::paintHeader(QPainter *painter, const QRectF &card)
{
    const qreal r = theme::kCornerRadius;
    const QColor color = theme::categoryColor(m_category);
    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, card.width(), theme::kHeaderHeight + r), r, r);
    QPainterPath lower;
    lower.addRect(QRectF(0, theme::kHeaderHeight, card.width(), r));
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPath(header.subtracted(lower));

    const qreal iconSize = 18;
    const QRectF iconRect(8, (theme::kHeaderHeight - iconSize) / 2, iconSize, iconSize);
    theme::categoryIcon(m_category).paint(painter, iconRect.toAlignedRect());

    const qreal right = card.width() - (hasProblems() ? ProblemMarker::kDiameter + 12 : 8);
    const QFont kindFont = theme::labelFont();
    const QFontMetricsF kindMetrics(kindFont);
    const qreal kindWidth = std::min(kindMetrics.horizontalAdvance(m_kindName), 80.0);
    const QFontMetricsF titleMetrics(theme::titleFont());
    const QRectF title(iconRect.right() + 6, 0, right - kindWidth - iconRect.right() - 12, theme::kHeaderHeight);
    painter->setFont(theme::titleFont());
    painter->setPen(Qt::white);
    painter->drawText(
        title, Qt::AlignLeft | Qt::AlignVCenter, titleMetrics.elidedText(m_id, Qt::ElideRight, title.width()));
    painter->setFont(kindFont);
    painter->setPen(QColor(255, 255, 255, 200));
    painter->drawText(QRectF(right - kindWidth, 0, kindWidth, theme::kHeaderHeight), Qt::AlignRight | Qt::AlignVCenter,
        kindMetrics.elidedText(m_kindName, Qt::ElideRight, kindWidth));
}

void NodeItem::paintBadge(QPainter *painter, const QRectF &card)
{
    QFont font = theme::labelFont();
    font.setBold(true);
    const QFontMetricsF metrics(font);
    // The run colour leads the figure, so that the node can be matched with its line in the plots.
    const bool dot = m_runLook && m_runLook->color.isValid();
    const qreal dotSpace = dot ? kDotDiameter + 5 : 0;
    const qreal width = metrics.horizontalAdvance(m_badge) + 14 + dotSpace;
    const QRectF pill(card.right() - width - 8, card.bottom() + 4, width, kBadgeHeight);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_runLook && m_runLook->bottleneck ? bottleneckColor() : theme::primaryText());
    painter->drawRoundedRect(pill, kBadgeHeight / 2, kBadgeHeight / 2);
    if (dot) {
        // A light ring keeps dark series colours visible on the dark pill.
        painter->setPen(QPen(QColor(255, 255, 255, 220), 1.5));
        painter->setBrush(m_runLook->color);
        painter->drawEllipse(
            QPointF(pill.left() + 5 + kDotDiameter / 2, pill.center().y()), kDotDiameter / 2, kDotDiameter / 2);
    }
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(pill.adjusted(dotSpace, 0, 0, 0), Qt::AlignCenter, m_badge);
}

void NodeItem::paintLevel(QPainter *painter, const QRectF &inside)
{
    // A strip along the foot of the card, following its rounded corners: it takes no room from the
    // summary above it and keeps clear of the ports.
    const double level = std::clamp(m_runLook->level, 0.0, 1.0);
    QPainterPath outline;
    outline.addRoundedRect(inside, theme::kCornerRadius - 1, theme::kCornerRadius - 1);
    QPainterPath track;
    track.addRect(QRectF(inside.left(), inside.bottom() - kLevelHeight, inside.width(), kLevelHeight));
    QPainterPath filled;
    filled.addRect(QRectF(inside.left(), inside.bottom() - kLevelHeight, inside.width() * level, kLevelHeight));
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme::gridMajor());
    painter->drawPath(outline.intersected(track));
    if (level > 0) {
        painter->setBrush(levelColor(level));
        painter->drawPath(outline.intersected(filled));
    }
}

void NodeItem::paintGlow(QPainter *painter, const QRectF &card)
{
    // Wide faint strokes under narrow stronger ones: a soft halo without a blur effect, which would
    // cost an offscreen render of the card on every repaint.
    painter->setBrush(Qt::NoBrush);
    QColor color = bottleneckColor();
    for (int i = 4; i >= 1; --i) {
        color.setAlphaF(0.09 + 0.07 * (4 - i));
        painter->setPen(QPen(color, i * 4.0));
        painter->drawRoundedRect(card, theme::kCornerRadius, theme::kCornerRadius);
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // Snap only what the mouse moves: positions from a file or an undo are kept exactly.
    if (change == ItemPositionChange && m_snapStep > 0 && scene() && scene()->mouseGrabberItem()) {
        const QPointF pos = value.toPointF();
        return QPointF(std::round(pos.x() / m_snapStep) * m_snapStep, std::round(pos.y() / m_snapStep) * m_snapStep);
    }
    return QGraphicsObject::itemChange(change, value);
}

} // namespace ringflow::ui
