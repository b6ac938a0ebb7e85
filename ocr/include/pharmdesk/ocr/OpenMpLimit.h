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

} // namespace pharmdesk::ocr
