// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/DurAlert.h"
#include "pharmdesk/core/Prescription.h"

#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;

namespace pharmdesk::ui {

/// Runs core::DrugCatalog::checkDur() for the prescription under review on the global pool and
/// hands back the findings; a newer check supersedes an older one still running (its answer is
/// dropped). Without a catalog nothing is checked and no alert is reported.
/// Threading: GUI thread only; the catalog is called on a pool thread (it is thread-safe).
class DurChecker : public QObject
{
    Q_OBJECT

public:
    explicit DurChecker(QObject* parent = nullptr);

    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);
    bool hasCatalog() const { return bool(m_catalog); }
    /// Starts a check of `prescription` as it stands; returns at once.
    void check(const core::Prescription& prescription);
    /// Forgets running checks (another prescription is shown).
    void cancel() { ++m_generation; }

Q_SIGNALS:
    void checked(const QList<pharmdesk::core::DurAlert>& alerts);

private:
    std::shared_ptr<const core::DrugCatalog> m_catalog;
    quint64 m_generation = 0;
};

/// The DUR side panel: one entry per finding (severity, kind, the lines concerned, the rule's own
/// text and its source). Activating an entry (Enter, double click) asks to show its first line.
/// Threading: GUI thread only.
class AlertsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AlertsPanel(QWidget* parent = nullptr);

    void setAlerts(const QList<core::DurAlert>& alerts);
    /// No prescription shown, or no catalog to check with: says so instead of "no findings".
    void showMessage(const QString& text);
    QList<core::DurAlert> alerts() const { return m_alerts; }
    QListWidget* list() const { return m_list; }

    static QString kindText(core::DurAlert::Kind kind);
    static QString severityText(core::DurAlert::Severity severity);

Q_SIGNALS:
    void lineActivated(int line);

private:
    QList<core::DurAlert> m_alerts;
    QLabel* m_summary = nullptr;
    QListWidget* m_list = nullptr;
};

} // namespace pharmdesk::ui
