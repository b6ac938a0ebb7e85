// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/DrugNameDelegate.h"

#include <QCompleter>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QStringListModel>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

DrugNameDelegate::DrugNameDelegate(int nameColumn, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_nameColumn(nameColumn)
{ }

void DrugNameDelegate::setDrugSearch(DrugSearch search)
{
    m_search = std::move(search);
}

QWidget* DrugNameDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    auto* line = qobject_cast<QLineEdit*>(editor);
    if (!line || index.column() != m_nameColumn || !m_search)
        return editor;
    line->setObjectName(QStringLiteral("drugNameEditor"));
    line->setAccessibleName(tr("약품명 (이름, 코드 또는 초성으로 찾기)"));
    // The search does the matching (initial consonants included), so the completer shows its
    // answer as it is instead of filtering it again by prefix.
    auto* names = new QStringListModel(line);
    auto* completer = new QCompleter(names, line);
    completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setMaxVisibleItems(kMaxCompletions);
    line->setCompleter(completer);
    connect(line, &QLineEdit::textEdited, completer,
        [search = m_search, names, completer, line](const QString& text) {
            const QString query = text.trimmed();
            if (query.isEmpty()) {
                names->setStringList({});
                return;
            }
            // Searched on the pool (a few ms to tens of ms over 44,000 products): typing never waits.
            auto* watcher = new QFutureWatcher<QStringList>(line);
            connect(
                watcher, &QFutureWatcherBase::finished, completer, [watcher, names, completer, line, query] {
                    watcher->deleteLater();
                    if (line->text().trimmed() != query)
                        return; // typed on since: a newer search is coming
                    const QStringList found = watcher->result();
                    names->setStringList(found);
                    if (!found.isEmpty())
                        completer->complete();
                });
            watcher->setFuture(QtConcurrent::run([search, query] {
                QStringList found;
                for (const core::Product& product : search(query, kMaxCompletions))
                    found.append(product.name);
                found.removeDuplicates();
                return found;
            }));
        });
    return editor;
}

} // namespace pharmdesk::ui
