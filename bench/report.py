#!/usr/bin/env python3
"""Write bench/RESULTS.md from the raw figures bench/run.sh collected.

    report.py RAWDIR SCALE...   (SCALE as PEOPLE:YEARS, the decade first)
"""
import json
import os
import re
import statistics
import sys

raw = sys.argv[1]
scales = [s.split(":") for s in sys.argv[2:]]
names = [f"{p}p{y}y" for p, y in scales]
decade = names[0]


def read(*path, default=None):
    p = os.path.join(raw, *path)
    if not os.path.exists(p):
        return default
    with open(p) as f:
        return f.read().strip()


def env():
    out = {}
    for line in (read("machine.env") or "").splitlines():
        k, _, v = line.partition("=")
        out[k] = v
    return out


def hyper(name, file):
    """command name → {median, min, max, mean} in seconds."""
    text = read(name, file)
    if not text:
        return {}
    out = {}
    for r in json.loads(text)["results"]:
        out[r["command"]] = r
    return out


def ms(s):
    return s * 1000


def fmt_ms(s):
    v = ms(s)
    if v >= 100:
        return f"{v:.0f} ms"
    if v >= 10:
        return f"{v:.1f} ms"
    return f"{v:.2f} ms"


def span(r):
    return f"{fmt_ms(r['median'])} ({fmt_ms(r['min'])}–{fmt_ms(r['max'])})"


def rss(name):
    out = {}
    for line in (read(name, "rss.txt") or "").splitlines():
        cmd, kb = line.split("\t")
        out[cmd] = int(kb) * 1024
    return out


def demo_time(name):
    text = read(name, "demo.time") or ""
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    secs = None
    if wall:
        parts = [float(x) for x in wall.group(1).split(":")]
        secs = 0.0
        for p in parts:
            secs = secs * 60 + p
    user = re.search(r"User time \(seconds\): (\S+)", text)
    sysm = re.search(r"System time \(seconds\): (\S+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return {
        "wall": secs,
        "cpu": (float(user.group(1)) + float(sysm.group(1))) if user and sysm else None,
        "rss": int(peak.group(1)) * 1024 if peak else None,
    }


def corpus(name):
    p = os.path.join(raw, "..", name, "export.json")
    if not os.path.exists(p):
        return {}
    with open(p) as f:
        d = json.load(f)
    c = {"meetings": len(d["meetings"]), "commitments": 0, "open": 0, "overdue": 0}
    for it in d["items"]:
        if it["kind"] == "commitment":
            c["commitments"] += 1
            if it["state"] == "open":
                c["open"] += 1
                if "overdue" in it.get("flags", []):
                    c["overdue"] += 1
    return c


BENCH = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$")


def gobench(file):
    """name → {metric unit → [values]} over -count runs."""
    out = {}
    for line in (read(file) or "").splitlines():
        m = BENCH.match(line)
        if not m:
            continue
        fields = m.group(3).split()
        metrics = out.setdefault(m.group(1), {})
        for i in range(0, len(fields) - 1, 2):
            try:
                v = float(fields[i])
            except ValueError:
                continue
            metrics.setdefault(fields[i + 1], []).append(v)
    return out


def med(vals):
    return statistics.median(vals) if vals else None


def mb(b):
    return f"{b / 1e6:.1f} MB"


def yes(ok):
    if ok is None:
        return "—"
    return "**met**" if ok else "**missed**"


e = env()
lines = []
w = lines.append
w("# Performance figures (issue 7)")
w("")
w("Written by `bench/run.sh`; do not edit by hand. Raw figures stay in the")
w("run's output folder. CLI rows are whole processes (hyperfine, warm file")
w("cache, `-N`, no shell); TUI and save rows are Go benchmarks in process.")
w("")
w("## Machine")
w("")
w("| | |")
w("| --- | --- |")
for k, label in [("date", "date"), ("commit", "commit"), ("cpu", "CPU"), ("nproc", "cores"),
                 ("mem", "memory"), ("kernel", "kernel"), ("go", "go"), ("hyperfine", "hyperfine"),
                 ("rg", "ripgrep"), ("task", "Taskwarrior"), ("load_start", "load average at start (1, 5, 15 min)"),
                 ("load_go_start", "load average before the Go benchmarks"), ("load_end", "load average at end")]:
    if k in e:
        w(f"| {label} | {e[k]} |")
if e.get("quick") == "1":
    w("| mode | --quick: few runs, decade only |")
w("")
try:
    if float(e.get("load_start", "0").split()[0]) >= 2 or float(e.get("load_end", "0").split()[0]) >= 2:
        w("> The machine was shared while these figures were taken (load average ≥ 2):")
        w("> times are upper bounds; re-run `bench/run.sh --wait-load 30` when it is idle.")
        w("")
