#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fresh machine → every test: installs dependencies, builds, runs the whole Qt Test suite (ctest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHARMDESK_BUILD_DIR:-$root/build}"

"$root/scripts/setup-deps.sh"
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900 "$@"
