// SPDX-License-Identifier: GPL-3.0-or-later
// The faxfile condition: the fax condition's transmission stored as a fax server stores it
// (bilevel G4 TIFF, one pixel per dot, 1728 wide, 204 × 98 or 204 × 196 dpi declared).
#include "pharmdesk/gen/Generator.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <leptonica/allheaders.h>

#include <cmath>

using namespace pharmdesk;
using namespace pharmdesk::gen;

namespace {

QJsonObject generatorBlock(const QString& truthPath)
{
    QFile f(truthPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("generator")).toObject();
}

/// The lines' boxes as the truth file writes them ([x, y, w, h], image pixels).
QList<QRect> lineBoxes(const QString& truthPath)
{
    QFile f(truthPath);
    QList<QRect> boxes;
    if (!f.open(QIODevice::ReadOnly))
        return boxes;
    const QJsonArray items = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("prescription")).toObject()
                                 .value(QStringLiteral("items")).toArray();
    for (const QJsonValue& item : items) {
        const QJsonArray b = item.toObject().value(QStringLiteral("box")).toArray();
        boxes.append(b.size() == 4 ? QRect(b[0].toInt(), b[1].toInt(), b[2].toInt(), b[3].toInt()) : QRect());
    }
    return boxes;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A 1-bit leptonica image as 8-bit grey (ink 0, paper 255).
cv::Mat toGray(PIX* pix)
{
    const int w = int(pixGetWidth(pix));
    const int h = int(pixGetHeight(pix));
    const int wpl = int(pixGetWpl(pix));
    const l_uint32* data = pixGetData(pix);
    cv::Mat out(h, w, CV_8UC1);
    for (int y = 0; y < h; ++y) {
        const l_uint32* line = data + qsizetype(y) * wpl;
        for (int x = 0; x < w; ++x)
            out.at<uchar>(y, x) = GET_DATA_BIT(line, x) ? 0 : 255;
    }
    return out;
}

} // namespace

class TestFaxFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<DrugPool> m_pool;
    QList<GeneratedImage> m_both;  ///< fax and faxfile of the same four prescriptions, in both/

    QList<GeneratedImage> generate(const QString& subdir, QList<Condition> conditions)
    {
        GeneratorOptions options;
        options.outDir = QDir(m_dir.path()).filePath(subdir);
        options.count = 4;
        options.seed = 606;
        options.conditions = std::move(conditions);
        options.permitsCsv = QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv");
        Generator generator(*m_pool, options);
        const auto images = generator.run();
        return images.ok() ? *images : QList<GeneratedImage> {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(pool.ok());
        m_pool = std::move(pool).value();
        m_both = generate(QStringLiteral("both"), { Condition::Fax, Condition::FaxFile });
    }

    /// Each faxfile is the fax's own dots: cut from its scan line and enlarged back the way the
    /// fax condition does, it is the fax PNG pixel for pixel; its tags say what the truth says,
    /// and its truth boxes are the fax's scaled to the stored pixels.
    void storedAsTransmitted()
    {
        const QList<GeneratedImage>& images = m_both;
        QCOMPARE(images.size(), 8);
        const QDir dir(QDir(m_dir.path()).filePath(QStringLiteral("both")));
        QSet<int> lineDensities;
        for (qsizetype i = 0; i < images.size(); i += 2) {
            const GeneratedImage& fax = images[i];
            const GeneratedImage& file = images[i + 1];
            QCOMPARE(file.condition, Condition::FaxFile);
            QVERIFY(file.imageFile.endsWith(QLatin1String(".tif")));
            const QJsonObject block = generatorBlock(dir.filePath(file.truthFile));
            const QJsonArray faxDpi = block.value(QStringLiteral("fax_dpi")).toArray();
            QCOMPARE(faxDpi.size(), 2);
            QVERIFY(!generatorBlock(dir.filePath(fax.truthFile)).contains(QStringLiteral("fax_dpi")));

            PIX* pix = pixRead(dir.filePath(file.imageFile).toLocal8Bit().constData());
            QVERIFY(pix);
            QCOMPARE(int(pixGetDepth(pix)), 1);
            QCOMPARE(int(pixGetXRes(pix)), faxDpi[0].toInt());
            QCOMPARE(int(pixGetYRes(pix)), faxDpi[1].toInt());
            QCOMPARE(int(pixGetWidth(pix)), 1728);
            const cv::Mat stored = toGray(pix);
            pixDestroy(&pix);
            lineDensities.insert(faxDpi[1].toInt());

            const QImage png(dir.filePath(fax.imageFile));
            QVERIFY(!png.isNull());
            const int dotsAcross = int(std::lround(png.width() * 204.0 / 200.0));
            const int lines = int(std::lround(png.height() * faxDpi[1].toDouble() / 200.0));
            QCOMPARE(stored.rows, lines);
            const int left = (1728 - dotsAcross) / 2;
            QCOMPARE(cv::countNonZero(stored.colRange(0, left) < 255), 0);  // paper beside the page
            cv::Mat enlarged;
            cv::resize(stored.colRange(left, left + dotsAcross), enlarged, cv::Size(png.width(), png.height()), 0, 0,
                       cv::INTER_NEAREST);
            const QImage gray = png.convertToFormat(QImage::Format_Grayscale8);
            const cv::Mat faxPixels(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                                    size_t(gray.bytesPerLine()));
            QCOMPARE(cv::countNonZero(enlarged != faxPixels), 0);

            const QList<QRect> faxBoxes = lineBoxes(dir.filePath(fax.truthFile));
            const QList<QRect> fileBoxes = lineBoxes(dir.filePath(file.truthFile));
            QVERIFY(!faxBoxes.isEmpty());
            QCOMPARE(fileBoxes.size(), faxBoxes.size());
            const double sx = double(dotsAcross) / png.width();
            const double sy = double(lines) / png.height();
            for (qsizetype k = 0; k < faxBoxes.size(); ++k) {
                const QRect a = faxBoxes[k];
                const QRect b = fileBoxes[k];
                QVERIFY(!a.isEmpty());
                QVERIFY2(std::abs(b.left() - (a.left() * sx + left)) <= 2 && std::abs(b.right() - (a.right() * sx + left)) <= 2
                             && std::abs(b.top() - a.top() * sy) <= 2 && std::abs(b.bottom() - a.bottom() * sy) <= 2,
                         qPrintable(QStringLiteral("%1 line %2: fax %3,%4 %5x%6, faxfile %7,%8 %9x%10")
                                        .arg(file.id).arg(k + 1).arg(a.x()).arg(a.y()).arg(a.width()).arg(a.height())
                                        .arg(b.x()).arg(b.y()).arg(b.width()).arg(b.height())));
            }
        }
        // Seed 606's first four: standard and fine both present.
        QCOMPARE(lineDensities, (QSet<int> { 98, 196 }));
    }

    /// Same options, same TIFF bytes; faxfile alone gives the files it gives beside fax.
    void deterministic()
    {
        const QList<GeneratedImage> alone = generate(QStringLiteral("alone"), { Condition::FaxFile });
        QCOMPARE(alone.size(), 4);
        const QList<GeneratedImage> again = generate(QStringLiteral("again"), { Condition::FaxFile });
        QCOMPARE(again.size(), 4);
        for (const GeneratedImage& g : alone) {
            const QByteArray bytes = readAll(QDir(m_dir.path()).filePath(QStringLiteral("alone/") + g.imageFile));
            QVERIFY(bytes.startsWith("II*") || bytes.startsWith("MM"));
            QCOMPARE(readAll(QDir(m_dir.path()).filePath(QStringLiteral("again/") + g.imageFile)), bytes);
            QCOMPARE(readAll(QDir(m_dir.path()).filePath(QStringLiteral("both/") + g.imageFile)), bytes);
        }
    }
};

QTEST_MAIN(TestFaxFile)
#include "test_faxfile.moc"