except ValueError:
    pass

cli = {n: hyper(n, "cli.json") for n in names}
rg = {n: hyper(n, "rg.json") for n in names}
tw = {n: hyper(n, "task.json") for n in names}
peak = {n: rss(n) for n in names}
build = {n: demo_time(n) for n in names}
corp = {n: corpus(n) for n in names}
gj = gobench("go-journal.txt")
gt = gobench("go-tui.txt")
gc = gobench("go-cli.txt")
gb = gobench("go-build.txt")

D = cli[decade]
db_size = int(read(decade, "db.size") or 0)
md_size = int(read(decade, "md.size") or 0)


def row(d, cmd):
    return d.get(cmd)


def gomed(g, name, unit="ns/op"):
    v = g.get(name, {}).get(unit)
    return med(v) if v else None


def gospan(g, name):
    v = g.get(name, {}).get("ns/op")
    if not v:
        return "—", None
    m = med(v) / 1e9
    return f"{fmt_ms(m)} ({fmt_ms(min(v) / 1e9)}–{fmt_ms(max(v) / 1e9)}, {len(v)} runs)", m


w(f"## Budgets on the decade ({decade}: {corp[decade].get('meetings', '?')} meetings, "
  f"{corp[decade].get('commitments', '?')} commitments, {corp[decade].get('open', '?')} open)")
w("")
w("| what | budget | measured: median (min–max) | |")
w("| --- | --- | --- | --- |")
budgets = []


def budget(what, limit_s, r):
    if r is None:
        w(f"| {what} | ≤ {fmt_ms(limit_s)} | not measured | — |")
        return
    ok = r["median"] <= limit_s
    budgets.append((what, ok))
    w(f"| {what} | ≤ {fmt_ms(limit_s)} | {span(r)} | {yes(ok)} |")


if row(D, "version"):
    w(f"| (process start alone: `1on1 version`) | — | {span(D['version'])} | — |")
if row(D, "version") and row(D, "hello"):
    # CPU, not wall clock: user + system, mean of the runs (issue 16).
    cpu = lambda r: r["user"] + r["system"]
    x = cpu(D["version"]) / cpu(D["hello"])
    budgets.append(("start-up CPU", x <= 3))
    w(f"| `1on1 version` CPU ÷ a hello-world Go binary's | ≤ 3× | {fmt_ms(cpu(D['version']))} ÷ "
      f"{fmt_ms(cpu(D['hello']))} = {x:.1f}× | {yes(x <= 3)} |")
budget("`1on1 due`", 0.010, row(D, "due"))
for c in [k for k in D if k.startswith("search")]:
    budget(f"`1on1 {c}` (default limit, 50)", 0.010, D[c])
for c in [k for k in D if k.startswith("prep") or k.startswith("ledger")]:
    budget(f"`1on1 {c}`", 0.030, D[c])

s, m = gospan(gt, "BenchmarkFirstFrame")
if m is not None:
    budgets.append(("TUI first frame", m <= 0.050))
    w(f"| TUI first frame (open, load, size, first View; Go bench) | ≤ 50 ms | {s} | {yes(m <= 0.050)} |")
keys = sorted(k for k in gt if k.startswith("BenchmarkKeystroke/") and not k.endswith("with-preview"))
worst = None
for k in keys:
    s, m = gospan(gt, k)
    worst = m if worst is None else max(worst, m)
    w(f"| keystroke in the {k.split('/')[1]} list (Update + View; Go bench) | ≤ 2 ms | {s} | {yes(m <= 0.002)} |")
if worst is not None:
    budgets.append(("keystroke in any list", worst <= 0.002))
s, m = gospan(gj, "BenchmarkSaveMeeting/edit")
if m is not None:
    budgets.append(("saving a note", m <= 0.020))
    w(f"| saving a note, fsync'd commit (Go bench) | ≤ 20 ms | {s} | {yes(m <= 0.020)} |")
s, m = gospan(gj, "BenchmarkSaveMeeting/add")
if m is not None:
    budgets.append(("adding a note", m <= 0.020))
    w(f"| adding a note, fsync'd commit (Go bench) | ≤ 20 ms | {s} | {yes(m <= 0.020)} |")
bt = build[decade]
if bt["wall"] is not None:
    ok = bt["wall"] <= 15
    budgets.append(("building the decade", ok))
    w(f"| building the decade (`1on1 demo`, wall clock; {bt['cpu']:.1f} s CPU) | ≤ 15 s | {bt['wall']:.1f} s | {yes(ok)} |")
