// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/ocr/FormParser.h"

#include <QStringList>

namespace pharmdesk::ocr::test {

/// Builds a PageText from compact line specs, so parser tests read like the page:
/// each spec is "word@x word@x ...", lines stacked 60 px apart with 28 px high words. A word's
/// width is 15 px per Latin character and 28 px per Hangul syllable. "word@x%c" sets confidence c
/// (0-100, default 95).
PageText pageFromSpecs(const QStringList& specs, int width = 1654);

/// One line from a spec at vertical position `y`.
OcrLine lineFromSpec(const QString& spec, int y);

} // namespace pharmdesk::ocr::test
