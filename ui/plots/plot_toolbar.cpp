#include "plots/plot_toolbar.h"

#include "app_theme.h"
#include "canvas/theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>

namespace ringflow::ui {

namespace {

/// A label that ends in "…" when it is narrower than its text, instead of cutting a word.
class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect room = contentsRect();
        painter.drawText(
            room, Qt::AlignLeft | Qt::AlignVCenter, fontMetrics().elidedText(text(), Qt::ElideRight, room.width()));
    }
};

/// Room left for the note before the buttons give up their names.
constexpr int kNoteRoom = 120;

} // namespace

PlotToolBar::PlotToolBar(double windowSeconds, double minSeconds, double maxSeconds, QWidget *parent)
    : QWidget(parent),
      m_windowBox(new QSpinBox(this)),
      m_logBox(new QCheckBox(tr("Log scale"), this)),
      m_freezeButton(new QToolButton(this)),
      m_followButton(new QToolButton(this)),
      m_note(new ElidedLabel(this))
{
    m_windowBox->setObjectName(QStringLiteral("plotWindowSeconds"));
    m_windowBox->setRange(static_cast<int>(minSeconds), static_cast<int>(maxSeconds));
    m_windowBox->setValue(static_cast<int>(windowSeconds));
    m_windowBox->setSuffix(tr(" s"));
    m_windowBox->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_windowBox->setAccelerated(true);
    m_windowBox->setToolTip(tr("How many seconds of the run the plots show"));
    auto *windowLabel = new QLabel(tr("&Window"), this);
    windowLabel->setBuddy(m_windowBox);
    m_logBox->setObjectName(QStringLiteral("plotLogScale"));
    m_logBox->setToolTip(tr("A logarithmic value axis for throughput and latency"));
    m_freezeButton->setObjectName(QStringLiteral("plotFreeze"));
    m_freezeButton->setText(tr("Freeze"));
    setInkedIcon(m_freezeButton, QStyle::SP_MediaPause);
    m_freezeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_freezeButton->setCheckable(true);
    m_freezeButton->setToolTip(tr("Freeze: stop following the run to look at the plots. The run is still recorded."));
    m_followButton->setObjectName(QStringLiteral("plotFollowLive"));
    m_followButton->setText(tr("Follow live"));
    setInkedIcon(m_followButton, QStyle::SP_MediaPlay);
    m_followButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_followButton->setToolTip(tr("Follow live: show the latest window of the run again (or double-click a plot)"));
    m_followButton->setEnabled(false);
    m_note->setObjectName(QStringLiteral("plotNote"));
    QPalette notePalette = m_note->palette();
    notePalette.setColor(QPalette::WindowText, theme::secondaryText());
    m_note->setPalette(notePalette);
    // Whatever it says, the note takes the room left and never asks for more.
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    showFrozen(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(0); // the spacings below keep the groups apart
    layout->addWidget(windowLabel);
    layout->addWidget(m_windowBox);
    layout->addSpacing(12);
    layout->addWidget(m_logBox);
    layout->addSpacing(12);
    layout->addWidget(m_freezeButton);
    layout->addSpacing(4);
    layout->addWidget(m_followButton);
    layout->addSpacing(12);
    layout->addWidget(m_note, 1);

    // The row's minimum is the icons-only width, set explicitly so that the layout does not raise
    // it to the named buttons' width.
    m_namedWidth = widthFor(Qt::ToolButtonTextBesideIcon) + kNoteRoom;
    setMinimumWidth(widthFor(Qt::ToolButtonIconOnly));
    setButtonStyle(Qt::ToolButtonTextBesideIcon);

    connect(m_windowBox, &QSpinBox::valueChanged, this, &PlotToolBar::windowSecondsEdited);
    connect(m_logBox, &QCheckBox::toggled, this, &PlotToolBar::logScaleToggled);
    connect(m_freezeButton, &QToolButton::toggled, this, &PlotToolBar::frozenToggled);
    connect(m_followButton, &QToolButton::clicked, this, [this] { Q_EMIT frozenToggled(false); });
}

void PlotToolBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    setButtonStyle(width() >= m_namedWidth ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);
}

void PlotToolBar::setButtonStyle(Qt::ToolButtonStyle style)
{
    m_freezeButton->setToolButtonStyle(style);
    m_followButton->setToolButtonStyle(style);
}

int PlotToolBar::widthFor(Qt::ToolButtonStyle style)
{
    setButtonStyle(style);
    layout()->invalidate();
    return layout()->minimumSize().width();
}

void PlotToolBar::showWindowSeconds(double seconds)
{
    const QSignalBlocker blocker(m_windowBox);
    m_windowBox->setValue(qRound(seconds));
}

void PlotToolBar::showLogScale(bool on)
{
    const QSignalBlocker blocker(m_logBox);
    m_logBox->setChecked(on);
}

void PlotToolBar::showFrozen(bool frozen)
{
    {
        const QSignalBlocker blocker(m_freezeButton);
        m_freezeButton->setChecked(frozen);
    }
    m_followButton->setEnabled(frozen);
    m_note->setText(frozen ? tr("Not following the run, which is still recorded")
                           : tr("Wheel: zoom · drag: pan · double-click: back to live"));
    m_note->setToolTip(m_note->text());
}

} // namespace ringflow::ui
