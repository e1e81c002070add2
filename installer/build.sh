#!/usr/bin/env bash
# Builds MarginScope's native packages with jlink and jpackage (see installer/README.md):
#
#   target/installer/image/marginscope/        the app-image: launcher, jlink'd runtime with
#                                              JavaFX, the jars, samples (MarginScope.app on
#                                              macOS, MarginScope\ on Windows)
#   target/installer/marginscope_<v>_amd64.deb  Linux (and marginscope-<v>-1.x86_64.rpm where
#                                              rpmbuild exists)
#   target/installer/MarginScope-<v>.msi|.dmg  Windows (WiX on the PATH) | macOS
#
# Usage: installer/build.sh [options]
#   --type T          app-image, deb, rpm, msi or dmg (repeatable). Default: the app-image and
#                     this system's packages (deb, plus rpm where rpmbuild exists | msi | dmg).
#                     A package is always built from a fresh app-image.
#   --skip-build      use target/marginscope.jar and target/lib/ as they are (no Maven run)
#   --offline         run Maven offline (-o)
#   --fx-classpath    JavaFX jars on the class path instead of modules in the runtime
#   --app-version V   package version (default: the pom's version, digits and dots only)
#   --dest DIR        output folder (default target/installer)
#   --no-cache        no start-up cache (AOT cache on JDK 24+, else AppCDS archive) in the image
#
# Needs a JDK 21+ with jpackage (found by bin/jdk), Maven unless --skip-build, and on Linux
# objcopy (binutils) for jlink --strip-debug, fakeroot and dpkg-deb (dpkg-dev) for the .deb.
set -euo pipefail
# (arrays that may be empty are expanded as ${a[@]+"${a[@]}"}: macOS still ships bash 3.2)

self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
die() { echo "installer/build.sh: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

types=() build=1 offline=() fx=modules version="" dest="$top/target/installer" cache=1 jartime=""
while [ $# -gt 0 ]; do
  case "$1" in
    --type) [ $# -ge 2 ] || die "--type needs a value"; types+=("$2"); shift ;;
    --type=*) types+=("${1#--type=}") ;;
    --skip-build) build=0 ;;
    --offline) offline=(-o) ;;
    --fx-classpath) fx=classpath ;;
    --app-version) [ $# -ge 2 ] || die "--app-version needs a value"; version=$2; shift ;;
    --dest) [ $# -ge 2 ] || die "--dest needs a value"; dest=$2; shift ;;
    --no-cache) cache=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$self" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done
