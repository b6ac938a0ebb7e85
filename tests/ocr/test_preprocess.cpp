// SPDX-License-Identifier: GPL-3.0-or-later
// Preprocessing stages on small synthetic images with exact expectations.
#include "pharmdesk/ocr/Preprocess.h"
#include "pharmdesk/ocr/TableRulings.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

using namespace pharmdesk::ocr;

namespace {

/// A page of "text": rows of dark word-sized blocks of varying width, with gaps between words,
/// plus one table ruling; deterministic.
cv::Mat textPage(int width = 900, int height = 1100)
{
    cv::Mat page(height, width, CV_8U, cv::Scalar(255));
    unsigned seed = 12345;
    auto next = [&seed](int mod) {
        seed = seed * 1103515245u + 12345u;
        return int((seed >> 16) % unsigned(mod));
    };
    for (int y = 120; y < height - 120; y += 42) {
        int x = 80;
        while (x < width - 120) {
            const int w = 30 + next(90);
            cv::rectangle(page, cv::Rect(x, y, std::min(w, width - 100 - x), 20), cv::Scalar(20), cv::FILLED);
            x += w + 14 + next(10);
        }
    }
    cv::line(page, cv::Point(60, 100), cv::Point(width - 60, 100), cv::Scalar(0), 2);
    return page;
}

} // namespace

