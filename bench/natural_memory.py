#!/usr/bin/env python3
"""Makes a translation memory and queries for `ccl10n tm bench` from natural prose, to set beside the ones that
bench/make_memory.py makes from the generated corpus (a vocabulary of about 340 words): the same two files,
ENTRIES lines of `source<TAB>nl: source` and QUERIES lines of sources, half of them held-out sentences that
are not entries, half an entry with one word replaced by another word of the corpus (a near match to find).

Input: folders of documentation, read recursively in sorted order; by name, Markdown (.md, .markdown), reST
and plain text (.rst, .txt, .rst.txt), POD (.pod) and HTML (.html, .htm, .xhtml). Other files are skipped.

Sentences are found by a simple heuristic, good enough for a benchmark input and no more:
- Code and tables are dropped: Markdown fenced blocks, indented blocks, headings and `|` rows; reST literal
  blocks (after `::`), directives and comments (`..`) with their indented bodies, grid and simple tables, title
  underlines (plain .txt, e.g. AsciiDoc, is read as reST: its code mostly fails the filter below); POD verbatim
  (indented) paragraphs and commands; in HTML, everything inside <pre>, <table>, <script>, <style>, <head> and
  <nav>, and all text outside <p>, <div class="para">, <li>, <dd>, <dt>, <blockquote> and <figcaption> (inline
  <code> is kept).
- Inline markup is reduced to its text (links, emphasis, ``literals``, :roles:`x`, POD's B<...>; X<...> dropped).
- A paragraph (text between blank lines, or one HTML block) is split after `.`, `!` or `?` followed by a space
  and a capital letter, digit or opening quote, unless the word before is a common abbreviation (e.g., i.e.,
  etc., Mr., Fig., vs., ...) or a single letter.
- A sentence is kept when it has 20 to 300 characters, starts with a capital letter, ends with `.`, `!` or `?`,
  has at least four words, and at least 80 % of its non-space characters are letters (so lines that are mostly
  symbols, paths or numbers go).
Sentences are deduplicated, shuffled with the seed, and the first QUERIES/2 held out; the next ENTRIES are the
memory (fewer, with a note on stderr, when the input has fewer). The replacement words are drawn from the
entries' words by their frequency (a word of a random entry), so common words are chosen as often as in text.

The input stays outside the project (its licences vary): e.g. the English documentation of Debian's doc
packages (linux-doc, python3.x-doc, postgresql-doc, perl-doc, erlang-doc, ...) copied, decompressed, into a
folder per package.

Usage: natural_memory.py ENTRIES_OUT QUERIES_OUT FOLDER... [--entries 500000] [--queries 1000] [--seed 42]
"""
import argparse, html.parser, os, random, re, sys

from make_memory import write_memory

ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "prof", "fig", "no", "nos", "vol", "approx",
    "resp", "incl", "esp", "ca", "al", "st", "jr", "sr", "inc", "ltd", "co", "corp", "sec", "ch", "ex", "eq",
}
BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def sentences(paragraph):
    """Splits one paragraph (whitespace already collapsed) into sentences."""
    out, start = [], 0
    for match in BOUNDARY.finditer(paragraph):
        before = paragraph[start:match.start()].rsplit(" ", 1)[-1].rstrip(".!?\"')]").lower()
        if before in ABBREVIATIONS or len(before) == 1 and before.isalpha():
            continue
        out.append(paragraph[start:match.start()].strip())
        start = match.end()
    out.append(paragraph[start:].strip())
    return out


def prose(sentence):
    """True for a sentence worth keeping (see the module's doc)."""
    if not 20 <= len(sentence) <= 300 or not sentence[0].isupper() or sentence[-1] not in ".!?":
        return False
    if len(sentence.split(" ")) < 4:
        return False
    visible = [c for c in sentence if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= 0.8 * len(visible)


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


# Markdown ------------------------------------------------------------------------------------------------------

MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                 # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),             # links
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),            # reference links
    (re.compile(r"<[^>]+>"), ""),                              # inline HTML
    (re.compile(r"``?([^`]*)``?"), r"\1"),                     # code spans
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                  # strong
    (re.compile(r"(?<![\w*])[*_]([^*_]+)[*_](?![\w*])"), r"\1"),  # emphasis
]


