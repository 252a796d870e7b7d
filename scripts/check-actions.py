#!/usr/bin/env python3
"""The action rule (docs/decisions/0008-one-action-per-write.md), checked by grep.

Front ends -- every file under API/ and Commands/, and every file with a route handler `(req: Request)` --
must not ask the permission rules or write to the database themselves: they call a `<Feature>Actions` function,
which does both. This script finds the calls that break the rule.

Files still being moved over are listed with their count in scripts/actions-pending.txt. The check fails when
a file not on that list breaks the rule, when a listed file breaks it more often than listed (the list only
shrinks), or when a listed file no longer breaks it (take it off the list). Run with --update to rewrite the
list from the current counts after moving code into actions.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = ROOT / "Sources" / "GongkaiServer"
PENDING = ROOT / "scripts" / "actions-pending.txt"

# Asking the rules, and writing: Fluent's writes, transactions, raw SQL, and the feature write layers
# (which check nothing themselves and are meant to be called from actions only).
PATTERNS = [
    (r"\bAccessRules\.", "asks AccessRules"),
    (r"\bstaff\.(require|can)\(", "asks the permission rules through Staff"),
    (r"\bacting\.(authorize|may)\(", "asks the permission rules through Acting (a page asks in its query)"),
    (r"\.transaction\s*\{", "opens a transaction"),
    (r"\.(create|save|update|delete)\(on:", "writes a record"),
    (r"\.query\(on:[^)]*\)[^\n]*\.(set|delete)\(", "writes with a query"),
    (r"\bPlanProgress\.(report|review)\(", "calls the plan writer directly"),
    (r"\bPublicationActions\.publish\(", "calls the publication writer directly"),
    (r"\bPublicationStore\.(create|revise|update|save)\w*\(", "calls a publication writer that checks nothing"),
    (r"\bRequestStore\.(create|append)\(", "calls a request writer that checks nothing"),
    (r"\bRequestAppeals\.file\(", "calls a request writer that checks nothing"),
    (r"\bCatalogEditing\.\w+\(", "calls a catalog writer that checks nothing"),
    (r"\bStaffAccounts\.\w+\(", "calls an account writer that checks nothing"),
    (r"\bPlanImport\.importPlan\(", "calls the plan import writer directly"),
    (r"\bcalendarService\.save\(", "calls the calendar writer directly"),
]


def front_ends():
    for path in sorted(SOURCES.rglob("*.swift")):
        rel = path.relative_to(SOURCES)
        if rel.name.endswith("Actions.swift") or rel.parts[0] == "Actions":
            continue
        text = path.read_text(encoding="utf-8")
        if rel.parts[0] in ("API", "Commands") or "(req: Request)" in text:
            yield rel.as_posix(), text


def violations():
    found = {}
    for rel, text in front_ends():
        hits = []
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("//", 1)[0]
            for pattern, what in PATTERNS:
                if re.search(pattern, code):
                    hits.append((number, what, line.strip()))
        if hits:
            found[rel] = hits
    return found


def read_pending():
    pending = {}
    if PENDING.exists():
        for line in PENDING.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, count = line.rsplit(" ", 1)
                pending[name] = int(count)
    return pending


def main():
    found = violations()
    if "--update" in sys.argv:
        header = ("# Front-end files still asking the permission rules or writing themselves, with how many times.\n"
                  "# Checked by scripts/check-actions.py; the list only shrinks (decision 0008).\n")
        PENDING.write_text(header + "".join(f"{name} {len(hits)}\n" for name, hits in sorted(found.items())), encoding="utf-8")
        print(f"check-actions: {len(found)} files, {sum(map(len, found.values()))} calls listed as pending")
        return 0
    pending = read_pending()
    problems = []
    for name, hits in sorted(found.items()):
        allowed = pending.get(name, 0)
        if len(hits) > allowed:
            problems.append(f"{name}: {len(hits)} calls outside an action (allowed {allowed}):")
            problems += [f"    {name}:{n}: {what}: {code}" for n, what, code in hits]
    for name, allowed in sorted(pending.items()):
        have = len(found.get(name, []))
        if have < allowed:
            problems.append(f"{name}: now {have} calls, listed {allowed}: lower it in scripts/actions-pending.txt (or run --update)")
    total = sum(map(len, found.values()))
    if problems:
        print("check-actions: the action rule is broken (see docs/decisions/0008-one-action-per-write.md)")
        print("\n".join(problems))
        return 1
    print(f"check-actions: ok ({total} pending calls in {len(found)} files, none new)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
