#!/usr/bin/env bash
# Launch-to-first-frame of the workstation (docs/startup.md): N launches each of
#   jar        java -jar target/marginscope.jar (JavaFX on the class path, no cache)
#   image      the app-image with its start-up cache moved away (the JVM falls back)
#   image+aot  the app-image with its cache (installer/build.sh makes it)
# each with --startup-probe and -Dmarginscope.startupTrace=true. Launch time is the shell's
# epoch ms just before exec; the rest are the epoch ms the program prints. Prints, per case,
# the median and min of launch -> firstFrame and the median of each phase, the last one being
# first frame -> the sample's first risk run on show (-Dmarginscope.startupProbe.untilCompute). The cases are
# interleaved (round 1 of each, round 2 of each, ...).
# Usage: installer/startup-bench.sh [-n N] [--image DIR] [--cases "jar image image+aot"]
# Without a display it runs itself under xvfb-run (one X server for all launches).
set -euo pipefail
cd "$(dirname "$0")/.."
n=7 image=target/installer/image/marginscope cases="jar image image+aot"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift ;;
    --image) image=$2; shift ;;
    --cases) cases=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" -n "$n" --image "$image" --cases "$cases"
fi
java="$(bin/jdk)/bin/java"
cache="$image/lib/app/marginscope.aot"
[ -f "$cache" ] || cache="$image/lib/app/marginscope.jsa"
trap '[ -f "$cache.away" ] && mv "$cache.away" "$cache"' EXIT

run() { # $1 case: prints "launch main fxStart sceneBuilt stageShown firstFrame firstCompute"
  local out t
  case "$1" in
    jar) out=$(t=$(date +%s%3N); echo "launchEpochMs=$t"; exec "$java" -Dmarginscope.startupTrace=true \
           -Dmarginscope.startupProbe.untilCompute=true -jar target/marginscope.jar --startup-probe 2>/dev/null) ;;
    image|image+aot) out=$(t=$(date +%s%3N); echo "launchEpochMs=$t"; JAVA_TOOL_OPTIONS="-Dmarginscope.startupTrace=true -Dmarginscope.startupProbe.untilCompute=true" \
           exec "$image/bin/marginscope" --startup-probe 2>/dev/null) ;;
  esac
  for k in launch main fxStart sceneBuilt stageShown firstFrame firstCompute; do
    v=$(sed -n "s/^${k}EpochMs=//p" <<<"$out" | head -1)
    [ -n "$v" ] || { echo "no ${k}EpochMs in: $out" >&2; exit 1; }
    printf '%s ' "$v"
  done
  echo
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

printf '%-10s %3s %14s %9s %9s %10s %10s %11s %11s %11s\n' case n "first frame" min "->main" "->fxStart" \
  "->scene" "->shown" "->frame" "->compute"
# Rounds of one launch of each case, so that the machine's changing load falls on all of them
declare -A rows
for _ in $(seq "$n"); do
  for c in $cases; do
    [ "$c" = image ] && [ -f "$cache" ] && mv "$cache" "$cache.away"
    rows[$c]+="$(run "$c")"$'\n'
    [ -f "$cache.away" ] && mv "$cache.away" "$cache"
  done
done
for c in $cases; do
  col() { printf '%s' "${rows[$c]}" | awk -v a="$1" -v b="$2" '{print $b - $a}' | median; }
  mn=$(printf '%s' "${rows[$c]}" | awk '{print $6 - $1}' | sort -n | head -1)
  printf '%-10s %3s %11s ms %6s ms %6s ms %7s ms %7s ms %8s ms %8s ms %8s ms\n' "$c" "$n" "$(col 1 6)" "$mn" \
    "$(col 1 2)" "$(col 2 3)" "$(col 3 4)" "$(col 4 5)" "$(col 5 6)" "$(col 6 7)"
done
