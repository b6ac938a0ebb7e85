// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"

#include <QJsonObject>

namespace pharmdesk::core::json {

/// The result format of docs/result-format.md (schema: docs/result.schema.json).
/// Resident numbers are written masked only; reading a result back therefore yields a patient
/// without a full RRN (maskedRrn() still works from the stored mask).
QJsonObject toJson(const ImportResult& result);
QJsonObject toJson(const Prescription& prescription);
QJsonObject toJson(const PrescriptionItem& item);

/// Parses a result written by toJson(). Unknown members are ignored; wrong types are errors.
Result<ImportResult> importResultFromJson(const QJsonObject& object);

/// Reads and parses a result file.
Result<ImportResult> readImportResult(const QString& path);

/// Writes atomically (QSaveFile), indented UTF-8.
Status writeJsonFile(const QString& path, const QJsonObject& object);

} // namespace pharmdesk::core::json
