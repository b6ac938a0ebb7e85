// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>

namespace pharmdesk::core {

/// The folder that holds the drug cache, settings, records and everything else PharmDesk writes,
/// so that tests and users never collide. `--data-dir` overrides the platform location.
class DataDirectory
{
public:
    /// `explicitPath` empty: $PHARMDESK_DATA_DIR, else <GenericDataLocation>/pharmdesk
    /// (~/.local/share/pharmdesk on Linux), the same for every PharmDesk program.
    static Result<DataDirectory> open(const QString& explicitPath = {});

    QString path() const { return m_path; }
    QString filePath(const QString& name) const;
    QString drugCachePath() const { return filePath(QStringLiteral("drugs.sqlite")); }
    QString settingsPath() const { return filePath(QStringLiteral("settings.ini")); }

private:
    explicit DataDirectory(QString path) : m_path(std::move(path)) { }
    QString m_path;
};

} // namespace pharmdesk::core
