#!/usr/bin/env python3
"""Turn '1on1 export --json' into a Taskwarrior import file: one task per
commitment, as a user without 1on1 would keep them.

    taskwarrior.py EXPORT.json TASKS.json

description = the commitment's text, project = the person's handle, due =
its due date, tag me/them = its owner, entry = the day it was first written
down; done ones are completed (end = their done date, else the meeting's
date), dropped ones deleted, open ones pending.
"""
import json
import sys
import uuid


def tw_date(d):
    return d.replace("-", "") + "T120000Z"


def main(src, dst):
    with open(src) as f:
        data = json.load(f)
    ns = uuid.UUID("6f3d1f0e-1e0a-4c1b-9a53-0d1e2f3a4b5c")
    tasks = []
    for it in data["items"]:
        if it["kind"] != "commitment":
            continue
        t = {
            "uuid": str(uuid.uuid5(ns, it["id"])),
            "description": it["text"],
            "project": it["person"],
            "tags": [it.get("owner", "me")],
            "entry": tw_date(it.get("first_seen") or it["date"]),
        }
        if it.get("due"):
            t["due"] = tw_date(it["due"])
        state = it["state"]
        if state == "done":
            t["status"] = "completed"
            t["end"] = tw_date(it.get("done") or it["date"])
        elif state == "dropped":
            t["status"] = "deleted"
            t["end"] = tw_date(it["date"])
        else:
            t["status"] = "pending"
        tasks.append(t)
    with open(dst, "w") as f:
        json.dump(tasks, f)
    print(len(tasks))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
