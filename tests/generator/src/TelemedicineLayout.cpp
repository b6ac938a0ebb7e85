// SPDX-License-Identifier: GPL-3.0-or-later
// An e-prescription image as a telemedicine (비대면 진료) app or server sends it to the pharmacy:
// a narrow page or a phone screenshot, section cards with light grey fills instead of rulings,
// the statutory fields as labelled values, a drug list, a QR-like block for verification.
#include "Layouts.h"

#include "pharmdesk/core/Rrn.h"

namespace pharmdesk::gen::detail {

namespace {

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// 1240 × 1754 px (a 150-dpi A4 as servers render it) and a 1080-px-wide phone screen, at 200 dpi.
constexpr double kDocWidth = 157.5;
constexpr double kDocHeight = 222.8;
constexpr double kPhoneWidth = 137.2;
constexpr double kPhoneMinHeight = 297.2;

const QColor kCard(243, 245, 248);
const QColor kRule(222, 226, 232);
const QColor kLabel(108, 114, 126);
const QColor kText(28, 30, 34);

QColor accentColour(int accent)
{
    static const QList<QColor> colours = { QColor(37, 99, 235), QColor(0, 137, 123), QColor(94, 53, 177),
                                           QColor(46, 125, 50) };
    return colours.at(std::clamp(accent, 0, int(colours.size()) - 1));
}

QString appName(int accent)
{
    static const QStringList names = { u("바로진료"), u("온케어 원격진료"), u("메디콜"), u("집에서진료") };
    return names.at(std::clamp(accent, 0, int(names.size()) - 1));
}

/// Geometry shared by both variants: margins, font sizes, row heights (millimetres, points).
struct Metrics
{
    double width = kDocWidth;
    double margin = 8.0;
    double pad = 4.0;
    double body = 9.5;      ///< value text, pt
    double small = 8.0;     ///< labels and notes, pt
    double title = 11.0;    ///< card titles, pt
    double row = 5.8;       ///< a label/value row
    double drugRow = 6.6;   ///< document: one drug line; phone: one of its three text lines
};

Metrics metricsFor(bool phone)
{
    Metrics m;
    if (phone) {
        m.width = kPhoneWidth;
        m.margin = 5.0;
        m.body = 11.0;
        m.small = 9.5;
        m.title = 12.5;
        m.row = 7.4;
        m.drugRow = 7.0;
    }
    return m;
}

QString rrnAsPrinted(const SyntheticPrescription& rx)
{
    const QString rrn = *rx.truth.patient.rrn;
    return rx.style.maskRrn ? core::rrn::mask(rrn) : rrn;
}

/// Label/value pairs of the header cards: (card title, [(label, value)]).
QList<std::pair<QString, QList<std::pair<QString, QString>>>> headerCards(const SyntheticPrescription& rx)
{
    const core::Prescription& p = rx.truth;
    QList<std::pair<QString, QString>> clinic = { { u("의료기관명"), *p.institution.name },
                                                  { u("요양기관기호"), *p.institution.code },
                                                  { u("전화번호"), *p.institution.phone } };
    if (!rx.fax.isEmpty())
        clinic.append({ u("팩스번호"), rx.fax });
    return {
        { u("환자 정보"), { { u("성명"), *p.patient.name }, { u("주민등록번호"), rrnAsPrinted(rx) } } },
        { u("의료기관 정보"), clinic },
        { u("처방 정보"),
          { { u("처방의사"), *p.prescriber.name },
            { u("면허번호"), u("%1 제%2호").arg(*p.prescriber.licenseType, *p.prescriber.licenseNumber) },
            { u("질병분류기호"), p.diagnosisCodes->join(QStringLiteral(", ")) },
            { u("사용기간"), u("교부일로부터 %1일").arg(*p.validityDays) } } },
    };
}

double drugCardHeight(const SyntheticPrescription& rx, const Metrics& m, bool phone)
{
    const double lines = phone ? rx.lines.size() * (3 * m.drugRow + 2.0) : (rx.lines.size() + 1) * m.drugRow;
    return m.pad + 8.0 + lines + m.pad;
}

double headerCardHeight(int rows, const Metrics& m)
{
    return m.pad + 8.0 + rows * m.row + m.pad;
}

/// A grey card with its title; returns the y where its content starts.
double card(PageCanvas& c, const Metrics& m, double y, double h, const QString& title, const QColor& accent)
{
    c.fill(QRectF(m.margin, y, m.width - 2 * m.margin, h), kCard, 2.5);
    c.text(QRectF(m.margin + m.pad, y + m.pad, 80, 7), title, m.title, Qt::AlignLeft | Qt::AlignVCenter, true, 100,
           accent);
    return y + m.pad + 8.0;
}

/// A header card at (x, y) of width w: label/value rows in `columns` columns. Returns its height.
double headerCard(PageCanvas& c, const Metrics& m, QPointF at, double w, const QString& title,
                  const QList<std::pair<QString, QString>>& rows, int columns, const QColor& accent)
{
    const int rowCount = int((rows.size() + columns - 1) / columns);
    const double h = headerCardHeight(rowCount, m);
    c.fill(QRectF(at.x(), at.y(), w, h), kCard, 2.5);
    c.text(QRectF(at.x() + m.pad, at.y() + m.pad, 60, 7), title, m.title, Qt::AlignLeft | Qt::AlignVCenter, true, 100,
           accent);
    const double top = at.y() + m.pad + 8.0;
    const double colW = (w - 2 * m.pad) / columns;
    const double labelW = m.width > 150 ? 23.0 : 32.0;
    for (int k = 0; k < rows.size(); ++k) {
        const double x = at.x() + m.pad + (k % columns) * colW;
        const double y = top + (k / columns) * m.row;
        c.text(QRectF(x, y, labelW, m.row), rows.at(k).first, m.small, Qt::AlignLeft | Qt::AlignVCenter, false, 100,
               kLabel);
        const double vw = colW - labelW - 2.0;
        const FittedText v = fitName(c, rows.at(k).second, vw, m.body, false);
        c.text(QRectF(x + labelW, y, vw, m.row), v.text, v.pointSize, Qt::AlignLeft | Qt::AlignVCenter, false, v.stretch,
               kText);
    }
    return h;
}

void documentDrugs(const SyntheticPrescription& rx, PageCanvas& c, const Metrics& m, double y, RenderedPage& page)
{
    const double x0 = m.margin + m.pad;
    const double x1 = m.width - m.margin - m.pad;
    const double cCode = x0, cName = x0 + 21, cDose = x0 + 76, cTimes = cDose + 15, cDays = cTimes + 15,
                 cUsage = cDays + 15;
    const QList<std::pair<double, QString>> heads = { { cCode, u("코드") },         { cName, u("약품명") },
                                                      { cDose, u("1회 투약량") },   { cTimes, u("1일 투여횟수") },
                                                      { cDays, u("총 투약일수") }, { cUsage, u("용법") } };
    c.fill(QRectF(x0 - 1, y, x1 - x0 + 2, m.drugRow), kRule, 1.0);
    for (const auto& [x, t] : heads)
        c.text(QRectF(x, y, 16, m.drugRow), t, m.small * 0.82, Qt::AlignLeft | Qt::AlignVCenter, true, 100, kLabel);
    y += m.drugRow;
    for (int i = 0; i < rx.lines.size(); ++i) {
        const PrintedLine& l = rx.lines.at(i);
        const FittedText name = fitName(c, l.name, cDose - cName - 2.0, m.body, rx.style.truncateLongNames);
        const QString dose = l.dose + l.doseUnit;
        c.text(QRectF(cCode, y, 21, m.drugRow), l.code, m.body * 0.92, Qt::AlignLeft | Qt::AlignVCenter, false, 100, kText);
        c.text(QRectF(cName, y, cDose - cName, m.drugRow), name.text, name.pointSize, Qt::AlignLeft | Qt::AlignVCenter,
               false, name.stretch, kText);
        c.text(QRectF(cDose, y, 12, m.drugRow), dose, m.body, Qt::AlignRight | Qt::AlignVCenter, false, 100, kText);
        c.text(QRectF(cTimes, y, 12, m.drugRow), l.times, m.body, Qt::AlignRight | Qt::AlignVCenter, false, 100, kText);
        c.text(QRectF(cDays, y, 12, m.drugRow), l.days, m.body, Qt::AlignRight | Qt::AlignVCenter, false, 100, kText);
        c.text(QRectF(cUsage, y, x1 - cUsage, m.drugRow), l.usage, m.body * 0.9, Qt::AlignLeft | Qt::AlignVCenter, false,
               100, kText);
        if (i + 1 < rx.lines.size())
            c.fill(QRectF(x0, y + m.drugRow - 0.15, x1 - x0, 0.2), kRule);
        page.itemBoxes[i] = c.pxBox(QRectF(x0 - 1, y, x1 - x0 + 2, m.drugRow));
        page.printedNames[i] = name.text;
        page.rawLines[i] = QStringList { l.code, name.text, dose, l.times, l.days, l.usage }.join(QLatin1Char(' '));
        y += m.drugRow;
    }
}

/// Phone: one block per drug — the name, the code, then "1회 1정 · 1일 3회 · 3일 · 식후 30분".
void phoneDrugs(const SyntheticPrescription& rx, PageCanvas& c, const Metrics& m, double y, RenderedPage& page)
{
    const double x0 = m.margin + m.pad;
    const double x1 = m.width - m.margin - m.pad;
    for (int i = 0; i < rx.lines.size(); ++i) {
        const PrintedLine& l = rx.lines.at(i);
        const double top = y;
        const FittedText name = fitName(c, l.name, x1 - x0 - 8.0, m.body, rx.style.truncateLongNames);
        c.text(QRectF(x0, y, 8, m.drugRow), QString::number(i + 1), m.body, Qt::AlignLeft | Qt::AlignVCenter, true, 100,
               kLabel);
        c.text(QRectF(x0 + 8, y, x1 - x0 - 8, m.drugRow), name.text, name.pointSize, Qt::AlignLeft | Qt::AlignVCenter,
               true, name.stretch, kText);
        y += m.drugRow;
        c.text(QRectF(x0 + 8, y, x1 - x0 - 8, m.drugRow), u("보험코드 %1").arg(l.code), m.small,
               Qt::AlignLeft | Qt::AlignVCenter, false, 100, kLabel);
        y += m.drugRow;
        const QString dose = l.dose + l.doseUnit;
        const QString detail = u("1회 %1 · 1일 %2회 · %3일 · %4").arg(dose, l.times, l.days, l.usage);
        c.text(QRectF(x0 + 8, y, x1 - x0 - 8, m.drugRow), detail, m.body * 0.92, Qt::AlignLeft | Qt::AlignVCenter, false,
               100, kText);
        y += m.drugRow + 1.0;
        if (i + 1 < rx.lines.size())
            c.fill(QRectF(x0, y, x1 - x0, 0.25), kRule);
        y += 1.0;
        page.itemBoxes[i] = c.pxBox(QRectF(x0 - 1, top, x1 - x0 + 2, y - top - 1.0));
        page.printedNames[i] = name.text;
        page.rawLines[i] = QStringList { l.code, name.text, dose, l.times, l.days, l.usage }.join(QLatin1Char(' '));
    }
}

/// Phone status bar and the app's title bar.
double phoneChrome(const SyntheticPrescription& rx, PageCanvas& c, const Metrics& m, const QColor& accent)
{
    c.text(QRectF(6, 1.5, 30, 6), QStringLiteral("%1:%2").arg(9 + int(rx.style.qrSeed % 9)).arg(int(rx.style.qrSeed / 9 % 60), 2, 10,
                                                                                                QLatin1Char('0')),
           m.small, Qt::AlignLeft | Qt::AlignVCenter, true, 100, kText);
    c.fill(QRectF(m.width - 16, 3.2, 9, 3.6), QColor(60, 60, 60), 0.8);
    c.fill(QRectF(m.width - 22, 3.6, 3.5, 2.8), QColor(60, 60, 60), 0.4);
    c.fill(QRectF(0, 9, m.width, 13), accent);
    c.text(QRectF(5, 9, 10, 13), QStringLiteral("<"), 14, Qt::AlignLeft | Qt::AlignVCenter, true, 100, Qt::white);
    c.text(QRectF(0, 9, m.width, 13), u("전자처방전"), 13, Qt::AlignCenter, true, 100, Qt::white);
    return 26.0;
}

double documentTitle(const SyntheticPrescription& rx, PageCanvas& c, const Metrics& m, const QColor& accent)
{
    c.fill(QRectF(0, 0, m.width, 4), accent);
    c.text(QRectF(m.margin, 7, 80, 6), appName(rx.style.accent), 9, Qt::AlignLeft | Qt::AlignVCenter, true, 100, accent);
    c.text(QRectF(m.margin, 13, m.width - 2 * m.margin, 11), u("처방전 (비대면 진료)"), 17,
           Qt::AlignLeft | Qt::AlignVCenter, true, 100, kText);
    return 27.0;
}

} // namespace

QSizeF telemedicinePageMm(const SyntheticPrescription& rx)
{
    if (!rx.style.phoneScreen)
        return { kDocWidth, kDocHeight };
    // A long (scrolling) screenshot when the list does not fit one screen.
    const Metrics m = metricsFor(true);
    double h = 26.0 + 14.0;
    for (const auto& cardRows : headerCards(rx))
        h += headerCardHeight(int(cardRows.second.size()), m) + 3.0;
    h += drugCardHeight(rx, m, true) + 3.0 + 40.0;
    return { kPhoneWidth, std::max(kPhoneMinHeight, h) };
}

void renderTelemedicine(const SyntheticPrescription& rx, PageCanvas& c, RenderedPage& page)
{
    const core::Prescription& p = rx.truth;
    const bool phone = rx.style.phoneScreen;
    const Metrics m = metricsFor(phone);
    const QColor accent = accentColour(rx.style.accent);
    page.itemBoxes = QList<QRect>(rx.lines.size());
    page.printedNames = QStringList(rx.lines.size());
    page.rawLines = QStringList(rx.lines.size());

    double y = phone ? phoneChrome(rx, c, m, accent) : documentTitle(rx, c, m, accent);
    // Issue date and number under the title, the QR block beside them on the document.
    c.text(QRectF(m.margin, y, 90, 6), u("교부일자  %1").arg(p.issueDate->toString(QStringLiteral("yyyy-MM-dd"))),
           m.body, Qt::AlignLeft | Qt::AlignVCenter, false, 100, kText);
    c.text(QRectF(m.margin, y + 6, 90, 6), u("교부번호  %1").arg(*p.issueNumber), m.body, Qt::AlignLeft | Qt::AlignVCenter,
           false, 100, kText);
    if (!phone)
        c.qrBlock(QRectF(m.width - m.margin - 22, 6, 22, 22), 25, rx.style.qrSeed);
    y += 14.0;

    // Header cards: one column on the phone; on the page patient and institution side by side,
    // then the prescriber's card with its rows in two columns.
    const auto cards = headerCards(rx);
    const double fullW = m.width - 2 * m.margin;
    if (phone) {
        for (const auto& [title, rows] : cards)
            y += headerCard(c, m, QPointF(m.margin, y), fullW, title, rows, 1, accent) + 3.0;
    } else {
        const double half = (fullW - 3.0) / 2;
        const double h = std::max(headerCardHeight(int(cards.at(0).second.size()), m),
                                  headerCardHeight(int(cards.at(1).second.size()), m));
        c.fill(QRectF(m.margin, y, half, h), kCard, 2.5);
        c.fill(QRectF(m.margin + half + 3.0, y, half, h), kCard, 2.5);
        headerCard(c, m, QPointF(m.margin, y), half, cards.at(0).first, cards.at(0).second, 1, accent);
        headerCard(c, m, QPointF(m.margin + half + 3.0, y), half, cards.at(1).first, cards.at(1).second, 1, accent);
        y += h + 3.0;
        y += headerCard(c, m, QPointF(m.margin, y), fullW, cards.at(2).first, cards.at(2).second, 2, accent) + 3.0;
    }

    const double h = drugCardHeight(rx, m, phone);
    const double top = card(c, m, y, h, u("처방 의약품"), accent);
    c.text(QRectF(m.width - m.margin - m.pad - 40, y + m.pad, 40, 7), u("총 %1종").arg(rx.lines.size()), m.small,
           Qt::AlignRight | Qt::AlignVCenter, false, 100, kLabel);
    page.tableBox = c.pxBox(QRectF(m.margin, y, m.width - 2 * m.margin, h));
    page.tableBodyTop = c.pxBox(QRectF(m.margin, top + (phone ? 0 : m.drugRow), 1, 1)).top();
    if (phone)
        phoneDrugs(rx, c, m, top, page);
    else
        documentDrugs(rx, c, m, top, page);
    y += h + 4.0;

    if (phone) {
        c.qrBlock(QRectF(m.width / 2 - 13, y, 26, 26), 25, rx.style.qrSeed);
        y += 28.0;
        c.text(QRectF(0, y, m.width, 6), u("약국에서 QR을 보여주세요"), m.small, Qt::AlignCenter, false, 100, kLabel);
    } else {
        c.barcode(QRectF(m.margin, y, 60, 9), rx.style.qrSeed ^ 0x5a5a);
        c.text(QRectF(m.margin, y + 9.5, 60, 4), QStringLiteral("%1-%2").arg(*p.institution.code, *p.issueNumber), 7,
               Qt::AlignCenter, false, 100, kText);
        c.text(QRectF(m.margin + 66, y, m.width - 2 * m.margin - 66, 5),
               u("본 처방전은 비대면 진료를 통해 전자적으로 발급되었습니다."), 7.5, Qt::AlignLeft | Qt::AlignVCenter,
               false, 100, kLabel);
        c.text(QRectF(m.margin + 66, y + 5, m.width - 2 * m.margin - 66, 5),
               u("발급 %1 · %2").arg(appName(rx.style.accent), *p.institution.name), 7.5,
               Qt::AlignLeft | Qt::AlignVCenter, false, 100, kLabel);
    }
}

} // namespace pharmdesk::gen::detail
