// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/FormRenderer.h"

#include "Layouts.h"

#include <QFontDatabase>

#include <algorithm>
#include <cmath>

namespace pharmdesk::gen {

namespace detail {

FittedText fitName(const PageCanvas& canvas, const QString& name, double widthMm, double pointSize, bool truncate)
{
    if (canvas.textWidth(name, pointSize) <= widthMm)
        return { name, pointSize, 100 };
    if (truncate)
        return { cutToWidth(canvas, name, widthMm, pointSize, 100), pointSize, 100 };
    for (int stretch : { 92, 85, 78, 72 }) {
        if (canvas.textWidth(name, pointSize, false, stretch) <= widthMm)
            return { name, pointSize, stretch };
    }
    for (double scale : { 0.92, 0.85, 0.78 }) {
        if (canvas.textWidth(name, pointSize * scale, false, 72) <= widthMm)
            return { name, pointSize * scale, 72 };
    }
    return { cutToWidth(canvas, name, widthMm, pointSize * 0.78, 72), pointSize * 0.78, 72 };
}

QString sealText(const QString& name)
{
    if (name.size() == 2)
        return name + QString::fromUtf8("지인");
    if (name.size() == 3)
        return name + QString::fromUtf8("인");
    return name.left(4);
}

void stampSeal(const SyntheticPrescription& rx, PageCanvas& canvas, QPointF nominalMm, double sizeMm)
{
    if (!rx.style.seal || !rx.truth.prescriber.name.hasValue())
        return;
    canvas.seal(nominalMm + rx.style.sealJitterMm, sizeMm, sealText(*rx.truth.prescriber.name), rx.style.sealAngle,
                rx.style.sealSeed);
}

QString koreanDate(const QDate& date)
{
    return QStringLiteral("%1%2 %3%4 %5%6")
        .arg(date.year())
        .arg(QString::fromUtf8("년"))
        .arg(date.month(), 2, 10, QLatin1Char('0'))
        .arg(QString::fromUtf8("월"))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(QString::fromUtf8("일"));
}

} // namespace detail

namespace {

/// Cuts the drug table out of a full printout, as a pharmacist frames only that part: the
/// style's margins of paper around it, the column header row kept or cut off. Boxes move along.
RenderedPage cropToTable(RenderedPage full, const PrintStyle& style, int dpi)
{
    const auto px = [dpi](double mm) { return static_cast<int>(std::lround(mm * dpi / 25.4)); };
    const QMarginsF& m = style.tableMarginMm;
    // Above the table only up to the header block's edge (the hospital printout leaves 2 mm, the
    // statutory form its one-line note), so no header value shows on the crop.
    const double headroomMm = style.tableSource == Layout::Hospital ? 1.8 : 5.8;
    QRect crop = full.tableBox;
    if (style.tableHeaderRow)
        crop.setTop(crop.top() - px(std::min(m.top(), headroomMm)));
    else
        crop.setTop(full.tableBodyTop);
    crop.setLeft(crop.left() - px(m.left()));
    crop.setRight(crop.right() + px(m.right()));
    crop.setBottom(crop.bottom() + px(m.bottom()));
    crop = crop.intersected(full.image.rect());

    RenderedPage out = std::move(full);
    out.image = out.image.copy(crop);
    for (QRect& box : out.itemBoxes) {
        if (!box.isNull())
            box = box.translated(-crop.topLeft()).intersected(out.image.rect());
    }
    out.tableBox = out.tableBox.translated(-crop.topLeft()).intersected(out.image.rect());
    out.tableBodyTop -= crop.top();
    return out;
}

} // namespace

RenderedPage FormRenderer::render(const SyntheticPrescription& prescription, const Options& options)
{
    RenderedPage page;
    if (options.layout == Layout::Telemedicine) {
        detail::PageCanvas canvas(options.dpi, options.fontFamily,
                                  detail::telemedicinePageMm(prescription));
        detail::renderTelemedicine(prescription, canvas, page);
        page.image = canvas.finish();
        return page;
    }
    detail::PageCanvas canvas(options.dpi, options.fontFamily);
    canvas.setOffset(prescription.style.printOffsetMm);
    const Layout printed = options.layout == Layout::Table ? prescription.style.tableSource : options.layout;
    if (printed == Layout::Hospital)
        detail::renderHospital(prescription, canvas, page);
    else
        detail::renderStatutory(prescription, canvas, page);
    page.image = canvas.finish();
    if (options.layout == Layout::Table)
        return cropToTable(std::move(page), prescription.style, options.dpi);
    return page;
}

QStringList FormRenderer::defaultFonts()
{
    static const QStringList wanted = {
        QStringLiteral("NanumGothic"), QStringLiteral("NanumMyeongjo"), QStringLiteral("NanumBarunGothic"),
        QStringLiteral("UnBatang"), QStringLiteral("UnDotum"), QStringLiteral("Baekmuk Gulim"),
        QStringLiteral("Baekmuk Dotum"), QStringLiteral("Noto Sans CJK KR"), QStringLiteral("Noto Serif CJK KR"),
    };
    QStringList out;
    for (const QString& f : wanted) {
        if (hasFont(f))
            out.append(f);
    }
    return out;
}

bool FormRenderer::hasFont(const QString& family)
{
    return QFontDatabase::hasFamily(family);
}

} // namespace pharmdesk::gen
