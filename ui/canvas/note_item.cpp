#include "canvas/note_item.h"

#include "canvas/theme.h"

#include <QKeyEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextCursor>
#include <QTextDocument>

namespace ringflow::ui {

namespace {

constexpr qreal kNoteMargin = 6;
constexpr qreal kNoteRadius = 4;

} // namespace

NoteItem::NoteItem(int index, const pipeline::Note &note) : m_index(index)
{
    setFlags(ItemIsMovable | ItemIsSelectable);
    // Beneath the wires (0) and the cards (1): a note comments on the drawing, it never hides it.
    setZValue(-1);
    setFont(theme::labelFont());
    document()->setDocumentMargin(kNoteMargin);
    setTextInteractionFlags(Qt::NoTextInteraction);
    setNote(note);
}

void NoteItem::setNote(const pipeline::Note &note)
{
    const QString text = QString::fromStdString(note.text);
    if (toPlainText() != text)
        setPlainText(text);
    setPos(note.position.x, note.position.y);
    if (textWidth() != note.width)
        setTextWidth(note.width);
}

pipeline::Note NoteItem::note() const
{
    return {toPlainText().toStdString(), {pos().x(), pos().y()}, textWidth()};
}

void NoteItem::startEditing()
{
    m_textBefore = toPlainText();
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setFocus(Qt::MouseFocusReason);
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    setTextCursor(cursor);
}

void NoteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    // The theme may have changed since the last paint; setting the same colour again repaints.
    if (defaultTextColor() != theme::noteText())
        setDefaultTextColor(theme::noteText());
    const QRectF box = boundingRect().adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(isSelected() ? QPen(theme::accent(), 2) : QPen(theme::noteBorder(), 1));
    painter->setBrush(theme::noteFill());
    painter->drawRoundedRect(box, kNoteRadius, kNoteRadius);
    if (toPlainText().isEmpty() && !isEditing()) {
        painter->setPen(theme::secondaryText());
        painter->drawText(box.adjusted(kNoteMargin, kNoteMargin, 0, 0), tr("Double-click to write"));
    }
    // The box shows the selection; the base class would add a dashed frame of its own.
    QStyleOptionGraphicsItem plain(*option);
    plain.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus);
    QGraphicsTextItem::paint(painter, &plain, widget);
}

bool NoteItem::sceneEvent(QEvent *event)
{
    // While the text is written, a key that types (Tab, Space, a letter) or deletes is the text's,
    // not a canvas shortcut's (Tab's quick add, Delete's delete selection).
    if (event->type() == QEvent::ShortcutOverride && isEditing()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool plain = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
        if (plain && (!key->text().isEmpty() || key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace)) {
            event->accept();
            return true;
        }
    }
    return QGraphicsTextItem::sceneEvent(event);
}

void NoteItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (isEditing()) {
        QGraphicsTextItem::mouseDoubleClickEvent(event); // selects a word
        return;
    }
    startEditing();
}

void NoteItem::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        clearFocus(); // ends the edit through focusOutEvent()
        return;
    }
    QGraphicsTextItem::keyPressEvent(event);
}

void NoteItem::focusOutEvent(QFocusEvent *event)
{
    QGraphicsTextItem::focusOutEvent(event);
    if (!isEditing())
        return;
    setTextInteractionFlags(Qt::NoTextInteraction);
    QTextCursor cursor = textCursor();
    cursor.clearSelection();
    setTextCursor(cursor);
    if (toPlainText() != m_textBefore)
        Q_EMIT textEdited(m_index, toPlainText());
}

} // namespace ringflow::ui
