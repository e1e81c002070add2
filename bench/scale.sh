#!/usr/bin/env bash
# Scale benchmark (docs/performance.md, "Scale"): seeded large books from bench/genbook.py, the time
# of reading them, and `compute --policy ramm` on a 25k-position CSV and a 100k-position Deribit JSON
# (wall time and peak resident memory by /usr/bin/time). Build first: bin/mvn -B -o package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
J="$(bin/jdk)/bin/java"
CP="target/classes:$(ls target/lib/*.jar | tr '\n' ':')"
out="${1:-target/scale-bench}"
mkdir -p "$out"
python3 bench/genbook.py csv 10000 "$out/book-10k.csv"
python3 bench/genbook.py csv 25000 "$out/book-25k.csv"
python3 bench/genbook.py deribit 100000 "$out/deribit-100k.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
for f in book-10k.csv book-25k.csv deribit-100k.json; do
  "$J" -cp "$CP" bench/ReadTime.java "$out/$f"
done
run() {
  /usr/bin/time -f "$1: %e s wall, %M KB peak RSS" "$J" -Xmx1500m -cp "$CP" io.marginscope.Launcher compute \
    --policy ramm --portfolio "$out/$1" --market "sample-portfolios/$2.market.json" --json "$out/$1.ramm.json"
}
run book-25k.csv btc-short-strangle
run deribit-100k.json deribit-options-book
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
