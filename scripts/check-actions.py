#!/usr/bin/env python3
"""The action rule (docs/decisions/0008-one-action-per-write.md), checked by grep.

1. Front ends -- every file under API/ and Commands/, and every file with a route handler `(req: Request)` --
   must not ask the permission rules or write to the database themselves: they call a `<Feature>Actions`
   function, which does both.
2. Nothing else asks the permission rules either, except the actions, the page queries (`*Query.swift`) and
   the one place that defines how to ask (`Actions/Action.swift`): a page model or
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
    (r"\.(require|can)\(\s*\.\w+\s*,", "asks the permission rules through Staff (a page asks in its query)"),
    (r"\bacting\.(authorize|may)\(", "asks the permission rules through Acting (a page asks in its query)"),
    (r"\bstaff\.roles\.(contains|isDisjoint|isSubset|isSuperset|intersection)\b", "decides by role instead of asking the rules (ask in a query, or Staff.managesSite)"),
    (r"\.transaction\s*\{", "opens a transaction"),
    (r"\bAuditLog\.record\(", "writes an audit event (an action records its own)"),
    (r"\.(create|save|update|delete)\(on:", "writes a record"),
    (r"\.query\(on:[^)]*\)[^\n]*\.(set|delete)\(", "writes with a query"),
    # A query builder's write may close a chain started on an earlier line.
    (r"\.set\(\\\.\$\w+, to:|\.update\(\)|\.delete\((force: \w+)?\)", "writes with a query"),
    (r"\bPlanProgress\.(report|review)\(", "calls the plan writer directly"),
    (r"\bPublicationActions\.publish\(", "calls the publication writer directly"),
    (r"\bPublicationStore\.(create|revise|update|save)\w*\(", "calls a publication writer that checks nothing"),
    (r"\bRequestStore\.(create|append)\(", "calls a request writer that checks nothing"),
    (r"\bRequestAppeals\.file\(", "calls a request writer that checks nothing"),
    (r"\bCatalogEditing\.\w+\(", "calls a catalog writer that checks nothing"),
    (r"\bServiceGuideEditing\.(create|save|apply)\(", "calls a guide writer that checks nothing"),
    (r"\bDutyListEditing\.(importRows|startRevision|discard|apply|saveRow|removeRow)\(", "calls a list writer that checks nothing"),
    (r"\bStaffAccounts\.\w+\(", "calls an account writer that checks nothing"),
    (r"\bPlanImport\.importPlan\(", "calls the plan import writer directly"),
    (r"\bcalendarService\.save\(", "calls the calendar writer directly"),
]


ASKING = PATTERNS[:4]
MAY_ASK = ("Actions/Action.swift",)


def hits(text, patterns):
    """(line number, what, line) for every line of code (comments aside) matching one of the patterns."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("//", 1)[0]
        found += [(number, what, line.strip()) for pattern, what in patterns if re.search(pattern, code)]
    return found


def violations():
    """Rule 1 for the front ends, rule 2 for every other file outside the actions and queries."""
    found = {}
    for path in sorted(SOURCES.rglob("*.swift")):
        rel = path.relative_to(SOURCES).as_posix()
        if rel.endswith("Actions.swift") or rel.startswith("Actions/") or rel in MAY_ASK:
            continue
        text = path.read_text(encoding="utf-8")
        if rel.split("/")[0] in ("API", "Commands") or "(req: Request)" in text:
            patterns = PATTERNS
        elif rel.endswith("Query.swift"):
            continue
        else:
            patterns = ASKING
        if lines := hits(text, patterns):
            found[rel] = lines
    return found


def main():
    found = violations()
    if found:
        print("check-actions: the action rule is broken (see docs/decisions/0008-one-action-per-write.md)")
        for name, lines in sorted(found.items()):
            for n, what, code in lines:
                print(f"    {name}:{n}: {what}: {code}")
        return 1
    print("check-actions: ok (no front end asks the permission rules or writes; only actions and queries ask)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
