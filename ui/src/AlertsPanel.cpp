// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/AlertsPanel.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

using Kind = core::DurAlert::Kind;
using Severity = core::DurAlert::Severity;

DurChecker::DurChecker(QObject* parent)
    : QObject(parent)
{ }

void DurChecker::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_catalog = std::move(catalog);
}

void DurChecker::check(const core::Prescription& prescription)
{
    const quint64 generation = ++m_generation;
    if (!m_catalog)
        return;
    auto* watcher = new QFutureWatcher<QList<core::DurAlert>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation && watcher->future().resultCount() > 0)
            Q_EMIT checked(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [catalog = m_catalog, prescription] { return catalog->checkDur(prescription); }));
}

AlertsPanel::AlertsPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("durSummary"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("DUR 요약"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("durAlerts"));
    m_list->setAccessibleName(tr("DUR 경고 목록"));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int line = item->data(Qt::UserRole).toInt();
        if (line > 0)
            Q_EMIT lineActivated(line);
    });
    showMessage(tr("처방전을 열면 DUR 점검 결과가 여기에 나옵니다."));
}

QString AlertsPanel::kindText(Kind kind)
{
    switch (kind) {
    case Kind::CombinationContraindicated:
        return tr("병용금기");
    case Kind::SameIngredient:
        return tr("동일성분 중복");
    case Kind::TherapeuticDuplicate:
        return tr("효능군 중복");
    case Kind::AgeContraindicated:
        return tr("연령금기");
    case Kind::ElderlyCaution:
        return tr("노인주의");
    case Kind::PregnancyContraindicated:
        return tr("임부금기");
    case Kind::MaxDailyDose:
        return tr("용량주의");
    case Kind::MaxDuration:
        return tr("투여기간주의");
    case Kind::SplitCaution:
        return tr("분할주의");
    case Kind::RulesUnavailable:
        return tr("점검 자료 없음");
    }
    return {};
}

QString AlertsPanel::severityText(Severity severity)
{
    switch (severity) {
    case Severity::Contraindicated:
        return tr("금기");
    case Severity::Warning:
        return tr("주의");
    case Severity::Info:
        return tr("참고");
    }
    return {};
}

void AlertsPanel::showMessage(const QString& text)
{
    m_alerts.clear();
    m_list->clear();
    m_summary->setText(text);
}

void AlertsPanel::setAlerts(const QList<core::DurAlert>& alerts)
{
    m_alerts = alerts;
    m_list->clear();
    int findings = 0;
    int serious = 0;
    QStringList unavailable;
    for (const core::DurAlert& alert : alerts) {
        if (alert.kind == Kind::RulesUnavailable) {
            // Not a finding: said once, below the findings, so it cannot drown them.
            unavailable.append(alert.text);
            continue;
        }
        ++findings;
        QStringList lines;
        for (int line : alert.lines)
            lines.append(QString::number(line));
        QString text = QStringLiteral("[%1] %2").arg(severityText(alert.severity), kindText(alert.kind));
        if (!lines.isEmpty())
            text += QStringLiteral(" · ") + tr("%1번 줄").arg(lines.join(QLatin1String(", ")));
        if (!alert.text.isEmpty())
            text += QLatin1Char('\n') + alert.text;
        auto* item = new QListWidgetItem(text, m_list);
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (alert.severity == Severity::Contraindicated) {
            icon = QStyle::SP_MessageBoxCritical;
            ++serious;
        } else if (alert.severity == Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
        }
        item->setIcon(QApplication::style()->standardIcon(icon));
        item->setToolTip(alert.source);
        item->setData(Qt::UserRole, alert.lines.isEmpty() ? 0 : alert.lines.first());
        item->setData(Qt::AccessibleTextRole, text);
    }
    if (!unavailable.isEmpty()) {
        const QString text = tr("점검하지 못한 항목 %1종 (자료 없음)").arg(unavailable.size());
        auto* item = new QListWidgetItem(text, m_list);
        item->setIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation));
        item->setToolTip(unavailable.join(QLatin1Char('\n')));
        item->setData(Qt::UserRole, 0);
        item->setData(Qt::AccessibleTextRole, text + QLatin1Char('\n') + unavailable.join(QLatin1Char('\n')));
    }
    if (findings == 0)
        m_summary->setText(tr("DUR 점검: 해당 없음"));
    else if (serious > 0)
        m_summary->setText(tr("DUR 점검: %1건 (금기 %2건)").arg(findings).arg(serious));
    else
        m_summary->setText(tr("DUR 점검: %1건").arg(findings));
}

} // namespace pharmdesk::ui