def markdown_paragraphs(text):
    paragraph, fence, previous_blank = [], None, True
    for line in text.splitlines():
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith("```") or stripped.startswith("~~~"):
            fence = stripped[:3]
            yield paragraph; paragraph = []
            continue
        blank = not stripped
        code = (line.startswith("    ") or line.startswith("\t")) and (previous_blank or not paragraph)
        breaks = stripped.startswith(("#", "|", "<", "---", "===", "@")) or re.match(r"[-*+] |\d+\. |> ", stripped)
        if blank or code or breaks:
            yield paragraph; paragraph = []
            item = re.match(r"(?:[-*+]|\d+\.|>) (.*)", stripped)
            if item and not code:
                paragraph.append(item.group(1))
            previous_blank = blank or (code and previous_blank)
            continue
        paragraph.append(stripped)
        previous_blank = False
    yield paragraph


def markdown(text):
    for lines in markdown_paragraphs(text):
        if lines:
            paragraph = " ".join(lines)
            for pattern, replacement in MD_INLINE:
                paragraph = pattern.sub(replacement, paragraph)
            yield collapse(paragraph)


# reST and plain text -------------------------------------------------------------------------------------------

RST_INLINE = [
    (re.compile(r":[\w:+-]+:`([^`<]*?)\s*(?:<[^>]*>)?`"), r"\1"),  # :role:`text <target>`
    (re.compile(r"`([^`<]*?)\s*<[^>]*>`__?"), r"\1"),               # `text <url>`_
    (re.compile(r"``([^`]*)``"), r"\1"),                            # literals
    (re.compile(r"`([^`]*)`_?_?"), r"\1"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)\*([^*]+)\*(?!\w)"), r"\1"),
    (re.compile(r"\|[^|\s][^|]*\|"), ""),                           # substitutions
    (re.compile(r"\[\d+\]_"), ""),                                  # footnote references
]
UNDERLINE = re.compile(r"^([=\-~^\"'`#*+.:_])\1{2,}\s*$")
TABLE = re.compile(r"^\s*[+|].*[+|]\s*$|^\s*=+( +=+)+\s*$")


def indent(line):
    return len(line) - len(line.lstrip())


def rst(text):
    lines = text.expandtabs(8).splitlines()
    paragraph, skip_deeper = [], None  # skip lines indented deeper than skip_deeper (a literal block's body)
    base = 0
    for line in lines:
        stripped = line.strip()
        if skip_deeper is not None:
            if not stripped or indent(line) > skip_deeper:
                continue
            skip_deeper = None
        if not stripped or UNDERLINE.match(stripped) or TABLE.match(line) or stripped.startswith(".."):
            if paragraph:
                yield from finish_rst(paragraph)
            paragraph = []
            if stripped.startswith(".."):
                skip_deeper = indent(line)
            continue
        if paragraph and indent(line) > base + 1 and paragraph[-1].rstrip().endswith("::"):
            skip_deeper = base
            yield from finish_rst(paragraph); paragraph = []
            continue
        if not paragraph:
            base = indent(line)
        item = re.match(r"(?:[-*+]|\d+\.|#\.|\(\w\)) (.*)", stripped)
        if item:
            if paragraph:
                yield from finish_rst(paragraph)
            paragraph = [item.group(1)]
            base = indent(line)
            continue
        paragraph.append(stripped)
        if stripped.endswith("::"):
            # The literal block follows after a blank line, indented deeper than this paragraph.
            yield from finish_rst(paragraph); paragraph = []
            skip_deeper = base
    if paragraph:
        yield from finish_rst(paragraph)


def finish_rst(lines):
    paragraph = " ".join(lines)
    if paragraph.endswith("::"):
        paragraph = paragraph[:-1]
    for pattern, replacement in RST_INLINE:
        paragraph = pattern.sub(replacement, paragraph)
    yield collapse(paragraph)


