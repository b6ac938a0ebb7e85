// SPDX-License-Identifier: GPL-3.0-or-later
// Private to ocr/: reads one SANE image (one or three frames) and turns it into a QImage.
#pragma once

#include <sane/sane.h>

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

#include <functional>

namespace pharmdesk::ocr {

/// One sane_start … SANE_STATUS_EOF cycle per frame, until the last frame of the image.
/// Runs on the scanning thread; `progress` (may be empty) gets (page, percent) when it changes.
class SaneFrameReader
{
public:
    SaneFrameReader(SANE_Handle handle, int page, std::function<void(int, int)> progress);

    /// Starts and reads every frame of the image; SANE_STATUS_GOOD when it is complete.
    SANE_Status read();
    /// The image read: Grayscale8 for grey frames (depth 1, 8 or 16), RGB888 for colour; null
    /// when the frame format is not one SANE defines for images.
    QImage image() const;
    /// Every frame brought the lines its parameters announced (a cancelled read can end early
    /// with SANE_STATUS_EOF). True for frames of unknown length.
    bool isComplete() const;
    /// Format, depth and size of the first frame, for error details.
    QString formatDescription() const;

private:
    struct Frame
    {
        SANE_Parameters parameters {};
        QByteArray data;
    };

    SANE_Status readFrame(Frame& frame, int frameIndex, int frameCount);

    SANE_Handle m_handle;
    int m_page;
    std::function<void(int, int)> m_progress;
    QList<Frame> m_frames;
    int m_lastPercent = -2;
};

} // namespace pharmdesk::ocr
