#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package PharmDesk needs to build, test and run, plus the Korean
# Tesseract models the product uses. Idempotent; runs as root or through sudo.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  # Qt 6.4 (Core, Gui, Widgets, Sql+SQLite, Svg, PrintSupport, Concurrent, Test, Linguist)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev libqt6svg6 qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
  # recognition
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng
  tesseract-ocr-osd libopencv-dev
  libpoppler-cpp-dev  # PDF prescriptions: each page rendered and read
  # networking and crypto
  libcurl4-openssl-dev libssl-dev libsqlite3-dev
  # Korean fonts: embedded in printed guides, used by the synthetic prescription generator
  fonts-nanum fonts-nanum-extra fonts-unfonts-core fonts-baekmuk fonts-noto-cjk fontconfig
  # headless GUI tests, PDF inspection in tests, tooling
  xvfb xauth poppler-utils python3 python3-jsonschema
  dbus-daemon gnome-keyring  # records: the Secret Service keychain test (a private bus and keyring)
  libqrencode-dev zbar-tools  # guide QR codes (libqrencode); zbarimg decodes them in tests
  libsane-dev sane-utils  # scanners through SANE; the "test" backend drives the scanner tests
  qt6-multimedia-dev libqt6multimediawidgets6  # document and web cameras (Qt Multimedia)
)
# npm fetches the Korean best model; a machine that already has Node.js with npm keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-deps: installing ${#missing[@]} packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup-deps: all ${#packages[@]} Debian packages present"
fi

"$here/setup-tessdata.sh"
