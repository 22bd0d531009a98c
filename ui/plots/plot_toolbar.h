#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace ringflow::ui {

/// The row above the live plots: the time window in seconds, the log scale, Freeze, Follow live
/// (enabled while the plots do not follow the run) and a note on what the mouse can do, or that a
/// frozen run is still recorded. It shows the panel's state (the show functions emit nothing) and
/// reports what the user changes. Nothing in it appears or disappears, and the note never widens
/// it, so the window around it does not reflow. Where the row is narrow (a 1024x700 window) Freeze
/// and Follow live show their icons only, their names in their tooltips, so that every control
/// stays whole and the panel needs no horizontal scroll bar.
class PlotToolBar : public QWidget {
    Q_OBJECT
public:
    /// A window box from `minSeconds` to `maxSeconds`, showing `windowSeconds`.
    PlotToolBar(double windowSeconds, double minSeconds, double maxSeconds, QWidget *parent = nullptr);

    void showWindowSeconds(double seconds);
    void showLogScale(bool on);
    void showFrozen(bool frozen);

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void windowSecondsEdited(int seconds);
    void logScaleToggled(bool on);
    void frozenToggled(bool frozen);

private:
    void setButtonStyle(Qt::ToolButtonStyle style);
    /// The width the row needs with the buttons in `style`, the note aside.
    int widthFor(Qt::ToolButtonStyle style);

    QSpinBox *m_windowBox;
    QCheckBox *m_logBox;
    QToolButton *m_freezeButton;
    QToolButton *m_followButton;
    QLabel *m_note;
    int m_namedWidth = 0; ///< from this width on, the buttons show their names
};

} // namespace ringflow::ui
