// SPDX-License-Identifier: GPL-3.0-or-later
// A hospital EMR "원외처방전" printout: label/value header, horizontal rules only, a code column.
#include "Layouts.h"

namespace pharmdesk::gen::detail {

namespace {

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

constexpr double kLeft = 15.0;
constexpr double kRight = 195.0;
constexpr double kText = 10.0;

/// "label: value" at (x, y) in a row of height h; returns nothing, widths are fixed per column.
void pair(PageCanvas& c, double x, double y, double h, const QString& labelText, const QString& valueText,
          double labelW = 22.0)
{
    c.text(QRectF(x, y, labelW, h), labelText, 9.5, Qt::AlignLeft | Qt::AlignVCenter, true);
    c.text(QRectF(x + labelW, y, 60, h), QStringLiteral(": ") + valueText, kText);
}

QString dashedDate(const QDate& d, bool dots)
{
    return d.toString(dots ? QStringLiteral("yyyy.MM.dd") : QStringLiteral("yyyy-MM-dd"));
}

} // namespace

void renderHospital(const SyntheticPrescription& rx, PageCanvas& c, RenderedPage& page)
{
    const core::Prescription& p = rx.truth;
    page.itemBoxes = QList<QRect>(rx.lines.size());
    page.printedNames = QStringList(rx.lines.size());
    page.rawLines = QStringList(rx.lines.size());
    // The date style follows the institution code so one clinic always prints dates alike.
    const bool dots = p.institution.code->endsWith(QLatin1Char('1')) || p.institution.code->endsWith(QLatin1Char('7'));

    c.text(QRectF(kLeft, 12, 90, 8), *p.institution.name, 14, Qt::AlignLeft | Qt::AlignVCenter, true);
    c.text(QRectF(kLeft, 20, 120, 5),
           rx.fax.isEmpty() ? QStringLiteral("TEL %1").arg(*p.institution.phone)
                            : QStringLiteral("TEL %1  FAX %2").arg(*p.institution.phone, rx.fax),
           8.5);
    c.text(QRectF(kRight - 40, 14, 40, 5), u("[약국 제출용]"), 9, Qt::AlignRight | Qt::AlignVCenter);
    c.text(QRectF(kLeft, 27, kRight - kLeft, 12), u("원 외 처 방 전"), 20, Qt::AlignCenter, true);
    c.hline(kLeft, kRight, 42, 0.6);

    const double rowH = 7.2;
    const double x1 = kLeft + 1;
    const double x2 = kLeft + 62;
    const double x3 = kLeft + 122;
    double y = 44.0;
    pair(c, x1, y, rowH, u("요양기관기호"), *p.institution.code, 24);
    pair(c, x2, y, rowH, u("의료기관명"), *p.institution.name);
    pair(c, x3, y, rowH, u("보험구분"), rx.insuranceKind, 18);
    y += rowH;
    pair(c, x1, y, rowH, u("전화번호"), *p.institution.phone, 24);
    pair(c, x2, y, rowH, u("팩스번호"), rx.fax);
    pair(c, x3, y, rowH, u("교부번호"), *p.issueNumber, 18);
    y += rowH;
    c.dottedHline(kLeft, kRight, y + 0.6);
    y += 1.2;
    pair(c, x1, y, rowH, u("환자명"), *p.patient.name, 24);
    pair(c, x2, y, rowH, u("주민번호"), *p.patient.rrn);
    pair(c, x3, y, rowH, u("진료과"), rx.department, 18);
    y += rowH;
    pair(c, x1, y, rowH, u("처방일자"), dashedDate(*p.issueDate, dots), 24);
    pair(c, x2, y, rowH, u("상병코드"), p.diagnosisCodes->join(QStringLiteral(", ")));
    pair(c, x3, y, rowH, u("사용기간"), u("교부일로부터 %1일").arg(*p.validityDays), 18);
    y += rowH;
    pair(c, x1, y, rowH, u("의사명"), *p.prescriber.name, 24);
    pair(c, x2, y, rowH, u("면허종별"), *p.prescriber.licenseType);
    pair(c, x3, y, rowH, u("면허번호"), *p.prescriber.licenseNumber, 18);
    stampSeal(rx, c, QPointF(kLeft + 50, y + rowH / 2), 12.0);
    y += rowH + 2.0;

    // Drug table: rules only.
    const double cCode = kLeft + 1, cName = kLeft + 25, cDose = kLeft + 112, cTimes = kLeft + 128,
                 cDays = kLeft + 140, cUsage = kLeft + 152;
    c.hline(kLeft, kRight, y, 0.5);
    const double tableHead = y;
    const double headH = 7.5;
    const QList<std::pair<double, QString>> heads = { { cCode, u("코드") }, { cName, u("약품명") },
                                                      { cDose, u("투약량") }, { cTimes, u("횟수") },
                                                      { cDays, u("일수") }, { cUsage, u("용법") } };
    for (const auto& [x, t] : heads)
        c.text(QRectF(x, y, 30, headH), t, 9.5, Qt::AlignLeft | Qt::AlignVCenter, true);
    y += headH;
    c.hline(kLeft, kRight, y, 0.3);
    page.tableBodyTop = c.pxBox(QRectF(kLeft, y + 0.4, 1, 1)).top();
    const double pitch = 7.4;
    y += 1.0;
    const double tableTop = y;
    auto drawLine = [&](int i, double rowY) {
        const PrintedLine& l = rx.lines.at(i);
        const FittedText name = fitName(c, l.name, cDose - cName - 2.0, kText, rx.style.truncateLongNames);
        c.text(QRectF(cCode, rowY, 24, pitch), l.code, kText);
        c.text(QRectF(cName, rowY, cDose - cName, pitch), name.text, name.pointSize, Qt::AlignLeft | Qt::AlignVCenter,
               false, name.stretch);
        const QString dose = l.dose + l.doseUnit;
        c.text(QRectF(cDose, rowY, 15, pitch), dose, kText, Qt::AlignRight | Qt::AlignVCenter);
        c.text(QRectF(cTimes, rowY, 9, pitch), l.times, kText, Qt::AlignRight | Qt::AlignVCenter);
        c.text(QRectF(cDays, rowY, 9, pitch), l.days, kText, Qt::AlignRight | Qt::AlignVCenter);
        c.text(QRectF(cUsage, rowY, kRight - cUsage, pitch), l.usage, kText * 0.95);
        page.itemBoxes[i] = c.pxBox(QRectF(kLeft, rowY, kRight - kLeft, pitch));
        page.printedNames[i] = name.text;
        page.rawLines[i] = QStringList { l.code, name.text, dose, l.times, l.days, l.usage }.join(QLatin1Char(' '));
    };
    for (int i = 0; i < rx.lines.size(); ++i) {
        if (p.items.at(i).injection)
            continue;
        if (rx.style.rowRules && y > tableTop + 1.5)
            c.dottedHline(kLeft, kRight, y);
        drawLine(i, y);
        y += pitch;
    }
    if (!rx.style.blankMarker.isEmpty()) {
        c.text(QRectF(cName, y, 80, pitch), rx.style.blankMarker, 9);
        y += pitch;
    }
    c.hline(kLeft, kRight, y + 1.0, 0.5);
    page.tableBox = c.pxBox(QRectF(kLeft, tableHead, kRight - kLeft, y + 1.0 - tableHead));
    y += 3.0;

    c.text(QRectF(kLeft + 1, y, 100, rowH), u("[주사제 처방내역]"), 9.5, Qt::AlignLeft | Qt::AlignVCenter, true);
    y += rowH;
    bool anyInjection = false;
    for (int i = 0; i < rx.lines.size(); ++i) {
        if (!p.items.at(i).injection)
            continue;
        drawLine(i, y);
        y += pitch;
        anyInjection = true;
    }
    if (!anyInjection) {
        c.text(QRectF(cName, y, 80, rowH), u("해당 없음"), 9);
        y += rowH;
    }
    c.hline(kLeft, kRight, y + 1.0, 0.3);
    y += 3.0;
    c.text(QRectF(kLeft + 1, y, kRight - kLeft, 6),
           u("※ 이 처방전은 교부일로부터 %1일 이내에 약국에 제출하십시오.").arg(*p.validityDays), 8.5);
    y += 12.0;
    c.hline(kLeft, kRight, y, 0.3);
    c.text(QRectF(kLeft + 1, y + 1, 80, rowH), u("조제기관 :"), 9.5);
    c.text(QRectF(kLeft + 95, y + 1, 80, rowH), u("조제약사 :                    (인)"), 9.5);
    c.text(QRectF(kLeft + 1, y + 1 + rowH, 80, rowH), u("조제일자 :      년     월     일"), 9.5);
    c.text(QRectF(kLeft + 95, y + 1 + rowH, 80, rowH), u("조제량(조제일수) :"), 9.5);
    c.hline(kLeft, kRight, y + 2 + 2 * rowH, 0.3);
    c.text(QRectF(kLeft, 280, kRight - kLeft, 5),
           QStringLiteral("%1   %2 %3").arg(*p.institution.name, dashedDate(*p.issueDate, dots), u("출력  1/1")), 7.5,
           Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace pharmdesk::gen::detail
