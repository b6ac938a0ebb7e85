// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/OpenMpLimit.h"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

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

void releaseLargeBuffersEagerly()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, int(std::max(2L, 2 * cores)));
#endif
}

} // namespace pharmdesk::ocr
