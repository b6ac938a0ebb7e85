// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input files: each fails clearly and fast, through the loader and through the reader.
#include "TestCatalog.h"

#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QCryptographicHash>
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
        QTest::newRow("not an image") << QByteArray("%PDF-1.4 this is not an image at all") << QStringLiteral("not an image");
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

QTEST_GUILESS_MAIN(TestImageLoader)
#include "test_imageloader.moc"
