// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QAbstractTableModel>
#include <QList>
#include <memory>

namespace pharmdesk::ui {

/// The drug lines of the prescription under review, as an editable table.
///
/// A cell is flagged when a review reason names its field, or when its value was read with a
/// confidence below the review threshold; flagged cells get the amber background and a tooltip
/// with the reasons. Editing a cell stores the value as entered by hand (confidence 1) and drops
/// that field's reasons. With a catalog, an edited code or name is looked up again.
///
/// Threading: GUI thread only. The catalog is only read (in-memory lookups).
class PrescriptionItemsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StatusColumn,
        CodeColumn,
        NameColumn,
        DoseColumn,
        TimesPerDayColumn,
        DaysColumn,
        UsageColumn,
        ConfidenceColumn,
        ColumnCount
    };

    enum Role {
        FlaggedRole = Qt::UserRole + 1, ///< bool: this cell needs review
        ReviewReasonsRole, ///< QStringList of ReviewReason::code() for this cell
        BoxRole, ///< QRect in source-image pixels (field, else line); may be null
    };

    explicit PrescriptionItemsModel(QObject* parent = nullptr);
    ~PrescriptionItemsModel() override;

    void setItems(const QList<core::PrescriptionItem>& items);
    const QList<core::PrescriptionItem>& items() const { return m_items; }

    void setReviewThreshold(double threshold);
    double reviewThreshold() const { return m_threshold; }

    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);

    /// Inserts an empty line before `row` (rowCount() appends) and returns its row. Its name, dose,
    /// times and days are missing and flagged until typed. Lines are renumbered 1..n.
    int addLine(int row);
    /// Removes the line; the others are renumbered. False for a bad row.
    bool removeLine(int row);
    /// Moves the line up (`delta` -1) or down (+1); the others are renumbered. False at the ends.
    bool moveLine(int row, int delta);

    /// The cell's own flag (see the class comment). The status column is flagged only by
    /// line-level reasons that name no single field.
    bool isFlagged(int row, int column) const;
    /// Some cell of the line is flagged.
    bool lineNeedsReview(int row) const;
    /// Number of flagged cells in the table.
    int flaggedCellCount() const;

    /// The ReviewReason::field key edited in `column` ("edi_code", "dose", ...); empty for
    /// the status and confidence columns.
    static QString fieldKey(int column);
    /// The column a reason belongs to; StatusColumn when it names no column of the table.
    static int columnForReason(const core::ReviewReason& reason);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /// Flags may have changed (new items, an edit, a new threshold).
    void reviewStateChanged();
    /// The pharmacist changed (or confirmed) a cell through setData().
    void cellEdited();
    /// A line was added, removed or moved (the pharmacist's edit, like a changed cell).
    void linesEdited();

private:
    QList<core::ReviewReason> cellReasons(int row, int column) const;
    std::optional<double> cellConfidence(int row, int column) const;
    QString cellText(int row, int column) const;
    QString cellToolTip(int row, int column) const;
    QRect cellBox(int row, int column) const;
    bool applyEdit(core::PrescriptionItem& item, int column, const QString& text) const;
    void rematchCode(core::PrescriptionItem& item) const;
    void rematchName(core::PrescriptionItem& item) const;
    void renumber();

    QList<core::PrescriptionItem> m_items;
    double m_threshold = core::Settings::kDefaultReviewThreshold;
    std::shared_ptr<const core::DrugCatalog> m_catalog;
};

} // namespace pharmdesk::ui
