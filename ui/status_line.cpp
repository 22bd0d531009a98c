#include "status_line.h"

#include "rich_tool_tip.h"

#include <QStatusBar>
#include <QTimer>

#include <algorithm>

namespace ringflow::ui {

namespace {

// About the time it takes to read the message twice, from 4 s for a word to 20 s for a paragraph.
constexpr int kMinDurationMs = 4000;
constexpr int kMsPerCharacter = 60;
constexpr int kMaxDurationMs = 20000;

} // namespace

StatusLine::StatusLine(QStatusBar *statusBar) : QLabel(statusBar), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("statusLine"));
    // Never asks for more room than it gets: the elided text fits whatever is left.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextFormat(Qt::PlainText);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { showMessage({}); });
    statusBar->addWidget(this, 1);
}

int StatusLine::durationMs(const QString &text)
{
    return std::clamp(kMinDurationMs + kMsPerCharacter * static_cast<int>(text.size()), kMinDurationMs, kMaxDurationMs);
}

void StatusLine::showMessage(const QString &text)
{
    m_message = text;
    elide();
    if (text.isEmpty())
        m_timer->stop();
    else
        m_timer->start(durationMs(text));
}

void StatusLine::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void StatusLine::elide()
{
    const QString shown = fontMetrics().elidedText(m_message, Qt::ElideRight, contentsRect().width());
    setText(shown);
    setToolTip(shown == m_message ? QString() : richToolTip(m_message));
}

} // namespace ringflow::ui
