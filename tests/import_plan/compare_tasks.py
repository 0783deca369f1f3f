#!/usr/bin/env python3
"""Compares two `plan tasks --format json` outputs, leaving out what a breakdown table does not
carry (docs/import-plan.md, "Round trip"):

- notes everywhere, and a task's text unless the task has neither measures nor parts (then the
  table's 具体措施 cell holds it);
- a task's own units, roles, assignees, deadline and due dates when it has measures or parts:
  the table gives them per measure (or part), and those are compared;
- parts that hold measures: the table lists their measures under the task, so each measure's
  "part" is left out and such parts are dropped.

  compare_tasks.py EXPECTED.json ACTUAL.json   (exit 1 and a diff when they differ)
"""
import json, sys


def normalize(doc):
    tasks = []
    for t in doc["tasks"]:
        t = dict(t)
        t.pop("note", None)
        holding = {m["part"] for m in t["measures"] if m.get("part")}
        if t["measures"] or t["parts"]:
            for k in ("text", "units", "roles", "assignees", "deadline", "due"):
                t.pop(k, None)
        t["parts"] = [{k: v for k, v in p.items() if k != "note"} for p in t["parts"] if p["id"] not in holding]
        t["measures"] = [{k: v for k, v in m.items() if k not in ("note", "part")} for m in t["measures"]]
        tasks.append(t)
    reqs = [{k: v for k, v in r.items() if k != "note"} for r in doc["requirements"]]
    return {"tasks": tasks, "requirements": reqs}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        want = normalize(json.load(f))
    with open(sys.argv[2], encoding="utf-8") as f:
        got = normalize(json.load(f))
    if want == got:
        return 0
    a = json.dumps(want, ensure_ascii=False, indent=1).splitlines()
    b = json.dumps(got, ensure_ascii=False, indent=1).splitlines()
    import difflib
    for line in difflib.unified_diff(a, b, "expected", "imported", lineterm="", n=2):
        print(line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
