#!/usr/bin/env python3
"""Turns bench/run.sh's results (name, corpus, median wall s, median peak RSS KB) into BENCHMARKS.md."""
import os, platform, subprocess, sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
units = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 0

def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"

peers = {"extract": ["Translate Toolkit md2po", "po4a extract (config file)", "mdpo md2po2md (extract and output)"],
         "build": ["Translate Toolkit po2md", "po4a translate (config file)", "mdpo md2po2md (extract and output)"]}
walls = {(r[0], r[1]): float(r[2]) for r in rows}

print("# Benchmarks\n")
print("Made by `make bench` (bench/run.sh): medians of the runs, on the corpora of "
      "`../shared/bench/gen_corpus.py --locale-samples` (1,000 documents, 3.15 MB; 10,000 documents).\n")
print(f"Machine: {cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}.\n")
print("| work | corpus | wall (s) | peak RSS (MB) | units/s | fastest peer doing the same (s) | ratio |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for name, size, wall, rss in rows:
    wall = float(wall)
    kind = "extract" if "extract (cold)" in name else "build" if "build --locale nl (cold)" in name else None
    peer = min((walls[(p, "1k")] for p in peers.get(kind, []) if (p, "1k") in walls), default=None) if kind and size == "1k" else None
    rate = f"{units / wall:,.0f}" if units and size == "1k" and name.startswith("ccl10n") and wall > 0 else ""
    ratio = f"{peer / wall:.1f}× faster" if peer and wall > 0 else ""
    print(f"| {name} | {size} | {wall:.3f} | {int(rss) / 1024:.1f} | {rate} | {'' if peer is None else f'{peer:.2f}'} | {ratio} |")
print(f"\n{units:,} units in the 1,000-document corpus." if units else "")

# The targets of the benchmark issue, checked against this run's figures.
rss = {(r[0], r[1]): int(r[3]) / 1024 for r in rows}
def target(label, value, limit, unit=""):
    if value is None:
        return
    print(f"| {label} | {value:.2f}{unit} | {limit}{unit} | {'met' if value <= limit else 'not met'} |")
fastest = {kind: min((walls[(p, "1k")] for p in names if (p, "1k") in walls), default=None) for kind, names in peers.items()}
def ratio(a, b):
    return a / b if a is not None and b else None
print("\n## Targets\n")
print("| target | this run | limit | |")
print("| --- | ---: | ---: | --- |")
target("extract, 1k, cold (s)", walls.get(("ccl10n extract (cold)", "1k")), 0.15)
target("build, 1k, cold (s)", walls.get(("ccl10n build --locale nl (cold)", "1k")), 0.15)
if fastest["extract"]:
    target("extract time ÷ fastest peer's (≤ 1/20)", ratio(walls.get(("ccl10n extract (cold)", "1k")), fastest["extract"]), 0.05)
if fastest["build"]:
    target("build time ÷ fastest peer's (≤ 1/20)", ratio(walls.get(("ccl10n build --locale nl (cold)", "1k")), fastest["build"]), 0.05)
target("no-change extract ÷ reading every file", ratio(walls.get(("ccl10n extract (nothing changed)", "1k")), walls.get(("read every source and XLIFF file", "1k"))), 3)
target("one document changed, 10k, extract + build (s)", walls.get(("ccl10n extract + build, one document changed", "10k")), 0.15)
for name in ["ccl10n extract (cold)", "ccl10n build --locale nl (cold)"]:
    target(f"{name[7:]}: 10k time ÷ 1k time", ratio(walls.get((name, "10k")), walls.get((name, "1k"))), 11)
    target(f"{name[7:]}: 10k peak RSS ÷ 1k", ratio(rss.get((name, "10k")), rss.get((name, "1k"))), 1.5)

profile = os.path.join(os.path.dirname(os.path.abspath(__file__)), "PROFILE.md")
if os.path.exists(profile):
    print("\n" + open(profile, encoding="utf-8").read().rstrip())
