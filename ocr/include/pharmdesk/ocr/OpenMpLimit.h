// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pharmdesk::ocr {

/// Makes sure Tesseract's OpenMP runs one thread per worker, re-executing the program if needed.
///
/// PharmDesk parallelises across images (one reader per thread). Tesseract's LSTM asks OpenMP for
/// its own teams with a fixed num_threads clause, so on a busy machine the extra threads spin and
/// fight: on 2 cores one page took 9.7 s of OCR instead of 2.5 s. Only OMP_THREAD_LIMIT bounds
/// those teams, and libgomp reads it once when it loads, before main(). So when the variable is
/// unset this sets it to 1 and replaces the process with a fresh copy of itself (execv of
/// /proc/self/exe with the same arguments); it returns normally when the limit is already in place
/// or the re-execution is impossible.
///
/// Call it first thing in main(), before any thread exists. The user's own OMP_THREAD_LIMIT is kept.
void enforceSingleThreadedOpenMp(char* argv[]);

/// Makes the C library hand page-sized buffers back to the system as soon as they are freed.
///
/// A worker allocates and frees tens of megabytes of images per page. glibc serves blocks from
/// 128 kB up by mmap only until the first such block is freed, then raises that threshold (up
/// to 32 MB) and keeps freed images in its per-thread heaps, where they fragment: a 200-image
/// batch's resident memory crept up page by page. This fixes the threshold at 1 MB and the
/// number of heaps at two per core. Call it first thing in main(); no effect off glibc.
void releaseLargeBuffersEagerly();

} // namespace pharmdesk::ocr
