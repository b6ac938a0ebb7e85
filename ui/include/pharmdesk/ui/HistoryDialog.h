// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/store/Records.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace pharmdesk::ui {

class CounterRecords;

/// History: past prescriptions from the record store, searched by import date, status, patient
/// name, institution and drug (name or 9-digit insurance code, matched by the store); a chosen one is reopened into the queue (Enter) or its guide printed
/// again. Lists show the masked resident number only; every read is audited by the store.
/// Threading: GUI thread only; the store is read on the records worker.
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    HistoryDialog(CounterRecords* records, QWidget* parent = nullptr);

    /// Runs the search with the fields as they are; results arrive later (searchFinished()).
    void search();
    QTableWidget* table() const { return m_table; }
    QLineEdit* patientEdit() const { return m_patient; }
    QLineEdit* drugEdit() const { return m_drug; }
    QList<store::RecordSummary> results() const { return m_results; }

Q_SIGNALS:
    void searchFinished();
    /// The chosen record, read in full (masked): to be reopened, or reopened and printed again.
    void reopen(const pharmdesk::store::RecordDetail& detail, bool reprint);

private:
    void openChosen(bool reprint);

    CounterRecords* m_records;
    QLineEdit* m_patient = nullptr;
    QLineEdit* m_institution = nullptr;
    QLineEdit* m_drug = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QList<store::RecordSummary> m_results;
    quint64 m_generation = 0;
};

} // namespace pharmdesk::ui
