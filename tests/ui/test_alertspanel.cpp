// SPDX-License-Identifier: GPL-3.0-or-later
// The DUR side panel: one entry per finding with its lines and the rule's own text; kinds of DUR
// data that were never downloaded are said once, below the findings, and are not counted as
// findings; activating a finding names its first line.
#include "pharmdesk/ui/AlertsPanel.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using pharmdesk::core::DurAlert;
using pharmdesk::ui::AlertsPanel;

namespace {
DurAlert alert(DurAlert::Kind kind, DurAlert::Severity severity, QList<int> lines, const QString& text)
{
    DurAlert a;
    a.kind = kind;
    a.severity = severity;
    a.lines = std::move(lines);
    a.text = text;
    a.source = QStringLiteral("DUR (test)");
    return a;
}
} // namespace

class TestAlertsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryAndEntries_data()
    {
        using K = DurAlert::Kind;
        using S = DurAlert::Severity;
        QTest::addColumn<QList<DurAlert>>("alerts");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QStringList>("entries"); // a fragment each entry must contain, in order
        QTest::newRow("nothing found") << QList<DurAlert> {} << QStringLiteral("DUR 점검: 해당 없음") << QStringList {};
        QTest::newRow("one warning")
            << QList<DurAlert> { alert(K::SameIngredient, S::Warning, { 1, 3 }, QStringLiteral("아세트아미노펜 중복")) }
            << QStringLiteral("DUR 점검: 1건") << QStringList { QStringLiteral("[주의] 동일성분 중복 · 1, 3번 줄\n아세트아미노펜 중복") };
        QTest::newRow("a contraindication counted apart")
            << QList<DurAlert> { alert(K::CombinationContraindicated, S::Contraindicated, { 2, 4 }, QStringLiteral("병용 금기")),
                   alert(K::ElderlyCaution, S::Warning, { 1 }, QStringLiteral("노인 주의")) }
            << QStringLiteral("DUR 점검: 2건 (금기 1건)")
            << QStringList { QStringLiteral("[금기] 병용금기 · 2, 4번 줄"), QStringLiteral("[주의] 노인주의 · 1번 줄") };
        QTest::newRow("rules missing are not findings")
            << QList<DurAlert> { alert(K::RulesUnavailable, S::Info, {}, QStringLiteral("병용금기 자료 없음")),
                   alert(K::RulesUnavailable, S::Info, {}, QStringLiteral("노인주의 자료 없음")) }
            << QStringLiteral("DUR 점검: 해당 없음") << QStringList { QStringLiteral("점검하지 못한 항목 2종") };
        QTest::newRow("findings first, missing rules last")
            << QList<DurAlert> { alert(K::RulesUnavailable, S::Info, {}, QStringLiteral("임부금기 자료 없음")),
                   alert(K::MaxDuration, S::Warning, { 2 }, QStringLiteral("최대 투여기간 초과")) }
            << QStringLiteral("DUR 점검: 1건")
            << QStringList { QStringLiteral("투여기간주의 · 2번 줄"), QStringLiteral("점검하지 못한 항목 1종") };
    }

    void summaryAndEntries()
    {
        QFETCH(QList<DurAlert>, alerts);
        QFETCH(QString, summary);
        QFETCH(QStringList, entries);
        AlertsPanel panel;
        panel.setAlerts(alerts);
        QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("durSummary"))->text(), summary);
        QCOMPARE(panel.list()->count(), entries.size());
        for (int i = 0; i < entries.size(); ++i)
            QVERIFY2(panel.list()->item(i)->text().contains(entries.at(i)), qPrintable(panel.list()->item(i)->text()));
        QCOMPARE(panel.alerts(), alerts);
    }

    void activatingAFindingNamesItsLine()
    {
        AlertsPanel panel;
        panel.setAlerts({ alert(DurAlert::Kind::SameIngredient, DurAlert::Severity::Warning, { 3, 5 }, {}),
            alert(DurAlert::Kind::RulesUnavailable, DurAlert::Severity::Info, {}, QStringLiteral("x")) });
        QSignalSpy line(&panel, &AlertsPanel::lineActivated);
        Q_EMIT panel.list()->itemActivated(panel.list()->item(0));
        Q_EMIT panel.list()->itemActivated(panel.list()->item(1)); // names no line: nothing
        QCOMPARE(line.count(), 1);
        QCOMPARE(line.first().at(0).toInt(), 3);
    }
};

QTEST_MAIN(TestAlertsPanel)
#include "test_alertspanel.moc"
