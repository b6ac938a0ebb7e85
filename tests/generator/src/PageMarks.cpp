// SPDX-License-Identifier: GPL-3.0-or-later
// What happens to the paper after printing (stamps, pen marks) and dot-matrix printing.
#include "pharmdesk/gen/CaptureSimulator.h"

#include "pharmdesk/gen/Random.h"

#include <QFont>
#include <QPainter>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pharmdesk::gen {

namespace {

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

int dpiOf(const QImage& page)
{
    return page.dotsPerMeterX() > 0 ? static_cast<int>(std::lround(page.dotsPerMeterX() * 0.0254)) : 200;
}

/// A pen line through `points` whose width swells and thins (pressure) around `width` pixels.
void penStroke(QPainter& p, const QList<QPointF>& points, double width, const QColor& ink, Random& rng)
{
    double phase = rng.uniform(0, 6.283);
    const double swing = rng.uniform(0.2, 0.45);
    for (qsizetype i = 1; i < points.size(); ++i) {
        const double t = double(i) / points.size();
        // Lighter at the start and the lift-off, heavier in the middle of the stroke.
        const double pressure = (0.55 + 0.45 * std::sin(3.1416 * t)) * (1.0 + swing * std::sin(phase));
        phase += rng.uniform(0.1, 0.5);
        QPen pen(ink);
        pen.setWidthF(std::max(1.0, width * pressure));
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.drawLine(points.at(i - 1), points.at(i));
    }
}

/// Samples a curve given as f(t), t in [0, 1], with a little hand tremor.
template<typename F>
QList<QPointF> curve(F f, int steps, double tremor, Random& rng)
{
    QList<QPointF> pts;
    for (int i = 0; i <= steps; ++i)
        pts.append(f(double(i) / steps) + QPointF(rng.normal() * tremor, rng.normal() * tremor));
    return pts;
}

QRect boundsOf(const QList<QPointF>& pts, double pad)
{
    QPolygonF poly(pts);
    return poly.boundingRect().adjusted(-pad, -pad, pad, pad).toAlignedRect();
}

/// Uneven stamp ink: a coarse random field, smoothly enlarged, thins the impression in patches
/// and leaves small gaps where the pad was dry.
void unevenInk(QImage& stamp, Random& rng)
{
    QImage field(7, 7, QImage::Format_Grayscale8);
    for (int y = 0; y < field.height(); ++y) {
        for (int x = 0; x < field.width(); ++x)
            field.scanLine(y)[x] = static_cast<uchar>(rng.range(70, 255));
    }
    field = field.scaled(stamp.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    for (int y = 0; y < stamp.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(stamp.scanLine(y));
        const uchar* f = field.constScanLine(y);
        for (int x = 0; x < stamp.width(); ++x) {
            const double k = std::min(1.0, f[x] / 200.0) * (rng.chance(0.06) ? 0.25 : 1.0);
            const QRgb c = line[x];
            line[x] = qRgba(int(qRed(c) * k), int(qGreen(c) * k), int(qBlue(c) * k), int(qAlpha(c) * k));
        }
    }
}

/// A rubber stamp drawn on its own transparent square of side `side` pixels.
QImage rubberStamp(bool round, int side, const QColor& ink, const QString& family, Random& rng)
{
    QImage img(side, side, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);
    QPen pen(ink);
    QFont f(family);
    f.setBold(true);
    if (round) {
        // A clinic or pharmacy seal: double ring, words round the ring, two words in the middle.
        const QPointF c(side / 2.0, side / 2.0);
        const double r = side * 0.46;
        pen.setWidthF(side * 0.035);
        p.setPen(pen);
        p.drawEllipse(c, r, r);
        pen.setWidthF(side * 0.018);
        p.setPen(pen);
        p.drawEllipse(c, r * 0.68, r * 0.68);
        const QString ring = rng.pick(QStringList { u("★ 약제비 수납확인 ★ 조제실"), u("★ 처방전 접수 ★ 약국 확인"),
                                                    u("★ 원외처방 ★ 진료확인필") });
        f.setPixelSize(std::max(6, int(side * 0.1)));
        p.setFont(f);
        for (int i = 0; i < ring.size(); ++i) {
            p.save();
            p.translate(c);
            p.rotate(360.0 * i / ring.size());
            p.drawText(QRectF(-side * 0.06, -r * 0.97, side * 0.12, side * 0.13), Qt::AlignCenter, QString(ring.at(i)));
            p.restore();
        }
        const QStringList middle = rng.pick(QList<QStringList> { { u("조제"), u("완료") }, { u("확인"), u("필") },
                                                                 { u("수납"), u("완료") } });
        f.setPixelSize(std::max(6, int(side * 0.17)));
        p.setFont(f);
        p.drawText(QRectF(0, c.y() - side * 0.2, side, side * 0.2), Qt::AlignCenter, middle.at(0));
        p.drawText(QRectF(0, c.y(), side, side * 0.2), Qt::AlignCenter, middle.at(1));
    } else {
        // A box stamp: double border, a big word, the date underneath.
        const QRectF outer(side * 0.03, side * 0.27, side * 0.94, side * 0.46);
        pen.setWidthF(side * 0.03);
        p.setPen(pen);
        p.drawRect(outer);
        pen.setWidthF(side * 0.012);
        p.setPen(pen);
        p.drawRect(outer.adjusted(side * 0.03, side * 0.03, -side * 0.03, -side * 0.03));
        const QString word = rng.pick(QStringList { u("조제완료"), u("수납완료"), u("약제비계산완료"), u("재 발 행"),
                                                    u("대체조제") });
        f.setPixelSize(std::max(6, int(side * 0.15)));
        f.setStretch(word.size() > 5 ? 75 : 100);
        p.setFont(f);
        p.drawText(QRectF(outer.x(), outer.y() + side * 0.04, outer.width(), side * 0.22), Qt::AlignCenter, word);
        QFont small = f;
        small.setStretch(100);
        small.setBold(false);
        small.setPixelSize(std::max(6, int(side * 0.09)));
        p.setFont(small);
        p.drawText(QRectF(outer.x(), outer.y() + side * 0.26, outer.width(), side * 0.14), Qt::AlignCenter,
                   QStringLiteral("2025. %1. %2.").arg(rng.range(1, 12), 2, 10, QLatin1Char('0')).arg(rng.range(1, 28), 2, 10, QLatin1Char('0')));
    }
    p.end();
    unevenInk(img, rng);
    return img;
}

} // namespace

MarkedPage CaptureSimulator::markPage(const QImage& page, const QList<QRect>& lineBoxes, std::uint64_t seed)
{
    Random rng(seed);
    const double mm = dpiOf(page) / 25.4;
    QList<QRect> lines;
    for (const QRect& r : lineBoxes) {
        if (!r.isNull())
            lines.append(r);
    }
    if (lines.isEmpty())
        lines.append(QRect(page.width() / 6, page.height() / 2, page.width() * 2 / 3, int(8 * mm)));
    QRect table;
    for (const QRect& r : std::as_const(lines))
        table = table.united(r);

    QImage img = page.convertToFormat(QImage::Format_RGB32);
    MarkedPage out;
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);

