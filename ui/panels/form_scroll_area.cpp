#include "panels/form_scroll_area.h"

#include <QEvent>
#include <QLayout>
#include <QScrollBar>

#include <algorithm>

namespace ringflow::ui {

FormScrollArea::FormScrollArea(QWidget *form, QWidget *parent) : QScrollArea(parent)
{
    setWidget(form);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    form->installEventFilter(this);
}

void FormScrollArea::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    keepFormTallEnough();
}

bool FormScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    const bool handled = QScrollArea::eventFilter(watched, event);
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        keepFormTallEnough();
    return handled;
}

void FormScrollArea::keepFormTallEnough()
{
    QWidget *form = widget();
    if (!form || !form->layout())
        return;
    // The width the form gets once a vertical scroll bar is shown, if it needs one: measured at
    // that width, the scroll bar's arrival cannot make it need more.
    const int fullWidth = viewport()->width() + (verticalScrollBar()->isVisible() ? verticalScrollBar()->width() : 0);
    int needed = form->layout()->totalHeightForWidth(fullWidth);
    if (needed > height())
        needed = form->layout()->totalHeightForWidth(fullWidth - verticalScrollBar()->sizeHint().width());
    const int minimum = std::max(needed, form->layout()->totalMinimumSize().height());
    if (form->minimumHeight() != minimum)
        form->setMinimumHeight(minimum);
}

} // namespace ringflow::ui
