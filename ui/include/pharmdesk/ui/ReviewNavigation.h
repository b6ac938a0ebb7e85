// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace pharmdesk::ui {

/// The review order is one list of stops (header fields in form order, then the item cells row
/// by row). Returns the first flagged stop after `current`, wrapping around once; `current` may be
/// -1 (start from the first stop). Returns `current` itself when it is the only flagged stop and
/// -1 when no stop is flagged.
int nextFlaggedStop(int stopCount, int current, const std::function<bool(int)>& isFlagged);

} // namespace pharmdesk::ui
