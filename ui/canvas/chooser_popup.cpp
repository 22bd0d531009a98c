#include "canvas/chooser_popup.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>

namespace ringflow::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kSearchRole = Qt::UserRole + 1;
constexpr int kWidth = 260;
constexpr int kVisibleRows = 10;

} // namespace

ChooserPopup::ChooserPopup(const QString &placeholder, QWidget *parent)
    : QFrame(parent, Qt::Popup), m_filter(new QLineEdit(this)), m_list(new QListWidget(this))
{
    setFrameShape(QFrame::StyledPanel);
    m_filter->setPlaceholderText(placeholder);
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    m_list->setIconSize(QSize(18, 18));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    setFixedWidth(kWidth);
    connect(m_filter, &QLineEdit::textChanged, this, &ChooserPopup::applyFilter);
    connect(m_list, &QListWidget::itemClicked, this, &ChooserPopup::choose);
}

void ChooserPopup::setEntries(const std::vector<Entry> &entries)
{
    m_list->clear();
    for (const Entry &entry : entries) {
        const QString shown = entry.detail.isEmpty() ? entry.text : entry.text + QStringLiteral("  ·  ") + entry.detail;
        auto *item = new QListWidgetItem(entry.icon, shown, m_list);
        item->setData(kKeyRole, entry.key);
        item->setData(kSearchRole, QStringList {entry.key, entry.text, entry.detail}.join(QLatin1Char(' ')));
        item->setToolTip(entry.toolTip);
    }
    const int rowHeight = std::max(m_list->sizeHintForRow(0), 20);
    m_list->setFixedHeight(rowHeight * std::clamp(static_cast<int>(entries.size()), 1, kVisibleRows) + 6);
    applyFilter(m_filter->text());
}

void ChooserPopup::popup(QPoint globalPos)
{
    m_filter->clear();
    applyFilter({});
    adjustSize();
    QPoint at = globalPos;
    if (const QScreen *screen = QApplication::screenAt(globalPos)) {
        const QRect room = screen->availableGeometry();
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - width())));
        at.setY(std::clamp(at.y(), room.top(), std::max(room.top(), room.bottom() - height())));
    }
    move(at);
    show();
    m_filter->setFocus(Qt::PopupFocusReason);
}

QStringList ChooserPopup::shownKeys() const
{
    QStringList keys;
    for (int row = 0; row < m_list->count(); ++row)
        if (!m_list->item(row)->isHidden())
            keys.append(m_list->item(row)->data(kKeyRole).toString());
    return keys;
}

void ChooserPopup::applyFilter(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QListWidgetItem *first = nullptr;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const QString haystack = item->data(kSearchRole).toString();
        const bool shown = std::all_of(words.begin(), words.end(),
            [&haystack](const QString &word) { return haystack.contains(word, Qt::CaseInsensitive); });
        item->setHidden(!shown);
        if (shown && !first)
            first = item;
    }
    m_list->setCurrentItem(first);
}

void ChooserPopup::choose()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item || item->isHidden())
        return;
    const QString key = item->data(kKeyRole).toString();
    hide();
    Q_EMIT chosen(key);
}

bool ChooserPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_filter || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    switch (static_cast<QKeyEvent *>(event)->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        // The list moves over hidden rows by itself.
        QApplication::sendEvent(m_list, event);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        choose();
        return true;
    case Qt::Key_Escape:
        hide();
        return true;
    default:
        return false;
    }
}

} // namespace ringflow::ui