    // Stamps: one or two, red or blue, centred on the table's right half so they cover part of it.
    const int stamps = rng.chance(0.7) ? 1 : 2;
    for (int i = 0; i < stamps; ++i) {
        const bool round = rng.chance(0.5);
        const QColor ink = rng.chance(0.6) ? QColor(200, 30, 45) : QColor(35, 65, 175);
        const int side = static_cast<int>(rng.uniform(round ? 20.0 : 32.0, round ? 30.0 : 44.0) * mm);
        const QImage stamp = rubberStamp(round, side, ink, QStringLiteral("NanumGothic"), rng);
        const QPointF centre(table.left() + table.width() * rng.uniform(0.45, 0.92),
                             table.top() + table.height() * rng.uniform(0.15, 0.85));
        const double angle = rng.uniform(-20.0, 20.0);
        p.save();
        p.setCompositionMode(QPainter::CompositionMode_Multiply);
        p.setOpacity(rng.uniform(0.75, 0.92));
        p.translate(centre);
        p.rotate(angle);
        p.drawImage(QPointF(-side / 2.0, -side / 2.0), stamp);
        p.restore();
        QTransform t;
        t.translate(centre.x(), centre.y());
        t.rotate(angle);
        const QRect box = t.mapRect(QRectF(-side / 2.0, -side / 2.0, side, side)).toAlignedRect();
        out.marks.append({ round ? QStringLiteral("stamp_round") : QStringLiteral("stamp_box"), box });
    }

