// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
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
// items onto pages, keeps a group on one page when it fits, and otherwise continues it on the next
// page with its continuation items on top. Nothing is ever clipped: an item that does not fit moves.
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
    bool keepWithNext = false;
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
};

/// Breaks `text` into lines no wider than `width`, at spaces; a word wider than a line is broken
/// between characters (grapheme clusters). Explicit line breaks are kept. Never returns an empty list
/// for a non-empty text.
QStringList wrapText(const QString& text, const QFontMetricsF& metrics, qreal width);

/// Content laid out for one paint device, then paginated and painted page by page.
class PageFlow
{
public:
    /// `device` is used for font metrics only and must outlive the flow; `width` is the content width.
    PageFlow(QList<TextStyle> styles, const QPaintDevice* device, qreal width);

    qreal width() const { return m_width; }
    const TextStyle& style(int id) const { return m_styles.at(id); }
    QFontMetricsF metrics(int style) const;
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
    const QPaintDevice* m_device;
    qreal m_width;
    std::vector<FlowGroup> m_groups;
    std::vector<Page> m_pages;
};

} // namespace pharmdesk::guide::detail
