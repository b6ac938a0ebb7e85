#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Places the Korean and English "best" (integer LSTM) models from the npm packages
# @tesseract.js-data/kor and /eng into the project's tessdata folder, as kor_best and eng_best,
# next to links to Debian's (fast) kor/eng/osd models. Idempotent.
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

# fetch_best LANG: the best (integer LSTM) model of npm's @tesseract.js-data/LANG as LANG_best.
fetch_best() {
  local lang="$1"
  [ -s "$dest/${lang}_best.traineddata" ] && return 0
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@tesseract.js-data/${lang}@1.0.0" >/dev/null)
  tar -xzf "$tmp"/tesseract.js-data-"${lang}"-*.tgz -C "$tmp"
  local gz
  gz="$(find "$tmp/package" -path '*best_int*' -name "${lang}.traineddata.gz" | head -n1)"
  if [ -z "$gz" ]; then
    echo "setup-tessdata: best_int model of ${lang} not found in the npm package" >&2
    rm -rf "$tmp"
    exit 1
  fi
  gunzip -c "$gz" >"$dest/${lang}_best.traineddata.part"
  mv "$dest/${lang}_best.traineddata.part" "$dest/${lang}_best.traineddata"
  rm -rf "$tmp"
}
# kor_best: names and header numbers read a second time; eng_best: KCD codes read a third time.
fetch_best kor
fetch_best eng
echo "setup-tessdata: models in $dest: $(cd "$dest" && ls *.traineddata | tr '\n' ' ')"