    // Pen marks by the pharmacist or the clinic: blue or black ballpoint.
    const QColor pen = rng.chance(0.6) ? QColor(25, 45, 150) : QColor(25, 25, 30);
    const double width = rng.uniform(0.3, 0.5) * mm;
    const int marks = rng.range(2, 5);
    for (int k = 0; k < marks; ++k) {
        const QRect line = lines.at(rng.range(0, int(lines.size()) - 1));
        const double h = line.height();
        const int kind = rng.range(0, 3);
        QList<QPointF> pts;
        QString name;
        if (kind == 0) {  // a tick left of the line (or at its end)
            const double s = rng.uniform(3.0, 5.0) * mm;
            const QPointF o(rng.chance(0.7) ? line.left() - s * rng.uniform(0.6, 1.4) : line.right() - s * 1.2,
                            line.center().y());
            pts = curve([&](double t) {
                return t < 0.35 ? o + QPointF(t / 0.35 * s * 0.3, t / 0.35 * s * 0.35)
                                : o + QPointF(s * 0.3 + (t - 0.35) / 0.65 * s * 0.7, s * 0.35 - (t - 0.35) / 0.65 * s * 0.95);
            }, 14, 0.04 * mm, rng);
            name = QStringLiteral("tick");
        } else if (kind == 1) {  // a loop round a number in the line's right half
            const QPointF c(line.left() + line.width() * rng.uniform(0.55, 0.8), line.center().y());
            const double rx = rng.uniform(3.5, 6.0) * mm, ry = h * rng.uniform(0.5, 0.75);
            const double start = rng.uniform(0, 6.283);
            pts = curve([&](double t) {
                const double a = start + t * 6.283 * 1.12;
                const double grow = 1.0 + 0.12 * t;
                return c + QPointF(std::cos(a) * rx * grow, std::sin(a) * ry * grow);
            }, 40, 0.05 * mm, rng);
            name = QStringLiteral("circle");
        } else if (kind == 2) {  // an underline, a little slanted and wavy
            const double x0 = line.left() + line.width() * rng.uniform(0.0, 0.3);
            const double len = line.width() * rng.uniform(0.25, 0.6);
            const double y0 = line.bottom() - h * 0.1;
            const double slope = rng.uniform(-0.02, 0.02);
            pts = curve([&](double t) { return QPointF(x0 + t * len, y0 + slope * t * len + std::sin(t * 9) * 0.15 * mm); },
                        30, 0.04 * mm, rng);
            name = QStringLiteral("underline");
        } else {  // a short scribble: a run of loops, in the margin or over the line's end
            const QPointF o(rng.chance(0.5) ? line.right() - rng.uniform(10, 25) * mm : line.left() - 9 * mm,
                            line.top() + h * rng.uniform(0.1, 0.6));
            const double len = rng.uniform(8, 16) * mm, r = rng.uniform(1.2, 2.2) * mm;
            const double turns = rng.uniform(3, 6);
            pts = curve([&](double t) {
                const double a = t * turns * 6.283;
                return o + QPointF(t * len + r * std::cos(a), r * std::sin(a));
            }, 80, 0.05 * mm, rng);
            name = QStringLiteral("scribble");
        }
        penStroke(p, pts, width, pen, rng);
        out.marks.append({ name, boundsOf(pts, width) });
    }
    p.end();
    for (PageMark& m : out.marks)
        m.box = m.box.intersected(img.rect());
    out.image = img.convertToFormat(QImage::Format_RGB888);
    out.image.setDotsPerMeterX(page.dotsPerMeterX());
    out.image.setDotsPerMeterY(page.dotsPerMeterY());
    return out;
}

