#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Places the Korean "best" (integer LSTM) model from the npm package @tesseract.js-data/kor into
# the project's tessdata folder, next to links to Debian's kor/eng/osd models. Idempotent.
set -euo pipefail

dest="${PHARMDESK_TESSDATA:-${XDG_DATA_HOME:-$HOME/.local/share}/pharmdesk/tessdata}"
mkdir -p "$dest"

system_tessdata=""
for d in /usr/share/tesseract-ocr/5/tessdata /usr/share/tesseract-ocr/4.00/tessdata; do
  [ -f "$d/eng.traineddata" ] && system_tessdata="$d" && break
done
if [ -z "$system_tessdata" ]; then
  echo "setup-tessdata: Debian tessdata not found (install tesseract-ocr-kor/eng first)" >&2
  exit 1
fi
for m in eng kor osd; do
  [ -f "$system_tessdata/$m.traineddata" ] && ln -sf "$system_tessdata/$m.traineddata" "$dest/$m.traineddata"
done

if [ ! -s "$dest/kor_best.traineddata" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent @tesseract.js-data/kor@1.0.0 >/dev/null)
  tar -xzf "$tmp"/tesseract.js-data-kor-*.tgz -C "$tmp"
  gz="$(find "$tmp/package" -path '*best_int*' -name 'kor.traineddata.gz' | head -n1)"
  if [ -z "$gz" ]; then
    echo "setup-tessdata: best_int model not found in the npm package" >&2
    exit 1
  fi
  gunzip -c "$gz" >"$dest/kor_best.traineddata.part"
  mv "$dest/kor_best.traineddata.part" "$dest/kor_best.traineddata"
fi
echo "setup-tessdata: models in $dest: $(cd "$dest" && ls *.traineddata | tr '\n' ' ')"
