// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Product.h"

#include <QList>
#include <QString>
#include <QStringList>

/// The drug data compiled into the program (resources/drugs, Qt resource prefix /pharmdesk/drugs).
namespace pharmdesk::drugdb::detail {

/// One row of permits.csv.
struct PermitRow
{
    QString itemName;
    QString permitNumber;
    QStringList ediCodes;  ///< 9-digit text codes, leading zeros kept
};

/// Date of the MFDS bulk file the embedded list was derived from (OpenData_ItemPermit20251127,
/// see docs/data-sources.md).
QString embeddedDataDate();

/// Identifies the embedded data and the way this program derives a cache from it; stored in the
/// cache's meta table. A cache built from embedded data with another identity is rebuilt.
QString embeddedBuildIdentity();

QString embeddedPermitsPath();
QString embeddedGuidesPath();

/// Parses permits.csv (RFC 4180 quoting; header row_index,item_name,permit_no,edi_codes).
core::Result<QList<PermitRow>> readPermits(const QString& path = embeddedPermitsPath());

/// Parses the e약은요 JSON ({"item1":[{ITEM_NAME, EFCY, USAGE, CAUTION, STORAGE, SEQ}]}).
core::Result<QList<core::GuideText>> readGuides(const QString& path = embeddedGuidesPath());

} // namespace pharmdesk::drugdb::detail
