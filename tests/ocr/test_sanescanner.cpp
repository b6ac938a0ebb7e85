// SPDX-License-Identifier: GPL-3.0-or-later
// SaneScanner against real SANE with its "test" backend, configured in a private folder.
#include "SaneTestBackend.h"

#include "pharmdesk/ocr/SaneScanner.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <csignal>

Q_DECLARE_METATYPE(pharmdesk::core::ErrorCategory)

using namespace pharmdesk;
using namespace pharmdesk::ocr;
using pharmdesk::test::SaneTestBackend;
using pharmdesk::test::saneTestPagePixels;

class TestSaneScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void devices_data();
    void devices();
    void openUnknownDevice();
    void scanPage_data();
    void scanPage();
    void feederBatch_data();
    void feederBatch();
    void deviceError_data();
    void deviceError();
    void cancelBetweenPages();
    void cancelWhileReading();

private:
    std::unique_ptr<SaneTestBackend> m_backend;
};

namespace {
QStringList names(const QList<ScannerDevice>& devices)
{
    QStringList list;
    for (const ScannerDevice& d : devices)
        list.append(d.name);
    return list;
}

std::unique_ptr<SaneDevice> openTest(const SaneScanner& session, const QString& name = QStringLiteral("test:0"))
{
    auto opened = session.open(name);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().toString()));
        return nullptr;
    }
    return std::move(opened).value();
}
} // namespace

void TestSaneScanner::initTestCase()
{
    // A backend's reader thread writing into a pipe the frontend has closed (cancel, error)
    // gets SIGPIPE; libsane ignores it itself unless a handler is installed, as QtTest does.
    std::signal(SIGPIPE, SIG_IGN);
    m_backend = std::make_unique<SaneTestBackend>();
    QVERIFY(m_backend->setConfig());
}

void TestSaneScanner::devices_data()
{
    QTest::addColumn<QByteArray>("dllConf");
    QTest::addColumn<QByteArray>("testConf");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("test backend, its default two devices")
        << QByteArray("test\n") << QByteArray() << QStringList { QStringLiteral("test:0"), QStringLiteral("test:1") };
    QTest::newRow("test backend, one device")
        << QByteArray("test\n") << QByteArray("number_of_devices 1\n") << QStringList { QStringLiteral("test:0") };
    QTest::newRow("no backend configured: no scanner, not an error") << QByteArray() << QByteArray() << QStringList();
    QTest::newRow("only a commented-out backend") << QByteArray("#test\n") << QByteArray() << QStringList();
}

void TestSaneScanner::devices()
{
    QFETCH(QByteArray, dllConf);
    QFETCH(QByteArray, testConf);
    QFETCH(QStringList, expected);
    QVERIFY(m_backend->setConfig(testConf, dllConf));
    // Like the GUI: listed on a worker thread.
    const auto listed = QtConcurrent::run([] { return SaneScanner().devices(true); }).result();
    QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().toString()));
    QCOMPARE(names(listed.value()), expected);
    for (const ScannerDevice& d : listed.value()) {
        QVERIFY(!d.vendor.isEmpty());
        QVERIFY(d.displayName().contains(d.name));
        QVERIFY(d.displayName().contains(d.model));
    }
}

void TestSaneScanner::openUnknownDevice()
{
    QVERIFY(m_backend->setConfig());
    const SaneScanner session;
    QVERIFY(!session.initError());
    const auto opened = session.open(QStringLiteral("test:7"));
    QVERIFY(!opened.ok());
    QVERIFY(opened.error().detail.contains(QLatin1String("test:7")));
}

