#!/usr/bin/env python3
"""Writes bench/living.sh's results as the "Living projects" section of BENCHMARKS.md (replacing the one there).

Usage: living_report.py RESULTS.tsv LOOKUPS.tsv BENCHMARKS.md
RESULTS: name, corpus, kind (fresh/living), median wall s, median CPU s (user + sys), median peak RSS KB.
"""
import os, sys

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
lookups = {}
if os.path.exists(sys.argv[2]):
    lookups = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[2]) if "\t" in l)
fig = {(n, s, k): (float(w), float(c), int(r) / 1024) for n, s, k, w, c, r in rows}

out = ["## Living projects", "",
       "Made by `make bench` (bench/living.sh), in the same run: each change timed on a fresh project (extracted and built,",
       "nothing translated, no memory) and on a living one (every unit pseudo-translated, then one `extract` harvested",
       "every translation into `Locales/tm/en-nl.tmx`), side by side; medians of the runs. CPU is user + system time.", ""]
out += ["| run | corpus | fresh: wall (s) | CPU (s) | peak RSS (MB) | living: wall (s) | CPU (s) | peak RSS (MB) | RSS living ÷ fresh |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
seen = []
for n, s, k, *_ in rows:
    if (n, s) not in seen:
        seen.append((n, s))
for n, s in seen:
    f, l = fig.get((n, s, "fresh")), fig.get((n, s, "living"))
    cell = lambda x: [f"{x[0]:.3f}", f"{x[1]:.3f}", f"{x[2]:.1f}"] if x else ["", "", ""]
    ratio = f"{l[2] / f[2]:.2f}" if f and l else ""
    out.append("| " + " | ".join([n, s] + cell(f) + cell(l) + [ratio]) + " |")
if lookups:
    out += ["", f"Fuzzy lookups (`ccl10n tm bench`, threshold 0.75, exact lookup first) against {int(lookups['entries']):,} entries made from "
            f"the corpus generator's sentences, {lookups['lookups']} queries (half new sentences, half an entry with one word "
            f"changed): median {lookups['median_ms']} ms, 90th percentile {lookups['p90_ms']} ms, slowest {lookups['max_ms']} ms; "
            f"{lookups['matches']} matches; index made in {float(lookups['index_s']):.1f} s; peak RSS "
            f"{int(lookups.get('peak_rss_kb', '0')) / 1024:.0f} MB."]

def get(n, s, k, i=0):
    x = fig.get((n, s, k))
    return x[i] if x else None
def ratio(a, b):
    return a / b if a is not None and b else None
targets = []
def target(label, value, limit, fmt="{:.3f}"):
    if value is not None:
        targets.append(f"| {label} | {fmt.format(value)} | {limit} | {'met' if value <= limit else 'not met'} |")
new1 = "extract + build, one new sentence"
target("living 1k, nothing changed: extract ÷ reading every source, XLIFF and memory file",
       ratio(get("extract, nothing changed", "1k", "living"), get("read every source, XLIFF and memory file", "1k", "living")), 3, "{:.2f}")
target("living 1k, one new sentence: extract + build ÷ cold extract + build of 1k",
       ratio(get(new1, "1k", "living"), get("extract + build (cold)", "1k", "fresh")), 0.1)
target("living 10k, one new sentence: extract + build (s)", get(new1, "10k", "living"), 0.15)
target("living 1k, 50 new documents: extract ÷ cold extract of 1k",
       ratio(get("extract, 50 new documents", "1k", "living"), get("extract (cold)", "1k", "fresh")), 0.2)
target("living 10k, 500 new documents: extract ÷ living 1k, 50 new documents",
       ratio(get("extract, 500 new documents", "10k", "living"), get("extract, 50 new documents", "1k", "living")), 10, "{:.2f}")
if lookups:
    target("one fuzzy lookup against 500,000 entries, median (ms)", float(lookups["median_ms"]), 1)
for n, s in seen:
    f, l = get(n, s, "fresh", 2), get(n, s, "living", 2)
    if f and l and not n.startswith("read"):
        target(f"peak RSS, living ÷ fresh: {n}, {s}", l / f, 1.5, "{:.2f}")
out += ["", "| target | this run | limit | |", "| --- | ---: | ---: | --- |"] + targets
out += ["", "The CPU-time ratios of the same rows, steadier than wall time on a shared machine:", ""]
for a, b, label in [(("extract, nothing changed", "1k", "living"), ("read every source, XLIFF and memory file", "1k", "living"), "no change ÷ reading"),
                    ((new1, "1k", "living"), ("extract + build (cold)", "1k", "fresh"), "one new sentence ÷ cold"),
                    (("extract, 50 new documents", "1k", "living"), ("extract (cold)", "1k", "fresh"), "50 new documents ÷ cold")]:
    r = ratio(fig.get(a, (0, None))[1], fig.get(b, (0, None))[1])
    if r is not None:
        out.append(f"- 1k, {label}: {r:.3f}")

notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "LIVING.md")
if os.path.exists(notes):
    out += ["", open(notes, encoding="utf-8").read().rstrip()]

path = sys.argv[3]
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
start = text.find("\n## Living projects")
if start >= 0:
    end = text.find("\n## ", start + 1)
    text = text[:start] + (text[end:] if end >= 0 else "\n")
text = text.rstrip("\n") + "\n\n" + "\n".join(out) + "\n"
open(path, "w", encoding="utf-8").write(text)
