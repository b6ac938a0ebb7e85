// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/ui/DrugNameDelegate.h"
#include "pharmdesk/ui/HeaderFields.h"
#include "pharmdesk/ui/ImageView.h"

#include <QList>
#include <QWidget>
#include <memory>
#include <optional>

class QLineEdit;
class QTableView;
class QLabel;

namespace pharmdesk::ui {

class PrescriptionItemsModel;

/// The prescription under review: header fields as line edits over the items table.
///
/// Holds the edited prescription (header here, items in the model). Flagged header fields get the
/// review colour and a tooltip with their reasons. Enter confirms the value under the cursor,
/// changed or not, in a header field as in a table cell. Review order (for focusNextUncertain()) is
/// header fields in form order, then the table's cells row by row.
/// Threading: GUI thread only.
class PrescriptionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PrescriptionPanel(QWidget* parent = nullptr);
    ~PrescriptionPanel() override;

    void setPrescription(const core::Prescription& prescription);
    /// Like setPrescription() (undo, redo) but keeps the cursor on the same field or cell when it
    /// still exists, and emits edited().
    void restorePrescription(const core::Prescription& prescription);
    /// The DUR findings for the prescription as it stands; kept with it (not an edit).
    void setAlerts(const QList<core::DurAlert>& alerts);
    void clear();
    bool hasPrescription() const { return m_prescription.has_value(); }
    /// The prescription with every edit applied; empty Prescription when none is shown.
    core::Prescription prescription() const;

    void setReviewThreshold(double threshold);
    double reviewThreshold() const { return m_threshold; }
    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);
    /// Completion for the drug name editor (see DrugSearch).
    void setDrugSearch(DrugSearch search);

    PrescriptionItemsModel* itemsModel() const { return m_model; }
    QTableView* itemsView() const { return m_table; }
    QLineEdit* fieldEdit(HeaderField field) const { return m_edits.value(static_cast<int>(field)); }
    bool isFieldFlagged(HeaderField field) const;

    /// Flagged header fields plus flagged cells.
    int flaggedCount() const;
    /// Regions to outline on the image: header fields and item lines, flagged or not.
    QList<ImageRegion> regions() const;

    /// Moves the focus to the next flagged field or cell after the current one (wrapping).
    /// Returns false, leaving the focus alone, when nothing is flagged.
    bool focusNextUncertain();

    /// Line editing on the items table, at the current row: insert an empty line after it (or at
    /// the end), remove it, move it up or down. The cursor follows the line. False when nothing
    /// was done.
    bool addLine();
    bool removeCurrentLine();
    bool moveCurrentLine(int delta);
    /// Puts the cursor on the first cell of the line with this 1-based number.
    void focusLine(int line);

Q_SIGNALS:
    /// The field or cell with the focus changed; `box` is its region in source-image pixels
    /// (null when unknown).
    void regionSelected(const QRect& box);
    /// Flags changed (new prescription, an edit); `flaggedCount` as flaggedCount().
    void reviewStateChanged(int flaggedCount);
    /// The pharmacist changed a value.
    void edited();
    /// A typed value was not accepted (the field keeps its previous value); `message` says why.
    void editRejected(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildHeader(QWidget* container);
    void refreshHeaderField(HeaderField field);
    /// Stores the typed value; `confirmUnchanged` (Enter) also accepts an unchanged flagged value.
    void commitHeaderField(HeaderField field, bool confirmUnchanged);
    void onFocusChanged(QWidget* old, QWidget* now);
    void updateReasonLabel();
    int currentStop() const;
    bool isStopFlagged(int stop) const;
    void focusStop(int stop);

    std::optional<core::Prescription> m_prescription; ///< header part; items live in m_model
    QList<QLineEdit*> m_edits; ///< by int(HeaderField)
    QList<HeaderField> m_order;
    PrescriptionItemsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    DrugNameDelegate* m_delegate = nullptr;
    QLabel* m_reasonLabel = nullptr; ///< reasons of the flagged value under the cursor
    double m_threshold;
};

} // namespace pharmdesk::ui
