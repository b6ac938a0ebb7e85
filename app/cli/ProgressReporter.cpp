// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ProgressReporter.h"

namespace pharmdesk::cli {

ProgressReporter::ProgressReporter(QTextStream& stream, bool terminal, qsizetype total)
    : m_stream(stream)
    , m_terminal(terminal)
    , m_total(total)
{
    m_clock.start();
}

QString ProgressReporter::formatDuration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void ProgressReporter::itemDone(const QString& label, const QString& status, double milliseconds)
{
    const std::lock_guard lock(m_mutex);
    ++m_done;
    const qint64 elapsedMs = m_clock.elapsed();
    const qint64 etaSeconds = m_done > 0 ? (elapsedMs * (m_total - m_done) / m_done + 999) / 1000 : 0;
    if (m_terminal) {
        constexpr int kWidth = 30;
        const int filled = m_total > 0 ? static_cast<int>(kWidth * m_done / m_total) : kWidth;
        m_stream << "\r[" << QString(filled, QLatin1Char('#')) << QString(kWidth - filled, QLatin1Char('.')) << "] "
                 << m_done << "/" << m_total << "  ETA " << formatDuration(etaSeconds) << "  "
                 << label.left(40).leftJustified(40) << "\x1b[K";
    } else {
        m_stream << "[" << m_done << "/" << m_total << "] " << label << ": " << status << " ("
                 << QString::number(milliseconds / 1000.0, 'f', 1) << " s, ETA " << formatDuration(etaSeconds) << ")\n";
    }
    m_stream.flush();
}

void ProgressReporter::finish()
{
    const std::lock_guard lock(m_mutex);
    if (m_terminal) {
        m_stream << "\n";
        m_stream.flush();
    }
}

} // namespace pharmdesk::cli
