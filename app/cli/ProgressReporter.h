// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

#include <mutex>

namespace pharmdesk::cli {

/// Progress of a batch on stderr: a redrawn bar with count and ETA on a terminal, one plain line per
/// item otherwise (logs, CI). Thread-safe: workers call itemDone() concurrently.
class ProgressReporter
{
public:
    ProgressReporter(QTextStream& stream, bool terminal, qsizetype total);

    /// `label` is the item's file name (never patient data); `status` a short word.
    void itemDone(const QString& label, const QString& status, double milliseconds);

    /// Ends the bar's line on a terminal.
    void finish();

    /// "1:05" style duration.
    static QString formatDuration(qint64 seconds);

private:
    QTextStream& m_stream;
    bool m_terminal;
    qsizetype m_total;
    qsizetype m_done = 0;
    QElapsedTimer m_clock;
    std::mutex m_mutex;
};

} // namespace pharmdesk::cli
