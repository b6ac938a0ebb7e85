// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>
#include <QStringList>

namespace pharmdesk::ocr {

/// Finds the folder holding Tesseract models (`<lang>.traineddata`). Search order:
/// the explicit folder (ReaderOptions::tessdataDir / Settings), $PHARMDESK_TESSDATA,
/// $XDG_DATA_HOME/pharmdesk/tessdata (or ~/.local/share/pharmdesk/tessdata),
/// /usr/share/tesseract-ocr/5/tessdata. Reads the environment when constructed; any thread.
class TessdataLocator
{
public:
    explicit TessdataLocator(const QString& explicitDir = {});

    /// The folders searched, in order, without duplicates.
    QStringList candidates() const { return m_candidates; }

    /// The first folder that holds every model in `languages` ("kor+eng" or {"kor","eng"}).
    /// A Recognition error naming the folders tried when none does.
    core::Result<QString> locate(const QStringList& languages) const;

    /// True when `dir` holds `<language>.traineddata`.
    static bool hasModel(const QString& dir, const QString& language);

private:
    QStringList m_candidates;
};

} // namespace pharmdesk::ocr
