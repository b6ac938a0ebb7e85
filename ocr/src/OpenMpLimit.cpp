// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/OpenMpLimit.h"

#include <cstdlib>
#include <unistd.h>

namespace pharmdesk::ocr {

void enforceSingleThreadedOpenMp(char* argv[])
{
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr)
        return;
    if (setenv("OMP_THREAD_LIMIT", "1", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // execv returned: it failed (no /proc, say). Go on; recognition is slower but correct.
}

} // namespace pharmdesk::ocr
