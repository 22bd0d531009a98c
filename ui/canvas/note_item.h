#pragma once

#include "pipeline/pipeline_spec.h"

#include <QGraphicsTextItem>

namespace ringflow::ui {

/// A note on the canvas: a sticky-note box of wrapped text beneath the nodes. It is moved by
/// dragging and selected like a node; a double-click edits its text in place, and the edit ends
/// (and is reported through textEdited()) when the note loses the focus or on Escape. It keeps the
/// note's index only; NoteLayer turns its changes into document edits.
class NoteItem : public QGraphicsTextItem {
    Q_OBJECT
public:
    enum { Type = UserType + 5 };

    NoteItem(int index, const pipeline::Note &note);

    int type() const override { return Type; }
    int index() const { return m_index; }
    /// Shows `note` (text, place and width) unless it shows it already.
    void setNote(const pipeline::Note &note);
    /// The note as the item shows it now: where it was dragged to, what was typed.
    pipeline::Note note() const;

    bool isEditing() const { return textInteractionFlags() != Qt::NoTextInteraction; }
    /// Puts the text cursor at the end of the text and takes the keyboard.
    void startEditing();

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

Q_SIGNALS:
    /// An edit of the text ended with `text` different from what it was when it began.
    void textEdited(int index, const QString &text);

protected:
    bool sceneEvent(QEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    int m_index;
    QString m_textBefore; ///< the text when the edit began
};

} // namespace ringflow::ui