# POD -----------------------------------------------------------------------------------------------------------

POD_CODE = re.compile(r"[A-Z]<+\s*([^<>]*?)\s*>+")
POD_INDEX = re.compile(r"[XZ]<+[^<>]*>+")  # index entries and zero-width codes: no text
POD_ESCAPE = re.compile(r"E<(\w+)>")
POD_ESCAPES = {"lt": "<", "gt": ">", "verbar": "|", "sol": "/"}


def pod(text):
    for block in re.split(r"\n\s*\n", text):
        if not block.strip() or block[:1].isspace() or block.startswith("="):
            continue
        paragraph = POD_INDEX.sub("", block)
        paragraph = POD_ESCAPE.sub(lambda m: POD_ESCAPES.get(m.group(1), ""), paragraph)
        for _ in range(3):  # nested codes
            paragraph = POD_CODE.sub(lambda m: m.group(1).split("|")[0], paragraph)
        yield collapse(paragraph)


# HTML ----------------------------------------------------------------------------------------------------------

class HTMLBlocks(html.parser.HTMLParser):
    """Collects the text of prose blocks, leaving out code, tables and scripts."""
    BLOCKS = {"p", "li", "dd", "dt", "blockquote", "figcaption"}
    SKIPPED = {"pre", "table", "script", "style", "head", "nav"}  # inline <code> is part of a sentence

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.skipping, self.open = [], [], 0, 0
        self.divs = []  # for each open <div>, whether it is a paragraph (DocBook/Publican's class "para")

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS or tag == "div" and "para" in (dict(attrs).get("class") or "").split():
            self.flush(); self.open += 1
            if tag == "div":
                self.divs.append(True)
        elif tag in ("br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl"):
            self.flush()
            if tag == "div":
                self.divs.append(False)

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS or tag == "div" and self.divs and self.divs[-1]:
            self.flush(); self.open = max(0, self.open - 1)
            if tag == "div":
                self.divs.pop()
        elif tag in ("div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl"):
            self.flush()
            if tag == "div" and self.divs:
                self.divs.pop()

    def handle_data(self, data):
        if not self.skipping and self.open:
            self.current.append(data)

    def flush(self):
        if self.current:
            self.blocks.append(collapse("".join(self.current)))
        self.current = []


def html_text(text):
    parser = HTMLBlocks()
    parser.feed(text)
    parser.close(); parser.flush()
    return parser.blocks


# ---------------------------------------------------------------------------------------------------------------

def reader(name):
    name = name.lower()
    if name.endswith((".md", ".markdown")):
        return markdown
    if name.endswith((".rst", ".txt")):
        return rst
    if name.endswith(".pod"):
        return pod
    if name.endswith((".html", ".htm", ".xhtml")):
        return html_text
    return None


def corpus(folders):
    """The distinct prose sentences of the folders' files, in the order first found."""
    found = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                read = reader(name)
                if read is None:
                    continue
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for paragraph in read(text):
                    for sentence in sentences(paragraph):
                        if prose(sentence):
                            found.setdefault(sentence, None)
    return list(found)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("entries_out"); parser.add_argument("queries_out"); parser.add_argument("folders", nargs="+")
    parser.add_argument("--entries", type=int, default=500000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", default="42")
    args = parser.parse_args()

    found = corpus(args.folders)
    random.Random("natural-" + args.seed).shuffle(found)
    held = found[:args.queries // 2 + args.queries % 2]
    keys = found[len(held):len(held) + args.entries]
    print("%d distinct sentences; %d entries, %d held out" % (len(found), len(keys), len(held)), file=sys.stderr)
    if len(keys) < args.entries:
        print("note: fewer sentences than --entries %d" % args.entries, file=sys.stderr)
    pick = random.Random("queries-" + args.seed)
    write_memory(args.entries_out, args.queries_out, keys, args.queries, pick, iter(held).__next__,
                 lambda: pick.choice(pick.choice(keys).split(" ")))


if __name__ == "__main__":
    main()
