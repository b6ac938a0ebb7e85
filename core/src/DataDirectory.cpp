// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/DataDirectory.h"

#include <QDir>
#include <QStandardPaths>

namespace pharmdesk::core {

Result<DataDirectory> DataDirectory::open(const QString& explicitPath)
{
    QString path = explicitPath;
    if (path.isEmpty())
        path = qEnvironmentVariable("PHARMDESK_DATA_DIR");
    // Independent of QCoreApplication's names, so the GUI and the CLI always share one folder
    // (~/.local/share/pharmdesk on Linux, beside the tessdata that setup-tessdata.sh installs).
    if (path.isEmpty()) {
        const QString generic = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        if (!generic.isEmpty())
            path = QDir(generic).filePath(QStringLiteral("pharmdesk"));
    }
    if (path.isEmpty())
        return makeError(ErrorCategory::Io, QStringLiteral("No data directory could be determined."),
                         QStringLiteral("pass --data-dir"));
    const QString absolute = QDir(path).absolutePath();
    if (!QDir().mkpath(absolute))
        return makeError(ErrorCategory::Io, QStringLiteral("Cannot create the data directory."), absolute);
    return DataDirectory(absolute);
}

QString DataDirectory::filePath(const QString& name) const
{
    return QDir(m_path).filePath(name);
}

} // namespace pharmdesk::core
