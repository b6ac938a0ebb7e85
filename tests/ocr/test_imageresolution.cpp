// SPDX-License-Identifier: GPL-3.0-or-later
// Pages whose pixels are not square (a standard fax stored at 204 × 98 dpi): the declared density
// is read from TIFF, PNG and JPEG headers and the page is resampled to square pixels; absurd
// declarations are ignored or refused, never obeyed into a giant allocation.
#include "pharmdesk/ocr/ImageLoader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTest>

#include <opencv2/core.hpp>

#include <leptonica/allheaders.h>

#include <cmath>
#include <limits>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

namespace {

/// A `w` × `h` bilevel page, white with one black bar over rows [barTop, barTop + barHeight),
/// stored with the declared density, as leptonica writes it (1 bit per pixel, CCITT G4).
PIX* barPage(int w, int h, int barTop, int barHeight, int xres, int yres)
{
    PIX* pix = pixCreate(w, h, 1);
    pixRasterop(pix, 20, barTop, w - 40, barHeight, PIX_SET, nullptr, 0, 0);
    pixSetResolution(pix, xres, yres);
    return pix;
}

QByteArray g4Tiff(const QList<PIX*>& pages)
{
    QByteArray out;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        // One directory per page: leptonica appends to a stream written before ("a" mode is for
        // files only), so the pages are written to a temporary file.
        const QByteArray path = QDir::temp().filePath(QStringLiteral("pharmdesk-test-res-%1.tif").arg(QCoreApplication::applicationPid())).toLocal8Bit();
        if (pixWriteTiff(path.constData(), pages[i], IFF_TIFF_G4, i == 0 ? "w" : "a") != 0)
            return {};
        if (i + 1 == pages.size()) {
            QFile f(QString::fromLocal8Bit(path));
            if (f.open(QIODevice::ReadOnly))
                out = f.readAll();
            f.remove();
        }
    }
    return out;
}

QByteArray g4Tiff(PIX* page)
{
    return g4Tiff(QList<PIX*> { page });
}

/// Rows of `image` (one channel) with any black pixel: [first, last], or (-1, -1).
QPair<int, int> inkedRows(const cv::Mat& image)
{
    int first = -1;
    int last = -1;
    for (int y = 0; y < image.rows; ++y) {
        if (cv::countNonZero(image.row(y) < 128) > 0) {
            first = first < 0 ? y : first;
            last = y;
        }
    }
    return { first, last };
}

