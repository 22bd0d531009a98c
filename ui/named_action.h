#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QAction;
class QObject;
class QWidget;

namespace ringflow::ui {

/// An action owned by `parent`, named `name` (its object name: how tests and scripts find it),
/// with `text` and `shortcuts`.
QAction *namedAction(QObject *parent, const QString &name, const QString &text, const QList<QKeySequence> &shortcuts);

/// The same for an edit of the canvas's selection: its shortcuts act only while `canvas` or a
/// child of it has the focus, so that Delete or Ctrl+A typed into the palette's filter or a
/// parameter field belong to that field.
QAction *canvasAction(
    QWidget *canvas, QObject *parent, const QString &name, const QString &text, const QList<QKeySequence> &shortcuts);

} // namespace ringflow::ui
