// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>

namespace pharmdesk::core {

/// The pharmacy printed on guides.
struct PharmacyInfo
{
    QString name;
    QString phone;
    QString pharmacist;
    QString address;
};

/// Application settings, stored as `settings.ini` in the data directory. A value type: load it,
/// pass it by value to workers, save it from the GUI thread.
struct Settings
{
    /// Fields whose calibrated confidence is below this are flagged for review (0..1).
    static constexpr double kDefaultReviewThreshold = 0.90;

    double reviewThreshold = kDefaultReviewThreshold;
    PharmacyInfo pharmacy;
    QString tessdataDir;      ///< empty: search the standard places (see ocr::TessdataLocator)
    QString guideFormat = QStringLiteral("a4");
    QString language = QStringLiteral("ko");
    QString scannerDevice;    ///< SANE device name ("genesys:libusb:001:004"); empty: the first found
    bool scannerFeeder = false; ///< scan from the document feeder rather than the glass
    QString cameraDevice;     ///< camera id (QCameraDevice::id()); empty: the system default

    static Settings load(const QString& dataDir);
    Status save(const QString& dataDir) const;
};

} // namespace pharmdesk::core
