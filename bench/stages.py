#!/usr/bin/env python3
"""Where a run's CPU time goes, stage by stage: reads `perf script` output (a `perf record --call-graph dwarf`
profile of one ccl10n command) on stdin and prints a Markdown table of CPU-seconds and shares per stage.

Usage: perf script -F comm,period,ip,sym,dso -i perf.data | stages.py TITLE FREQUENCY

A sample counts for the first stage, in the order of STAGES, that any frame of its stack belongs to (so file
creation under the write batch counts as file creation, and ICU's word breaks under target choice count as
target choice). At FREQUENCY samples per second of CPU, a stage's samples / FREQUENCY are its CPU-seconds.
"""
import re, sys
from collections import Counter

# (stage, the ccl10n types whose methods belong to it, a pattern for other frames). A Swift frame belongs to the
# type its mangled name opens with ($s12L10nPipeline<length><Type>...), not to the types its signature names.
STAGES = [
    ("process start (dynamic loader)", "", r"_dl_start|_dl_relocate_object|dl_main"),
    ("file creation in the kernel (`openat` with `O_CREAT`)", "", r"ext4_create|__ext4_new_inode"),
    ("memory lookups (exact and fuzzy)", "TranslationMemory|MemoryIndex|FuzzyIndex|StoredMemory|BigramProfile", ""),
    ("Markdown: sentence segmentation", "SentenceSegmenter|SentenceBreaker", ""),
    ("Markdown: inline collection (spans, codes, values)", "InlineCollector|LinkTail|AutolinkGuard|ValueScanner", ""),
    ("cmark-gfm's parse", "", r"cmark_parser_feed|cmark_parser_finish|cmark_parse_document"),
    ("Markdown: the rest of the block walk (units, contexts, ids)",
     "BlockWalker|MarkdownReader|MarkdownFormat|UnitIdentity|CmarkTree|CmarkNode|Segment", ""),
    ("front matter (libyaml)", "FrontMatter|YAMLNode", r"libyaml"),
    ("XLIFF: new files written as bytes", "XLIFFNewFileWriter", ""),
    ("XLIFF: merging into an existing file (libxml2 tree)", "XLIFFMerger|XMLTree", ""),
    ("XLIFF: reading (libxml2 stream)", "XMLStreamReader|XLIFFFile|XLIFFInline|XLIFF12Unit|XLIFF2Unit", ""),
    ("target choice, checks and word counts", "TranslationSelection|WordCounter|UnitChecks|QualityReport|Glossary", ""),
    ("rendering the pages", "MarkdownRenderer|HTMLRenderer|HTMLPage|MarkdownEscaper|ValueFormatter", ""),
    ("writes, renames, `syncfs`, folder syncs", "WriteBatch", ""),
    ("reading files and checking paths", "FileStore|Project", r"readDescriptor"),
    ("run cache and manifest", "RunCache|Manifest|ManifestDocuments|ByteCoding|FileFingerprint", ""),
    ("the rest of ccl10n's own code", "", r"/ccl10n\)$"),
]
LIBRARIES = [("Swift runtime and standard library", r"libswift"), ("libc (malloc, free, ...)", r"libc\.so"),
             ("kernel", r"kernel"), ("ccl10n", r"/ccl10n\)"), ("ICU", r"libicu"), ("libxml2", r"libxml2"),
             ("cmark-gfm", r"libcmark"), ("libyaml", r"libyaml"),
             ("libdispatch", r"libdispatch"), ("Foundation", r"libFoundation"), ("dynamic loader", r"ld-linux")]

def samples(lines):
    stack = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line.startswith((" ", "\t")):
            stack.append(line.strip())
        else:
            stack = []
    if stack:
        yield stack

def main():
    title, frequency = sys.argv[1], float(sys.argv[2])
    patterns = [(name, re.compile("|".join(
        ([rf"\$s12L10nPipeline\d+(?:{types})(?:[VCO]|33_)"] if types else []) + ([other] if other else []))))
        for name, types, other in STAGES]
    libraries = [(name, re.compile(p)) for name, p in LIBRARIES]
    stages, innermost, total = Counter(), Counter(), 0
    for stack in samples(sys.stdin):
        total += 1
        stage = next((name for name, p in patterns if any(p.search(frame) for frame in stack)),
                     "unattributed (stack lost)")
        stages[stage] += 1
        # An inlined frame names no library: the first frame that does is the innermost one's.
        owner = next((frame for frame in stack if not frame.endswith("(inlined)")), "")
        innermost[next((name for name, p in libraries if p.search(owner)), "other libraries")] += 1
    if total == 0:
        sys.exit("stages.py: no samples on stdin")
    print(f"**{title}**: {total} samples, {total / frequency:.2f} CPU-s\n")
    print("| stage | CPU-s | share |\n|---|---:|---:|")
    order = [name for name, _, _ in STAGES] + ["unattributed (stack lost)"]
    for name in sorted(stages, key=lambda n: (-stages[n], order.index(n))):
        print(f"| {name} | {stages[name] / frequency:.2f} | {100 * stages[name] / total:.0f} % |")
    print("\nBy the innermost frame's library: " + ", ".join(
        f"{name} {100 * count / total:.0f} %" for name, count in innermost.most_common()) + ".\n")

main()
