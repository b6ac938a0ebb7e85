// SPDX-License-Identifier: GPL-3.0-or-later
// The concrete services app/gui wires into the window: RendererGuideService over the real guide
// renderer, OcrRecognitionService's worker thread up to the point where Tesseract would start.
#include "SyntheticPrescription.h"
#include "pharmdesk/ui/OcrRecognitionService.h"
#include "pharmdesk/ui/RendererGuideService.h"

#include <QFile>
#include <QFutureWatcher>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace core = pharmdesk::core;
namespace ui = pharmdesk::ui;
namespace test = pharmdesk::ui::test;

namespace {

template<typename T>
T waitFor(const QFuture<T>& future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        finished.wait(10000);
    return future.result();
}

core::PharmacyInfo pharmacy()
{
    return { QStringLiteral("온누리약국"), QStringLiteral("02-555-0101"), QStringLiteral("이약사"),
        QString() };
}

} // namespace

class TestServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guidePdfIsWrittenOffTheGuiThread()
    {
        QTemporaryDir dir;
        ui::RendererGuideService service(pharmacy());
        service.setCatalog(std::make_shared<test::TinyCatalog>());
        const QString path = dir.filePath(QStringLiteral("guide.pdf"));
        const core::Status status = waitFor(service.exportPdf(test::syntheticPrescription(), path));
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().toString()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        // Never the resident number on paper, not even in the PDF's bytes.
        pdf.seek(0);
        QVERIFY(!pdf.readAll().contains("3849183"));
    }

    void guideErrorsComeBackAsStatus()
    {
        QTemporaryDir dir;
        ui::RendererGuideService service(pharmacy());
        core::Prescription empty = test::syntheticPrescription();
        empty.items.clear();
        const core::Status status
            = waitFor(service.exportPdf(empty, dir.filePath(QStringLiteral("none.pdf"))));
        QVERIFY(!status.ok());
        QVERIFY(!status.error().message.isEmpty());
    }

    void guidePaintsOnAPagedDevice()
    {
        QTemporaryDir dir;
        ui::RendererGuideService service(pharmacy());
        QPdfWriter writer(dir.filePath(QStringLiteral("painted.pdf")));
        writer.setPageSize(QPageSize(QPageSize::A4));
        const core::Status status = service.paint(test::syntheticPrescription(), &writer);
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().toString()));
    }

    void printerGetsTheFormatsPaper_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<double>("widthMm");
        QTest::newRow("a5") << QStringLiteral("a5") << 148.0;
        QTest::newRow("receipt roll") << QStringLiteral("receipt") << 80.0;
        QTest::newRow("bag label") << QStringLiteral("label") << 100.0;
    }

    void printerGetsTheFormatsPaper()
    {
        // Printing a receipt or a label on a printer set up for A4 would shrink it onto the
        // sheet: the device gets the format's own paper before painting.
        QFETCH(QString, format);
        QFETCH(double, widthMm);
        QTemporaryDir dir;
        pharmdesk::guide::GuideOptions options;
        options.format = format;
        ui::RendererGuideService service(pharmacy(), options);
        QPdfWriter writer(dir.filePath(QStringLiteral("printed.pdf")));
        writer.setPageSize(QPageSize(QPageSize::A4));
        const core::Status status = service.paint(test::syntheticPrescription(), &writer);
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().toString()));
        QCOMPARE(qRound(writer.pageLayout().pageSize().size(QPageSize::Millimeter).width()), qRound(widthMm));
    }

    void recognitionWithoutCatalogFails()
    {
        ui::DrugCacheLoad load;
        load.error = core::makeError(core::ErrorCategory::Database, QStringLiteral("cache broken"));
        ui::OcrRecognitionService service({}, QtFuture::makeReadyFuture(load));
        const core::ImportResult result = waitFor(service.recognise(QStringLiteral("/nonexistent.png"), {}));
        QCOMPARE(result.status, core::ImportResult::Status::Failed);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->category, core::ErrorCategory::Database);
        QVERIFY(result.error->detail.contains(QStringLiteral("cache broken")));
        QCOMPARE(result.source, QStringLiteral("/nonexistent.png"));
        // The failure is kept: the next job fails the same way without retrying.
        const core::ImportResult again = waitFor(service.recognise(QStringLiteral("/other.png"), {}));
        QCOMPARE(again.error->category, core::ErrorCategory::Database);
    }

    void cancelledBeforeStartNeverReads()
    {
        ui::OcrRecognitionService service({}, QtFuture::makeReadyFuture(ui::DrugCacheLoad {}));
        core::CancelToken cancel;
        cancel.cancel();
        const core::ImportResult result
            = waitFor(service.recognise(QStringLiteral("/nonexistent.png"), cancel));
        QCOMPARE(result.status, core::ImportResult::Status::Failed);
        QCOMPARE(result.error->category, core::ErrorCategory::Cancelled);
    }

    void recognitionWaitsForTheCatalogOnItsOwnThread()
    {
        // The cache is still opening: recognise() must return at once all the same.
        QPromise<ui::DrugCacheLoad> opening;
        opening.start();
        ui::OcrRecognitionService service({}, opening.future());
        QElapsedTimer timer;
        timer.start();
        QFuture<core::ImportResult> future = service.recognise(QStringLiteral("/nonexistent.png"), {});
        QVERIFY(timer.elapsed() < 100);
        QTest::qWait(50);
        QVERIFY(!future.isFinished());
        ui::DrugCacheLoad failed;
        failed.error = core::makeError(core::ErrorCategory::Database, QStringLiteral("no cache"));
        opening.addResult(failed);
        opening.finish();
        QCOMPARE(waitFor(future).error->category, core::ErrorCategory::Database);
    }
};

QTEST_MAIN(TestServices)
#include "test_services.moc"