case "$dest" in /*) ;; *) dest="$top/$dest" ;; esac

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) die "unsupported system $(uname -s)" ;;
esac

if [ ${#types[@]} -eq 0 ]; then
  case $os in
    linux) types=(deb); command -v rpmbuild >/dev/null 2>&1 && types+=(rpm) ;;
    windows) types=(msi) ;;
    mac) types=(dmg) ;;
  esac
fi
packages=()
for t in "${types[@]}"; do
  case "$os:$t" in
    *:app-image) ;;
    linux:deb|linux:rpm|windows:msi|windows:exe|mac:dmg|mac:pkg) packages+=("$t") ;;
    *) die "cannot build '$t' on $os (jpackage builds each system's packages on that system)" ;;
  esac
done

for t in ${packages[@]+"${packages[@]}"}; do
  case $t in
    deb) for c in dpkg-deb fakeroot; do
           command -v $c >/dev/null 2>&1 || die "a .deb needs $c: apt-get install fakeroot dpkg-dev"
         done ;;
    rpm) command -v rpmbuild >/dev/null 2>&1 || die "an .rpm needs rpmbuild (dnf install rpm-build)" ;;
  esac
done

JAVA_HOME=$(bin/jdk) || exit 1
export JAVA_HOME
exe=""; [ $os = windows ] && exe=.exe
for tool in java jlink jpackage jdeps jar; do
  [ -x "$JAVA_HOME/bin/$tool$exe" ] || die "$JAVA_HOME has no bin/$tool (install a full JDK 21+, not a JRE)"
done
jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
say "JDK $jdk at $JAVA_HOME; packages: ${packages[*]:-none} (app-image always)"

start=$(date +%s)
if [ $build = 1 ]; then
  say "mvn package"
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on the PATH: install Maven 3.8+ (apt-get install maven)"
  mvn -B -ntp ${offline[@]+"${offline[@]}"} -DskipTests package
fi
[ -f target/marginscope.jar ] && [ -d target/lib ] \
  || die "target/marginscope.jar or target/lib/ missing: run without --skip-build"

if [ -z "$version" ]; then
  raw=$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' pom.xml | head -1)
  version=${raw%%[-+]*}
fi
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] \
  || die "app version '$version' must be 1 to 3 numbers (e.g. 0.1.0): pass --app-version"
if [ $os = mac ] && [ "${version%%.*}" = 0 ]; then
  die "macOS needs an app version whose first number is 1 or more (pom: $version): pass --app-version"
fi

case $os in
  linux)   name=marginscope; image="$dest/image/marginscope"; appdir=lib/app
           launcher=bin/marginscope; icon=assets/icon-256.png; natives=lib ;;
  mac)     name=MarginScope; image="$dest/image/MarginScope.app"; appdir=Contents/app
           launcher=Contents/MacOS/MarginScope; icon=assets/icon.icns; natives=lib ;;
  windows) name=MarginScope; image="$dest/image/MarginScope"; appdir=app
           launcher=marginscope-cli.exe; icon=assets/icon.ico; natives=bin ;;
esac

work="$dest/work"
rm -rf "$work" "$image"
mkdir -p "$work/input/lib" "$work/input/samples" "$work/fxmods" "$dest/image"

# The application folder: the jar, the libraries its manifest names (target/lib/ may hold
# stale ones), the sample books. In module mode JavaFX's platform jars (javafx-<m>-<v>-<os>.jar)
# go into the runtime instead; the empty javafx-<m>-<v>.jar stubs are left out too.
cp target/marginscope.jar "$work/input/"
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$top/target/marginscope.jar" META-INF/MANIFEST.MF)
classpath=$(tr -d '\r' < "$work/META-INF/MANIFEST.MF" \
  | awk '/^ / { buf = buf substr($0, 2); next } { if (buf != "") print buf; buf = $0 } END { print buf }' \
  | sed -n 's/^Class-Path: //p')
[ -n "$classpath" ] || die "target/marginscope.jar has no Class-Path in its manifest"
for e in $classpath; do
  j="target/$e"
  [ -f "$j" ] || die "$j (in the jar's Class-Path) is missing: run without --skip-build"
  b=$(basename "$j")
  case "$fx:$b" in
    modules:javafx-*-[0-9]*-*.jar) cp "$j" "$work/fxmods/" ;;
    modules:javafx-*) ;;
    *) cp "$j" "$work/input/lib/" ;;
  esac
done
cp -R sample-portfolios/. "$work/input/samples/"

# Runtime modules: what the libraries need (their module descriptors and jdeps, checked by
# running), plus what jdeps finds in marginscope.jar, plus JavaFX's modules in module mode.
mods="java.base java.desktop java.logging java.management java.naming java.net.http java.prefs
  java.sql java.sql.rowset java.xml jdk.charsets jdk.crypto.ec jdk.localedata jdk.unsupported
  jdk.unsupported.desktop jdk.zipfs"
fxmods=""
if [ $fx = modules ]; then
  for j in "$work"/fxmods/*.jar; do
    [ -e "$j" ] || die "no JavaFX platform jars in target/lib/"
    m=$(basename "$j" | sed 's/^javafx-\([a-z]*\)-.*/javafx.\1/')
    fxmods="$fxmods $m"
  done
