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