void TestSaneScanner::scanPage_data()
{
    QTest::addColumn<QByteArray>("testConf");
    QTest::addColumn<int>("requestedDpi");
    QTest::addColumn<int>("expectedDpi");
    QTest::addColumn<int>("expectedGrey"); // every pixel of the test picture
    QTest::newRow("300 dpi, black page") << QByteArray() << 300 << 300 << 0;
    QTest::newRow("300 dpi, white page") << QByteArray("test-picture \"Solid white\"\n") << 300 << 300 << 255;
    QTest::newRow("above the maximum: the maximum") << QByteArray("resolution_max 600.0\n") << 900 << 600 << 0;
    QTest::newRow("steps of 100: nearest step")
        << QByteArray("resolution_min 100.0\nresolution_max 600.0\nresolution_quant 100.0\n") << 260 << 300 << 0;
    QTest::newRow("colour by default, grey asked") << QByteArray("mode Color\ntest-picture \"Solid white\"\n") << 150
                                                   << 150 << 255;
    QTest::newRow("16-bit by default, 8 asked") << QByteArray("depth 16\ntest-picture \"Solid white\"\n") << 150 << 150
                                                << 255;
}

void TestSaneScanner::scanPage()
{
    QFETCH(QByteArray, testConf);
    QFETCH(int, requestedDpi);
    QFETCH(int, expectedDpi);
    QFETCH(int, expectedGrey);
    QVERIFY(m_backend->setConfig(testConf));
    const SaneScanner session;
    const auto device = openTest(session);
    QVERIFY(device);
    QCOMPARE(device->sources(), QStringList({ QStringLiteral("Flatbed"), QStringLiteral("Automatic Document Feeder") }));
    QVERIFY(device->hasFeeder());
    const auto setup = device->configure({ requestedDpi, true, ScanSource::Flatbed });
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error().toString()));
    QCOMPARE(setup->dpi, expectedDpi);
    QCOMPARE(setup->mode, QStringLiteral("Gray"));
    QCOMPARE(setup->source, QStringLiteral("Flatbed"));

    QList<int> percents;
    ScanObserver observer;
    observer.progress = [&percents](int page, int percent) {
        QCOMPARE(page, 0);
        percents.append(percent);
    };
    // A flatbed has no batch: one page even when a batch is asked for.
    const ScanOutcome outcome = device->scan(true, {}, observer);
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->toString() : QString()));
    QCOMPARE(outcome.pages.size(), 1);
    const QImage page = outcome.pages.constFirst();
    QCOMPARE(page.format(), QImage::Format_Grayscale8);
    QCOMPARE(page.size(), QSize(saneTestPagePixels(80, expectedDpi), saneTestPagePixels(100, expectedDpi)));
    QCOMPARE(qRound(page.dotsPerMeterX() * 0.0254), expectedDpi);
    for (int y : { 0, page.height() / 2, page.height() - 1 })
        for (int x : { 0, page.width() / 2, page.width() - 1 })
            QCOMPARE(qGray(page.pixel(x, y)), expectedGrey);
    QVERIFY(!percents.isEmpty());
    QCOMPARE(percents.constLast(), 100);
    QVERIFY(std::is_sorted(percents.cbegin(), percents.cend()));
}

void TestSaneScanner::feederBatch_data()
{
    QTest::addColumn<bool>("batch");
    QTest::addColumn<int>("expectedPages");
    // The test backend's feeder holds 10 sheets.
    QTest::newRow("batch: until the feeder is empty") << true << 10;
    QTest::newRow("single page from the feeder") << false << 1;
}

void TestSaneScanner::feederBatch()
{
    QFETCH(bool, batch);
    QFETCH(int, expectedPages);
    QVERIFY(m_backend->setConfig());
    QList<int> done;
    ScanObserver observer;
    observer.pageDone = [&done](const QImage& image, int page) {
        QVERIFY(!image.isNull());
        done.append(page);
    };
    const ScanOutcome outcome = QtConcurrent::run([batch, observer] {
        return scanWithSane(QStringLiteral("test:0"), { 300, true, ScanSource::Feeder }, batch, {}, observer);
    }).result();
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->toString() : QString()));
    QCOMPARE(outcome.pages.size(), expectedPages);
    QList<int> expected;
    for (int i = 0; i < expectedPages; ++i)
        expected.append(i);
    QCOMPARE(done, expected);
    for (const QImage& page : outcome.pages)
        QCOMPARE(page.size(), QSize(saneTestPagePixels(80, 300), saneTestPagePixels(100, 300)));
}

