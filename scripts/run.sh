#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fresh machine → running product: installs dependencies, builds, then runs the main job on the
# embedded defaults (shipped drug cache, bundled sample prescriptions):
#  - with a display: the GUI opened on a sample prescription;
#  - without one (or with --batch): the batch import of the samples, guides written as PDF.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHARMDESK_BUILD_DIR:-$root/build}"

"$root/scripts/setup-deps.sh"
"$root/scripts/build.sh"

samples="$root/resources/samples"
if [ "${1:-}" != "--batch" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  sample="$(ls "$samples"/*.png | head -n1)"
  echo "run: opening $sample in the PharmDesk GUI"
  exec "$build/app/pharmdesk" "$sample"
fi

out="${PHARMDESK_DEMO_OUT:-$HOME/pharmdesk-demo}"
mkdir -p "$out"
set +e
"$build/app/pharmdesk-cli" import "$samples" --out "$out/results" --guides "$out/guides"
status=$?
set -e
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
echo "run: results (JSON) in $out/results, medication guides (PDF) in $out/guides"
