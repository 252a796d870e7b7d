#!/usr/bin/env python3
"""The action rule (docs/decisions/0008-one-action-per-write.md), checked by grep.

1. Front ends -- every file under API/ and Commands/, and every file with a route handler `(req: Request)` --
   must not ask the permission rules or write to the database themselves: they call a `<Feature>Actions`
   function, which does both.
2. Nothing else asks the permission rules either, except the actions, the page queries (`*Query.swift`) and
   the two places that define how to ask (`Actions/Action.swift`, `Features/Auth/Staff.swift`): a page model or
   a dashboard asks an action's `may...` helper, so that what a page offers and what the action allows agree.

Exits 1 and names every call that breaks the rule.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = ROOT / "Sources" / "GongkaiServer"

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


ASKING = PATTERNS[:3]
MAY_ASK = ("Actions/Action.swift", "Features/Auth/Staff.swift")


def askers():
    """Files outside the actions and queries that ask the permission rules."""
    found = {}
    for path in sorted(SOURCES.rglob("*.swift")):
        rel = path.relative_to(SOURCES).as_posix()
        if rel.endswith("Actions.swift") or rel.endswith("Query.swift") or rel in MAY_ASK:
            continue
        hits = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            for pattern, what in ASKING:
                if re.search(pattern, code):
                    hits.append((number, what, line.strip()))
        if hits:
            found[rel] = hits
    return found


def main():
    found = violations()
    for name, hits in askers().items():
        found.setdefault(name, [])
        found[name] += [h for h in hits if h not in found[name]]
    if found:
        print("check-actions: the action rule is broken (see docs/decisions/0008-one-action-per-write.md)")
        for name, hits in sorted(found.items()):
            for n, what, code in hits:
                print(f"    {name}:{n}: {what}: {code}")
        return 1
    print("check-actions: ok (no front end asks the permission rules or writes; only actions and queries ask)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