void TestSaneScanner::deviceError_data()
{
    QTest::addColumn<QByteArray>("readStatus");
    QTest::addColumn<bool>("batch");
    QTest::addColumn<core::ErrorCategory>("category");
    QTest::addColumn<QString>("detail"); // sane_strstatus()
    QTest::newRow("jammed") << QByteArray("SANE_STATUS_JAMMED") << false << core::ErrorCategory::Input
                            << QStringLiteral("Document feeder jammed");
    QTest::newRow("empty feeder at the first page")
        << QByteArray("SANE_STATUS_NO_DOCS") << true << core::ErrorCategory::Input
        << QStringLiteral("Document feeder out of documents");
    QTest::newRow("cover open") << QByteArray("SANE_STATUS_COVER_OPEN") << false << core::ErrorCategory::Input
                                << QStringLiteral("Scanner cover is open");
    QTest::newRow("i/o error") << QByteArray("SANE_STATUS_IO_ERROR") << true << core::ErrorCategory::Io
                               << QStringLiteral("Error during device I/O");
}

void TestSaneScanner::deviceError()
{
    QFETCH(QByteArray, readStatus);
    QFETCH(bool, batch);
    QFETCH(core::ErrorCategory, category);
    QFETCH(QString, detail);
    // The backend's sane_read() fails as a real device would.
    QVERIFY(m_backend->setConfig("read-status-code \"" + readStatus + "\"\n"));
    const ScanOutcome outcome = scanWithSane(QStringLiteral("test:0"),
        { 75, true, batch ? ScanSource::Feeder : ScanSource::Flatbed }, batch, {});
    QVERIFY(outcome.pages.isEmpty());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->category, category);
    QCOMPARE(outcome.error->detail, detail);
}

void TestSaneScanner::cancelBetweenPages()
{
    QVERIFY(m_backend->setConfig());
    core::CancelToken cancel;
    ScanObserver observer;
    observer.pageDone = [cancel](const QImage&, int page) {
        if (page == 2)
            cancel.cancel();
    };
    const ScanOutcome outcome = scanWithSane(QStringLiteral("test:0"), { 75, true, ScanSource::Feeder }, true, cancel, observer);
    QCOMPARE(outcome.pages.size(), 3);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->category, core::ErrorCategory::Cancelled);
}

void TestSaneScanner::cancelWhileReading()
{
    // Slow transfer: 200 ms after each buffer, about 3.6 s for the page at 300 dpi.
    QVERIFY(m_backend->setConfig("read-delay true\nread-delay-duration 200000\n"));
    core::CancelToken cancel;
    std::atomic_int lastPercent = -1;
    ScanObserver observer;
    observer.progress = [&lastPercent](int, int percent) { lastPercent = percent; };
    QElapsedTimer clock;
    clock.start();
    QFuture<ScanOutcome> scan = QtConcurrent::run([cancel, observer] {
        return scanWithSane(QStringLiteral("test:0"), { 300, true, ScanSource::Flatbed }, false, cancel, observer);
    });
    QTRY_VERIFY_WITH_TIMEOUT(lastPercent > 0, 10000);
    const qint64 startedAfter = clock.elapsed();
    cancel.cancel(); // from another thread than the one scanning
    const ScanOutcome outcome = scan.result();
    const qint64 stoppedAfter = clock.elapsed() - startedAfter;
    QVERIFY2(lastPercent < 100, qPrintable(QString::number(lastPercent)));
    QVERIFY(outcome.pages.isEmpty());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->category, core::ErrorCategory::Cancelled);
    QVERIFY2(stoppedAfter < 2000, qPrintable(QStringLiteral("%1 ms after cancel").arg(stoppedAfter)));
}

QTEST_GUILESS_MAIN(TestSaneScanner)
#include "test_sanescanner.moc"
