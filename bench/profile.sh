#!/usr/bin/env bash
# make profile: where a cold extract and a cold build of the 1,000-document bench corpus spend their CPU time,
# stage by stage (bench/stages.py), from `perf record --call-graph dwarf` of the release build. Prints Markdown
# for bench/PROFILE.md. Outputs of earlier runs are set aside, not deleted (bench/trash.sh).
#
# Environment: FREQUENCY (samples per CPU-second, default 500), GEN, WORK (default /tmp/ccl10n-bench, shared
# with make bench: its c1k corpus is reused).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FREQUENCY=${FREQUENCY:-500}
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
WORK=${WORK:-/tmp/ccl10n-bench}
BIN=$ROOT/.build/release/ccl10n
if [ ! -f "$GEN" ]; then
  echo "error: the corpus generator is not at $GEN (set GEN=...); make profile needs ../shared/bench/gen_corpus.py" >&2
  exit 2
fi
if ! command -v perf >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq linux-perf >/dev/null
fi
swift build -c release --product ccl10n 2>&1 | tail -1 >&2
export TRASH=$WORK/trash
mkdir -p "$TRASH"
# shellcheck source=bench/trash.sh
source "$ROOT/bench/trash.sh"
C1=$WORK/c1k
if [ ! -d "$C1/Sources-EN" ]; then
  python3 "$GEN" "$C1/Sources-EN" --files 1000 --locale-samples >/dev/null
  printf 'targets: [en, nl]\n' > "$C1/ccl10n.yml"
fi
cd "$C1"

# profile TITLE COMMAND...: one run of COMMAND under perf, its stage table on stdout.
profile() {
  local title=$1; shift
  perf record -q -o "$WORK/perf.data" --call-graph dwarf -F "$FREQUENCY" "$@" >/dev/null 2>"$WORK/perf.err" \
    || { cat "$WORK/perf.err" >&2; return 1; }
  perf script -i "$WORK/perf.data" -F comm,period,ip,sym,dso 2>/dev/null | python3 "$ROOT/bench/stages.py" "$title" "$FREQUENCY"
}

echo "Made by \`make profile\` (bench/profile.sh, bench/stages.py) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
echo
set_aside Locales Bundles .ccl10n
profile "Cold extract, 1k" "$BIN" extract
"$BIN" extract >/dev/null
set_aside Bundles .ccl10n/build-nl.cache
profile "Cold build --locale nl, 1k" "$BIN" build --locale nl
rm -f "$WORK/perf.data" "$WORK/perf.data.old"