fi
found=$("$JAVA_HOME/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps \
  ${fxmods:+--module-path "$work/fxmods"} --class-path "$work/input/lib/*" \
  "$work/input/marginscope.jar" | tail -1 | tr ',' ' ')
available=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')
addmods=()
for m in $mods $found; do
  case $m in javafx.*) continue ;; esac
  if grep -qx "$m" <<<"$available"; then addmods+=("$m")
  else echo "note: this JDK has no module $m; left out" >&2; fi
done
addmods+=($fxmods)
vector=0
case " $found " in *" jdk.incubator.vector "*) vector=1 ;; esac
modlist=$(printf '%s\n' "${addmods[@]}" | sort -u | paste -sd, -)

strip=(--strip-debug)
if [ $os = linux ] && ! command -v objcopy >/dev/null 2>&1; then
  echo "note: no objcopy (binutils): the runtime keeps native debug symbols" >&2
  strip=(--strip-java-debug-attributes)
fi
# Before JDK 24 the start-up cache is a dynamic AppCDS archive, which needs the runtime's own
# base archive (jlink leaves it out unless asked)
cds=()
[ $cache = 1 ] && [ "$jdk" -lt 24 ] && cds=(--generate-cds-archive)
say "jlink: $modlist"
"$JAVA_HOME/bin/jlink" ${fxmods:+--module-path "$work/fxmods"} --add-modules "$modlist" \
  "${strip[@]}" ${cds[@]+"${cds[@]}"} --no-header-files --no-man-pages --strip-native-commands --output "$work/runtime"

# JavaFX's native libraries travel inside its platform jars; beside the runtime's own
# libraries they load directly instead of being extracted to ~/.openjfx/cache on first start.
if [ $fx = modules ]; then
  mkdir -p "$work/natives"
  for j in "$work"/fxmods/*.jar; do
    (cd "$work/natives" && "$JAVA_HOME/bin/jar" xf "$j")
  done
  find "$work/natives" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) \
    -exec cp {} "$work/runtime/$natives/" \;
fi

# Launcher options. $APPDIR is expanded by the launcher to the image's application folder.
jopts=()
if [ $fx = modules ]; then
  jopts+=(--enable-native-access=javafx.graphics,ALL-UNNAMED)
  # JavaFX internals that ControlsFX and TilesFX reach from the class path (they are open when
  # JavaFX itself is on the class path, as under bin/marginscope and the tests)
  for e in javafx.base/com.sun.javafx.event javafx.base/com.sun.javafx.collections \
           javafx.base/com.sun.javafx.runtime javafx.graphics/com.sun.javafx.scene \
           javafx.graphics/com.sun.javafx.scene.traversal javafx.graphics/com.sun.javafx.css \
           javafx.graphics/com.sun.javafx.util javafx.graphics/com.sun.javafx.application \
           javafx.controls/com.sun.javafx.scene.control \
           javafx.controls/com.sun.javafx.scene.control.behavior \
           javafx.controls/com.sun.javafx.scene.control.inputmap; do
    jopts+=("--add-exports=$e=ALL-UNNAMED")
  done
  jopts+=(--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED)
else
  jopts+=(--enable-native-access=ALL-UNNAMED)
fi
# JavaFX 21 calls sun.misc.Unsafe; JDK 23+ warns about it unless allowed
[ "$jdk" -ge 23 ] && jopts+=(--sun-misc-unsafe-memory-access=allow)
[ $vector = 1 ] && jopts+=(--add-modules=jdk.incubator.vector)
jopts+=('-Dmarginscope.samples=$APPDIR/samples')
# The start-up cache made below by a training run (docs/startup.md): an AOT cache (JEP 483)
# where the runtime has one (JDK 24+), else an AppCDS archive. A missing, stale or damaged cache
# is reported and ignored by the JVM; its messages go to stderr so that the command line's
# stdout (--json -) stays clean.
if [ $cache = 1 ]; then
  if [ "$jdk" -ge 24 ]; then
    cachefile=marginscope.aot; cacheuse=-XX:AOTCache; cachemake=-XX:AOTCacheOutput
  else
    cachefile=marginscope.jsa; cacheuse=-XX:SharedArchiveFile; cachemake=-XX:ArchiveClassesAtExit
  fi
  jopts+=("$cacheuse=\$APPDIR/$cachefile" -Xlog:disable -Xlog:all=warning:stderr)
fi
jargs=()
for o in "${jopts[@]}"; do jargs+=(--java-options "$o"); done

say "jpackage --type app-image ($name $version, JavaFX as $fx)"
osopts=()
[ -f "installer/jpackage/app-$os.opts" ] && osopts=("@installer/jpackage/app-$os.opts")
"$JAVA_HOME/bin/jpackage" --type app-image @installer/jpackage/about.opts \
  @installer/jpackage/app.opts ${osopts[@]+"${osopts[@]}"} \
  --name "$name" --app-version "$version" --input "$work/input" --runtime-image "$work/runtime" \
  --icon "$icon" --dest "$dest/image" "${jargs[@]}"
[ $os = windows ] || chmod -R a+rX "$image"

# The start-up cache: a training run of the image's own launcher, which opens the workstation on
# the default sample and exits when its first risk run is on show (--startup-probe), headless under xvfb-run
# where there is no display. The JVM refuses a cache option beside the option that writes one,
# so the launcher's .cfg files lose the cache line for the run and get it back after.
if [ $cache = 1 ]; then
  xvfb=()
  if [ $os = linux ] && [ -z "${DISPLAY:-}" ]; then
    if command -v xvfb-run >/dev/null 2>&1; then xvfb=(xvfb-run -a -s "-screen 0 1600x1000x24")
    else xvfb=(none); fi
  fi
  if [ "${xvfb[0]:-}" = none ]; then
    say "no display and no xvfb-run: the image has no start-up cache (apt-get install xvfb)"
  else
    say "training run for $cachefile ($cacheuse)"
    # The JVM uses the cache only while the class path's jars have the sizes and modification
    # times they had when it was made. jpackage's package step copies the image with new times,
    # so the jars get one fixed time here and the packages' install scripts set it again.
    jartime=$(date +%s)
    find "$image/$appdir" -name '*.jar' -exec touch -m -d "@$jartime" {} +
    for c in "$image/$appdir"/*.cfg; do
      cp "$c" "$c.orig"; grep -v -e "$cacheuse=" "$c.orig" > "$c"
    done
    rc=0
    # until the sample's first risk run is on show, so that the cache covers that work too
    until=-Dmarginscope.startupProbe.untilCompute=true
    if [ "$cacheuse" = -XX:AOTCache ]; then
      # record, then create (the one-step -XX:AOTCacheOutput starts bin/java, which the
      # runtime does not have); both through the launcher, so with its class path and options
      JAVA_TOOL_OPTIONS="-XX:AOTMode=record -XX:AOTConfiguration=$work/marginscope.aotconf $until" \
        ${xvfb[@]+"${xvfb[@]}"} "$image/$launcher" --startup-probe >"$work/training.log" 2>&1 || rc=$?
      [ $rc = 0 ] && { JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$work/marginscope.aotconf \
-XX:AOTCache=$image/$appdir/$cachefile" "$image/$launcher" >>"$work/training.log" 2>&1 || rc=$?; }
    else
      JAVA_TOOL_OPTIONS="$cachemake=$image/$appdir/$cachefile $until" \
        ${xvfb[@]+"${xvfb[@]}"} "$image/$launcher" --startup-probe >"$work/training.log" 2>&1 || rc=$?
    fi
    for c in "$image/$appdir"/*.cfg; do mv "$c.orig" "$c"; done
    if [ $rc = 0 ] && [ -s "$image/$appdir/$cachefile" ] && grep -q '^firstFrameEpochMs=' "$work/training.log"; then
      chmod a+r "$image/$appdir/$cachefile"
      say "$cachefile: $(du -h "$image/$appdir/$cachefile" | cut -f1)"
    else
      rm -f "$image/$appdir/$cachefile"
      say "the training run failed (exit $rc), the image has no start-up cache: $work/training.log"
    fi
  fi
fi

# Smoke test: the image's command line on a bundled sample
say "smoke test: $launcher compute"
s="$image/$appdir/samples/btc-short-strangle"
out=$("$image/$launcher" compute --portfolio "$s.csv" --market "$s.market.json" --json -) \
  || die "the app-image's launcher failed on a sample"
grep -q '"equity"' <<<"$out" || die "the app-image's launcher printed no valuation: $out"

# Linux packages install under /opt/marginscope. Their menu entry is the image's
# lib/marginscope.desktop, copied to /usr/share/applications by the maintainer scripts below.
installdir=/opt/marginscope
if [ $os = linux ]; then
  sed -e "s|@LAUNCHER@|$installdir/bin/marginscope|" -e "s|@ICON@|$installdir/lib/marginscope.png|" \
    installer/linux/marginscope.desktop > "$image/lib/marginscope.desktop"
  chmod 644 "$image/lib/marginscope.desktop"
fi

# Linux maintainer scripts: jpackage's own templates (from this JDK, so that their placeholders
# match) with lines that add the menu entry and link /usr/bin/marginscope to the launcher, and
# undo both on removal.
link_cmds() {
  local retime=":"
  [ -n "$jartime" ] && retime="find $installdir/lib/app -name '*.jar' -exec touch -m -d @$jartime {} + || true"
  cat <<EOF
# MarginScope: the jars' modification times that the start-up cache was made with (docs/startup.md)
$retime
# MarginScope: menu entry, and the marginscope command (unless another file holds the name)
install -D -m 644 $installdir/lib/marginscope.desktop /usr/share/applications/marginscope.desktop
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
if [ ! -e /usr/bin/marginscope ] || [ -L /usr/bin/marginscope ]; then ln -sfn $installdir/bin/marginscope /usr/bin/marginscope; fi
EOF
}
unlink_cmds() { # $1: the shell test that means "really removed, not upgraded"
  cat <<EOF
# MarginScope: remove the menu entry and the command link
if $1; then
  rm -f /usr/share/applications/marginscope.desktop
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
  if [ "\$(readlink /usr/bin/marginscope 2>/dev/null || true)" = $installdir/bin/marginscope ]; then rm -f /usr/bin/marginscope; fi
fi
EOF
}
template() { # $1: template name; prints the path of this JDK's jpackage template
  local d="$work/templates"
  [ -d "$d" ] || "$JAVA_HOME/bin/jimage" extract --dir "$d" \
    --include 'regex:.*/jdk/jpackage/internal/resources/template\..*' "$JAVA_HOME/lib/modules"
  find "$d" -name "template.$1" | head -1
}
inject() { # $1: template file, $2: anchor line, $3: file with the lines to add after it; stdout
  grep -qx "$2" "$1" || die "jpackage's $(basename "$1") has no line '$2': update installer/build.sh"
  awk -v anchor="$2" -v add="$3" '{ print } $0 == anchor { while ((getline l < add) > 0) print l; close(add) }' "$1"
}

