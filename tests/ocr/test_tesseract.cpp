// SPDX-License-Identifier: GPL-3.0-or-later
// The Tesseract wrapper on rendered text, and where the models are looked for.
#include "pharmdesk/ocr/TessdataLocator.h"
#include "pharmdesk/ocr/TesseractEngine.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

namespace {

/// Renders lines of text black on white with a Korean font; returns the image and each line's
/// drawn rectangle.
cv::Mat render(const QStringList& lines, QList<QRect>* rects, int pixelSize = 40)
{
    QImage image(1200, 120 + 90 * int(lines.size()), QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font(QStringLiteral("NanumGothic"));
    font.setPixelSize(pixelSize);
    painter.setFont(font);
    painter.setPen(Qt::black);
    int y = 60;
    for (const QString& line : lines) {
        const QRect r = painter.boundingRect(QRect(60, y, 1100, 80), Qt::AlignLeft | Qt::AlignTop, line);
        painter.drawText(r, Qt::AlignLeft | Qt::AlignTop, line);
        rects->append(r);
        y += 90;
    }
    painter.end();
    cv::Mat mat(image.height(), image.width(), CV_8U);
    for (int row = 0; row < image.height(); ++row)
        memcpy(mat.ptr(row), image.constScanLine(row), size_t(image.width()));
    return mat;
}

/// The bounding box of the ink inside `band`.
QRect inkBox(const cv::Mat& image, const QRect& band)
{
    const cv::Rect r(band.x(), band.y(), band.width(), band.height());
    std::vector<cv::Point> ink;
    cv::findNonZero(image(r) < 128, ink);
    const cv::Rect b = cv::boundingRect(ink);
    return QRect(band.x() + b.x, band.y() + b.y, b.width, b.height);
}

QString tessdata()
{
    auto dir = TessdataLocator().locate({ QStringLiteral("kor"), QStringLiteral("eng") });
    return dir.ok() ? *dir : QString();
}

} // namespace

class TestTesseract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWordsWithBoxesAndConfidences()
    {
        QList<QRect> rects;
        const cv::Mat image = render({ QStringLiteral("645301220 타이레놀정"), QStringLiteral("식후 30분 3일") }, &rects);
        auto engine = TesseractEngine::create(tessdata(), QStringLiteral("kor+eng"));
        QVERIFY2(engine.ok(), qPrintable(engine.ok() ? QString() : engine.error().toString()));
        QCOMPARE((*engine)->languages(), QStringLiteral("kor+eng"));
        const auto words = (*engine)->recognise(image, Segmentation::Block);
        QVERIFY(words.ok());
        const QList<OcrLine> lines = groupIntoLines(*words);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].words.first().text, QStringLiteral("645301220"));
        // Hangul syllables may come back as separate words: compare without spaces.
        QVERIFY2(lines[0].text().remove(QLatin1Char(' ')).contains(QStringLiteral("타이레놀")), qPrintable(lines[0].text()));
        QVERIFY2(lines[1].text().remove(QLatin1Char(' ')).contains(QStringLiteral("식후30분")), qPrintable(lines[1].text()));
        for (int i = 0; i < 2; ++i) {
            // Word boxes sit on the ink of their line and the line covers all of it. (Tesseract
            // may make a single syllable's box taller than its glyph, so centres are compared.)
            const QRect ink = inkBox(image, rects[i]);
            QVERIFY(lines[i].box.adjusted(-3, -3, 3, 3).contains(ink));
            for (const OcrWord& w : lines[i].words) {
                QVERIFY(ink.adjusted(-3, -3, 3, 3).contains(w.box.center()));
                QVERIFY(w.confidence > 0.5 && w.confidence <= 1.0);
            }
        }
        // Reused for a second image: Clear() between images, nothing left over.
        const auto again = (*engine)->recognise(image, Segmentation::SingleLine, rects[1].adjusted(-4, -4, 4, 4));
        QVERIFY(again.ok());
        QVERIFY(!again->isEmpty());
        for (const OcrWord& w : *again)
            QVERIFY(rects[1].adjusted(-6, -6, 6, 6).contains(w.box));
    }

    void digitWhitelistReadsOnlyDigits()
    {
        QList<QRect> rects;
        const cv::Mat image = render({ QStringLiteral("645301220") }, &rects);
        auto engine = TesseractEngine::create(tessdata(), QStringLiteral("eng"), QStringLiteral("0123456789"));
        QVERIFY(engine.ok());
        const OcrWord line = (*engine)->readLine(image, rects[0].adjusted(-4, -4, 4, 4));
        QCOMPARE(line.text, QStringLiteral("645301220"));
        QVERIFY(line.confidence > 0.8);
        // The whitelist can be switched between reads of the same engine.
        (*engine)->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        const QString letters = (*engine)->readLine(image, rects[0].adjusted(-4, -4, 4, 4)).text;
        QVERIFY2(std::none_of(letters.begin(), letters.end(), [](QChar c) { return c.isDigit(); }), qPrintable(letters));
        (*engine)->setWhitelist(QStringLiteral("0123456789"));
        QCOMPARE((*engine)->readLine(image, rects[0].adjusted(-4, -4, 4, 4)).text, QStringLiteral("645301220"));
    }

    // A lone small digit, as a dose cell holds it: cut out, enlarged and binarised it is read,
    // and its box comes back in the page's pixels.
    void isolatedReadOfASmallDigit_data()
    {
        QTest::addColumn<QString>("digit");
        QTest::newRow("1") << QStringLiteral("1");
        QTest::newRow("4") << QStringLiteral("4");
        QTest::newRow("7") << QStringLiteral("7");
    }
    void isolatedReadOfASmallDigit()
    {
        QFETCH(QString, digit);
        QList<QRect> rects;
        const cv::Mat image = render({ digit + QStringLiteral("   정") }, &rects, 21);
        const QRect ink = inkBox(image, QRect(rects[0].left(), rects[0].top(), 14, rects[0].height()));
        auto engine = TesseractEngine::create(tessdata(), QStringLiteral("eng"), QStringLiteral("0123456789.-"));
        QVERIFY(engine.ok());
        const OcrWord w = (*engine)->readIsolated(image, ink.adjusted(-2, -2, 2, 2));
        QCOMPARE(w.text, digit);
        QVERIFY2(ink.adjusted(-3, -3, 3, 3).contains(w.box), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(w.box.x()).arg(w.box.y()).arg(w.box.width()).arg(w.box.height())));
        // Outside the image or empty: nothing, never a crash.
        QVERIFY((*engine)->readIsolated(image, QRect(5000, 5000, 10, 10)).text.isEmpty());
    }

    void cancelledBeforeStartStops()
    {
        QList<QRect> rects;
        const cv::Mat image = render({ QStringLiteral("타이레놀정 500밀리그람") }, &rects);
        auto engine = TesseractEngine::create(tessdata(), QStringLiteral("kor+eng"));
        QVERIFY(engine.ok());
        core::CancelToken cancel;
        cancel.cancel();
        const auto words = (*engine)->recognise(image, Segmentation::Block, {}, &cancel);
        QVERIFY(!words.ok());
        QCOMPARE(words.error().category, core::ErrorCategory::Cancelled);
    }

    void rejectsColourImages()
    {
        auto engine = TesseractEngine::create(tessdata(), QStringLiteral("eng"));
        QVERIFY(engine.ok());
        const auto words = (*engine)->recognise(cv::Mat(100, 100, CV_8UC3, cv::Scalar::all(255)), Segmentation::Block);
        QVERIFY(!words.ok());
    }

    void locatorSearchOrder()
    {
        QTemporaryDir explicitDir, envDir, xdg;
        QFile(explicitDir.filePath(QStringLiteral("kor.traineddata"))).open(QIODevice::WriteOnly);
        QFile(envDir.filePath(QStringLiteral("kor.traineddata"))).open(QIODevice::WriteOnly);
        QFile(envDir.filePath(QStringLiteral("eng.traineddata"))).open(QIODevice::WriteOnly);
        qputenv("PHARMDESK_TESSDATA", envDir.path().toLocal8Bit());
        qputenv("XDG_DATA_HOME", xdg.path().toLocal8Bit());
        const TessdataLocator locator(explicitDir.path());
        QCOMPARE(locator.candidates(),
                 (QStringList { explicitDir.path(), envDir.path(), xdg.path() + QStringLiteral("/pharmdesk/tessdata"),
                                QStringLiteral("/usr/share/tesseract-ocr/5/tessdata") }));
        // The explicit folder lacks eng: the environment's folder has both.
        QCOMPARE(*locator.locate({ QStringLiteral("kor+eng") }), envDir.path());
        QCOMPARE(*locator.locate({ QStringLiteral("kor") }), explicitDir.path());
        const auto missing = locator.locate({ QStringLiteral("xyz_nonexistent") });
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().category, core::ErrorCategory::Recognition);
        QVERIFY(missing.error().message.contains(QStringLiteral("xyz_nonexistent")));
        QVERIFY(missing.error().detail.contains(envDir.path()));
        QVERIFY(missing.error().detail.contains(QStringLiteral("/usr/share/tesseract-ocr/5/tessdata")));
        qunsetenv("PHARMDESK_TESSDATA");
        qunsetenv("XDG_DATA_HOME");
    }

    void badModelFolderIsARecognitionError()
    {
        QTemporaryDir empty;
        const auto engine = TesseractEngine::create(empty.path(), QStringLiteral("kor"));
        QVERIFY(!engine.ok());
        QCOMPARE(engine.error().category, core::ErrorCategory::Recognition);
    }
};

QTEST_MAIN(TestTesseract)
#include "test_tesseract.moc"
