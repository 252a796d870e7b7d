#!/usr/bin/env python3
"""The page rule (docs/decisions/0009-pages-query-model-view.md), checked by grep.

A page is a query, a model of display values and a view:
1. A file that builds HTML (Plot's `El(`, `Layout.render`) is a view: it has no route handler `(req: Request)`,
   reads no database (`req.db`, `on: db`, `.query(on:`, `any Database`) and names no Fluent record type
   (`…Record`), so it can be rendered from `Model.mock` in a test without a database.
2. A file with a route handler builds no HTML: it asks a query (or an action) for the model and hands it to a view.

The page chrome (`Views/PageChrome.swift`) is built from the request and the site, and is exempt.
Exits 1 and names every line that breaks the rule.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = ROOT / "Sources" / "GongkaiServer"
EXEMPT = {"Views/PageChrome.swift"}

BUILDS_HTML = re.compile(r'\bEl\("|\bLayout\.render\(')
HANDLER = re.compile(r"\(req: Request\)")
DATABASE = re.compile(r"\breq\.db\b|\bon: db\b|\.query\(on:|\bany Database\b")
RECORD = re.compile(r"\b[A-Z]\w*Record\b")


def code_lines(text):
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line.split("//", 1)[0]


def violations():
    found = []
    for path in sorted(SOURCES.rglob("*.swift")):
        rel = path.relative_to(SOURCES).as_posix()
        if rel in EXEMPT:
            continue
        text = path.read_text(encoding="utf-8")
        lines = list(code_lines(text))
        if not any(BUILDS_HTML.search(code) for _, code in lines):
            continue
        for number, code in lines:
            for pattern, what in ((HANDLER, "a route handler in a view file"), (DATABASE, "a database read in a view file"),
                                  (RECORD, "a Fluent record in a view file")):
                if pattern.search(code):
                    found.append(f"    {rel}:{number}: {what}: {code.strip()}")
    return found


def main():
    found = violations()
    if found:
        print("check-pages: the page rule is broken (see docs/decisions/0009-pages-query-model-view.md)")
        print("\n".join(found))
        return 1
    print("check-pages: ok (views build HTML from display values only; handlers build none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
