// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Product.h"

#include <QStyledItemDelegate>
#include <functional>

namespace pharmdesk::ui {

/// Products matching what the pharmacist has typed (name, code prefix or initial consonants,
/// ㅌㅇㄹㄴ → 타이레놀), best first, at most `limit`. Called on a pool thread for every key, possibly
/// several at once: it must be thread-safe (drugdb::DrugCache::search is: the cache is immutable)
/// and keep what it searches alive by itself.
using DrugSearch = std::function<QList<core::Product>(const QString& text, int limit)>;

/// Item delegate of the items table: the drug name editor completes from the drug cache; the
/// newest answer for the text still in the editor is shown, older ones are dropped. Other columns
/// get the default editor. GUI thread only (the search runs on the global pool).
class DrugNameDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit DrugNameDelegate(int nameColumn, QObject* parent = nullptr);

    /// No search (the default, or while the cache opens): plain text editing.
    void setDrugSearch(DrugSearch search);

    QWidget* createEditor(
        QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kMaxCompletions = 15;

private:
    int m_nameColumn;
    DrugSearch m_search;
};

} // namespace pharmdesk::ui
