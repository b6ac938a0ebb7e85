// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input files: each fails clearly and fast, through the loader and through the reader.
#include "TestCatalog.h"

#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QCryptographicHash>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

namespace {

QByteArray encode(const cv::Mat& image, const char* ext)
{
    std::vector<uchar> buffer;
    cv::imencode(ext, image, buffer);
    return QByteArray(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
}

cv::Mat page(int w, int h)
{
    cv::Mat m(h, w, CV_8UC3, cv::Scalar(255, 255, 255));
    for (int y = 40; y < h - 40; y += 30)
        cv::rectangle(m, cv::Rect(30, y, w - 60, 12), cv::Scalar(0, 0, 0), cv::FILLED);
    return m;
}

/// A PNG that declares `w` × `h` pixels in its header but carries no real image data.
QByteArray pngHeaderOnly(quint32 w, quint32 h)
{
    QByteArray b("\x89PNG\r\n\x1a\n", 8);
    char chunk[25] = {};
    qToBigEndian<quint32>(13, chunk);
    memcpy(chunk + 4, "IHDR", 4);
    qToBigEndian<quint32>(w, chunk + 8);
    qToBigEndian<quint32>(h, chunk + 12);
    chunk[16] = 8;  // bit depth
    chunk[17] = 2;  // colour type RGB
    b.append(chunk, 25);
    b.append(QByteArray(64, '\0'));
    return b;
}

/// Three grey pages of different sizes, each with a different number of bars, as one TIFF.
QByteArray multiPageTiff(const QString& path)
{
    std::vector<cv::Mat> pages;
    for (int i = 0; i < 3; ++i) {
        cv::Mat m(800 + 100 * i, 600 + 50 * i, CV_8UC1, cv::Scalar(255));
        for (int b = 0; b <= i; ++b)
            cv::rectangle(m, cv::Rect(50, 60 + 80 * b, 400, 20), cv::Scalar(0), cv::FILLED);
        pages.push_back(m);
    }
    cv::imwritemulti(path.toStdString(), pages);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A two-page A5 PDF; page 2 carries a black square in its top-left quarter.
QByteArray twoPagePdf(const QString& path)
{
    {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A5));
        writer.setResolution(300);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p(&writer);
        p.fillRect(QRect(1200, 2000, 200, 200), Qt::black);
        writer.newPage();
        p.fillRect(QRect(100, 100, 300, 300), Qt::black);
    }
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestImageLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void headerProbe_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("format");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("complete");
        const QByteArray jpeg = encode(page(640, 480), ".jpg");
        QTest::newRow("png") << encode(page(500, 400), ".png") << int(ImageFormat::Png) << QSize(500, 400) << true;
        QTest::newRow("jpeg") << jpeg << int(ImageFormat::Jpeg) << QSize(640, 480) << true;
        QTest::newRow("truncated jpeg") << jpeg.left(jpeg.size() / 2) << int(ImageFormat::Jpeg) << QSize(640, 480) << false;
        QTest::newRow("tiff") << encode(page(320, 330), ".tiff") << int(ImageFormat::Tiff) << QSize(320, 330) << true;
        QTest::newRow("60 megapixel png header") << pngHeaderOnly(10000, 6000) << int(ImageFormat::Png) << QSize(10000, 6000) << false;
        QTest::newRow("text") << QByteArray("Rx: take two") << int(ImageFormat::Unknown) << QSize() << true;
    }

