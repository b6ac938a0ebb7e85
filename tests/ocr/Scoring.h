// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/ImportResult.h"

#include <QStringList>

namespace pharmdesk::ocr::test {

/// How one recognition result compares with the generator's truth.
struct Score
{
    int truthLines = 0;
    int linesRight = 0;        ///< product, dose, times and days all right
    int identityRight = 0;     ///< product right
    int certainButWrong = 0;   ///< a line without review reasons that is wrong, or invented
    int headerFields = 0;
    int headerRight = 0;
    bool okButMissingLine = false;
    QStringList problems;      ///< one line per mismatch, for test messages and tuning
};

/// Items are paired by EDI code where both have one, then in order.
Score scoreResult(const core::ImportResult& result, const core::ImportResult& truth);

} // namespace pharmdesk::ocr::test