if db_size and md_size:
    ratio = db_size / md_size
    ok = ratio <= 2
    budgets.append(("file size", ok))
    w(f"| journal file ÷ exported markdown | ≤ 2× | {mb(db_size)} ÷ {mb(md_size)} = {ratio:.2f}× | {yes(ok)} |")
    # BenchmarkBuild builds the same journal and compacts it: its size
    # after Compact against the same exported markdown.
    cmb = gomed(gb, "BenchmarkBuild", "compacted-MB")
    if cmb is None and gomed(gb, "BenchmarkBuild", "compacted/notes"):
        cmb = gomed(gb, "BenchmarkBuild", "compacted/notes") * gomed(gb, "BenchmarkBuild", "notes-MB")
    if cmb:
        cr = cmb * 1e6 / md_size
        w(f"| … the same journal after `Journal.Compact` (Go bench) | ≤ 2× | "
          f"{cmb:.1f} MB ÷ {mb(md_size)} = {cr:.2f}× | {yes(cr <= 2)} |")
def check_time(name):
    """`1on1 check` runs: (median wall s, median CPU s, runs) or None."""
    runs = []
    for line in (read(name, "check.txt") or "").splitlines():
        f = line.split()
        if len(f) == 3:
            runs.append((float(f[0]), float(f[1]) + float(f[2])))
    if not runs:
        return None
    return med([r[0] for r in runs]), med([r[1] for r in runs]), len(runs)


ct = check_time(decade)
if ct:
    ok = ct[0] <= 3
    budgets.append(("`1on1 check` on the decade", ok))
    w(f"| `1on1 check` on the decade (wall clock, median of {ct[2]}; {ct[1]:.1f} s CPU) | ≤ 3 s | {ct[0]:.1f} s | {yes(ok)} |")
s_, m_ = gospan(gj, "BenchmarkOpenPerson")
if m_ is not None:
    budgets.append(("opening a person", m_ <= 0.020))
    notes = gomed(gj, "BenchmarkOpenPerson", "notes")
    w(f"| opening a person in the app ({notes:.0f} notes: meetings with items, open items, newest note; Go bench) | ≤ 20 ms | {s_} | {yes(m_ <= 0.020)} |")
if peak[decade]:
    worst_cmd = max(peak[decade], key=peak[decade].get)
    ok = peak[decade][worst_cmd] <= 60 * 1024 * 1024
    budgets.append(("peak memory", ok))
    w(f"| peak memory of a CLI query (max RSS; worst: `{worst_cmd}`) | ≤ 60 MB | {peak[decade][worst_cmd] / 1048576:.1f} MiB | {yes(ok)} |")

ratios = []


def ratio(label, ours, theirs, target):
    if not ours or not theirs:
        return
    r = theirs["median"] / ours["median"]
    if target is None:
        w(f"| {label} | {fmt_ms(ours['median'])} | {fmt_ms(theirs['median'])} | {r:.1f}× | — | — |")
        return
    ok = r >= target
    ratios.append((label, ok))
    w(f"| {label} | {fmt_ms(ours['median'])} | {fmt_ms(theirs['median'])} | {r:.1f}× | ≥ {target}× | {yes(ok)} |")


R, T = rg[decade], tw[decade]
w("")
w("## Side by side on the decade: ripgrep over the export, Taskwarrior")
w("")
w(f"Taskwarrior holds one task per commitment ({read(decade, 'tasks.count')} tasks, "
  f"{read(decade, 'task-pending.count')} pending; import took "
  f"{float(read(decade, 'task-import.seconds') or 0):.1f} s). The export holds "
  f"{read(decade, 'md.files')} meeting files.")
w("")
w("| row | 1on1 | other | ratio | target | |")
w("| --- | --- | --- | --- | --- | --- |")
ratio("overdue: `1on1 due` vs `task overdue`", row(D, "due"), row(T, "task overdue"), 10)
for c in [k for k in D if k.startswith("prep") or k.startswith("ledger")]:
    h = c.split()[1]
    ratio(f"per person: `1on1 {c}` vs `task project:{h} list`", D[c], row(T, f"task project:{h} list"), 10)
ratio("`1on1 due` vs `task count status:pending`", row(D, "due"), row(T, "task count status:pending"), 10)
for c in [k for k in D if k.startswith("search")]:
    word = c.split()[1]
    ratio(f"`1on1 {c}` vs `rg -i -l {word}`", D[c], row(R, f"rg -i -l {word}"), 3)
