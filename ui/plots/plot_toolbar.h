#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace ringflow::ui {

/// The row above the live plots: the time window in seconds, the log scale, and Freeze with a note
/// that the run is still recorded. It shows the panel's state (the show functions emit nothing)
/// and reports what the user changes.
class PlotToolBar : public QWidget {
    Q_OBJECT
public:
    /// A window box from `minSeconds` to `maxSeconds`, showing `windowSeconds`.
    PlotToolBar(double windowSeconds, double minSeconds, double maxSeconds, QWidget *parent = nullptr);

    void showWindowSeconds(double seconds);
    void showLogScale(bool on);
    void showFrozen(bool frozen);

Q_SIGNALS:
    void windowSecondsEdited(int seconds);
    void logScaleToggled(bool on);
    void frozenToggled(bool frozen);

private:
    QSpinBox *m_windowBox;
    QCheckBox *m_logBox;
    QToolButton *m_freezeButton;
    QLabel *m_frozenLabel;
};

} // namespace ringflow::ui
