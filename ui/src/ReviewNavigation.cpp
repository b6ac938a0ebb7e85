// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/ReviewNavigation.h"

namespace pharmdesk::ui {

int nextFlaggedStop(int stopCount, int current, const std::function<bool(int)>& isFlagged)
{
    if (stopCount <= 0)
        return -1;
    const int start = (current < 0 || current >= stopCount) ? -1 : current;
    for (int step = 1; step <= stopCount; ++step) {
        const int candidate = (start + step) % stopCount;
        if (isFlagged(candidate))
            return candidate;
    }
    return -1;
}

} // namespace pharmdesk::ui
