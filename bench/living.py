#!/usr/bin/env python3
"""Edits for bench/living.sh, each file written whole and renamed into place (as an editor would):

  living.py translate DIR          pseudo-translate every new unit of DIR/Locales/nl (XLIFF 1.2 and 2.x)
  living.py new-sentence DIR       one new sentence, as a paragraph of its own, at the end of one document
  living.py change DIR EVERY       one word of the first paragraph changed in one document of every EVERY
  living.py settle DIR             one document with one sentence (a run that makes one memory lookup)
"""
import os, re, sys

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp-bench"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)

def documents(root):
    out = []
    for d, _, names in os.walk(os.path.join(root, "Sources-EN")):
        out += [os.path.join(d, n) for n in names if n.endswith(".md")]
    return sorted(out)

# XLIFF 1.2: <source>X</source> then <target state="new"/> (or a copy of the source in it); XLIFF 2.x:
# <source>X</source> then no <target>.
UNIT12 = re.compile(r'(<source>(.*?)</source>(\s*))<target state="new"(?:/>|>.*?</target>)', re.S)
UNIT2 = re.compile(r'(<segment( state="initial")?>(\s*)<source>(.*?)</source>)(?!\s*<target)', re.S)

def translate(root):
    units = 0
    for d, _, names in os.walk(os.path.join(root, "Locales", "nl")):
        for n in names:
            if not n.endswith(".xlf"):
                continue
            path = os.path.join(d, n)
            text = open(path, encoding="utf-8").read()
            text, a = UNIT12.subn(lambda m: m.group(1) + '<target state="translated">[nl] ' + m.group(2) + "</target>", text)
            text, b = UNIT2.subn(lambda m: m.group(1).replace('<segment state="initial">', '<segment state="translated">')
                                 + m.group(3) + "<target>[nl] " + m.group(4) + "</target>", text)
            units += a + b
            write(path, text)
    print("%d units translated" % units)

def new_sentence(root):
    path = documents(root)[0]
    write(path, open(path, encoding="utf-8").read().rstrip("\n") + "\n\nA brand new sentence about the quiet harbour.\n")

def change(root, every):
    for index, path in enumerate(documents(root)):
        if index % every:
            continue
        text = open(path, encoding="utf-8").read()
        body = text.split("\n---\n", 1)
        parts = body[-1].split("\n\n")
        for i, part in enumerate(parts):
            if part and part[0].isalpha():  # the first plain paragraph
                words = part.split(" ")
                words[min(2, len(words) - 1)] = "rewritten"
                parts[i] = " ".join(words)
                break
        body[-1] = "\n\n".join(parts)
        write(path, "\n---\n".join(body))

def settle(root):
    write(os.path.join(root, "Sources-EN", "settle.md"), "A brand new sentence about the quiet harbour.\n")

command = sys.argv[1]
if command == "translate":
    translate(sys.argv[2])
elif command == "new-sentence":
    new_sentence(sys.argv[2])
elif command == "change":
    change(sys.argv[2], int(sys.argv[3]))
elif command == "settle":
    settle(sys.argv[2])
else:
    sys.exit(__doc__)
