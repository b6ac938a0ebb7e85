// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>
#include <QImage>
#include <QList>
#include <QRect>

class QGraphicsPixmapItem;
class QGraphicsRectItem;

namespace pharmdesk::ui {

/// A recognised region to outline on the image, in source-image pixels.
struct ImageRegion
{
    QRect box;
    bool flagged = false; ///< needs review: drawn in amber
};

/// The prescription image: zoom (Ctrl+wheel, zoomIn/zoomOut, fit), pan (drag), rotate by 90°,
/// recognised regions outlined and one region highlighted.
///
/// Coordinates: regions and the highlight are given in pixels of the source image as loaded;
/// rotation and zoom are view transforms only. Threading: GUI thread only.
class ImageView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ImageView(QWidget* parent = nullptr);
    ~ImageView() override;

    /// Shows `image` fitted to the view, with no regions. A null image clears the view.
    void setImage(const QImage& image);
    void clear();
    bool hasImage() const;
    QSize imageSize() const;

    void setRegions(const QList<ImageRegion>& regions);
    QList<ImageRegion> regions() const { return m_regions; }

    /// Emphasises `box` and scrolls it into view; a null box removes the emphasis.
    void highlight(const QRect& box);
    QRect highlightedBox() const { return m_highlightBox; }

    /// Scale from image pixels to view pixels.
    double zoomFactor() const { return m_zoom; }
    /// Clockwise rotation in degrees: 0, 90, 180 or 270.
    int rotation() const { return m_rotation; }
    bool isFitted() const { return m_fit; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void rotateClockwise();

Q_SIGNALS:
    void zoomChanged(double factor);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void setZoom(double factor);
    void applyTransform();
    double fitZoom() const;

    QGraphicsScene* m_scene = nullptr;
    QGraphicsPixmapItem* m_pixmapItem = nullptr;
    QList<QGraphicsRectItem*> m_regionItems;
    QGraphicsRectItem* m_highlightItem = nullptr;
    QList<ImageRegion> m_regions;
    QRect m_highlightBox;
    double m_zoom = 1.0;
    int m_rotation = 0;
    bool m_fit = true;
};

} // namespace pharmdesk::ui
