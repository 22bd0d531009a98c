#include "plots/plot_toolbar.h"

#include "canvas/theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>

namespace ringflow::ui {

PlotToolBar::PlotToolBar(double windowSeconds, double minSeconds, double maxSeconds, QWidget *parent)
    : QWidget(parent),
      m_windowBox(new QSpinBox(this)),
      m_logBox(new QCheckBox(tr("Log scale"), this)),
      m_freezeButton(new QToolButton(this)),
      m_frozenLabel(new QLabel(tr("Frozen: the run is still being recorded"), this))
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
    m_freezeButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_freezeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_freezeButton->setCheckable(true);
    m_freezeButton->setToolTip(tr("Stop following the run to look at the plots: drag and zoom the time axis. "
                                  "The run is still recorded; unfreeze to go back to live."));
    m_frozenLabel->setObjectName(QStringLiteral("plotFrozenLabel"));
    QPalette frozenPalette = m_frozenLabel->palette();
    frozenPalette.setColor(QPalette::WindowText, theme::secondaryText());
    m_frozenLabel->setPalette(frozenPalette);
    m_frozenLabel->setMinimumWidth(1); // may be cut short rather than widen the dock as it appears
    m_frozenLabel->setVisible(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(0); // the spacings below keep the groups apart
    layout->addWidget(windowLabel);
    layout->addWidget(m_windowBox);
    layout->addSpacing(12);
    layout->addWidget(m_logBox);
    layout->addSpacing(12);
    layout->addWidget(m_freezeButton);
    layout->addWidget(m_frozenLabel);
    layout->addStretch(1);

    connect(m_windowBox, &QSpinBox::valueChanged, this, &PlotToolBar::windowSecondsEdited);
    connect(m_logBox, &QCheckBox::toggled, this, &PlotToolBar::logScaleToggled);
    connect(m_freezeButton, &QToolButton::toggled, this, &PlotToolBar::frozenToggled);
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
    m_frozenLabel->setVisible(frozen);
}

} // namespace ringflow::ui