QByteArray qtEncoded(int w, int h, double dpiAcross, double dpiDown, const char* format)
{
    QImage image(w, h, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 60; y < 70; ++y)
        memset(image.scanLine(y) + 20, 90, size_t(w - 40));
    image.setDotsPerMeterX(int(std::lround(dpiAcross / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(dpiDown / 0.0254)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

} // namespace

class TestImageResolution : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void squareSize_data()
    {
        QTest::addColumn<QSize>("stored");
        QTest::addColumn<QSizeF>("density");
        QTest::addColumn<QSize>("expected");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("undeclared") << QSize(1728, 1100) << QSizeF() << QSize(1728, 1100);
        QTest::newRow("square 200 dpi") << QSize(1654, 2339) << QSizeF(200, 200) << QSize(1654, 2339);
        QTest::newRow("standard fax") << QSize(1728, 1100) << QSizeF(204, 98) << QSize(1728, 2290);
        QTest::newRow("standard fax in dots per cm") << QSize(1728, 1100) << QSizeF(8.0, 3.85) << QSize(1728, 2286);
        QTest::newRow("fine fax") << QSize(1728, 2200) << QSizeF(204, 196) << QSize(1728, 2290);
        QTest::newRow("wide pixels") << QSize(400, 200) << QSizeF(98, 204) << QSize(833, 200);
        QTest::newRow("within 1 percent") << QSize(1000, 1000) << QSizeF(200, 199) << QSize(1000, 1000);
        QTest::newRow("ratio 4 believed") << QSize(500, 100) << QSizeF(400, 100) << QSize(500, 400);
        QTest::newRow("ratio above 4 ignored") << QSize(500, 100) << QSizeF(401, 100) << QSize(500, 100);
        QTest::newRow("huge ratio ignored") << QSize(1728, 1100) << QSizeF(4e9, 1) << QSize(1728, 1100);
        QTest::newRow("zero down") << QSize(1728, 1100) << QSizeF(204, 0) << QSize(1728, 1100);
        QTest::newRow("negative") << QSize(1728, 1100) << QSizeF(-204, 98) << QSize(1728, 1100);
        QTest::newRow("not a number") << QSize(1728, 1100) << QSizeF(nan, 98) << QSize(1728, 1100);
        QTest::newRow("infinite") << QSize(1728, 1100) << QSizeF(204, inf) << QSize(1728, 1100);
    }

    void squareSize()
    {
        QFETCH(QSize, stored);
        QFETCH(QSizeF, density);
        QFETCH(QSize, expected);
        QCOMPARE(squarePixelSize(stored, density), expected);
    }

    void headerDensity_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QSizeF>("density");
        PIX* pix = barPage(400, 200, 50, 10, 204, 98);
        QTest::newRow("g4 tiff") << g4Tiff(pix) << QSizeF(204, 98);
        pixDestroy(&pix);
        // Qt stores dots per metre in pHYs, rounded: only the ratio matters.
        QTest::newRow("png pHYs") << qtEncoded(400, 200, 204, 98, "PNG") << QSizeF(8031, 3858);
        QTest::newRow("jpeg jfif") << qtEncoded(400, 200, 200, 100, "JPEG") << QSizeF(200, 100);
    }

    void headerDensity()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QSizeF, density);
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(probeImageHeader(bytes).density, density);
    }

    /// A one-page G4 TIFF at each density: its size once loaded, its bar where it belongs, and
    /// still black and white only (the fax steps of the reader need a bilevel page).
    void decodesTiff_data()
    {
        QTest::addColumn<int>("xres");
        QTest::addColumn<int>("yres");
        QTest::addColumn<QSize>("loaded");
        QTest::addColumn<int>("barFirst");
        QTest::addColumn<int>("barLast");
        // Stored 400 × 200 with the bar on rows 50-59.
        QTest::newRow("standard 204x98") << 204 << 98 << QSize(400, 416) << 104 << 124;
        QTest::newRow("fine 204x196") << 204 << 196 << QSize(400, 208) << 52 << 61;
        QTest::newRow("square 300x300") << 300 << 300 << QSize(400, 200) << 50 << 59;
        QTest::newRow("wide pixels 98x204") << 98 << 204 << QSize(833, 200) << 50 << 59;
        QTest::newRow("absurd 300x1: as stored") << 300 << 1 << QSize(400, 200) << 50 << 59;
    }

    void decodesTiff()
    {
        QFETCH(int, xres);
        QFETCH(int, yres);
        QFETCH(QSize, loaded);
        QFETCH(int, barFirst);
        QFETCH(int, barLast);
        PIX* pix = barPage(400, 200, 50, 10, xres, yres);
        const QByteArray bytes = g4Tiff(pix);
        pixDestroy(&pix);
        LoadLimits limits;
        limits.minShortSide = 100;
        const auto result = decodeImage(bytes, limits, QStringLiteral("fax.tif"));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->storedSize, QSize(400, 200));
        QCOMPARE(QSize(result->image.cols, result->image.rows), loaded);
        QCOMPARE(result->image.channels(), 1);
        QCOMPARE(cv::countNonZero((result->image > 0) & (result->image < 255)), 0);
        QCOMPARE(inkedRows(result->image), qMakePair(barFirst, barLast));
    }

    /// Each directory of a multi-page TIFF is made square by its own density.
    void multiPageTiff()
    {
        QList<PIX*> pages = { barPage(400, 200, 50, 10, 204, 98), barPage(400, 400, 100, 20, 204, 196),
                              barPage(300, 300, 30, 10, 200, 200) };
        const QByteArray bytes = g4Tiff(pages);
        for (PIX*& p : pages)
            pixDestroy(&p);
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(pageCount(bytes, QStringLiteral("three.tif")).value(), 3);
        const ImageHeader header = probeImageHeader(bytes);
        QCOMPARE(header.pageDensities, (QList<QSizeF> { QSizeF(204, 98), QSizeF(204, 196), QSizeF(200, 200) }));
        LoadLimits limits;
        limits.minShortSide = 100;
        const QList<QSize> stored = { QSize(400, 200), QSize(400, 400), QSize(300, 300) };
        const QList<QSize> square = { QSize(400, 416), QSize(400, 416), QSize(300, 300) };
        for (int page = 0; page < 3; ++page) {
            const auto result = decodeImage(bytes, limits, QStringLiteral("three.tif"), page);
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
            QCOMPARE(result->pageCount, 3);
            QCOMPARE(result->storedSize, stored[page]);
            QCOMPARE(QSize(result->image.cols, result->image.rows), square[page]);
        }
    }

    /// Grey pages declaring unequal density through PNG pHYs and JPEG JFIF, resampled linearly.
    void decodesPngAndJpeg_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QSize>("loaded");
        QTest::newRow("png 204x98") << qtEncoded(400, 200, 204, 98, "PNG") << QSize(400, 416);
        QTest::newRow("png 200x200") << qtEncoded(400, 200, 200, 200, "PNG") << QSize(400, 200);
        QTest::newRow("jpeg 200x100") << qtEncoded(400, 200, 200, 100, "JPEG") << QSize(400, 400);
        QTest::newRow("jpeg 72x72") << qtEncoded(400, 200, 72, 72, "JPEG") << QSize(400, 200);
    }

    void decodesPngAndJpeg()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QSize, loaded);
        LoadLimits limits;
        limits.minShortSide = 100;
        const auto result = decodeImage(bytes, limits, QStringLiteral("page"));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->storedSize, QSize(400, 200));
        QCOMPARE(QSize(result->image.cols, result->image.rows), loaded);
    }

    /// The limits hold for the square size: a page within the pixel limit as stored but four
    /// times over it once stretched is refused before decoding; one too short as stored but tall
    /// enough once stretched is accepted.
    void limitsApplyToSquareSize()
    {
        PIX* tall = barPage(1000, 1000, 50, 10, 400, 100);
        const QByteArray tallBytes = g4Tiff(tall);
        pixDestroy(&tall);
        LoadLimits limits;
        limits.maxPixels = 3'000'000;
        const auto refused = decodeImage(tallBytes, limits, QStringLiteral("tall.tif"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().category, core::ErrorCategory::Input);
        QVERIFY2(refused.error().message.contains(QStringLiteral("1000 × 4000")), qPrintable(refused.error().message));

        PIX* flat = barPage(1728, 250, 50, 10, 204, 98);
        const QByteArray flatBytes = g4Tiff(flat);
        pixDestroy(&flat);
        const auto accepted = decodeImage(flatBytes, LoadLimits {}, QStringLiteral("flat.tif"));
        QVERIFY2(accepted.ok(), qPrintable(accepted.ok() ? QString() : accepted.error().toString()));
        QCOMPARE(QSize(accepted->image.cols, accepted->image.rows), QSize(1728, 520));
    }
};

QTEST_MAIN(TestImageResolution)
#include "test_imageresolution.moc"
