// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrCode.h"

#include <QPainter>
#include <QPainterPath>

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace pharmdesk::guide::detail {

std::optional<QrCode> QrCode::encode(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.isEmpty())
        return std::nullopt;
    // QRcode_encodeData takes the bytes as they are (8-bit mode); version 0 = smallest that fits.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(utf8.size()), reinterpret_cast<const unsigned char*>(utf8.constData()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code || code->width <= 0)
        return std::nullopt;
    QrCode qr;
    qr.m_size = code->width;
    qr.m_modules.resize(qr.m_size * qr.m_size);
    for (int i = 0; i < qr.m_size * qr.m_size; ++i)
        qr.m_modules[i] = (code->data[i] & 1) ? 1 : 0;  // bit 0: dark module; the others are libqrencode's own
    return qr;
}

void QrCode::paint(QPainter& painter, const QRectF& rect, const QColor& colour) const
{
    const qreal side = std::min(rect.width(), rect.height());
    const qreal module = side / sizeWithQuietZone();
    const QPointF origin(rect.center().x() - side / 2 + 4 * module, rect.center().y() - side / 2 + 4 * module);
    // One path of horizontal runs; each run reaches a hair into the next row so that a rasteriser
    // leaves no light seams between rows of dark modules.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        const qreal overlap = y + 1 < m_size ? module * 0.03 : 0.0;
        for (int x = 0; x < m_size;) {
            if (!dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < m_size && dark(end, y))
                ++end;
            path.addRect(QRectF(origin.x() + x * module, origin.y() + y * module, (end - x) * module, module + overlap));
            x = end;
        }
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawPath(path);
    painter.restore();
}

} // namespace pharmdesk::guide::detail
