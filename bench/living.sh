#!/usr/bin/env bash
# make bench, second part: living projects, where every unit has been translated and the translation memory
# holds every translation (issue 14). For each corpus (1,000 documents; 10,000 unless BIG=0), two projects:
# a fresh one (extracted and built, nothing translated, no memory) and a living one (every unit
# pseudo-translated, harvested into Locales/tm/en-nl.tmx by one extract, then built). The same changes are
# timed on both, side by side: nothing changed; one new sentence; one paragraph changed in every 100
# documents; 50 new documents (500 on 10k). Then cold runs and merely reading every file, for the ratios,
# and `ccl10n tm bench`: fuzzy lookups against a memory of 500,000 entries.
#
# Wall and CPU (user + system) are medians of RUNS runs, peak RSS the median of the runs' maxima (GNU time).
# Each run starts from the project as it was made (rsync, not timed). Writes the "Living projects" section
# of BENCHMARKS.md (bench/living_report.py).
#
# Environment: RUNS (default 5), SMALL=0 to skip 1k, BIG=0 to skip 10k, LOOKUPS=0 to skip the 500,000-entry lookups,
# GEN (default ../shared/bench/gen_corpus.py), WORK (default /tmp/ccl10n-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
WORK=${WORK:-/tmp/ccl10n-bench}/living
BIN=$ROOT/.build/release/ccl10n
RESULTS=$WORK/results.tsv

if [ ! -f "$GEN" ]; then
  echo "error: the corpus generator is not at $GEN (set GEN=...); make bench needs ../shared/bench/gen_corpus.py" >&2
  exit 2