for t in ${packages[@]+"${packages[@]}"}; do
  say "jpackage --type $t"
  res="$work/resources-$t"
  mkdir -p "$res"
  extra=()
  case $t in
    deb|rpm)
      link_cmds > "$work/link.sh"
      if [ $t = deb ]; then
        unlink_cmds '[ "$1" != upgrade ]' > "$work/unlink.sh"
        inject "$(template postinst)" DESKTOP_COMMANDS_INSTALL "$work/link.sh" > "$res/postinst"
        inject "$(template prerm)" DESKTOP_COMMANDS_UNINSTALL "$work/unlink.sh" > "$res/prerm"
      else
        unlink_cmds '[ "$1" = 0 ]' > "$work/unlink.sh"
        inject "$(template spec)" DESKTOP_COMMANDS_INSTALL "$work/link.sh" > "$work/spec1"
        inject "$work/spec1" DESKTOP_COMMANDS_UNINSTALL "$work/unlink.sh" > "$res/marginscope.spec"
      fi
      # No --icon here: the image has it (lib/marginscope.png), and with an icon jpackage adds
      # its own menu entry, which makes the package depend on xdg-utils.
      extra=(--install-dir /opt) ;;
    *) extra=(--icon "$icon") ;;
  esac
  "$JAVA_HOME/bin/jpackage" --type "$t" @installer/jpackage/about.opts @"installer/jpackage/$t.opts" \
    --app-image "$image" --name "$name" --app-version "$version" --license-file LICENSE \
    --resource-dir "$res" --dest "$dest" ${extra[@]+"${extra[@]}"}
done

end=$(date +%s)
say "done in $((end - start)) s"
du -sh "$image" >&2
for t in ${packages[@]+"${packages[@]}"}; do
  for f in "$dest"/*."$t"; do
    if [ -f "$f" ]; then du -h "$f" >&2; fi
  done
done
