// SPDX-License-Identifier: GPL-3.0-or-later
// `pharmdesk-cli guide`: result file in, PDF out, with texts from the real (embedded) drug cache.
#include "GuideFixtures.h"
#include "Poppler.h"

#include "CliInProcess.h"
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;

namespace {

using Run = pharmdesk::testing::CliRun;

Run runGuide(const QStringList& args)
{
    return pharmdesk::testing::runInProcess(&cli::runGuide, QStringLiteral("guide"), args);
}

} // namespace

class TestGuideCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(QStringLiteral("data"));
        core::Settings settings;
        settings.pharmacy = guidetest::samplePharmacy();
        QVERIFY(QDir().mkpath(m_dataDir));
        QVERIFY(settings.save(m_dataDir).ok());

        core::ImportResult ok;
        ok.source = QStringLiteral("rx.png");
        ok.prescription = guidetest::samplePrescription();
        ok.settleStatus();
        m_okResult = m_dir.filePath(QStringLiteral("ok.json"));
        QVERIFY(core::json::writeJsonFile(m_okResult, core::json::toJson(ok)).ok());

        core::ImportResult failed;
        failed.source = QStringLiteral("broken.jpg");
        failed.status = core::ImportResult::Status::Failed;
        failed.error = core::makeError(core::ErrorCategory::Input, QStringLiteral("The file is not an image."));
        m_failedResult = m_dir.filePath(QStringLiteral("failed.json"));
        QVERIFY(core::json::writeJsonFile(m_failedResult, core::json::toJson(failed)).ok());
    }

    void writesGuideWithCacheTexts()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("guide.pdf"));
        const Run r = runGuide({ m_okResult, QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), m_dataDir,
                                 QStringLiteral("--date"), QStringLiteral("2026-11-22") });
        QVERIFY2(r.code == cli::ExitOk, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QFileInfo(pdf).absoluteFilePath());
        const QString text = guidetest::squeezed(
            guidetest::runTool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") }));
        // The published efficacy text of 부루펜정200밀리그램, found in the drug cache via its EDI code.
        QVERIFY2(text.contains(guidetest::squeezed(QStringLiteral("이 약은 류마티양 관절염"))), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("행복한온누리약국")));
        QVERIFY(text.contains(QStringLiteral("2026년11월22일")));
        for (const core::PrescriptionItem& item : guidetest::samplePrescription().items)
            QVERIFY(text.contains(guidetest::squeezed(guide::GuideRenderer::dosingSentence(item))));
        QVERIFY(text.contains(guidetest::squeezed(QStringLiteral("이 약에 대한 자세한 설명은 약사에게 문의하세요."))));
        QVERIFY(!text.contains(QStringLiteral("850412")));
        QVERIFY(!text.contains(QStringLiteral("1736284")));
    }

    void englishLargePrint()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("guide-en.pdf"));
        const Run r = runGuide({ m_okResult, QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), m_dataDir,
                                 QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--large") });
        QVERIFY2(r.code == cli::ExitOk, qPrintable(r.err));
        const QString text =
            guidetest::runTool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
        QVERIFY(text.contains(QStringLiteral("Medication Guide")));
        QVERIFY(text.contains(QStringLiteral("Take 1 tablet 3 times a day for 5 days")));
    }

    void receiptAndLabelWithQrCodes_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<double>("widthPt");
        QTest::newRow("receipt") << QStringLiteral("receipt") << 80 * 72 / 25.4;
        QTest::newRow("label") << QStringLiteral("label") << 100 * 72 / 25.4;
    }

    void receiptAndLabelWithQrCodes()
    {
        QFETCH(QString, format);
        QFETCH(double, widthPt);
        const QString pdf = m_dir.filePath(format + QStringLiteral(".pdf"));
        const Run r = runGuide({ m_okResult, QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), m_dataDir,
                                 QStringLiteral("--format"), format, QStringLiteral("--qr"), QStringLiteral("--high-contrast") });
        QVERIFY2(r.code == cli::ExitOk, qPrintable(r.err));
        const QList<guidetest::PdfPage> pages = guidetest::pdfWords(pdf);
        QVERIFY(!pages.isEmpty());
        QVERIFY(std::abs(pages.first().size.width() - widthPt) < 1.5);
        const QString text = guidetest::squeezed(
            guidetest::runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") }));
        for (const core::PrescriptionItem& item : guidetest::samplePrescription().items)
            QVERIFY(text.contains(guidetest::squeezed(guide::GuideRenderer::dosingSentence(item))));
    }

    void failedResultIsAnError()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("never.pdf"));
        const Run r = runGuide({ m_failedResult, QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), m_dataDir });
        QCOMPARE(r.code, int(cli::ExitItemsFailed));
        QVERIFY(r.err.contains(QStringLiteral("the import failed")));
        QVERIFY(r.err.contains(QStringLiteral("The file is not an image.")));
        QVERIFY(!QFileInfo::exists(pdf));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no --out") << QStringList { QStringLiteral("RESULT") };
        QTest::newRow("no result") << QStringList { QStringLiteral("--out"), QStringLiteral("x.pdf") };
        QTest::newRow("unknown format")
            << QStringList { QStringLiteral("RESULT"), QStringLiteral("--out"), QStringLiteral("x.pdf"),
                             QStringLiteral("--format"), QStringLiteral("letter") };
        QTest::newRow("unknown language")
            << QStringList { QStringLiteral("RESULT"), QStringLiteral("--out"), QStringLiteral("x.pdf"),
                             QStringLiteral("--lang"), QStringLiteral("fr") };
        QTest::newRow("bad date") << QStringList { QStringLiteral("RESULT"), QStringLiteral("--out"),
                                                   QStringLiteral("x.pdf"), QStringLiteral("--date"),
                                                   QStringLiteral("22.11.2026") };
        QTest::newRow("missing result file")
            << QStringList { m_dir.filePath(QStringLiteral("nope.json")), QStringLiteral("--out"), QStringLiteral("x.pdf") };
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        args.replaceInStrings(QStringLiteral("RESULT"), m_okResult);
        args << QStringLiteral("--data-dir") << m_dataDir;
        const Run r = runGuide(args);
        QCOMPARE(r.code, int(cli::ExitUsage));
        QVERIFY(!r.err.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_dataDir;
    QString m_okResult;
    QString m_failedResult;
};

QTEST_MAIN(TestGuideCommand)
#include "test_guidecommand.moc"
