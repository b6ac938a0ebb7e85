// SPDX-License-Identifier: GPL-3.0-or-later
// The 별지 제9호서식 처방전 (의료법 시행규칙), drawn as the ruled form EMRs fill in and print.
#include "Layouts.h"

#include "pharmdesk/gen/PrescriptionSynth.h"

namespace pharmdesk::gen::detail {

namespace {

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

constexpr double kLeft = 12.0;
constexpr double kRight = 198.0;
constexpr double kLabel = 8.5;   // label font size, pt
constexpr double kValue = 10.5;  // filled-in value font size, pt
constexpr double kRow = 10.0;    // drug table body font size, pt

/// A label cell: centred, optionally on two lines.
void label(PageCanvas& c, const QRectF& r, const QString& text, double pt = kLabel)
{
    const QStringList parts = text.split(QLatin1Char('\n'));
    const double h = r.height() / parts.size();
    for (int i = 0; i < parts.size(); ++i)
        c.text(QRectF(r.x(), r.y() + i * h, r.width(), h), parts.at(i), pt, Qt::AlignCenter);
}

/// A filled-in value, condensed when the font runs wider than the cell.
void value(PageCanvas& c, const QRectF& r, const QString& text, double pt = kValue)
{
    const QRectF inner = r.adjusted(2.0, 0, -1.0, 0);
    const FittedText fit = fitName(c, text, inner.width(), pt, false);
    c.text(inner, fit.text, fit.pointSize, Qt::AlignLeft | Qt::AlignVCenter, false, fit.stretch);
}

/// A vertical label written one syllable per line ("환\n자"), as in the form's merged side cells.
void sideLabel(PageCanvas& c, const QRectF& r, const QString& text)
{
    QStringList chars;
    for (QChar ch : text)
        chars.append(QString(ch));
    label(c, r.adjusted(0, r.height() * 0.2, 0, -r.height() * 0.2), chars.join(QLatin1Char('\n')));
}

void header(const SyntheticPrescription& rx, PageCanvas& c)
{
    const core::Prescription& p = rx.truth;
    c.text(QRectF(kLeft, 6, 120, 5), u("■ 의료법 시행규칙 [별지 제9호서식] <개정 2017. 3. 7.>"), 7.5);
    c.text(QRectF(kLeft, 12, kRight - kLeft, 12), u("처    방    전"), 22, Qt::AlignCenter, true);

    // Insurance kind checkbox row and the 요양기관기호.
    double x = kLeft;
    const double y = 28.0;
    const QStringList& kinds = PrescriptionSynth::insuranceKinds();
    for (int i = 0; i < kinds.size(); ++i) {
        c.checkbox(x, y + 1.2, 3.2, i == rx.style.checkedInsurance);
        const QString t = i == kinds.size() - 1 ? kinds.at(i) + u("(      )") : kinds.at(i);
        c.text(QRectF(x + 4.0, y, 40, 5.5), t, 9);
        x += 4.0 + c.textWidth(t, 9) + 3.0;
    }
    const double codeX = 145.0;
    c.text(QRectF(codeX - 2, y, 25, 5.5), u("요양기관기호:"), 9, Qt::AlignRight | Qt::AlignVCenter);
    const QString code = *p.institution.code;
    const double cell = 28.0 / code.size();
    for (int i = 0; i < code.size(); ++i) {
        const QRectF r(codeX + 24 + i * cell, y, cell, 6.0);
        c.rect(r, 0.2);
        c.text(r, QString(code.at(i)), 10.5, Qt::AlignCenter);
    }
}

/// 교부 연월일, patient, institution, diagnosis and prescriber block. Returns its bottom.
double infoBlock(const SyntheticPrescription& rx, PageCanvas& c)
{
    const core::Prescription& p = rx.truth;
    const double top = 36.0;
    const double mid = 104.0;       // left / right halves
    const double rowH = 7.5;
    const double bottom = top + 4 * rowH;

    c.rect(QRectF(kLeft, top, kRight - kLeft, bottom - top), 0.5);
    c.vline(mid, top, bottom, 0.3);

    // Left: 교부 연월일 및 번호 (two rows), 환자 성명 / 주민등록번호.
    const double labW = 30.0;
    c.hline(kLeft, mid, top + 2 * rowH);
    c.hline(kLeft + 10, mid, top + 3 * rowH);
    label(c, QRectF(kLeft, top, labW, 2 * rowH), u("교부 연월일\n및 번호"));
    c.vline(kLeft + labW, top, top + 2 * rowH);
    value(c, QRectF(kLeft + labW, top, mid - kLeft - labW, 2 * rowH),
          QStringLiteral("%1 - %2 %3 %4").arg(koreanDate(*p.issueDate), u("제"), *p.issueNumber, u("호")));
    sideLabel(c, QRectF(kLeft, top + 2 * rowH, 10, 2 * rowH), u("환자"));
    c.vline(kLeft + 10, top + 2 * rowH, bottom);
    label(c, QRectF(kLeft + 10, top + 2 * rowH, labW - 4, rowH), u("성 명"));
    label(c, QRectF(kLeft + 10, top + 3 * rowH, labW - 4, rowH), u("주민등록번호"));
    c.vline(kLeft + 6 + labW, top + 2 * rowH, bottom);
    value(c, QRectF(kLeft + 6 + labW, top + 2 * rowH, 60, rowH), *p.patient.name);
    value(c, QRectF(kLeft + 6 + labW, top + 3 * rowH, 60, rowH), *p.patient.rrn);

    // Right: 의료기관 명칭 / 전화번호 / 팩스번호 / e-mail 주소.
    sideLabel(c, QRectF(mid, top, 10, 4 * rowH), u("의료기관"));
    c.vline(mid + 10, top, bottom);
    c.vline(mid + 34, top, bottom);
    const QStringList labels { u("명 칭"), u("전화번호"), u("팩스번호"), u("e-mail 주소") };
    const QStringList values { *p.institution.name, *p.institution.phone, rx.fax, QString() };
    for (int i = 0; i < 4; ++i) {
        if (i > 0)
            c.hline(mid + 10, kRight, top + i * rowH);
        label(c, QRectF(mid + 10, top + i * rowH, 24, rowH), labels.at(i));
        value(c, QRectF(mid + 34, top + i * rowH, kRight - mid - 34, rowH), values.at(i));
    }

    // 질병분류기호 | codes | 처방 의료인의 성명 | name (서명 또는 날인) | 면허종별 / 면허번호.
    const double dTop = bottom;
    const double dBot = dTop + 2 * rowH;
    c.rect(QRectF(kLeft, dTop, kRight - kLeft, dBot - dTop), 0.5);
    label(c, QRectF(kLeft, dTop, 20, dBot - dTop), u("질병\n분류\n기호"), 8);
    c.vline(kLeft + 20, dTop, dBot);
    const QStringList& kcd = *p.diagnosisCodes;
    for (int i = 0; i < kcd.size(); ++i)
        value(c, QRectF(kLeft + 20, dTop + i * rowH + (kcd.size() == 1 ? rowH / 2 : 0), 30, rowH), kcd.at(i));
    c.vline(kLeft + 50, dTop, dBot);
    label(c, QRectF(kLeft + 50, dTop, 22, dBot - dTop), u("처방\n의료인의\n성명"), 8);
    c.vline(kLeft + 72, dTop, dBot);
    c.text(QRectF(kLeft + 74, dTop, 50, rowH * 1.2), *p.prescriber.name, kValue, Qt::AlignLeft | Qt::AlignVCenter);
    c.text(QRectF(kLeft + 74, dTop + rowH, 50, rowH), u("(서명 또는 날인)"), 7.5, Qt::AlignRight | Qt::AlignVCenter);
    c.vline(kLeft + 126, dTop, dBot);
    label(c, QRectF(kLeft + 126, dTop, 20, rowH), u("면허종별"));
    label(c, QRectF(kLeft + 126, dTop + rowH, 20, rowH), u("면허번호"));
    c.vline(kLeft + 146, dTop, dBot);
    c.hline(kLeft + 126, kRight, dTop + rowH);
    value(c, QRectF(kLeft + 146, dTop, 40, rowH), *p.prescriber.licenseType);
    value(c, QRectF(kLeft + 146, dTop + rowH, 40, rowH), *p.prescriber.licenseNumber);

    stampSeal(rx, c, QPointF(kLeft + 111, dTop + rowH), 13.0);

    c.text(QRectF(kLeft, dBot + 0.5, kRight - kLeft, 5),
           u("※ 환자의 요구가 있는 때에는 질병분류기호를 기재하지 아니합니다."), 7.5);
    return dBot + 6.0;
}

struct Columns
{
    double code = 0, name = 0, dose = 0, times = 0, days = 0, usage = 0, end = 0;
};

/// The drug table. Returns its bottom.
double drugTable(const SyntheticPrescription& rx, PageCanvas& c, double top, RenderedPage& page)
{
    Columns col;
    col.code = kLeft;
    col.name = rx.style.codeColumn ? kLeft + 24.0 : kLeft;
    col.dose = kLeft + 98.0;
    col.times = col.dose + 17.0;
    col.days = col.times + 17.0;
    col.usage = col.days + 17.0;
    col.end = kRight;

    const double headH = 11.0;
    const double pitch = 8.2;
    const int slotCount = 12;
    const double bodyTop = top + headH;
    const double bottom = bodyTop + slotCount * pitch + 2.0;

    c.rect(QRectF(kLeft, top, kRight - kLeft, bottom - top), 0.5);
    c.hline(kLeft, kRight, bodyTop, 0.35);
    page.tableBox = c.pxBox(QRectF(kLeft, top, kRight - kLeft, bottom - top));
    page.tableBodyTop = c.pxBox(QRectF(kLeft, bodyTop + 0.4, 1, 1)).top();
    for (double x : { col.dose, col.times, col.days, col.usage })
        c.vline(x, top, bottom);
    if (rx.style.codeColumn)
        c.vline(col.name, bodyTop, bottom, 0.2);
    label(c, QRectF(kLeft, top, col.dose - kLeft, headH), u("처방 의약품의 명칭 및 코드"), 9);
    label(c, QRectF(col.dose, top, 17, headH), u("1회\n투약량"));
    label(c, QRectF(col.times, top, 17, headH), u("1일\n투여횟수"));
    label(c, QRectF(col.days, top, 17, headH), u("총\n투약일수"));
    label(c, QRectF(col.usage, top, col.end - col.usage, headH), u("용  법"), 9);

    int row = 0;
    for (int i = 0; i < rx.lines.size(); ++i) {
        if (rx.truth.items.at(i).injection)
            continue;
        const PrintedLine& l = rx.lines.at(i);
        const QRectF r(kLeft, bodyTop + 1.0 + row * pitch, kRight - kLeft, pitch);
        FittedText name;
        if (rx.style.codeColumn) {
            c.text(QRectF(col.code + 1.5, r.y(), 22, pitch), l.code, kRow);
            name = fitName(c, l.name, col.dose - col.name - 3.0, kRow, rx.style.truncateLongNames);
            c.text(QRectF(col.name + 1.5, r.y(), col.dose - col.name, pitch), name.text, name.pointSize,
                   Qt::AlignLeft | Qt::AlignVCenter, false, name.stretch);
        } else {
            const double codeW = c.textWidth(l.code + QStringLiteral("  "), kRow);
            c.text(QRectF(kLeft + 1.5, r.y(), codeW, pitch), l.code, kRow);
            name = fitName(c, l.name, col.dose - kLeft - codeW - 3.0, kRow, rx.style.truncateLongNames);
            c.text(QRectF(kLeft + 1.5 + codeW, r.y(), col.dose - kLeft - codeW, pitch), name.text, name.pointSize,
                   Qt::AlignLeft | Qt::AlignVCenter, false, name.stretch);
        }
        c.text(QRectF(col.dose, r.y(), 17, pitch), l.dose, kRow, Qt::AlignCenter);
        c.text(QRectF(col.times, r.y(), 17, pitch), l.times, kRow, Qt::AlignCenter);
        c.text(QRectF(col.days, r.y(), 17, pitch), l.days, kRow, Qt::AlignCenter);
        c.text(QRectF(col.usage + 2.0, r.y(), col.end - col.usage - 3.0, pitch), l.usage, kRow * 0.95);
        page.itemBoxes[i] = c.pxBox(r);
        page.printedNames[i] = name.text;
        page.rawLines[i] = QStringList { l.code, name.text, l.dose, l.times, l.days, l.usage }.join(QLatin1Char(' '));
        ++row;
    }
    if (!rx.style.blankMarker.isEmpty() && row < slotCount)
        c.text(QRectF(kLeft, bodyTop + 1.0 + row * pitch, col.dose - kLeft, pitch), rx.style.blankMarker, 9, Qt::AlignCenter);
    if (rx.style.rowRules) {
        for (int r = 1; r < slotCount; ++r)
            c.hline(kLeft, kRight, bodyTop + 1.0 + r * pitch, 0.12);
    }
    return bottom;
}

/// 주사제 처방내역, 사용기간 and the 의약품 조제내역 block.
void lowerBlocks(const SyntheticPrescription& rx, PageCanvas& c, double top, RenderedPage& page)
{
    const core::Prescription& p = rx.truth;
    const double injH = 20.0;
    const double split = kLeft + 130.0;
    c.rect(QRectF(kLeft, top, kRight - kLeft, injH), 0.5);
    c.vline(split, top, top + injH);
    c.text(QRectF(kLeft + 2, top + 0.5, 126, 6), u("주사제 처방내역(원내조제 [   ], 원외처방 [   ])"), 9);
    c.text(QRectF(split, top + 0.5, kRight - split, 6), u("조제시 참고사항"), 9, Qt::AlignCenter);
    for (int i = 0; i < rx.lines.size(); ++i) {
        if (!p.items.at(i).injection)
            continue;
        const PrintedLine& l = rx.lines.at(i);
        const QRectF r(kLeft + 2, top + 8, split - kLeft - 4, 7);
        const FittedText name = fitName(c, l.name, 70, kRow, false);
        c.text(QRectF(r.x(), r.y(), 24, 7), l.code, kRow);
        c.text(QRectF(r.x() + 22, r.y(), 72, 7), name.text, name.pointSize, Qt::AlignLeft | Qt::AlignVCenter, false,
               name.stretch);
        c.text(QRectF(r.x() + 96, r.y(), 30, 7), QStringLiteral("%1 %2 %3").arg(l.dose, l.times, l.days), kRow);
        page.itemBoxes[i] = c.pxBox(r);
        page.printedNames[i] = name.text;
        page.rawLines[i] = QStringList { l.code, name.text, l.dose, l.times, l.days }.join(QLatin1Char(' '));
    }

    const double useTop = top + injH;
    const double useH = 8.0;
    c.rect(QRectF(kLeft, useTop, kRight - kLeft, useH), 0.5);
    label(c, QRectF(kLeft, useTop, 22, useH), u("사용기간"), 9);
    c.vline(kLeft + 22, useTop, useTop + useH);
    c.text(QRectF(kLeft + 24, useTop, 70, useH),
           u("교부일로부터 ( %1 )일간").arg(*p.validityDays), kValue);
    c.vline(kLeft + 96, useTop, useTop + useH);
    c.text(QRectF(kLeft + 98, useTop, 88, useH), u("사용기간 내에 약국에 제출하여야 합니다."), 9);

    // 의약품 조제내역: left blank for the pharmacy to fill in.
    const double dTop = useTop + useH + 4.0;
    c.text(QRectF(kLeft, dTop, kRight - kLeft, 7), u("의 약 품  조 제 내 역"), 11, Qt::AlignCenter, true);
    const double bTop = dTop + 8.0;
    const double rowH = 8.5;
    const double bBot = bTop + 4 * rowH;
    c.rect(QRectF(kLeft, bTop, kRight - kLeft, bBot - bTop), 0.5);
    sideLabel(c, QRectF(kLeft, bTop, 10, bBot - bTop), u("조제내역"));
    c.vline(kLeft + 10, bTop, bBot);
    c.vline(kLeft + 42, bTop, bBot);
    c.vline(kLeft + 118, bTop, bBot);
    const QStringList labels { u("조제기관의 명칭"), u("조제약사 성명"), u("조제량(조제일수)"), u("조제연월일") };
    for (int i = 0; i < 4; ++i) {
        if (i > 0)
            c.hline(kLeft + 10, kLeft + 118, bTop + i * rowH);
        label(c, QRectF(kLeft + 10, bTop + i * rowH, 32, rowH), labels.at(i));
    }
    c.text(QRectF(kLeft + 44, bTop + rowH, 72, rowH), u("(서명 또는 날인)"), 7.5, Qt::AlignRight | Qt::AlignVCenter);
    c.text(QRectF(kLeft + 44, bTop + 3 * rowH, 72, rowH), u("년      월      일"), 9, Qt::AlignRight | Qt::AlignVCenter);
    label(c, QRectF(kLeft + 118, bTop, kRight - kLeft - 118, rowH * 1.2), u("처방의 변경·수정·확인대체 시\n그 내용 등"), 8);
    c.hline(kLeft + 118, kRight, bTop + rowH * 1.3, 0.2);
    c.text(QRectF(kLeft, bBot + 1.0, kRight - kLeft, 5), u("210mm×297mm[일반용지 60g/㎡(재활용품)]"), 7.5,
           Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

void renderStatutory(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page)
{
    page.itemBoxes = QList<QRect>(rx.lines.size());
    page.printedNames = QStringList(rx.lines.size());
    page.rawLines = QStringList(rx.lines.size());
    header(rx, canvas);
    const double infoBottom = infoBlock(rx, canvas);
    const double tableBottom = drugTable(rx, canvas, infoBottom, page);
    lowerBlocks(rx, canvas, tableBottom, page);
}

} // namespace pharmdesk::gen::detail
