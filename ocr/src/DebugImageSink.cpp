// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/DebugImageSink.h"

#include <QDir>
#include <QFile>

#include <opencv2/imgcodecs.hpp>

namespace pharmdesk::ocr {

DebugImageSink::DebugImageSink(const QString& dir, const QString& prefix) : m_dir(dir), m_prefix(prefix)
{
    if (!m_dir.isEmpty())
        QDir().mkpath(m_dir);
}

void DebugImageSink::save(const QString& stage, const cv::Mat& image)
{
    if (!enabled() || image.empty())
        return;
    ++m_counter;
    const QString path = QStringLiteral("%1/%2-%3-%4.png")
                             .arg(m_dir, m_prefix)
                             .arg(m_counter, 2, 10, QLatin1Char('0'))
                             .arg(stage);
    try {
        cv::imwrite(QFile::encodeName(path).toStdString(), image);
    } catch (const cv::Exception&) {
        // Debug output only.
    }
}

} // namespace pharmdesk::ocr

namespace pharmdesk::ocr {

void DebugImageSink::saveText(const QString& stage, const QString& text)
{
    if (!enabled())
        return;
    QFile file(QStringLiteral("%1/%2-%3.txt").arg(m_dir, m_prefix, stage));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text.toUtf8());
}

} // namespace pharmdesk::ocr