for c in [k for k in D if k.startswith("all-matches")]:
    word = c.split()[1]
    ratio(f"every match: `1on1 search {word} --limit 0` vs `rg -i -m1 {word}`", D[c], row(R, f"rg -i -m1 {word}"), 3)
for c in [k for k in D if k.startswith("prep")]:
    h = c.split()[1]
    ratio(f"`1on1 {c}` vs `rg` open task lines of {h}", D[c], row(R, f"rg open tasks of {h}"), None)
ratio("`1on1 due` vs `rg` open task lines of everyone", row(D, "due"), row(R, "rg open tasks of all"), None)
w("")
w("(The rg rows for open task lines have no target: rg finds `- [ ]` lines but")
w("cannot tell which are overdue, whose they are or whether a later note")
w("ticked them.)")

w("")
w("## Whole-process rows at every scale")
w("")
hdr = "| row | " + " | ".join(names) + " |"
w(hdr)
w("| --- |" + " --- |" * len(names))
w("| meetings | " + " | ".join(str(corp[n].get("meetings", "?")) for n in names) + " |")
w("| commitments | " + " | ".join(str(corp[n].get("commitments", "?")) for n in names) + " |")
w("| open commitments | " + " | ".join(str(corp[n].get("open", "?")) for n in names) + " |")
w("| overdue commitments | " + " | ".join(str(corp[n].get("overdue", "?")) for n in names) + " |")
w("| journal file | " + " | ".join(mb(int(read(n, "db.size") or 0)) for n in names) + " |")
w("| exported markdown | " + " | ".join(mb(int(read(n, "md.size") or 0)) for n in names) + " |")
w("| build (`1on1 demo`, wall) | " + " | ".join(
    f"{build[n]['wall']:.1f} s" if build[n]["wall"] is not None else "—" for n in names) + " |")
for src, label in [(cli, "1on1"), (rg, ""), (tw, "")]:
    cmds = []
    for n in names:
        for c in src[n]:
            if c not in cmds:
                cmds.append(c)
    for c in cmds:
        cells = []
        for n in names:
            r = src[n].get(c)
            cells.append(span(r) if r else "—")
        name = f"`1on1 {c}`" if label else f"`{c}`"
        if c == "hello":
            name = "a hello-world Go binary (start-up reference)"
        elif c.startswith("all-matches "):
            name = f"`1on1 search {c.split()[1]} --limit 0`"
        w(f"| {name} | " + " | ".join(cells) + " |")
    if label:
        for c in [c for c in cmds if c in peak[decade]]:
            cells = []
            for n in names:
                b = peak[n].get(c)
                cells.append(f"{b / 1048576:.1f} MiB" if b else "—")
            w(f"| peak RSS `1on1 {c}` | " + " | ".join(cells) + " |")

small = [n for n in names[1:] if n != "200p10y"]
if small:
    w("")
    w("Growth from each smaller journal to the decade (median time ratio):")
    w("")
    w("| row | " + " | ".join(f"{decade} ÷ {n}" for n in small) + " |")
    w("| --- |" + " --- |" * len(small))
    w("| meetings | " + " | ".join(
        f"{corp[decade]['meetings'] / corp[n]['meetings']:.1f}×" if corp[n].get("meetings") else "—" for n in small) + " |")
    w("| open commitments | " + " | ".join(
        f"{corp[decade]['open'] / corp[n]['open']:.1f}×" if corp[n].get("open") else "—" for n in small) + " |")
    for src in [cli, rg, tw]:
        for c in src[decade]:
            cells = []
            for n in small:
                a, b = src[decade].get(c), src[n].get(c)
                cells.append(f"{a['median'] / b['median']:.2f}×" if a and b else "—")
            label = f"`1on1 {c}`" if src is cli else f"`{c}`"
            w(f"| {label} | " + " | ".join(cells) + " |")

