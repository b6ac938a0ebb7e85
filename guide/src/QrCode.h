// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QVector>

#include <optional>

class QPainter;

namespace pharmdesk::guide::detail {

/// A QR code symbol made with libqrencode (byte mode, error correction level M). A value: the
/// module matrix only, no library state. Reentrant.
class QrCode
{
public:
    /// The symbol for `text` (UTF-8); std::nullopt for empty text or when libqrencode fails.
    static std::optional<QrCode> encode(const QString& text);

    int size() const { return m_size; }                   ///< modules per side, without quiet zone
    bool dark(int x, int y) const { return m_modules.at(y * m_size + x) != 0; }

    /// Modules per side including the 4-module quiet zone the standard requires around it.
    int sizeWithQuietZone() const { return m_size + 8; }
    /// Paints the dark modules in `colour` into the largest square centred in `rect`, which
    /// includes the quiet zone (left unpainted: the paper must be light there).
    void paint(QPainter& painter, const QRectF& rect, const QColor& colour) const;

private:
    int m_size = 0;
    QVector<unsigned char> m_modules;  ///< row-major, 1 = dark
};

} // namespace pharmdesk::guide::detail
