#!/usr/bin/env python3
"""Makes a large translation memory and queries for `ccl10n tm bench` (bench/living.sh), from the sentences of
../shared/bench/gen_corpus.py: ENTRIES lines of `source<TAB>target` and QUERIES lines of sources, half of them
new sentences, half an entry with one word changed (a near match to find).

Usage: make_memory.py GEN_CORPUS_PY ENTRIES_OUT QUERIES_OUT [--entries 500000] [--queries 1000] [--seed 42]
"""
import argparse, importlib.util, random


def write_memory(entries_out, queries_out, keys, queries, pick, new_sentence, replacement):
    """Writes the entries (`source<TAB>nl: source`) and `queries` queries: by turns a new sentence
    (`new_sentence()`) and an entry drawn with `pick` with one word, drawn with `pick`, replaced by
    `replacement()`. natural_memory.py writes its files with it too."""
    with open(entries_out, "w", encoding="utf-8") as out:
        for s in keys:
            out.write("%s\tnl: %s\n" % (s, s))
    with open(queries_out, "w", encoding="utf-8") as out:
        for i in range(queries):
            if i % 2:
                words = pick.choice(keys).split(" ")
                words[pick.randrange(len(words))] = replacement()
                out.write(" ".join(words) + "\n")
            else:
                out.write(new_sentence() + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gen"); parser.add_argument("entries_out"); parser.add_argument("queries_out")
    parser.add_argument("--entries", type=int, default=500000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", default="42")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("gen_corpus", args.gen)
    gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)

    writer = gen.Writer(random.Random("memory-" + args.seed), gen.EN, "en")
    sources = {}
    while len(sources) < args.entries:
        sources.setdefault(writer.sentence(), None)
    keys = list(sources)
    pick = random.Random("queries-" + args.seed)
    other = gen.Writer(random.Random("new-" + args.seed), gen.EN, "en")
    write_memory(args.entries_out, args.queries_out, keys, args.queries, pick, other.sentence,
                 lambda: pick.choice(gen.EN["noun"]))


if __name__ == "__main__":
    main()