DIR = "200p10y"
if DIR in names:
    w("")
    w(f"## The director: 200 people × 10 years ({corp[DIR].get('meetings', '?')} meetings, "
      f"{corp[DIR].get('commitments', '?')} commitments, {corp[DIR].get('open', '?')} open)")
    w("")
    w("Fewer hyperfine runs (5–10) than at the other scales, and no Taskwarrior.")
    w("")
    w("| what | budget | measured | |")
    w("| --- | --- | --- | --- |")
    Dd = cli[DIR]
    bd = build[DIR]
    if bd["wall"] is not None:
        ok = bd["wall"] <= 60
        budgets.append(("building the director's journal", ok))
        w(f"| build (`1on1 demo --people 200 --years 10`, wall clock; {bd['cpu']:.1f} s CPU) | ≤ 60 s | {bd['wall']:.1f} s | {yes(ok)} |")
    dbs, mds = int(read(DIR, "db.size") or 0), int(read(DIR, "md.size") or 0)
    if dbs and mds:
        r = dbs / mds
        budgets.append(("director file size", r <= 2))
        w(f"| journal file ÷ exported markdown | ≤ 2× | {mb(dbs)} ÷ {mb(mds)} = {r:.2f}× | {yes(r <= 2)} |")
    for c, label in [("due", "`1on1 due`")] + [(k, f"`1on1 {k}` (default limit, 50)") for k in Dd if k.startswith("search")]:
        r = Dd.get(c)
        if r:
            ok = r["median"] <= 0.015
            budgets.append((f"director {label}", ok))
            w(f"| {label} | ≤ 15 ms | {span(r)} | {yes(ok)} |")
    gtd = gobench("go-tui-director.txt")
    gjd = gobench("go-journal-director.txt")
    worst = None
    for k in sorted(k for k in gtd if k.startswith("BenchmarkKeystroke/") and not k.endswith("with-preview")):
        s_, m_ = gospan(gtd, k)
        worst = m_ if worst is None else max(worst, m_)
        w(f"| keystroke in the {k.split('/')[1]} list (Go bench) | ≤ 2 ms | {s_} | {yes(m_ <= 0.002)} |")
    if worst is not None:
        budgets.append(("director keystroke in any list", worst <= 0.002))
    s_, m_ = gospan(gjd, "BenchmarkOpenPerson")
    if m_ is not None:
        w(f"| opening a person ({gomed(gjd, 'BenchmarkOpenPerson', 'notes'):.0f} notes; Go bench) | — | {s_} | — |")
    ctd = check_time(DIR)
    if ctd:
        w(f"| `1on1 check` (wall, median of {ctd[2]}; {ctd[1]:.1f} s CPU) | — | {ctd[0]:.1f} s | — |")
    grow = [n for n in ("4p10y", "40p10y", DIR) if n in names]
    if len(grow) > 1:
        w("")
        w("Growth with the number of people, ten years each (median; ratio to the previous column):")
        w("")
        w("| row | " + " | ".join(grow) + " |")
        w("| --- |" + " --- |" * len(grow))
        w("| meetings | " + " | ".join(str(corp[n].get("meetings", "?")) for n in grow) + " |")
        w("| journal file | " + " | ".join(mb(int(read(n, "db.size") or 0)) for n in grow) + " |")
        w("| build (wall) | " + " | ".join(
            f"{build[n]['wall']:.1f} s" if build[n]["wall"] is not None else "—" for n in grow) + " |")
        for c in cli[DIR]:
            cells, prev = [], None
            for n in grow:
                r = cli[n].get(c)
                if not r:
                    cells.append("—")
                    continue
                cell = fmt_ms(r["median"])
                if prev:
                    cell += f" ({r['median'] / prev:.1f}×)"
                prev = r["median"]
                cells.append(cell)
            name = f"`1on1 search {c.split()[1]} --limit 0`" if c.startswith("all-matches ") else f"`1on1 {c}`"
            if c == "hello":
                name = "a hello-world Go binary"
            w(f"| {name} | " + " | ".join(cells) + " |")

w("")
w("## Go benchmarks on the decade (in process)")
w("")
w("`go test ./journal ./cli ./tui -run xxx -bench . -bench.decade -benchmem`;")
w("the journal benchmarks open the journal once, so they exclude process start")
w("and `Open`; BenchmarkVerbs runs whole verbs (open, query, print) in process,")
w("so the gap to the hyperfine rows is process start and exit.")
w("")
w("| benchmark | median (min–max) | B/op | allocs/op |")
w("| --- | --- | --- | --- |")
for g in [gj, gc, gt]:
    for name in g:
        s, _ = gospan(g, name)
        bop = gomed(g, name, "B/op")
        aop = gomed(g, name, "allocs/op")
        w(f"| {name} | {s} | {bop / 1e3:.0f} kB | {aop:.0f} |" if bop is not None else f"| {name} | {s} | — | — |")
if gb:
    w("")
    w("BenchmarkBuild (demo.Generate into a synced journal, then Compact): " + ", ".join(
        f"{med(v):g} {u}" for u, v in gb.get("BenchmarkBuild", {}).items() if u not in ("ns/op", "B/op", "allocs/op")))

w("")
w("## Summary")
w("")
missed = [b for b, ok in budgets + ratios if not ok]
met = [b for b, ok in budgets + ratios if ok]
w(f"{len(met)} of {len(met) + len(missed)} budget and ratio rows met.")
if missed:
    w("Missed: " + "; ".join(missed) + ".")
print("\n".join(lines))
