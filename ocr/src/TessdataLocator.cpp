// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/TessdataLocator.h"

#include <QDir>
#include <QFileInfo>

namespace pharmdesk::ocr {

TessdataLocator::TessdataLocator(const QString& explicitDir)
{
    auto add = [this](const QString& dir) {
        if (dir.isEmpty())
            return;
        const QString clean = QDir::cleanPath(dir);
        if (!m_candidates.contains(clean))
            m_candidates.append(clean);
    };
    add(explicitDir);
    add(qEnvironmentVariable("PHARMDESK_TESSDATA"));
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    if (!xdg.isEmpty())
        add(xdg + QStringLiteral("/pharmdesk/tessdata"));
    else
        add(QDir::homePath() + QStringLiteral("/.local/share/pharmdesk/tessdata"));
    add(QStringLiteral("/usr/share/tesseract-ocr/5/tessdata"));
}

bool TessdataLocator::hasModel(const QString& dir, const QString& language)
{
    return QFileInfo(dir + QLatin1Char('/') + language + QStringLiteral(".traineddata")).isReadable();
}

core::Result<QString> TessdataLocator::locate(const QStringList& languagesIn) const
{
    QStringList languages;
    for (const QString& l : languagesIn)
        languages += l.split(QLatin1Char('+'), Qt::SkipEmptyParts);
    for (const QString& dir : m_candidates) {
        bool all = true;
        for (const QString& l : languages)
            all = all && hasModel(dir, l);
        if (all)
            return dir;
    }
    return core::makeError(core::ErrorCategory::Recognition,
                           QStringLiteral("The OCR models (%1) were not found; install tesseract-ocr-kor and "
                                          "tesseract-ocr-eng or set the tessdata folder.")
                               .arg(languages.join(QLatin1Char('+'))),
                           QStringLiteral("searched: ") + m_candidates.join(QStringLiteral(", ")));
}

} // namespace pharmdesk::ocr
