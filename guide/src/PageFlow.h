// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QPainter;
class QPaintDevice;

namespace pharmdesk::guide::detail {

// A small flow layout engine for printed guides: content is a list of groups (cards) made of
// items (text lines, spacers, custom-painted boxes) of known height; the paginator places whole
// items onto pages and keeps a group on one page when it fits there and little room would be wasted;
// otherwise the group continues on the next page with its continuation items on top. Nothing is
// ever clipped: an item that does not fit moves to the next page.
// All lengths are in device pixels of the paint device the flow was made for.

/// A font and colour text is drawn with.
struct TextStyle
{
    QFont font;
    QColor color;
};

/// One piece of text on a line, at `x` from the content's left edge.
struct Run
{
    enum class Kind {
        Text,
        Badge,  ///< the text in white, centred on a filled circle of the style's colour, `x` its left
    };
    qreal x = 0;
    QString text;
    int style = 0;
    Kind kind = Kind::Text;
    /// `x` is the right edge: the text is measured on the painted device itself, so it ends
    /// exactly there whatever that device's rounding.
    bool alignRight = false;
};

/// The unit the paginator places whole.
struct FlowItem
{
    qreal height = 0;
    qreal baseline = 0;  ///< of the text runs, from the item's top
    QList<Run> runs;
    /// Custom drawing inside the item's rectangle (full content width), after the runs.
    std::function<void(QPainter&, const QRectF&)> paint;
    QColor fill;             ///< when valid, painted across the group's width behind the item
    bool keepWithNext = false;  ///< no page break after this item (chains: a paragraph stays whole)
    bool spacer = false;     ///< dropped where a group continues at the top of a page
};

/// Consecutive items drawn as one card (background, frame), kept on one page when they fit.
struct FlowGroup
{
    QList<FlowItem> items;
    QList<FlowItem> continuation;  ///< placed first on each further page the group continues on
    qreal padTop = 0;
    qreal padBottom = 0;
    qreal spaceAfter = 0;
    QColor background;             ///< invalid: none
    QColor frame;                  ///< invalid: none
    qreal frameWidth = 0;
    qreal radius = 0;
    bool keepTogether = true;
    /// A group that does not fit in what is left of a page still starts there when at least this
    /// share of a page is left (a card split over two pages wastes less paper than a half-empty
    /// page). 1: it always moves to a new page unless it is taller than a page (receipts: no page
    /// break inside a drug).
    qreal minStartRoom = 0.4;
};

/// Font metrics measured at one fixed reference resolution and scaled to the target device, so that
/// line and page breaks are the same on every device (PDF, printer, print preview): hinted or
/// rounded advances at a device's own resolution would move breaks, and with them the page count.
class TextMetrics
{
public:
    TextMetrics(const QFont& font, const QPaintDevice* reference, qreal scale);
    qreal height() const { return m_fm.height() * m_scale; }
    qreal ascent() const { return m_fm.ascent() * m_scale; }
    qreal descent() const { return m_fm.descent() * m_scale; }
    qreal horizontalAdvance(const QString& text) const { return m_fm.horizontalAdvance(text) * m_scale; }
    QRectF tightBoundingRect(const QString& text) const;

private:
    QFontMetricsF m_fm;
    qreal m_scale;
};

/// Breaks `text` into lines no wider than `width`, at spaces; a word wider than a line is broken
/// before its opening parentheses, then between characters (grapheme clusters) where needed. Explicit line breaks are kept. Never returns an empty list
/// for a non-empty text.
QStringList wrapText(const QString& text, const TextMetrics& metrics, qreal width);

/// Content laid out for one paint device, then paginated and painted page by page.
class PageFlow
{
public:
    /// `deviceDpi` is the resolution of the device painted on (its pixels are the flow's unit);
    /// `width` is the content width.
    PageFlow(QList<TextStyle> styles, int deviceDpi, qreal width);

    qreal width() const { return m_width; }
    const TextStyle& style(int id) const { return m_styles.at(id); }
    const TextMetrics& metrics(int style) const;
    qreal advance(int style, const QString& text) const;

    /// Height of a line of `style` with `leading` times the font size from baseline to baseline,
    /// but never less than the font's own height (ascent + descent), so lines never overlap.
    qreal lineHeight(int style, qreal leading) const;
    /// An empty line item of `style` (height and baseline set, no runs).
    FlowItem line(int style, qreal leading) const;
    /// Line items for a paragraph of `style` wrapped at `width` starting at `x`.
    QList<FlowItem> paragraph(const QString& text, int style, qreal x, qreal width, qreal leading) const;
    /// An empty item of `height` (a gap); `spacer` gaps vanish at the top of a continued page.
    static FlowItem gap(qreal height, bool spacer = true);

    void addGroup(FlowGroup group) { m_groups.push_back(std::move(group)); }
    bool isEmpty() const { return m_groups.empty(); }

    /// Assigns items to pages; the first page has `firstPageHeight` of room, the others
    /// `pageHeight`. Returns the number of pages (at least 1).
    int paginate(qreal firstPageHeight, qreal pageHeight);
    int pageCount() const { return static_cast<int>(m_pages.size()); }
    /// The height page `page` (0-based) fills, from its top to the bottom of its last group.
    qreal usedHeight(int page) const;

    /// Paints page `page` (0-based) with the content's top-left corner at `origin`.
    void paintPage(QPainter& painter, int page, QPointF origin) const;

private:
    struct Placed
    {
        const FlowItem* item;
        qreal y;
        int group;
    };
    struct Fragment
    {
        int group;
        qreal top;
        qreal bottom;
    };
    struct Page
    {
        std::vector<Placed> items;
        std::vector<Fragment> fragments;
    };

    void paintRuns(QPainter& painter, const FlowItem& item, QPointF topLeft) const;

    QList<TextStyle> m_styles;
    QImage m_reference;  ///< 1x1, at the reference resolution: font metrics are taken here
    int m_deviceDpi;
    QList<TextMetrics> m_metrics;  ///< per style
    qreal m_width;
    std::vector<FlowGroup> m_groups;
    std::vector<Page> m_pages;
};

} // namespace pharmdesk::guide::detail
