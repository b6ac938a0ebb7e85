// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <opencv2/core/mat.hpp>

namespace pharmdesk::ocr {

/// Saves the image of each preprocessing stage as `<dir>/<prefix>-<NN>-<stage>.png`, for tuning
/// thresholds on real prescriptions. Disabled (a no-op) when `dir` is empty. One per read().
class DebugImageSink
{
public:
    DebugImageSink(const QString& dir, const QString& prefix);

    bool enabled() const { return !m_dir.isEmpty(); }
    /// Writes `image` under `stage`; failures are ignored (debug output must not break a read).
    void save(const QString& stage, const cv::Mat& image);
    /// Writes `text` as `<dir>/<prefix>-<stage>.txt` (the OCR lines, for tuning the parser).
    void saveText(const QString& stage, const QString& text);

private:
    QString m_dir;
    QString m_prefix;
    int m_counter = 0;
};

} // namespace pharmdesk::ocr
