// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Prescription.h"

#include <QObject>

class QUndoStack;

namespace pharmdesk::ui {

class PrescriptionPanel;

/// Undo and redo for the pharmacist's edits in a PrescriptionPanel: each edit (a header field, a
/// cell, a confirmed value, a line added, removed or moved) becomes one step on a QUndoStack
/// holding the prescription before and after it. Undo puts the earlier prescription back in the
/// panel, keeping the cursor where it was.
///
/// Snapshots, not per-field commands: a prescription is a few kilobytes, and an edit may change
/// more than the cell typed into (a new code re-matches the product, a dose drops the total check).
/// Threading: GUI thread only.
class EditHistory : public QObject
{
    Q_OBJECT

public:
    explicit EditHistory(PrescriptionPanel* panel, QObject* parent = nullptr);
    ~EditHistory() override;

    QUndoStack* stack() const { return m_stack; }

    /// Starts a new history from what the panel shows now (a newly shown prescription).
    void reset();

private:
    class Step;
    void onEdited();
    void restore(const core::Prescription& prescription);

    PrescriptionPanel* m_panel;
    QUndoStack* m_stack;
    core::Prescription m_current; ///< the panel's prescription after the last step
    bool m_restoring = false;
};

} // namespace pharmdesk::ui
