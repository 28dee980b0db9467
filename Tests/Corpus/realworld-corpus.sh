#!/usr/bin/env bash
# Materializes the real-world Markdown corpus of the fidelity tests: README, guide and changelog files written
# by other people, from the Swift packages in a local mirror of bare git repositories (Apache-2.0 and MIT
# licensed projects). The files stay outside the project: they are written to OUT (default
# .build/realworld-corpus), one folder per repository, and never committed.
#
# usage: realworld-corpus.sh [MIRROR [OUT]]    (MIRROR default /opt/swift-packages)
# Exit 3 when the mirror is absent. Deterministic: the same mirror gives the same files.
set -euo pipefail
mirror=${1:-/opt/swift-packages}
out=${2:-.build/realworld-corpus}
per_repo=${PER_REPO:-3}     # files per repository, so no single project dominates
max_bytes=${MAX_BYTES:-60000}
[ -d "$mirror" ] || { echo "no mirror at $mirror" >&2; exit 3; }
tmp="$out.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
declare -A seen_repo seen_blob
count=0
for repo in $(cd "$mirror" && ls -d */*.git | LC_ALL=C sort); do
  key=$(basename "$repo" .git | tr 'A-Z' 'a-z')   # apple/swift-nio and swiftlang/… mirrors of one project
  [ -z "${seen_repo[$key]:-}" ] || continue
  seen_repo[$key]=1
  taken=0
  # mode type blob size path; README first, then the rest in path order
  while read -r _ type blob size path; do
    [ "$type" = blob ] && [ "$size" -le "$max_bytes" ] && [ "$size" -ge 200 ] || continue
    [ -z "${seen_blob[$blob]:-}" ] || continue
    seen_blob[$blob]=1
    # A hidden folder (.github) is no content folder to ccl10n: its dot becomes an underscore.
    dest="$tmp/$key/$(printf '%s' "$path" | sed -e 's#^\.#_#' -e 's#/\.#/_#g')"
    mkdir -p "$(dirname "$dest")"
    git -C "$mirror/$repo" cat-file blob "$blob" > "$dest"
    count=$((count + 1)); taken=$((taken + 1))
    [ "$taken" -lt "$per_repo" ] || break
  done < <(git -C "$mirror/$repo" ls-tree -r -l HEAD 2>/dev/null | grep -i '\.md$' \
           | awk '{ p=$0; sub(/^[^\t]*\t/, "", p); r=(tolower(p) ~ /(^|\/)readme\.md$/) ? 0 : 1; print r "\t" $0 }' \
           | LC_ALL=C sort -t$'\t' -k1,1 -k3,3 | cut -f2- | tr '\t' ' ')
done
rm -rf "$out"; mv "$tmp" "$out"
echo "$count files from $(ls "$out" | wc -l) repositories in $out"