QImage CaptureSimulator::dotMatrixPrint(const QImage& page, std::uint64_t seed, int* pitchOut)
{
    Random rng(seed);
    const int dpi = dpiOf(page);
    // A 24-pin head in its fast mode (about 0.25 mm) or a coarse draft (about 0.33 mm): Hangul
    // needs the finer grid to stay legible, so the coarse one is the rarer.
    const double pitchMm = rng.chance(0.85) ? 0.25 : 0.33;
    const int pitch = std::max(2, static_cast<int>(std::lround(pitchMm * dpi / 25.4)));
    if (pitchOut)
        *pitchOut = pitch;

    // Black ink of the printout (a coloured seal keeps its colour, only black is re-printed).
    const QImage rgb = page.convertToFormat(QImage::Format_RGB888);
    cv::Mat src(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()), static_cast<size_t>(rgb.bytesPerLine()));
    std::vector<cv::Mat> ch;
    cv::split(src, ch);
    cv::Mat brightest = cv::max(cv::max(ch[0], ch[1]), ch[2]);
    cv::Mat black;
    brightest.convertTo(black, CV_32F, -1.0 / 255.0, 1.0);

    // Sample on the head's grid: a pin fires where the cell is inked enough.
    const int gw = (page.width() + pitch - 1) / pitch, gh = (page.height() + pitch - 1) / pitch;
    cv::Mat padded;
    cv::copyMakeBorder(black, padded, 0, gh * pitch - page.height(), 0, gw * pitch - page.width(), cv::BORDER_CONSTANT, 0);
    // A pin fires where the cell is inked on average, or where a thin stroke crosses it.
    cv::Mat cells;
    cv::resize(padded, cells, cv::Size(gw, gh), 0, 0, cv::INTER_AREA);
    cv::Mat strongest;
    cv::dilate(padded, strongest, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(pitch, pitch), cv::Point(0, 0)));
    for (int gy = 0; gy < gh; ++gy) {
        float* c = cells.ptr<float>(gy);
        const float* m = strongest.ptr<float>(gy * pitch);
        for (int gx = 0; gx < gw; ++gx)
            c[gx] = std::max(c[gx], m[gx * pitch] >= 0.7f ? 1.0f : 0.0f);
    }
    const double threshold = rng.uniform(0.25, 0.35);

    // Ribbon: faint overall, uneven across the page; each head pass (9 pins) a little different,
    // sometimes one weak pin leaving a lighter line through every pass.
    const double ribbon = rng.uniform(0.55, 0.82);
    cv::RNG cvRng(rng.next());
    cv::Mat coarse(std::max(2, gh / 40), std::max(2, gw / 40), CV_32F);
    cvRng.fill(coarse, cv::RNG::UNIFORM, -1.0, 1.0);
    cv::Mat field;
    cv::resize(coarse, field, cv::Size(gw, gh), 0, 0, cv::INTER_CUBIC);
    const int passHeight = 9;
    QList<double> pass;
    for (int i = 0; i <= gh / passHeight; ++i)
        pass.append(rng.uniform(0.82, 1.05));
    const int weakPin = rng.chance(0.5) ? rng.range(0, passHeight - 1) : -1;

    // Where the pins fire, and how much ink the ribbon gives there (one value per grid cell, so
    // overlapping dots never add up to more ink than the ribbon holds).
    cv::Mat impulses = cv::Mat::zeros(gh * pitch, gw * pitch, CV_32F);
    cv::Mat strength(gh, gw, CV_32F);
    for (int gy = 0; gy < gh; ++gy) {
        const float* c = cells.ptr<float>(gy);
        const float* f = field.ptr<float>(gy);
        float* s = strength.ptr<float>(gy);
        const double band = pass.at(gy / passHeight) * (gy % passHeight == weakPin ? 0.55 : 1.0);
        float* row = impulses.ptr<float>(gy * pitch + pitch / 2);
        for (int gx = 0; gx < gw; ++gx) {
            const double ribbonHere = ribbon * band * (1.0 + 0.2 * f[gx]) * rng.uniform(0.88, 1.08);
            s[gx] = static_cast<float>(std::clamp(ribbonHere, 0.15, 0.92));
            if (c[gx] >= threshold)
                row[gx * pitch + pitch / 2] = 1.0f;
        }
    }
    // Each impulse becomes a round dot, darker in the middle than at its rim.
    const double radius = pitch * rng.uniform(0.5, 0.6);
    const int k = 2 * static_cast<int>(std::ceil(radius)) + 1;
    cv::Mat dot(k, k, CV_32F);
    for (int y = 0; y < k; ++y) {
        for (int x = 0; x < k; ++x) {
            const double d = std::hypot(x - k / 2, y - k / 2);
            const double edge = std::clamp(radius - d + 0.5, 0.0, 1.0);
            dot.at<float>(y, x) = static_cast<float>(edge * (1.0 - 0.35 * (d / radius) * (d / radius)));
        }
    }
    cv::Mat ink;
    cv::filter2D(impulses, ink, CV_32F, dot, cv::Point(-1, -1), 0, cv::BORDER_CONSTANT);
    cv::Mat strengthFull;
    cv::resize(strength, strengthFull, impulses.size(), 0, 0, cv::INTER_NEAREST);
    cv::Mat limited = cv::min(ink, 1.0);
    const cv::Mat scaled = limited.mul(strengthFull);
    ink = scaled(cv::Rect(0, 0, page.width(), page.height())).clone();

    // Paper and any coloured ink without the black, then the dots printed on top.
    cv::Mat out;
    std::vector<cv::Mat> outCh(3);
    for (int i = 0; i < 3; ++i) {
        cv::Mat c;
        ch[i].convertTo(c, CV_32F);
        c = cv::min(c + black * 255.0, 255.0);
        outCh[i] = c.mul(1.0 - ink);
    }
    cv::merge(outCh, out);
    out.convertTo(out, CV_8UC3);
    QImage result(out.data, out.cols, out.rows, static_cast<qsizetype>(out.step), QImage::Format_RGB888);
    result = result.copy();
    if (page.format() == QImage::Format_Grayscale8)
        result = result.convertToFormat(QImage::Format_Grayscale8);
    result.setDotsPerMeterX(page.dotsPerMeterX());
    result.setDotsPerMeterY(page.dotsPerMeterY());
    return result;
}

} // namespace pharmdesk::gen