    void headerProbe()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, format);
        QFETCH(QSize, size);
        QFETCH(bool, complete);
        const ImageHeader h = probeImageHeader(bytes);
        QCOMPARE(int(h.format), format);
        QCOMPARE(h.size, size);
        if (format != int(ImageFormat::Unknown))
            QCOMPARE(h.complete, complete);
    }

    void badFilesFailClearly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("messagePart");
        const QByteArray jpeg = encode(page(800, 1000), ".jpg");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("not an image") << QByteArray("Rx: take two tablets three times a day") << QStringLiteral("not an image");
        QTest::newRow("damaged pdf") << QByteArray("%PDF-1.4 this is not a PDF body at all") << QStringLiteral("PDF is damaged");
        QTest::newRow("truncated jpeg") << jpeg.left(jpeg.size() * 2 / 3) << QStringLiteral("truncated");
        QTest::newRow("1x1 png") << encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(255, 255, 255)), ".png") << QStringLiteral("too small");
        QTest::newRow("200 px scan") << encode(page(200, 280), ".png") << QStringLiteral("too small");
        QTest::newRow("60 megapixel png") << pngHeaderOnly(10000, 6000) << QStringLiteral("too large");
        QTest::newRow("damaged png header") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << QStringLiteral("damaged");
    }

    void badFilesFailClearly()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        const QString path = write(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')), bytes);
        QElapsedTimer timer;
        timer.start();
        QString digest;
        const auto loaded = loadImage(path, LoadLimits {}, &digest);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().category, core::ErrorCategory::Input);
        QVERIFY2(loaded.error().message.contains(messagePart), qPrintable(loaded.error().message));
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(digest.size(), 64);
    }

    void goodImagesLoad()
    {
        const QString path = write(QStringLiteral("good.png"), encode(page(600, 800), ".png"));
        QString digest;
        const auto loaded = loadImage(path, LoadLimits {}, &digest);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->image.cols, 600);
        QCOMPARE(loaded->image.rows, 800);
        QCOMPARE(loaded->sha256, digest);
        QCOMPARE(loaded->sha256, QStringLiteral("%1").arg(QString::fromLatin1(
            QCryptographicHash::hash(encode(page(600, 800), ".png"), QCryptographicHash::Sha256).toHex())));
    }

    void multiPageTiffHasEveryPage()
    {
        const QString path = m_dir.filePath(QStringLiteral("three.tiff"));
        const QByteArray bytes = multiPageTiff(path);
        QVERIFY(!bytes.isEmpty());
        const ImageHeader h = probeImageHeader(bytes);
        QCOMPARE(h.format, ImageFormat::Tiff);
        QCOMPARE(h.pages, (QList<QSize> { QSize(600, 800), QSize(650, 900), QSize(700, 1000) }));
        QCOMPARE(pageCount(path).value(), 3);
        for (int i = 0; i < 3; ++i) {
            const auto loaded = loadImage(path, LoadLimits {}, nullptr, i);
            QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
            QCOMPARE(loaded->image.cols, 600 + 50 * i);
            QCOMPARE(loaded->image.rows, 800 + 100 * i);
            QCOMPARE(loaded->pageCount, 3);
            // Page i has i + 1 bars of 400 × 20 pixels.
            QCOMPARE(cv::countNonZero(loaded->image < 128), (i + 1) * 400 * 20);
        }
        const auto beyond = loadImage(path, LoadLimits {}, nullptr, 3);
        QVERIFY(!beyond.ok());
        QVERIFY(beyond.error().message.contains(QStringLiteral("no page 4")));
    }

    void pdfPagesAreRendered()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.pdf"));
        const QByteArray bytes = twoPagePdf(path);
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(probeImageHeader(bytes).format, ImageFormat::Pdf);
        QCOMPARE(pageCount(path).value(), 2);
        const auto second = loadImage(path, LoadLimits {}, nullptr, 1);
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().toString()));
        // The page box is A5 in whole points (420 × 595): 1750 × 2479 pixels at 300 dpi.
        const QSize points = QPageSize(QPageSize::A5).sizePoints();
        QCOMPARE(second->image.cols, qRound(points.width() * 300.0 / 72.0));
        QCOMPARE(second->image.rows, qRound(points.height() * 300.0 / 72.0));
        QCOMPARE(second->image.type(), CV_8UC1);
        QCOMPARE(second->pageCount, 2);
        // The 300 × 300 square (1/300 inch units) is black there and nowhere near the centre.
        QVERIFY(second->image.at<uchar>(250, 250) < 40);
        QVERIFY(second->image.at<uchar>(1200, 900) > 215);
        QVERIFY(!loadImage(path, LoadLimits {}, nullptr, 2).ok());

        // A low pixel limit renders the page smaller instead of failing.
        LoadLimits small;
        small.maxPixels = 1'000'000;
        const auto reduced = loadImage(path, small, nullptr, 0);
        QVERIFY(reduced.ok());
        QVERIFY(qint64(reduced->image.cols) * reduced->image.rows <= 1'000'000);
        QVERIFY(reduced->image.cols >= 800);
    }

    void missingFileIsIoError()
    {
        const auto loaded = loadImage(m_dir.filePath(QStringLiteral("nope.png")), LoadLimits {});
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().category, core::ErrorCategory::Io);
    }

    void readerReportsFailedResults_data()
    {
        badFilesFailClearly_data();
    }

    void readerReportsFailedResults()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        auto catalog = std::make_shared<test::TestCatalog>(QList<core::Product> {
            test::TestCatalog::product(1, QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), { QStringLiteral("645301220") }) });
        auto reader = PrescriptionReader::create(ReaderOptions {}, catalog);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().toString()));
        const QString path = write(QStringLiteral("reader-") + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')), bytes);
        const core::ImportResult result = (*reader)->read(path);
        QCOMPARE(result.status, core::ImportResult::Status::Failed);
        QVERIFY(result.error.has_value());
        QVERIFY(!result.prescription.has_value());
        QCOMPARE(result.error->category, core::ErrorCategory::Input);
        QVERIFY2(result.error->message.contains(messagePart), qPrintable(result.error->message));
        QCOMPARE(result.source, path);
    }

    void maxPixelsIsAnOption()
    {
        auto catalog = std::make_shared<test::TestCatalog>(QList<core::Product> {});
        ReaderOptions options;
        options.maxPixels = 400'000;
        auto reader = PrescriptionReader::create(options, catalog);
        QVERIFY(reader.ok());
        const QString path = write(QStringLiteral("big.png"), encode(page(800, 1000), ".png"));
        const auto result = (*reader)->read(path);
        QCOMPARE(result.status, core::ImportResult::Status::Failed);
        QVERIFY(result.error->message.contains(QStringLiteral("too large")));
    }
};

QTEST_MAIN(TestImageLoader)  // QPdfWriter writes the PDF fixtures
#include "test_imageloader.moc"
