// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/ImageView.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsRectItem>
#include <QPixmap>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace pharmdesk::ui {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 8.0;
constexpr qreal kRegionZ = 1.0;
constexpr qreal kHighlightZ = 2.0;

QPen cosmeticPen(const QColor& color, qreal width)
{
    QPen pen(color, width);
    pen.setCosmetic(true); // the same width on screen at any zoom
    return pen;
}
} // namespace

ImageView::ImageView(QWidget* parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    setBackgroundBrush(palette().brush(QPalette::Dark));
    setAlignment(Qt::AlignCenter);
    // Drops go to the main window, which opens the file.
    setAcceptDrops(false);
    viewport()->setAcceptDrops(false);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("처방전 이미지"));
}

ImageView::~ImageView() = default;

void ImageView::clear()
{
    setImage(QImage());
}

void ImageView::setImage(const QImage& image)
{
    m_scene->clear(); // deletes the pixmap, region and highlight items
    m_pixmapItem = nullptr;
    m_highlightItem = nullptr;
    m_regionItems.clear();
    m_regions.clear();
    m_highlightBox = QRect();
    m_rotation = 0;
    if (image.isNull()) {
        m_scene->setSceneRect(QRectF());
        resetTransform();
        return;
    }
    m_pixmapItem = m_scene->addPixmap(QPixmap::fromImage(image));
    m_pixmapItem->setTransformationMode(Qt::SmoothTransformation);
    m_scene->setSceneRect(m_pixmapItem->boundingRect());
    fitToWindow();
}

bool ImageView::hasImage() const
{
    return m_pixmapItem != nullptr;
}

QSize ImageView::imageSize() const
{
    return m_pixmapItem ? m_pixmapItem->pixmap().size() : QSize();
}

void ImageView::setRegions(const QList<ImageRegion>& regions)
{
    for (QGraphicsRectItem* item : std::as_const(m_regionItems)) {
        m_scene->removeItem(item);
        delete item;
    }
    m_regionItems.clear();
    m_regions = regions;
    if (!m_pixmapItem)
        return;
    for (const ImageRegion& region : regions) {
        if (region.box.isNull())
            continue;
        auto* item = m_scene->addRect(QRectF(region.box),
            region.flagged ? cosmeticPen(QColor(0xE6, 0x8A, 0x00), 2.0)
                           : cosmeticPen(QColor(0x1E, 0x78, 0xDC, 0xB0), 1.0),
            region.flagged ? QBrush(QColor(0xFF, 0xC1, 0x07, 0x30)) : QBrush(Qt::NoBrush));
        item->setZValue(kRegionZ);
        m_regionItems.append(item);
    }
}

void ImageView::highlight(const QRect& box)
{
    m_highlightBox = box;
    if (m_highlightItem) {
        m_scene->removeItem(m_highlightItem);
        delete m_highlightItem;
        m_highlightItem = nullptr;
    }
    if (!m_pixmapItem || box.isNull())
        return;
    const QRectF rect = QRectF(box).adjusted(-4, -4, 4, 4);
    m_highlightItem = m_scene->addRect(
        rect, cosmeticPen(QColor(0xD3, 0x2F, 0x2F), 3.0), QBrush(QColor(0xD3, 0x2F, 0x2F, 0x28)));
    m_highlightItem->setZValue(kHighlightZ);
    ensureVisible(rect, 40, 40);
}

void ImageView::zoomIn()
{
    setZoom(m_zoom * kZoomStep);
}

void ImageView::zoomOut()
{
    setZoom(m_zoom / kZoomStep);
}

void ImageView::fitToWindow()
{
    m_fit = true;
    m_zoom = fitZoom();
    applyTransform();
    Q_EMIT zoomChanged(m_zoom);
}

void ImageView::rotateClockwise()
{
    m_rotation = (m_rotation + 90) % 360;
    if (m_fit)
        m_zoom = fitZoom();
    applyTransform();
    Q_EMIT zoomChanged(m_zoom);
}

void ImageView::setZoom(double factor)
{
    m_fit = false;
    m_zoom = std::clamp(factor, kMinZoom, kMaxZoom);
    applyTransform();
    Q_EMIT zoomChanged(m_zoom);
}

void ImageView::applyTransform()
{
    QTransform transform;
    transform.rotate(m_rotation);
    transform.scale(m_zoom, m_zoom);
    setTransform(transform);
    if (m_fit && m_pixmapItem)
        centerOn(m_pixmapItem);
}

double ImageView::fitZoom() const
{
    if (!m_pixmapItem)
        return 1.0;
    QSizeF size = m_pixmapItem->boundingRect().size();
    if (m_rotation % 180 != 0)
        size.transpose();
    const QSize available = viewport()->size() - QSize(4, 4);
    if (size.isEmpty() || available.isEmpty())
        return 1.0;
    return std::clamp(
        std::min(available.width() / size.width(), available.height() / size.height()), kMinZoom, kMaxZoom);
}

void ImageView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        if (!qFuzzyIsNull(steps))
            setZoom(m_zoom * std::pow(kZoomStep, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void ImageView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fit && m_pixmapItem) {
        m_zoom = fitZoom();
        applyTransform();
    }
}

} // namespace pharmdesk::ui
