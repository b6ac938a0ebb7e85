// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>

namespace pharmdesk::ui {

/// The counter's own settings (beside core::Settings, in the same `settings.ini`, groups
/// `counter` and `inbox`): where images arrive, what becomes of them, and where guides go. A value type; GUI thread.
struct CounterSettings
{
    enum class GuideOutput { Pdf, Printer };

    QString inboxFolder;        ///< watched for new images; empty: no inbox
    int inboxSettleMs = 1500;   ///< a new file must stay unchanged this long before it is read
    /// inbox/keepProcessedFiles: move read inbox files to `processed/` instead of removing them
    /// once the record store has sealed them
    bool keepProcessedFiles = false;
    GuideOutput guideOutput = GuideOutput::Pdf;
    QString guideFolder;        ///< PDFs go to <guideFolder>/<yyyy-MM-dd>/; empty: <data>/guides
    QString printerName;        ///< empty: the system's default printer
    QString uiLanguage = QStringLiteral("ko"); ///< ko or en; takes effect on the next start
    bool advanceAfterGuide = true; ///< after the guide, show the next prescription waiting

    /// Empty folders resolved against `dataDir`.
    static CounterSettings load(const QString& dataDir);
    core::Status save(const QString& dataDir) const;
};

} // namespace pharmdesk::ui
