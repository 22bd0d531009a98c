#pragma once

#include <QLabel>

class QStatusBar;
class QTimer;

namespace ringflow::ui {

/// The status bar's message, left of its permanent widgets: never clipped by them (a long message
/// is elided, and the whole of it is the tooltip), and gone after a time that grows with its length,
/// so that an old refusal is not taken for a new one.
class StatusLine : public QLabel {
    Q_OBJECT
public:
    /// Adds itself to `statusBar`, taking the room the permanent widgets leave.
    explicit StatusLine(QStatusBar *statusBar);

    void showMessage(const QString &text);
    /// The whole message shown now; empty once it timed out.
    QString message() const { return m_message; }
    /// How long `text` stays: long enough to read it.
    static int durationMs(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_message;
    QTimer *m_timer;
};

} // namespace ringflow::ui
