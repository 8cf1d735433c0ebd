"""Opens chronoscope's exports in Python's icalendar, pandas, pandoc and khal
and prints one PASS/FAIL line per check (tab-separated, like the JS checks).

    python3 clients_check.py OUT_DIR

OUT_DIR holds, per store LABEL (shipped, dates, hostile): LABEL.json (the
chronoscope JSON export, the reference), LABEL.ics, LABEL.csv, LABEL.md,
LABEL.csl.json.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def line(ok, client, label, what, detail):
    print("\t".join(["PASS" if ok else "FAIL", client, label, what, str(detail)]))


def check_icalendar(out, label, expected):
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical((out / f"{label}.ics").read_bytes())
    except Exception as e:  # noqa: BLE001 - any parser failure is a FAIL
        line(False, "icalendar (Python)", label, "parses", e)
        return
    events = cal.walk("VEVENT")
    line(len(events) == expected, "icalendar (Python)", label, "every written event parses",
         f"{len(events)} VEVENTs, {expected} expected")
    name = str(cal.get("X-WR-CALNAME"))
    line("\\" not in name, "icalendar (Python)", label, "calendar name has no literal backslash", repr(name))
    bad = [str(e.get("UID")) for e in events
           if e.decoded("DTSTART").year < 1 or e.decoded("DTEND") <= e.decoded("DTSTART")]
    line(not bad, "icalendar (Python)", label, "all-day dates from year 1, end after start",
         ", ".join(bad) or f"{len(events)} ok")


def check_pandas(out, label, expected):
    import pandas

    frame = pandas.read_csv(out / f"{label}.csv", dtype=str, keep_default_na=False)
    line(len(frame) == expected and frame.shape[1] == 18, "pandas", label, "one row per event, 18 columns",
         f"{frame.shape[0]} rows x {frame.shape[1]} columns")
    live = [c for col in frame.columns for c in frame[col] if c[:1] in ("=", "+", "-", "@")]
    line(not live, "pandas", label, "no cell a spreadsheet would run", f"{len(live)} live formula cells")


def pandoc(args, text):
    return subprocess.run(["pandoc", *args], input=text, capture_output=True, text=True, check=True).stdout


def squash(s):
    return re.sub(r"\s+", " ", s)


def check_pandoc(out, label, reference):
    quotes = [x["quote"] for e in reference["events"] for x in e["excerpts"]]
    quotes += [d["quote"] for e in reference["events"] for d in e["discrepancies"] if d.get("quote")]
    md = (out / f"{label}.md").read_text()
    shown = squash(pandoc(["-f", "markdown", "-t", "plain", "--wrap=none"], md))
    lost = [q for q in quotes if squash(q) not in shown]
    line(not lost, "pandoc (default Markdown)", label, "every excerpt verbatim",
         f"{len(quotes) - len(lost)} of {len(quotes)}" + (f"; first lost: {lost[0]!r}" if lost else ""))
    if label != "shipped":
        return
    # Control: the same quotes unescaped, as before this check existed.
    naive = "\n\n".join(f"> “{q}”" for q in quotes)
    naive_shown = squash(pandoc(["-f", "markdown", "-t", "plain", "--wrap=none"], naive))
    garbled = [q for q in quotes if squash(q) not in naive_shown]
    line(bool(garbled),
         "pandoc (default Markdown)", label, "control: unescaped quotes garble",
         f"{len(garbled)} of {len(quotes)} garbled without escaping")
    line(".”." not in shown, "pandoc (default Markdown)", label,
         "no doubled full stop after a quote", "none" if ".”." not in shown else "found .”.")


def check_pandoc_citeproc(out, label, expect):
    bib = out / f"{label}.csl.json"
    shown = pandoc(["--citeproc", f"--bibliography={bib}", "-t", "plain", "--wrap=none"],
                   "---\nnocite: '@*'\n---\n")
    for want in expect:
        line(want in shown, "pandoc citeproc", label, f"dated {want!r}", squash(shown)[:160])


def check_khal(out, label, expected):
    with tempfile.TemporaryDirectory() as tmp:
        cal = Path(tmp, "cal")
        cal.mkdir()
        config = Path(tmp, "config")
        config.write_text(f"[calendars]\n[[check]]\npath = {cal}\n[locale]\ndateformat = %Y-%m-%d\n"
                          "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
                          "longdatetimeformat = %Y-%m-%d %H:%M\n")
        run = subprocess.run(["khal", "-c", str(config), "printics", str(out / f"{label}.ics")],
                             capture_output=True, text=True)
    first = (run.stdout.splitlines() or [""])[0].replace(str(out) + "/", "")
    ok = run.returncode == 0 and first.startswith(f"{expected} events found")
    line(ok, "khal", label, "every written event read", first or run.stderr.strip()[:120])


def main():
    out = Path(sys.argv[1])
    for label in ("shipped", "dates", "hostile"):
        reference = json.loads((out / f"{label}.json").read_text())
        report = (out / f"{label}.ics.report").read_text()
        written = int(re.search(r"wrote (\d+)", report).group(1))
        check_icalendar(out, label, written)
        check_khal(out, label, written)
        check_pandas(out, label, len(reference["events"]))
        check_pandoc(out, label, reference)
    check_pandoc_citeproc(out, "dates", ["1970–1979", "101BC", "Spring 2001", "March 22, 2014"])
    check_pandoc_citeproc(out, "shipped", ["July 14–15, 2023", "March 22, 2014"])


if __name__ == "__main__":
    main()
