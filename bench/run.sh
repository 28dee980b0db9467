#!/usr/bin/env bash
# make bench: ccl10n against Translate Toolkit, po4a and mdpo on the corpora ../shared/bench/gen_corpus.py
# makes (1,000 and 10,000 documents). Wall time, CPU time (user + system) and peak RSS are each the median
# of RUNS runs (GNU time). The machine's I/O floor (io_floor.py) is measured in the same run. Prints a table
# and writes BENCHMARKS.md.
#
# Environment: RUNS (default 5), PEERS=0 to skip the peers, BIG=0 to skip the 10,000-document corpus,
# GEN (the generator, default ../shared/bench/gen_corpus.py), WORK (default /tmp/ccl10n-bench), BASELINE (another
# ccl10n binary, say a release build of main, measured side by side on the cold 1k runs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
WORK=${WORK:-/tmp/ccl10n-bench}
BIN=$ROOT/.build/release/ccl10n
PEERS_DIR=$ROOT/.build/bench-peers
RESULTS=$WORK/results.tsv

if [ ! -f "$GEN" ]; then
  echo "error: the corpus generator is not at $GEN (set GEN=...); make bench needs ../shared/bench/gen_corpus.py" >&2
  exit 2
fi
need=""; command -v /usr/bin/time >/dev/null || need="$need time"
[ "${PEERS:-1}" = 0 ] || command -v po4a >/dev/null || need="$need po4a"
if [ -n "$need" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi
swift build -c release --product ccl10n 2>&1 | tail -1
mkdir -p "$WORK"; : > "$RESULTS"
export TRASH=$WORK/trash
# shellcheck source=bench/trash.sh
source "$ROOT/bench/trash.sh"
empty_trash
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

corpus() { # name files
  local dir=$WORK/$1
  if [ ! -d "$dir/Sources-EN" ]; then
    python3 "$GEN" "$dir/Sources-EN" --files "$2" --locale-samples >/dev/null
    printf 'targets: [en, nl]\n' > "$dir/ccl10n.yml"
  fi
  echo "$dir"
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CORPUS-SIZE PREPARE COMMAND: RUNS runs of COMMAND (PREPARE before each, untimed). A row of
# the results: name, corpus, wall s, peak RSS KB, CPU s (user + system of the command and its children).
measure() {
  local name=$1 size=$2 prepare=$3 command=$4 walls="" rsss="" cpus=""
  for _ in $(seq 1 "$RUNS"); do
    bash -c "$prepare" >/dev/null 2>&1 || true
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" bash -c "$command" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; return 1; }
    read -r wall rss user system < <(tail -n 1 "$WORK/time.txt")
    walls="$walls $wall"; rsss="$rsss $rss"; cpus="$cpus $(awk "BEGIN{print $user + $system}")"
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$(echo $walls | median)" "$(echo $rsss | median)" "$(echo $cpus | median)" \
    | tee -a "$RESULTS"
}

# floor MODE NAME: the I/O floor of writing the 1k corpus's XLIFF files (io_floor.py times the writing alone).
floor() {
  local walls="" cpus="" wall cpu
  for _ in $(seq 1 "$RUNS"); do
    read -r wall cpu < <(python3 "$ROOT/bench/io_floor.py" "$1" "$C1/Locales" "$WORK/floor" "$TRASH")
    walls="$walls $wall"; cpus="$cpus $cpu"
  done
  printf '%s\t1k\t%s\t0\t%s\n' "$2" "$(echo $walls | median)" "$(echo $cpus | median)" | tee -a "$RESULTS"
}

C1=$(corpus c1k 1000)
UNITS1=$(cd "$C1" && set_aside Locales Bundles .ccl10n && "$BIN" extract | tail -n 1 | sed -E 's/^[0-9]+ documents: ([0-9]+) new.*/\1/')
cd "$C1"
measure "read every source and XLIFF file" 1k "" "cat Sources-EN/*/*.md Locales/nl/*/*.xlf > /dev/null"
floor rename "I/O floor: write the XLIFF files, temporary + rename"
floor fsync "I/O floor: write the XLIFF files, temporary + fsync each + rename"
floor batch "I/O floor: write the XLIFF files, temporaries + one syncfs + renames"
measure "ccl10n extract (cold)" 1k "set_aside Locales Bundles .ccl10n" "$BIN extract"
measure "ccl10n extract (nothing changed)" 1k "$BIN extract" "$BIN extract"
measure "ccl10n build --locale nl (cold)" 1k "set_aside Bundles .ccl10n/build-nl.cache" "$BIN build --locale nl"
measure "ccl10n build --locale nl (nothing changed)" 1k "$BIN build --locale nl" "$BIN build --locale nl"
measure "ccl10n extract + build, one document changed" 1k "echo \"Another sentence, \$RANDOM.\" >> Sources-EN/s00/p0000.md" "$BIN extract && $BIN build --locale nl"
if [ -n "${BASELINE:-}" ]; then
  measure "baseline extract (cold)" 1k "set_aside Locales Bundles .ccl10n" "$BASELINE extract"
  measure "baseline build --locale nl (cold)" 1k "set_aside Bundles .ccl10n/build-nl.cache" "$BASELINE build --locale nl"
fi

if [ "${BIG:-1}" != 0 ]; then
  C10=$(corpus c10k 10000)
  cd "$C10"
  set_aside Locales Bundles .ccl10n && "$BIN" extract >/dev/null && "$BIN" build --locale nl >/dev/null
  measure "ccl10n extract (cold)" 10k "set_aside Locales Bundles .ccl10n" "$BIN extract"
  measure "ccl10n build --locale nl (cold)" 10k "set_aside Bundles .ccl10n/build-nl.cache; $BIN extract" "$BIN build --locale nl"
  measure "ccl10n extract + build, one document changed" 10k "$BIN extract; $BIN build --locale nl; echo \"Another sentence, \$RANDOM.\" >> Sources-EN/s00/p0000.md" "$BIN extract && $BIN build --locale nl"
fi

if [ "${PEERS:-1}" != 0 ]; then
  [ -x "$PEERS_DIR/tt/bin/md2po" ] || { python3 -m venv "$PEERS_DIR/tt" && "$PEERS_DIR/tt/bin/pip" install -q "translate-toolkit[markdown]"; }
  [ -x "$PEERS_DIR/mdpo/bin/md2po2md" ] || { python3 -m venv "$PEERS_DIR/mdpo" && "$PEERS_DIR/mdpo/bin/pip" install -q mdpo; }
  P=$WORK/peers; mkdir -p "$P/po4a"
  { echo '[po4a_langs] nl'
    echo '[po4a_paths] corpus.pot $lang:$lang.po'
    echo '[options] --keep 0 --master-charset UTF-8 --localized-charset UTF-8 --no-backups'
    (cd "$C1/Sources-EN" && find . -name '*.md' | sort | sed 's|^\./||') | while read -r f; do echo "[type: text] $f \$lang:out/\$lang/$f opt:\"-o markdown\""; done
  } > "$P/po4a/po4a.cfg"
  cd "$C1"
  measure "Translate Toolkit md2po" 1k "set_aside $P/tt-po" "$PEERS_DIR/tt/bin/md2po --progress none -i Sources-EN -o $P/tt-po"
  measure "Translate Toolkit po2md" 1k "set_aside $P/tt-md" "$PEERS_DIR/tt/bin/po2md --progress none -i $P/tt-po -t Sources-EN -o $P/tt-md"
  measure "po4a extract (config file)" 1k "rm -f $P/po4a/corpus.pot $P/po4a/nl.po" "po4a --no-translations --srcdir Sources-EN --destdir $P/po4a $P/po4a/po4a.cfg"
  measure "po4a translate (config file)" 1k "set_aside $P/po4a/out" "po4a --no-update --srcdir Sources-EN --destdir $P/po4a $P/po4a/po4a.cfg"
  measure "mdpo md2po2md (extract and output)" 1k "set_aside $P/mdpo" "$PEERS_DIR/mdpo/bin/md2po2md 'Sources-EN/**/*.md' -l nl -o '$P/mdpo/{lang}/{basename}' -q"
fi

cd "$ROOT"
python3 bench/report.py "$RESULTS" "$UNITS1" "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" > BENCHMARKS.md
cat BENCHMARKS.md
