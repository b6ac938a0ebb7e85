// SPDX-License-Identifier: GPL-3.0-or-later
// Reading rendered PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a reader would.
#pragma once

#include <QList>
#include <QProcess>
#include <QRectF>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace guidetest {

/// Runs a poppler tool and returns its standard output (UTF-8); empty on failure, with `error` set.
inline QString runTool(const QString& program, const QStringList& arguments, QString* error = nullptr)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = program + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardError()) + p.errorString();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// The text with all white space removed: what a reader sees, independent of line wrapping.
inline QString squeezed(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

struct PdfFont
{
    QString name;
    QString type;
    bool embedded = false;
};

/// The fonts `pdffonts` lists. Columns are found from the header's dashes, as names contain spaces.
inline QList<PdfFont> pdfFonts(const QString& pdf)
{
    QList<PdfFont> fonts;
    const QStringList lines = runTool(QStringLiteral("pdffonts"), { pdf }).split(QLatin1Char('\n'));
    if (lines.size() < 2)
        return fonts;
    // Column extents from the "---- ----" line.
    QList<std::pair<qsizetype, qsizetype>> cols;
    static const QRegularExpression dashes(QStringLiteral("-+"));
    for (auto it = dashes.globalMatch(lines.at(1)); it.hasNext();) {
        const auto m = it.next();
        cols.append({ m.capturedStart(), m.capturedLength() });
    }
    if (cols.size() < 4)
        return fonts;
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QString& l = lines.at(i);
        if (l.trimmed().isEmpty())
            continue;
        auto col = [&](int c) { return l.mid(cols.at(c).first, cols.at(c).second + 1).trimmed(); };
        fonts.append({ col(0), col(1), col(3) == QStringLiteral("yes") });
    }
    return fonts;
}

struct PdfWord
{
    int page = 0;  ///< 1-based
    QRectF box;    ///< points, origin top-left
    QString text;
};

struct PdfPage
{
    QSizeF size;  ///< points
    QList<PdfWord> words;
};

/// Every word with its box, page by page, from `pdftotext -bbox`.
inline QList<PdfPage> pdfWords(const QString& pdf)
{
    QList<PdfPage> pages;
    const QString html = runTool(QStringLiteral("pdftotext"), { QStringLiteral("-bbox"), pdf, QStringLiteral("-") });
    static const QRegularExpression tag(QStringLiteral(
        "<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">|<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
        "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>"));
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            pages.append({ QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()), {} });
            continue;
        }
        if (pages.isEmpty())
            continue;
        const QPointF tl(m.captured(3).toDouble(), m.captured(4).toDouble());
        const QPointF br(m.captured(5).toDouble(), m.captured(6).toDouble());
        pages.last().words.append({ static_cast<int>(pages.size()), QRectF(tl, br), m.captured(7) });
    }
    return pages;
}

/// The number of pages `pdfinfo` reports; 0 on failure.
inline int pdfPageCount(const QString& pdf)
{
    static const QRegularExpression pagesLine(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption);
    const auto m = pagesLine.match(runTool(QStringLiteral("pdfinfo"), { pdf }));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace guidetest
