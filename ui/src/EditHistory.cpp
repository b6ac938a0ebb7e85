// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/EditHistory.h"

#include "pharmdesk/ui/PrescriptionPanel.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace pharmdesk::ui {

class EditHistory::Step : public QUndoCommand
{
public:
    Step(EditHistory* history, core::Prescription before, core::Prescription after)
        : QUndoCommand(QCoreApplication::translate("pharmdesk::ui::EditHistory", "편집"))
        , m_history(history)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { m_history->restore(m_before); }
    void redo() override
    {
        // The first redo is the push: the panel already shows the edit.
        if (m_pushed)
            m_history->restore(m_after);
        m_pushed = true;
    }

private:
    EditHistory* m_history;
    core::Prescription m_before;
    core::Prescription m_after;
    bool m_pushed = false;
};

EditHistory::EditHistory(PrescriptionPanel* panel, QObject* parent)
    : QObject(parent)
    , m_panel(panel)
    , m_stack(new QUndoStack(this))
{
    connect(m_panel, &PrescriptionPanel::edited, this, &EditHistory::onEdited);
    reset();
}

EditHistory::~EditHistory() = default;

void EditHistory::reset()
{
    m_stack->clear();
    m_current = m_panel->prescription();
}

void EditHistory::onEdited()
{
    if (m_restoring || !m_panel->hasPrescription())
        return;
    core::Prescription now = m_panel->prescription();
    m_stack->push(new Step(this, m_current, now));
    m_current = std::move(now);
}

void EditHistory::restore(const core::Prescription& prescription)
{
    m_restoring = true;
    m_panel->restorePrescription(prescription);
    m_restoring = false;
    m_current = prescription;
}

} // namespace pharmdesk::ui
