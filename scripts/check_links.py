#!/usr/bin/env python3
"""check_links.py [FILE.md]... - every relative link and image of the
markdown files (default: README.md and docs/*.md, from the repository root)
points at a file that exists and, with a #fragment, at a heading of that
file (GitHub's anchors: lower case, punctuation dropped, blanks as '-', a
repeated heading numbered -1, -2, ...). Web links are not followed. Prints
FILE:LINE and what is wrong for each broken link; exit 1 if any, 0 if none.
Run by tests/e2e_headless.sh and `make check-docs` (the standard library
only, well under a second)."""
import glob
import os
import re
import sys
import unicodedata
from urllib.parse import unquote

LINK = re.compile(r'!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)')
FENCE = re.compile(r'^\s*(```|~~~)')


def prose_lines(text):
    """(line number, line) outside fenced code, inline code spans blanked."""
    fenced = False
    for n, line in enumerate(text.split('\n'), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield n, re.sub(r'(`+).*?\1', '', line)


def slug(heading):
    s = []
    for c in heading.strip().lower():
        if c.isalnum() or c in '-_' or unicodedata.category(c).startswith('M'):
            s.append(c)
        elif c == ' ':
            s.append('-')
    return ''.join(s)


def anchors(path, cache={}):
    if path not in cache:
        seen, found = {}, set()
        with open(path, encoding='utf-8') as f:
            for _, line in prose_lines(f.read()):
                m = re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
                if not m:
                    continue
                text = re.sub(r'[*_]|!?\[([^\]]*)\]\([^)]*\)', r'\1', m.group(1))
                base = slug(text)
                k = seen.get(base, 0)
                seen[base] = k + 1
                found.add(base if k == 0 else f'{base}-{k}')
        with open(path, encoding='utf-8') as f:   # explicit <a name="..."> / id="..."
            found.update(re.findall(r'<a\s+(?:name|id)="([^"]+)"', f.read()))
        cache[path] = found
    return cache[path]


def check(md):
    bad, links = [], 0
    with open(md, encoding='utf-8') as f:
        text = f.read()
    # the prose joined again, so that a link's text may run over two lines
    prose = [''] * (text.count('\n') + 1)
    for n, line in prose_lines(text):
        prose[n - 1] = line
    prose = '\n'.join(prose)
    for m in LINK.finditer(prose):
        n = prose.count('\n', 0, m.start(1)) + 1
        target = m.group(1)
        if not target or re.match(r'^[a-z][a-z0-9+.-]*:', target, re.I):
            continue                      # http:, https:, mailto: ...
        links += 1
        path, _, frag = target.partition('#')
        path = unquote(path)
        dest = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
        if not os.path.exists(dest):
            bad.append(f'{md}:{n}: link {target}: no such file {dest}')
        elif frag and dest.endswith('.md') and unquote(frag) not in anchors(dest):
            bad.append(f'{md}:{n}: link {target}: no heading #{frag} in {dest}')
    return bad, links


def main(argv):
    files = argv[1:] or ['README.md'] + sorted(glob.glob('docs/*.md'))
    bad, links = [], 0
    for md in files:
        b, k = check(md)
        bad += b
        links += k
    for b in bad:
        print(b)
    print(f'check_links: {links} links in {len(files)} files, {len(bad)} broken')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
