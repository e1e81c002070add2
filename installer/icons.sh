#!/usr/bin/env bash
# Renders assets/icon.svg to the icons the packages use, committed under assets/:
#   icon-256.png, icon-48.png  Linux (jpackage --icon takes a PNG; the menu entry's icon)
#   icon.ico                   Windows (16..256 px)
#   icon.icns                  macOS (16..512 px)
# Needs rsvg-convert (Debian: librsvg2-bin), ImageMagick's convert (imagemagick) and png2icns
# (icnsutils). Run it again after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 32 48 128 256 512; do
  rsvg-convert -w "$s" -h "$s" icon.svg -o "$tmp/icon_$s.png"
done
cp "$tmp/icon_256.png" icon-256.png
cp "$tmp/icon_48.png" icon-48.png
# /usr/bin/convert: ImageMagick itself, not a wrapper earlier on the PATH
im=$(command -v /usr/bin/convert || command -v convert)
"$im" "$tmp/icon_16.png" "$tmp/icon_32.png" "$tmp/icon_48.png" "$tmp/icon_256.png" icon.ico
png2icns icon.icns "$tmp/icon_16.png" "$tmp/icon_32.png" "$tmp/icon_48.png" "$tmp/icon_128.png" \
  "$tmp/icon_256.png" "$tmp/icon_512.png" >/dev/null
ls -l icon-256.png icon-48.png icon.ico icon.icns
