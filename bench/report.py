#!/usr/bin/env python3
"""Turns bench/run.sh's results (name, corpus, median wall s, peak RSS KB, CPU s) into BENCHMARKS.md."""
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
MDPO = "mdpo md2po2md (extract and output)"
# Rows: name, corpus, wall s, peak RSS KB, CPU s (user + system); rows of older runs have no CPU.
walls = {(r[0], r[1]): float(r[2]) for r in rows}
cpus = {(r[0], r[1]): float(r[4]) for r in rows if len(r) > 4}
rss = {(r[0], r[1]): int(r[3]) / 1024 for r in rows}

def fastest(kind, figures):
    return min((figures[(p, "1k")] for p in peers[kind] if (p, "1k") in figures), default=None)

def times(a, b):
    return f"{a / b:.1f}×" if a and b else ""

print("# Benchmarks\n")
print("Made by `make bench` (bench/run.sh): medians of the runs, on the corpora of "
      "`../shared/bench/gen_corpus.py --locale-samples` (1,000 documents, 3.15 MB; 10,000 documents). "
      "CPU is user + system time of the process and its children (GNU time): unlike wall time it does not "
      "depend on the disk, and counts both cores' work.\n")
def busy(averages):  # the 1-minute average: the longer ones still count work that ended before the run
    return float(averages.split()[0]) > (os.cpu_count() or 1)

load = (f"; load average (1, 5, 15 min) {sys.argv[3]} at the start of the run, {sys.argv[4]} at the end"
        + (" (above the number of cores: other work shared them)" if busy(sys.argv[3]) or busy(sys.argv[4])
           else " (below the number of cores: no other work competed for them)")
        if len(sys.argv) > 4 else "")
print(f"Machine: {cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}{load}.\n")
print("| work | corpus | wall (s) | CPU (s) | peak RSS (MB) | units/s | fastest peer doing the same: wall, CPU (s) "
      "| faster than it: wall, CPU |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    name, size = r[0], r[1]
    wall, cpu_s = walls[(name, size)], cpus.get((name, size))
    kind = "extract" if "extract (cold)" in name else "build" if "build --locale nl (cold)" in name else None
    peer = (fastest(kind, walls), fastest(kind, cpus)) if kind and size == "1k" else (None, None)
    rate = f"{units / wall:,.0f}" if units and size == "1k" and name.startswith("ccl10n") and wall > 0 else ""
    peer_text = f"{peer[0]:.2f}, {peer[1]:.2f}" if peer[0] and peer[1] else ""
    ratio_text = f"{times(peer[0], wall)}, {times(peer[1], cpu_s)}" if peer[0] and peer[1] else ""
    memory = f"{rss[(name, size)]:.1f}" if rss[(name, size)] else ""
    print(f"| {name} | {size} | {wall:.3f} | {'' if cpu_s is None else f'{cpu_s:.3f}'} | {memory} | {rate} "
          f"| {peer_text} | {ratio_text} |")
print(f"\n{units:,} units in the 1,000-document corpus." if units else "")

floors = [(name, walls[(name, "1k")], cpus.get((name, "1k"))) for name, size in walls if name.startswith("I/O floor")]
if floors:
    print("\nThe I/O floor rows write a copy of the 1k corpus's XLIFF files (same sizes and folders) from a script, "
          "timing the writing alone: what any tool must pay on this disk to put those bytes in place safely.")

# The targets of the benchmark issues, checked against this run's figures.
def target(label, value, limit):
    if value is None:
        return
    print(f"| {label} | {value:.3f} | {limit} | {'met' if value <= limit else 'not met'} |")
def ratio(a, b):
    return a / b if a is not None and b else None
def total(figures, *names):
    values = [figures.get((name, "1k")) for name in names]
    return None if None in values else sum(values)
EXTRACT, BUILD = "ccl10n extract (cold)", "ccl10n build --locale nl (cold)"
print("\n## Targets\n")
print("| target | this run | limit | |")
print("| --- | ---: | ---: | --- |")
target("extract, 1k, cold: wall (s)", walls.get((EXTRACT, "1k")), 0.15)
target("build, 1k, cold: wall (s)", walls.get((BUILD, "1k")), 0.15)
for label, figures in [("wall", walls), ("CPU", cpus)]:
    target(f"extract + build, 1k, cold ÷ mdpo md2po2md: {label} (≤ 1/20)",
           ratio(total(figures, EXTRACT, BUILD), figures.get((MDPO, "1k"))), 0.05)
for label, figures in [("wall", walls), ("CPU", cpus)]:
    for kind, name in [("extract", EXTRACT), ("build", BUILD)]:
        if fastest(kind, figures):
            target(f"{kind} ÷ fastest peer's: {label} (≤ 1/20)", ratio(figures.get((name, "1k")), fastest(kind, figures)), 0.05)
target("no-change extract ÷ reading every file: wall", ratio(walls.get(("ccl10n extract (nothing changed)", "1k")),
                                                         walls.get(("read every source and XLIFF file", "1k"))), 3)
target("one document changed, 10k, extract + build: wall (s)", walls.get(("ccl10n extract + build, one document changed", "10k")), 0.15)
for name in [EXTRACT, BUILD]:
    target(f"{name[7:]}: 10k ÷ 1k, wall", ratio(walls.get((name, "10k")), walls.get((name, "1k"))), 11)
    target(f"{name[7:]}: 10k ÷ 1k, CPU", ratio(cpus.get((name, "10k")), cpus.get((name, "1k"))), 11)
    target(f"{name[7:]}: 10k ÷ 1k, peak RSS", ratio(rss.get((name, "10k")), rss.get((name, "1k"))), 1.5)

profile = os.path.join(os.path.dirname(os.path.abspath(__file__)), "PROFILE.md")
if os.path.exists(profile):
    print("\n" + open(profile, encoding="utf-8").read().rstrip())
