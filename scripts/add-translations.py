#!/usr/bin/env python3
"""Adds English translations to Resources/SharedResource.en.resx from stdin, one "key<TAB>English" per line.

    scripts/localization-keys.py | cut -f1      # what is missing
    scripts/add-translations.py < new-keys.tsv  # add them

Existing keys are replaced; new ones are appended. Placeholders ({0}, {1}) must match (checked).
"""
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

RESX = Path(__file__).resolve().parent.parent / "src/Rectification.Web/Resources/SharedResource.en.resx"
PLACEHOLDER = re.compile(r"\{\d+(?:[:,][^}]*)?\}")


def entry(key, value):
    return (f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve">\n'
            f"    <value>{escape(value)}</value>\n  </data>\n")


def main():
    text = RESX.read_text(encoding="utf-8")
    added = 0
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        key, value = line.split("\t", 1)
        if sorted(PLACEHOLDER.findall(key)) != sorted(PLACEHOLDER.findall(value)):
            sys.exit(f"placeholders differ: {key!r} -> {value!r}")
        pattern = re.compile(r'  <data name="' + re.escape(escape(key, {chr(34): "&quot;"})) + r'" xml:space="preserve">\n    <value>.*?</value>\n  </data>\n', re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: entry(key, value), text, count=1)
        else:
            text = text.replace("</root>", entry(key, value) + "</root>")
            added += 1
    RESX.write_text(text, encoding="utf-8")
    print(f"{added} added")


if __name__ == "__main__":
    main()
