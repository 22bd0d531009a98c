#pragma once

#include <QScrollArea>

namespace ringflow::ui {

/// A scroll area for a form whose height depends on its width (wrapped notes and range hints):
/// the form is never squeezed below the height it needs at the width it is given, so a dock too
/// short for it scrolls it instead. QScrollArea's own resizing does not always honour a height
/// for width; squeezed fields are short and move when anything near them changes.
class FormScrollArea : public QScrollArea {
public:
    explicit FormScrollArea(QWidget *form, QWidget *parent = nullptr);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void keepFormTallEnough();
};

} // namespace ringflow::ui
