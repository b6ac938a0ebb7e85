// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CounterSettings.h"

#include <QDir>
#include <QSettings>

namespace pharmdesk::ui {

namespace {
QString iniPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("settings.ini"));
}
} // namespace

CounterSettings CounterSettings::load(const QString& dataDir)
{
    const QSettings ini(iniPath(dataDir), QSettings::IniFormat);
    CounterSettings s;
    s.inboxFolder = ini.value(QStringLiteral("counter/inbox")).toString();
    bool ok = false;
    const int settle = ini.value(QStringLiteral("counter/inboxSettleMs")).toInt(&ok);
    if (ok && settle >= 0 && settle <= 60000)
        s.inboxSettleMs = settle;
    s.keepProcessedFiles = ini.value(QStringLiteral("inbox/keepProcessedFiles"), false).toBool();
    s.guideOutput = ini.value(QStringLiteral("counter/guideOutput")).toString() == QLatin1String("printer")
        ? GuideOutput::Printer
        : GuideOutput::Pdf;
    s.guideFolder = ini.value(QStringLiteral("counter/guideFolder")).toString();
    if (s.guideFolder.isEmpty())
        s.guideFolder = QDir(dataDir).filePath(QStringLiteral("guides"));
    s.printerName = ini.value(QStringLiteral("counter/printer")).toString();
    const QString language = ini.value(QStringLiteral("counter/uiLanguage")).toString();
    if (language == QLatin1String("en") || language == QLatin1String("ko"))
        s.uiLanguage = language;
    s.advanceAfterGuide = ini.value(QStringLiteral("counter/advanceAfterGuide"), true).toBool();
    return s;
}

core::Status CounterSettings::save(const QString& dataDir) const
{
    QSettings ini(iniPath(dataDir), QSettings::IniFormat);
    ini.setValue(QStringLiteral("counter/inbox"), inboxFolder);
    ini.setValue(QStringLiteral("counter/inboxSettleMs"), inboxSettleMs);
    ini.setValue(QStringLiteral("inbox/keepProcessedFiles"), keepProcessedFiles);
    ini.setValue(QStringLiteral("counter/guideOutput"),
        guideOutput == GuideOutput::Printer ? QStringLiteral("printer") : QStringLiteral("pdf"));
    ini.setValue(QStringLiteral("counter/guideFolder"), guideFolder);
    ini.setValue(QStringLiteral("counter/printer"), printerName);
    ini.setValue(QStringLiteral("counter/uiLanguage"), uiLanguage);
    ini.setValue(QStringLiteral("counter/advanceAfterGuide"), advanceAfterGuide);
    ini.sync();
    if (ini.status() != QSettings::NoError)
        return core::makeError(
            core::ErrorCategory::Io, QStringLiteral("Settings could not be saved."), ini.fileName());
    return core::Done {};
}

} // namespace pharmdesk::ui
