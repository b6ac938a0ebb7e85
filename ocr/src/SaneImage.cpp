// SPDX-License-Identifier: GPL-3.0-or-later
#include "SaneImage.h"

#include <algorithm>
#include <cstring>

namespace pharmdesk::ocr {

namespace {

constexpr SANE_Int kReadChunk = 64 * 1024;

/// Lines in a frame: what the parameters say, or (hand scanners: -1) what arrived.
int lineCount(const SANE_Parameters& p, qsizetype bytes)
{
    if (p.bytes_per_line <= 0)
        return 0;
    const int arrived = int(bytes / p.bytes_per_line);
    return p.lines > 0 ? std::min(p.lines, arrived) : arrived;
}

/// A 16-bit sample (host byte order, as SANE delivers) reduced to 8 bits.
uchar high8(const char* sample)
{
    quint16 value = 0;
    std::memcpy(&value, sample, sizeof value);
    return uchar(value >> 8);
}

QImage greyImage(const SANE_Parameters& p, const QByteArray& data)
{
    const int width = p.pixels_per_line;
    const int height = lineCount(p, data.size());
    if (width <= 0 || height <= 0)
        return {};
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        const char* in = data.constData() + qsizetype(y) * p.bytes_per_line;
        uchar* out = image.scanLine(y);
        switch (p.depth) {
        case 8:
            std::memcpy(out, in, size_t(width));
            break;
        case 16:
            for (int x = 0; x < width; ++x)
                out[x] = high8(in + 2 * x);
            break;
        case 1:
            // SANE line art: a set bit is black.
            for (int x = 0; x < width; ++x)
                out[x] = (uchar(in[x / 8]) & (0x80 >> (x % 8))) ? 0 : 255;
            break;
        default:
            return {};
        }
    }
    return image;
}

QImage rgbImage(const SANE_Parameters& p, const QByteArray& data)
{
    const int width = p.pixels_per_line;
    const int height = lineCount(p, data.size());
    if (width <= 0 || height <= 0 || (p.depth != 8 && p.depth != 16))
        return {};
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        const char* in = data.constData() + qsizetype(y) * p.bytes_per_line;
        uchar* out = image.scanLine(y);
        if (p.depth == 8)
            std::memcpy(out, in, size_t(width) * 3);
        else
            for (int i = 0; i < width * 3; ++i)
                out[i] = high8(in + 2 * i);
    }
    return image;
}

/// Three one-colour frames (three-pass scanners), each a grey plane, in any order.
QImage planesImage(const QList<SANE_Parameters>& parameters, const QList<QByteArray>& data)
{
    QImage planes[3];
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const int channel = parameters[i].format == SANE_FRAME_RED ? 0 : parameters[i].format == SANE_FRAME_GREEN ? 1 : 2;
        planes[channel] = greyImage(parameters[i], data[i]);
    }
    for (const QImage& plane : planes)
        if (plane.isNull() || plane.size() != planes[0].size())
            return {};
    QImage image(planes[0].size(), QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y) {
        uchar* out = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x)
            for (int c = 0; c < 3; ++c)
                out[3 * x + c] = planes[c].constScanLine(y)[x];
    }
    return image;
}

} // namespace

SaneFrameReader::SaneFrameReader(SANE_Handle handle, int page, std::function<void(int, int)> progress)
    : m_handle(handle)
    , m_page(page)
    , m_progress(std::move(progress))
{
}

SANE_Status SaneFrameReader::read()
{
    m_frames.clear();
    for (int frameIndex = 0;; ++frameIndex) {
        Frame frame;
        SANE_Status status = sane_start(m_handle);
        if (status == SANE_STATUS_GOOD)
            status = sane_get_parameters(m_handle, &frame.parameters);
        if (status != SANE_STATUS_GOOD)
            return status;
        const bool onePlane = frame.parameters.format == SANE_FRAME_RED || frame.parameters.format == SANE_FRAME_GREEN
            || frame.parameters.format == SANE_FRAME_BLUE;
        status = readFrame(frame, frameIndex, onePlane ? 3 : 1);
        if (status != SANE_STATUS_GOOD)
            return status;
        const bool last = frame.parameters.last_frame != SANE_FALSE;
        m_frames.append(std::move(frame));
        if (last || m_frames.size() >= 3)
            return SANE_STATUS_GOOD;
    }
}

SANE_Status SaneFrameReader::readFrame(Frame& frame, int frameIndex, int frameCount)
{
    const SANE_Parameters& p = frame.parameters;
    const qint64 expected = p.lines > 0 ? qint64(p.bytes_per_line) * p.lines : -1;
    if (expected > 0)
        frame.data.reserve(expected);
    QByteArray chunk(kReadChunk, Qt::Uninitialized);
    for (;;) {
        SANE_Int length = 0;
        const SANE_Status status = sane_read(m_handle, reinterpret_cast<SANE_Byte*>(chunk.data()), kReadChunk, &length);
        if (status == SANE_STATUS_EOF)
            return SANE_STATUS_GOOD;
        if (status != SANE_STATUS_GOOD)
            return status;
        frame.data.append(chunk.constData(), length);
        if (m_progress) {
            const int percent = expected > 0
                ? int((frameIndex * 100 + std::min<qint64>(100, frame.data.size() * 100 / expected)) / frameCount)
                : -1;
            if (percent != m_lastPercent) {
                m_lastPercent = percent;
                m_progress(m_page, percent);
            }
        }
    }
}

QImage SaneFrameReader::image() const
{
    if (m_frames.isEmpty())
        return {};
    const SANE_Parameters& first = m_frames.constFirst().parameters;
    switch (first.format) {
    case SANE_FRAME_GRAY:
        return greyImage(first, m_frames.constFirst().data);
    case SANE_FRAME_RGB:
        return rgbImage(first, m_frames.constFirst().data);
    case SANE_FRAME_RED:
    case SANE_FRAME_GREEN:
    case SANE_FRAME_BLUE: {
        if (m_frames.size() != 3)
            return {};
        QList<SANE_Parameters> parameters;
        QList<QByteArray> data;
        for (const Frame& frame : m_frames) {
            parameters.append(frame.parameters);
            data.append(frame.data);
        }
        return planesImage(parameters, data);
    }
    }
    return {};
}

bool SaneFrameReader::isComplete() const
{
    return !m_frames.isEmpty() && std::all_of(m_frames.cbegin(), m_frames.cend(), [](const Frame& f) {
        return f.parameters.lines <= 0 || f.data.size() >= qint64(f.parameters.bytes_per_line) * f.parameters.lines;
    });
}

QString SaneFrameReader::formatDescription() const
{
    if (m_frames.isEmpty())
        return QStringLiteral("no frame");
    const SANE_Parameters& p = m_frames.constFirst().parameters;
    return QStringLiteral("frame format %1, depth %2, %3 px × %4 lines, %5 bytes per line")
        .arg(int(p.format))
        .arg(p.depth)
        .arg(p.pixels_per_line)
        .arg(p.lines)
        .arg(p.bytes_per_line);
}

} // namespace pharmdesk::ocr