fi
need=""; [ -x /usr/bin/time ] || need="$need time"; command -v rsync >/dev/null || need="$need rsync"
if [ -n "$need" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi
swift build -c release --product ccl10n 2>&1 | tail -1
mkdir -p "$WORK"; : > "$RESULTS"
# The outputs of cold runs are set aside, not deleted (see bench/trash.sh); the trash, this script's and
# bench/run.sh's, is emptied before the first timed run and after the last.
export TRASH=$WORK/../trash
# shellcheck source=bench/trash.sh
source "$ROOT/bench/trash.sh"
empty_trash

# restore_project DIR: the project as it was made, with the run caches its own runs made (DIR.caches): they
# trust a file by its inode and times, which a copy does not keep. The memory's cache (.ccl10n/tm-*) is left
# alone, and the memory file itself is never rewritten by these runs (no entry is added).
restore_project() {
  rsync -a --delete --exclude='/.ccl10n/' "$1.template/" "$1/"
  if [ -d "$1.caches" ]; then rsync -a "$1.caches/" "$1/.ccl10n/"; fi
}
export -f restore_project

# project NAME FILES KIND: makes $WORK/NAME (and its template) once; KIND is fresh or living.
project() {
  local dir=$WORK/$1 files=$2 kind=$3
  if [ ! -f "$dir.template/.ready" ]; then
    rm -rf "$dir.template" "$dir"; mkdir -p "$dir.template"
    python3 "$GEN" "$dir.template/Sources-EN" --files "$files" --locale-samples >/dev/null
    printf 'targets: [en, nl]\n' > "$dir.template/ccl10n.yml"
    (cd "$dir.template" && "$BIN" extract >/dev/null)
    if [ "$kind" = living ]; then
      python3 bench/living.py translate "$dir.template"
      (cd "$dir.template" && "$BIN" extract | tail -n 1)
      # The first run with the memory there reads every document again (the memory's presence is an input).
      (cd "$dir.template" && "$BIN" extract >/dev/null)
    fi
    (cd "$dir.template" && "$BIN" build --locale nl >/dev/null)
    touch "$dir.template/.ready"
  fi
  if [ ! -d "$dir" ]; then
    rm -rf "$dir.caches"
    restore_project "$dir"
    if [ "$kind" = living ]; then
      # One lookup, more than a second after the copy: the memory's stamp is then trusted (racy-timestamp
      # guard), as in a project whose memory has not just been written.
      sleep 1.1; python3 bench/living.py settle "$dir"; (cd "$dir" && "$BIN" extract >/dev/null); restore_project "$dir"
    fi
    # The copy's own caches, as in a project whose files were last written some runs ago: runs that read
    # (and record) every file once the copy's files are older than the runs.
    (cd "$dir" && "$BIN" extract >/dev/null && "$BIN" build --locale nl >/dev/null)
    mkdir -p "$dir.caches"; find "$dir/.ccl10n" -maxdepth 1 -type f \( -name '*.cache' -o -name '*.json' \) -exec cp -p {} "$dir.caches/" \;
    restore_project "$dir"
  fi
}

# new_documents FILES COUNT: the COUNT documents that follow a corpus of FILES (made once).
new_documents() {
  local extra=$WORK/extra-$1-$2
  if [ ! -d "$extra" ]; then
    python3 "$GEN" "$extra.all" --files $(($1 + $2)) --locale-samples >/dev/null
    mkdir -p "$extra"
    # The documents numbered from FILES on (pNNNN.md), wherever the generator put them.
    (cd "$extra.all" && find . -name 'p*.md' | awk -v start="$1" '{ n = $0; sub(/.*\/p/, "", n); sub(/\.md$/, "", n); if (n + 0 >= start) print }' \
      | xargs cp --parents -t "$extra")
    rm -rf "$extra.all"
  fi
  echo "$extra"
}

# measure NAME CORPUS KIND DIR PREPARE COMMAND: RUNS runs of COMMAND in DIR, PREPARE (untimed) before each.
measure() {
  local name=$1 size=$2 kind=$3 dir=$4 prepare=$5 command=$6 walls="" cpus="" rsss=""
  for _ in $(seq 1 "$RUNS"); do
    (cd "$dir" && bash -c "$prepare") >/dev/null 2>&1
    (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" bash -c "$command") >/dev/null 2>"$WORK/err.txt" \
      || { cat "$WORK/err.txt" >&2; return 1; }
    read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
    walls="$walls $wall"; cpus="$cpus $(echo "$user $sys" | awk '{print $1 + $2}')"; rsss="$rsss $rss"
  done
  median() { echo $1 | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$kind" "$(median "$walls")" "$(median "$cpus")" "$(median "$rsss")" | tee -a "$RESULTS"
}

scenarios() { # SIZE FILES NEW
  local size=$1 files=$2 new=$3 extra
  extra=$(new_documents "$files" "$new")
  for kind in fresh living; do
    project "$kind-$size" "$files" "$kind"
    local dir=$WORK/$kind-$size R="restore_project $WORK/$kind-$size"
    measure "extract, nothing changed" "$size" "$kind" "$dir" "$R" "$BIN extract"
    measure "extract + build, one new sentence" "$size" "$kind" "$dir" "$R; python3 $ROOT/bench/living.py new-sentence ." \
      "$BIN extract && $BIN build --locale nl"
    measure "extract, one paragraph changed in every 100 documents" "$size" "$kind" "$dir" \
      "$R; python3 $ROOT/bench/living.py change . 100" "$BIN extract"
    measure "extract, $new new documents" "$size" "$kind" "$dir" "$R; cp -r $extra/. Sources-EN/" "$BIN extract"
  done
  local dir=$WORK/living-$size R="restore_project $WORK/living-$size"
  measure "read every source, XLIFF and memory file" "$size" living "$dir" "$R" \
    "cat Sources-EN/*/*.md Locales/nl/*/*.xlf Locales/tm/*.tmx > /dev/null"
  dir=$WORK/fresh-$size; R="restore_project $WORK/fresh-$size"
  measure "extract (cold)" "$size" fresh "$dir" "$R; set_aside Locales Bundles .ccl10n" "$BIN extract"
  measure "extract + build (cold)" "$size" fresh "$dir" "$R; set_aside Locales Bundles .ccl10n" "$BIN extract && $BIN build --locale nl"
  restore_project "$WORK/fresh-$size"; restore_project "$WORK/living-$size"
}

[ "${SMALL:-1}" = 0 ] || scenarios 1k 1000 50
[ "${BIG:-1}" = 0 ] || scenarios 10k 10000 500

if [ "${LOOKUPS:-1}" != 0 ]; then
  [ -f "$WORK/memory-500k.tsv" ] || python3 bench/make_memory.py "$GEN" "$WORK/memory-500k.tsv" "$WORK/queries.txt" --entries 500000 --queries 1000
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$BIN" tm bench --entries "$WORK/memory-500k.tsv" --queries "$WORK/queries.txt" \
    | tee "$WORK/lookups.tsv"
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
  printf 'peak_rss_kb\t%s\n' "$rss" >> "$WORK/lookups.tsv"
fi

rm -rf "$TRASH"
python3 bench/living_report.py "$RESULTS" "$WORK/lookups.tsv" BENCHMARKS.md
sed -n '/^## Living projects/,$p' BENCHMARKS.md
