// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Settings.h"

#include <QDir>
#include <QSettings>

namespace pharmdesk::core {

namespace {
QString iniPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("settings.ini"));
}
} // namespace

Settings Settings::load(const QString& dataDir)
{
    const QSettings ini(iniPath(dataDir), QSettings::IniFormat);
    Settings s;
    bool ok = false;
    const double threshold = ini.value(QStringLiteral("review/threshold")).toDouble(&ok);
    if (ok && threshold > 0.0 && threshold <= 1.0)
        s.reviewThreshold = threshold;
    s.pharmacy.name = ini.value(QStringLiteral("pharmacy/name")).toString();
    s.pharmacy.phone = ini.value(QStringLiteral("pharmacy/phone")).toString();
    s.pharmacy.pharmacist = ini.value(QStringLiteral("pharmacy/pharmacist")).toString();
    s.pharmacy.address = ini.value(QStringLiteral("pharmacy/address")).toString();
    s.tessdataDir = ini.value(QStringLiteral("ocr/tessdata")).toString();
    s.guideFormat = ini.value(QStringLiteral("guide/format"), s.guideFormat).toString();
    s.language = ini.value(QStringLiteral("ui/language"), s.language).toString();
    s.scannerDevice = ini.value(QStringLiteral("capture/scanner")).toString();
    s.scannerFeeder = ini.value(QStringLiteral("capture/scannerFeeder"), false).toBool();
    s.cameraDevice = ini.value(QStringLiteral("capture/camera")).toString();
    return s;
}

Status Settings::save(const QString& dataDir) const
{
    QSettings ini(iniPath(dataDir), QSettings::IniFormat);
    ini.setValue(QStringLiteral("review/threshold"), reviewThreshold);
    ini.setValue(QStringLiteral("pharmacy/name"), pharmacy.name);
    ini.setValue(QStringLiteral("pharmacy/phone"), pharmacy.phone);
    ini.setValue(QStringLiteral("pharmacy/pharmacist"), pharmacy.pharmacist);
    ini.setValue(QStringLiteral("pharmacy/address"), pharmacy.address);
    ini.setValue(QStringLiteral("ocr/tessdata"), tessdataDir);
    ini.setValue(QStringLiteral("guide/format"), guideFormat);
    ini.setValue(QStringLiteral("ui/language"), language);
    ini.setValue(QStringLiteral("capture/scanner"), scannerDevice);
    ini.setValue(QStringLiteral("capture/scannerFeeder"), scannerFeeder);
    ini.setValue(QStringLiteral("capture/camera"), cameraDevice);
    ini.sync();
    if (ini.status() != QSettings::NoError)
        return makeError(ErrorCategory::Io, QStringLiteral("Settings could not be saved."), ini.fileName());
    return Done {};
}

} // namespace pharmdesk::core