class TestPreprocess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Stamps and coloured pen marks fade; black print (also over a stamp) and grey keep their
    // luminance.
    void colouredInkFadesInGray_data()
    {
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("g");
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("expected");
        QTest::newRow("black print") << 0 << 0 << 0 << 0;
        QTest::newRow("grey") << 128 << 128 << 128 << 128;
        QTest::newRow("white paper") << 255 << 255 << 255 << 255;
        QTest::newRow("red stamp ink") << 40 << 30 << 220 << 220;
        QTest::newRow("blue pen ink") << 200 << 60 << 30 << 200;
        QTest::newRow("black print over red ink") << 20 << 20 << 60 << 31;  // chroma 40: luminance
        QTest::newRow("JPEG fringe round black print") << 90 << 110 << 140 << 117;  // chroma 50: luminance
        QTest::newRow("pink, half way") << 150 << 150 << 230 << 202;  // luminance 174, chroma 80: half way to 230
    }
    void colouredInkFadesInGray()
    {
        QFETCH(int, b);
        QFETCH(int, g);
        QFETCH(int, r);
        QFETCH(int, expected);
        const cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(b, g, r));
        const cv::Mat gray = toGray(pixel);
        QCOMPARE(gray.type(), CV_8UC1);
        QVERIFY2(std::abs(int(gray.at<uchar>(0, 0)) - expected) <= 1, qPrintable(QString::number(gray.at<uchar>(0, 0))));
    }

    void deskewRecoversAngle_data()
    {
        QTest::addColumn<double>("angle");
        for (double a : { -9.0, -4.2, -1.0, -0.4, 0.0, 0.7, 2.5, 5.0, 8.3 })
            QTest::newRow(qPrintable(QStringLiteral("%1 degrees").arg(a))) << a;
    }

    void deskewRecoversAngle()
    {
        QFETCH(double, angle);
        const cv::Mat skewed = rotate(textPage(), angle);
        const double estimate = estimateSkew(skewed);
        QVERIFY2(std::abs(estimate - angle) < 0.3, qPrintable(QStringLiteral("estimated %1 for %2").arg(estimate).arg(angle)));
        const cv::Mat straight = rotate(skewed, -estimate);
        QVERIFY(std::abs(estimateSkew(straight)) < 0.3);
    }

    void deskewOfEmptyPageIsZero()
    {
        QCOMPARE(estimateSkew(cv::Mat(400, 300, CV_8U, cv::Scalar(255))), 0.0);
    }

    void sauvolaBinarisesGradientLitPattern()
    {
        // Light falls off from 250 on the left to 90 on the right; ink is 60 levels under the
        // local paper. A global threshold cannot separate both ends; Sauvola must.
        const int w = 600, h = 200;
        cv::Mat paper(h, w, CV_8U);
        cv::Mat inkMask(h, w, CV_8U, cv::Scalar(0));
        // Character-like strokes: 4 px wide, 24 px high.
        for (int x = 40; x < w - 40; x += 25)
            cv::rectangle(inkMask, cv::Rect(x, 80, 4, 24), cv::Scalar(255), cv::FILLED);
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) {
                const int light = 250 - 160 * x / (w - 1);
                paper.at<uchar>(y, x) = cv::saturate_cast<uchar>(inkMask.at<uchar>(y, x) ? light - 60 : light);
            }
        }
        const cv::Mat binary = binarizeSauvola(paper, 31, 0.2);
        const int inkPixels = cv::countNonZero(inkMask);
        const int inkFound = cv::countNonZero((binary == 0) & inkMask);
        const int paperWrong = cv::countNonZero((binary == 0) & ~inkMask);
        QVERIFY2(inkFound * 100 >= inkPixels * 98, qPrintable(QStringLiteral("%1 of %2").arg(inkFound).arg(inkPixels)));
        QVERIFY2(paperWrong < w * h / 200, qPrintable(QString::number(paperWrong)));

        // Flattening brings the paper close to white at both ends.
        const cv::Mat flat = normaliseIllumination(paper, 41);
        QVERIFY(flat.at<uchar>(20, 5) > 235);
        QVERIFY(flat.at<uchar>(20, w - 5) > 235);
        QVERIFY(flat.at<uchar>(90, 40 + 25 * 20 + 2) < 200);  // the last stroke stays dark
    }

    // The page is binarised a band of rows at a time: strokes across a band's edge (rows 256)
    // come out exactly like the same strokes inside a band.
    void sauvolaBandsLeaveNoSeam()
    {
        const int w = 300, h = 700;
        cv::Mat paper(h, w, CV_8U, cv::Scalar(215));
        cv::randu(paper, cv::Scalar(205), cv::Scalar(225));
        const cv::Mat noise = paper.clone();
        auto strokes = [&](int top) {
            for (int x = 20; x < w - 20; x += 17)
                cv::rectangle(paper, cv::Rect(x, top, 4, 24), cv::Scalar(70), cv::FILLED);
        };
        strokes(100);  // inside the first band
        strokes(244);  // across the first band's edge at row 256
        noise.rowRange(100 - 20, 100 + 44).copyTo(paper.rowRange(244 - 20, 244 + 44));  // same paper around both
        strokes(100);
        strokes(244);
        const cv::Mat binary = binarizeSauvola(paper, 31, 0.2);
        const cv::Mat inside = binary.rowRange(100 - 20, 100 + 44);
        const cv::Mat across = binary.rowRange(244 - 20, 244 + 44);
        QCOMPARE(cv::countNonZero(inside != across), 0);
        QVERIFY(cv::countNonZero(inside == 0) > 0);
    }

    void rulingsFoundAtDrawnPositions()
    {
        cv::Mat page(700, 800, CV_8U, cv::Scalar(255));
        for (int y : { 100, 300, 520 })
            cv::line(page, cv::Point(50, y), cv::Point(750, y), cv::Scalar(0), 1);
        for (int x : { 50, 400, 750 })
            cv::line(page, cv::Point(x, 100), cv::Point(x, 520), cv::Scalar(0), 1);
        // Text-like blocks must not count as rulings.
        for (int x = 80; x < 360; x += 40)
            cv::rectangle(page, cv::Rect(x, 150, 25, 22), cv::Scalar(0), cv::FILLED);
        const Rulings r = detectRulings(page, 0.04);
        QList<int> ys, xs;
        for (const Ruling& h : r.horizontal)
            ys.append(h.position);
        for (const Ruling& v : r.vertical)
            xs.append(v.position);
        QCOMPARE(ys, (QList<int> { 100, 300, 520 }));
        QCOMPARE(xs, (QList<int> { 50, 400, 750 }));
        QCOMPARE(r.horizontal.first().from, 50);
        QCOMPARE(r.horizontal.first().to, 750);
        QCOMPARE(r.vertical.at(1).from, 100);
        QCOMPARE(r.vertical.at(1).to, 520);

        const cv::Mat cleaned = removeRulings(page, r);
        QCOMPARE(cleaned.at<uchar>(300, 200), uchar(255));
        QCOMPARE(cleaned.at<uchar>(160, 90), uchar(0));  // the text block survives
    }

    void digitTopsAreNotRulings()
    {
        // Regression: "1105773" set tight at a 26-pixel text height; the tops of 5, 7, 7, 3 (17 px
        // wide, 4 px apart: 80 px with the gaps bridged) were taken for a ruling and erased.
        const int textHeight = 26;
        cv::Mat page(120, 400, CV_8U, cv::Scalar(255));
        for (int i = 0; i < 4; ++i) {
            const int x = 100 + i * 21;
            cv::rectangle(page, cv::Rect(x, 40, 17, 3), cv::Scalar(0), cv::FILLED);             // top bar
            cv::line(page, cv::Point(x + 15, 43), cv::Point(x + 5, 40 + textHeight), cv::Scalar(0), 3);  // stem
        }
        cv::line(page, cv::Point(20, 100), cv::Point(380, 100), cv::Scalar(0), 2);  // a real table rule
        const Rulings r = detectRulings(page, int(textHeight * kMinHorizontalRulingHeights),
                                        int(textHeight * kMinVerticalRulingHeights));
        QCOMPARE(r.horizontal.size(), 1);
        QVERIFY(std::abs(r.horizontal.first().position - 100) <= 1);
        const cv::Mat cleaned = removeRulings(page, r);
        QCOMPARE(cleaned.at<uchar>(41, 110), uchar(0));   // the first top bar is still there
        QCOMPARE(cleaned.at<uchar>(100, 200), uchar(255));  // the rule is gone
    }

    void shortRulingsOfDigitBoxes()
    {
        // 요양기관기호 printed one digit per box: box sides are taller than the digits.
        cv::Mat page(200, 400, CV_8U, cv::Scalar(255));
        for (int x = 100; x <= 300; x += 25)
            cv::line(page, cv::Point(x, 60), cv::Point(x, 95), cv::Scalar(0), 1);
        cv::line(page, cv::Point(100, 60), cv::Point(300, 60), cv::Scalar(0), 1);  // the boxes' top
        cv::line(page, cv::Point(100, 95), cv::Point(300, 95), cv::Scalar(0), 1);  // and bottom
        cv::rectangle(page, cv::Rect(108, 68, 9, 20), cv::Scalar(0), cv::FILLED);  // a "digit"
        const Rulings r = detectRulings(page, 60, 30);
        QCOMPARE(r.vertical.size(), 9);
        QCOMPARE(r.vertical.first().position, 100);
        const cv::Mat cleaned = removeRulings(page, r);
        QCOMPARE(cleaned.at<uchar>(75, 112), uchar(0));
        QCOMPARE(cleaned.at<uchar>(75, 100), uchar(255));
    }

    void glyphStrokesAreNotRulings_data()
    {
        QTest::addColumn<bool>("boxed");
        QTest::newRow("free-standing stroke stays") << false;
        QTest::newRow("same stroke between box lines goes") << true;
    }

    void glyphStrokesAreNotRulings()
    {
        // Regression: a large printed 김 (text height 26 px) whose ㄱ stem and ㅁ side line up,
        // 40 px of vertical ink with a 2 px gap, was erased as a ruling ("긷").
        QFETCH(bool, boxed);
        const int textHeight = 26;
        cv::Mat page(160, 400, CV_8U, cv::Scalar(255));
        cv::line(page, cv::Point(120, 50), cv::Point(120, 70), cv::Scalar(0), 3);  // ㄱ's stem
        cv::line(page, cv::Point(120, 73), cv::Point(120, 92), cv::Scalar(0), 3);  // ㅁ's side
        cv::line(page, cv::Point(120, 92), cv::Point(140, 92), cv::Scalar(0), 3);  // ㅁ's bottom
        if (boxed) {
            cv::line(page, cv::Point(20, 48), cv::Point(380, 48), cv::Scalar(0), 1);
            cv::line(page, cv::Point(20, 95), cv::Point(380, 95), cv::Scalar(0), 1);
        }
        const Rulings r = detectRulings(page, int(textHeight * kMinHorizontalRulingHeights),
                                        int(textHeight * kMinVerticalRulingHeights));
        const cv::Mat cleaned = removeRulings(page, r);
        QCOMPARE(r.vertical.size(), boxed ? 1 : 0);
        QCOMPARE(cleaned.at<uchar>(80, 120), boxed ? uchar(255) : uchar(0));
        QCOMPARE(cleaned.at<uchar>(92, 135), uchar(0));  // the bottom stroke stays either way
    }

    void perspectiveCorrectionOfDrawnQuad()
    {
        // A bright page photographed on a dark desk, with a mark at its centre.
        cv::Mat photo(600, 800, CV_8U, cv::Scalar(40));
        const std::vector<cv::Point> quad { { 150, 80 }, { 640, 110 }, { 700, 540 }, { 110, 500 } };
        cv::fillConvexPoly(photo, quad, cv::Scalar(235));
        const cv::Point2f srcCorners[4] = { { 0, 0 }, { 399, 0 }, { 399, 499 }, { 0, 499 } };
        const cv::Point2f dstCorners[4] = { { 150, 80 }, { 640, 110 }, { 700, 540 }, { 110, 500 } };
        const cv::Mat pageToPhoto = cv::getPerspectiveTransform(srcCorners, dstCorners);
        std::vector<cv::Point2f> centre { { 200, 250 } }, centreInPhoto;
        cv::perspectiveTransform(centre, centreInPhoto, pageToPhoto);
        cv::circle(photo, cv::Point(centreInPhoto[0]), 6, cv::Scalar(0), cv::FILLED);

        const auto corners = detectPage(photo);
        QVERIFY(corners.has_value());
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(cv::norm((*corners)[size_t(i)] - cv::Point2f(quad[size_t(i)])) < 4.0,
                     qPrintable(QStringLiteral("corner %1 at %2,%3").arg(i).arg((*corners)[size_t(i)].x).arg((*corners)[size_t(i)].y)));
        }
        cv::Matx33d forward;
        const cv::Mat warped = warpPage(photo, *corners, &forward);
        // Edge lengths of the quad decide the output size.
        QVERIFY(std::abs(warped.cols - 592) < 8);
        QVERIFY(std::abs(warped.rows - 431) < 8);
        // The mark lands in the middle of the output, and the transform maps it back.
        cv::Mat dark = warped < 100;
        const cv::Moments m = cv::moments(dark, true);
        const cv::Point2d mark(m.m10 / m.m00, m.m01 / m.m00);
        QVERIFY(std::abs(mark.x - warped.cols / 2.0) < 6);
        QVERIFY(std::abs(mark.y - warped.rows / 2.0) < 6);
        PageTransform t;
        t.appendForward(forward);
        const cv::Point2d back = t.toSource(mark);
        QVERIFY(cv::norm(back - cv::Point2d(centreInPhoto[0])) < 3.0);
    }

    void flatScanHasNoPage()
    {
        QVERIFY(!detectPage(textPage()).has_value());
    }

    void transformComposesStages()
    {
        PageTransform t;
        cv::Matx33d rotation, scaling;
        const cv::Mat src(300, 400, CV_8U, cv::Scalar(255));
        const cv::Mat rotated = rotate(src, 3.0, &rotation);
        t.appendForward(rotation);
        rescale(rotated, 2.0, &scaling);
        t.appendForward(scaling);
        const cv::Vec3d p = scaling * (rotation * cv::Vec3d(120, 80, 1));
        const cv::Point2d back = t.toSource(cv::Point2d(p[0] / p[2], p[1] / p[2]));
        QVERIFY(std::abs(back.x - 120) < 1e-6);
        QVERIFY(std::abs(back.y - 80) < 1e-6);
        const QRect box = t.toSource(QRect(int(p[0]), int(p[1]), 1, 1));
        QVERIFY(box.adjusted(-2, -2, 2, 2).contains(QPoint(120, 80)));
    }

    void quarterTurnsMoveAMarkedPixel_data()
    {
        QTest::addColumn<int>("clockwise");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QPoint>("marked");  // where pixel (2, 1) of the 5 × 3 image lands
        QTest::newRow("0") << 0 << QSize(5, 3) << QPoint(2, 1);
        QTest::newRow("90") << 90 << QSize(3, 5) << QPoint(1, 2);
        QTest::newRow("180") << 180 << QSize(5, 3) << QPoint(2, 1);
        QTest::newRow("270") << 270 << QSize(3, 5) << QPoint(1, 2);
    }

    void quarterTurnsMoveAMarkedPixel()
    {
        QFETCH(int, clockwise);
        QFETCH(QSize, size);
        QFETCH(QPoint, marked);
        cv::Mat image(3, 5, CV_8UC1, cv::Scalar(255));
        image.at<uchar>(1, 2) = 0;  // the centre pixel: every turn keeps it in the centre
        image.at<uchar>(0, 0) = 100;  // the top-left corner: it moves with the turn
        cv::Matx33d forward;
        const cv::Mat turned = rotateQuarterTurns(image, clockwise, &forward);
        QCOMPARE(QSize(turned.cols, turned.rows), size);
        QCOMPARE(int(turned.at<uchar>(marked.y(), marked.x())), 0);
        // The top-left pixel lands at: 0 -> (0,0); 90 cw -> top-right; 180 -> bottom-right; 270 -> bottom-left.
        const QPoint corner = clockwise == 90 ? QPoint(size.width() - 1, 0)
            : clockwise == 180               ? QPoint(size.width() - 1, size.height() - 1)
            : clockwise == 270               ? QPoint(0, size.height() - 1)
                                             : QPoint(0, 0);
        QCOMPARE(int(turned.at<uchar>(corner.y(), corner.x())), 100);
        // The homography maps the corner pixel's box onto where it went, and back.
        PageTransform t;
        t.appendForward(forward);
        QCOMPARE(t.toSource(QRect(corner, QSize(1, 1))), QRect(0, 0, 1, 1));
    }

    // Fax speckle: a lone ink dot of at most maxArea pixels goes; a dot near other ink (a
    // decimal point beside its digits) and anything larger stays; a dropout hole inside a stroke
    // is filled, a glyph's counter larger than maxArea is not.
    void despeckleRemovesLoneDotsOnly_data()
    {
        QTest::addColumn<QRect>("dot");        // ink drawn on white (empty: none)
        QTest::addColumn<QRect>("neighbour");  // a digit-sized block of ink (empty: none)
        QTest::addColumn<QRect>("hole");       // paper cut out of the neighbour (empty: none)
        QTest::addColumn<QPoint>("probe");
        QTest::addColumn<int>("expected");     // value at probe after despeckle(…, 4, 5)
        QTest::newRow("lone 1x2 dot removed") << QRect(50, 50, 1, 2) << QRect() << QRect() << QPoint(50, 51) << 255;
        QTest::newRow("lone 2x2 dot removed") << QRect(50, 50, 2, 2) << QRect() << QRect() << QPoint(51, 51) << 255;
        QTest::newRow("lone 3x2 dot kept") << QRect(50, 50, 3, 2) << QRect() << QRect() << QPoint(50, 50) << 0;
        QTest::newRow("decimal point 4 px from digit kept") << QRect(50, 70, 2, 2) << QRect(30, 50, 16, 22) << QRect() << QPoint(50, 70) << 0;
        QTest::newRow("dot 6 px from digit removed") << QRect(52, 70, 2, 2) << QRect(30, 50, 16, 22) << QRect() << QPoint(52, 70) << 255;
        QTest::newRow("dropout in stroke filled") << QRect() << QRect(30, 50, 16, 22) << QRect(36, 60, 1, 2) << QPoint(36, 61) << 0;
        QTest::newRow("counter of 3x3 kept") << QRect() << QRect(30, 50, 16, 22) << QRect(36, 60, 3, 3) << QPoint(37, 61) << 255;
        QTest::newRow("paper corner at the edge kept") << QRect() << QRect(0, 0, 10, 10) << QRect(0, 0, 1, 1) << QPoint(0, 0) << 255;
    }

    void despeckleRemovesLoneDotsOnly()
    {
        QFETCH(QRect, dot);
        QFETCH(QRect, neighbour);
        QFETCH(QRect, hole);
        QFETCH(QPoint, probe);
        QFETCH(int, expected);
        cv::Mat page(100, 100, CV_8U, cv::Scalar(255));
        auto rect = [](const QRect& r) { return cv::Rect(r.x(), r.y(), r.width(), r.height()); };
        if (!neighbour.isNull())
            page(rect(neighbour)).setTo(0);
        if (!hole.isNull())
            page(rect(hole)).setTo(255);
        if (!dot.isNull())
            page(rect(dot)).setTo(0);
        const cv::Mat out = despeckle(page, 4, 5);
        QCOMPARE(int(out.at<uchar>(probe.y(), probe.x())), expected);
        // Nothing else changes: the neighbour's ink outside the hole stays as drawn.
        if (!neighbour.isNull() && hole.isNull())
            QCOMPARE(cv::countNonZero(out(rect(neighbour)) == 0), neighbour.width() * neighbour.height());
    }

    // Regression (rx0007-fax of the 300-image benchmark): the decimal point of "1.00", 8 pixels
    // of a standard-resolution fax 5 pixels left of the first "0", at 20-pixel text. Removed with
    // a speck limit of 8 pixels and an isolation of 4 (dose read as 100); kept with the reader's
    // limits at that text height (20² · 0.01 = 4 pixels, 20 / 3 ≈ 7 pixels), and so is the "0".
    void despeckleKeepsFaxDecimalPoint()
    {
        cv::Mat page(40, 40, CV_8U, cv::Scalar(255));
        page(cv::Rect(17, 19, 3, 2)).setTo(0);  // the point as the fax left it: 3+3 above,
        page(cv::Rect(18, 21, 1, 2)).setTo(0);  // 1+1 below
        cv::ellipse(page, cv::Point(29, 12), cv::Size(4, 9), 0, 0, 360, cv::Scalar(0), 2);  // "0", x from 24
        const int inkBefore = cv::countNonZero(page == 0);
        QCOMPARE(cv::countNonZero(despeckle(page, 4, 7) == 0), inkBefore);
        QCOMPARE(cv::countNonZero(despeckle(page, 8, 4)(cv::Rect(17, 19, 3, 4)) == 0), 0);
        // The page-level stage derives those limits from the text height: a row of 20-pixel
        // "characters" beside the same point, and a lone 2-pixel dot far from everything.
        cv::Mat fax(120, 300, CV_8U, cv::Scalar(255));
        for (int x = 60; x < 280; x += 22)
            cv::rectangle(fax, cv::Rect(x, 60, 14, 20), cv::Scalar(0), 2);
        fax(cv::Rect(53, 69, 3, 2)).setTo(0);  // 5 pixels left of the first character
        fax(cv::Rect(54, 71, 1, 2)).setTo(0);
        fax(cv::Rect(150, 10, 1, 2)).setTo(0);
        const cv::Mat cleaned = despeckleBilevelPage(fax);
        QCOMPARE(cv::countNonZero(cleaned(cv::Rect(53, 69, 3, 4)) == 0), 8);
        QCOMPARE(int(cleaned.at<uchar>(11, 150)), 255);
        QCOMPARE(cv::countNonZero(cleaned == 0), cv::countNonZero(fax == 0) - 2);
    }

    // A vertical stroke 2 pixels wide with a break of `gap` rows: after smoothing (sigma 0.8) the
    // middle of a one-row break is mid-grey (162 measured), a faint stroke rather than paper; a
    // three-row break stays near white (246); the stroke stays dark and paper 4 pixels off white.
    void smoothingBridgesOneDotBreaks_data()
    {
        QTest::addColumn<int>("gap");
        QTest::addColumn<bool>("bridged");
        QTest::newRow("1-row break bridged") << 1 << true;
        QTest::newRow("3-row break kept") << 3 << false;
    }

    void smoothingBridgesOneDotBreaks()
    {
        QFETCH(int, gap);
        QFETCH(bool, bridged);
        cv::Mat page(60, 40, CV_8U, cv::Scalar(255));
        page(cv::Rect(19, 10, 2, 40)).setTo(0);
        page(cv::Rect(19, 30, 2, gap)).setTo(255);
        const cv::Mat out = smoothBilevel(page);
        const int middle = out.at<uchar>(30 + gap / 2, 19);
        QCOMPARE(middle < 200, bridged);
        QCOMPARE(middle > 240, !bridged);
        QVERIFY(out.at<uchar>(15, 19) < 100);
        QCOMPARE(int(out.at<uchar>(15, 15)), 255);
    }

    void textHeightOfDrawnCharacters()
    {
        cv::Mat page(300, 600, CV_8U, cv::Scalar(255));
        for (int x = 20; x < 560; x += 30)
            cv::rectangle(page, cv::Rect(x, 100, 16, 22), cv::Scalar(0), cv::FILLED);
        QCOMPARE(estimateTextHeight(page), 22.0);
        QCOMPARE(textScaleFactor(22.0, 33.0), 1.5);
        QCOMPARE(textScaleFactor(0.0), 1.0);
        QCOMPARE(textScaleFactor(200.0, 30.0, 0.5, 2.5), 0.5);
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
