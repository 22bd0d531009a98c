#include "panels/palette_widget.h"

#include "canvas/theme.h"
#include "document/mime_types.h"
#include "pipeline/kind_registry.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace ringflow::ui {

namespace {

constexpr int kKindRole = Qt::UserRole;
constexpr int kKindRowHeight = 30;
constexpr int kMargin = 6;

// A tree whose drags carry the kind of the dragged entry.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

    /// The height of every row shown, as laid out (the style decides a category row's height).
    int rowsHeight() const
    {
        int height = 0;
        for (QModelIndex row = model()->index(0, 0); row.isValid(); row = indexBelow(row))
            height += rowHeight(row);
        return height;
    }

protected:
    QStringList mimeTypes() const override { return {QString::fromLatin1(kKindMimeType)}; }

    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        const QString kind = items.isEmpty() ? QString() : items.front()->data(0, kKindRole).toString();
        return kind.isEmpty() ? nullptr : PaletteWidget::mimeDataForKind(kind);
    }
};

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_tree(new PaletteTree(this))
{
    m_filter->setPlaceholderText(tr("Filter kinds…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("paletteFilter"));

    m_tree->setObjectName(QStringLiteral("paletteTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(8);
    m_tree->setIconSize(QSize(22, 22));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setUniformRowHeights(false);

    std::map<pipeline::KindCategory, QTreeWidgetItem *> categories;
    for (const pipeline::KindSpec &kind : pipeline::KindRegistry::instance().kinds()) {
        QTreeWidgetItem *&category = categories[kind.category];
        if (!category) {
            category = new QTreeWidgetItem(m_tree, {QString::fromUtf8(pipeline::categoryName(kind.category))});
            category->setFlags(Qt::ItemIsEnabled);
            QFont font = category->font(0);
            font.setBold(true);
            category->setFont(0, font);
            category->setForeground(0, theme::secondaryText());
        }
        auto *item = new QTreeWidgetItem(category, {QString::fromStdString(kind.displayName)});
        item->setData(0, kKindRole, QString::fromStdString(kind.name));
        item->setIcon(0, theme::categoryIcon(kind.category));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        const QString help = QString::fromStdString(kind.help);
        item->setToolTip(0,
            QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                .arg(QString::fromStdString(kind.displayName), help.toHtmlEscaped(),
                    tr("Drag onto the canvas, or double-click to add.")));
        item->setStatusTip(0, help);
        item->setSizeHint(0, QSize(0, kKindRowHeight));
    }
    m_tree->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kMargin, kMargin, kMargin, kMargin);
    layout->setSpacing(kMargin);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &PaletteWidget::setFilter);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, kKindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
}

QMimeData *PaletteWidget::mimeDataForKind(const QString &kind)
{
    auto *mimeData = new QMimeData;
    mimeData->setData(QString::fromLatin1(kKindMimeType), kind.toUtf8());
    return mimeData;
}

int PaletteWidget::heightShowingEveryKind() const
{
    const int rows = static_cast<const PaletteTree *>(m_tree)->rowsHeight();
    return 2 * kMargin + m_filter->sizeHint().height() + kMargin + 2 * m_tree->frameWidth() + rows;
}

QTreeWidgetItem *PaletteWidget::itemForKind(const QString &kind) const
{
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem *category = m_tree->topLevelItem(c);
        for (int k = 0; k < category->childCount(); ++k)
            if (category->child(k)->data(0, kKindRole).toString() == kind)
                return category->child(k);
    }
    return nullptr;
}

void PaletteWidget::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    const QString needle = text.trimmed();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem *category = m_tree->topLevelItem(c);
        bool anyShown = false;
        for (int k = 0; k < category->childCount(); ++k) {
            QTreeWidgetItem *item = category->child(k);
            const pipeline::KindSpec *kind = pipeline::findKind(item->data(0, kKindRole).toString().toStdString());
            const QString haystack
                = QStringList {item->text(0), QString::fromStdString(kind->name), category->text(0)}.join(
                    QLatin1Char('\n'));
            const bool shown = needle.isEmpty() || haystack.contains(needle, Qt::CaseInsensitive);
            item->setHidden(!shown);
            anyShown = anyShown || shown;
        }
        category->setHidden(!anyShown);
    }
}

} // namespace ringflow::ui
