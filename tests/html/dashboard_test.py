#!/usr/bin/env python3
"""The HTML dashboard, checked in a real browser.

  dashboard_test.py PLAN_BINARY SOURCE_ROOT

Makes the dashboard of the demo data, checks that it is self-contained and escapes what users
wrote, renders it in headless Chromium, and compares the numbers in the rendered DOM with the
JSON reports of the same ledger. Exits 77 (skipped) only when Chromium is not installed.
"""
import json, os, re, shutil, struct, subprocess, sys, tempfile
from html.parser import HTMLParser

plan, root = sys.argv[1], sys.argv[2]
demo = os.path.join(root, "examples/demo/plan")
env = dict(os.environ, PLAN_TODAY="2025-03-31")


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


def run(*args, plan_dir=demo):
    r = subprocess.run([plan, "--plan-dir", plan_dir, *args], env=env, capture_output=True, text=True)
    return r


tmp = tempfile.mkdtemp()
try:
    page = os.path.join(tmp, "report.html")
    r = run("report", "--format", "html", "-o", page, "--as-of", "2025-01-01", "--since", "2024-12-01")
    check(r.returncode == 0, f"report --format html exited {r.returncode}: {r.stderr}")
    html = open(page, encoding="utf-8").read()

    # Self-contained: nothing fetched from anywhere.
    for bad in ("http://", "https://", "<script", "<link", " src=", "@import", "url("):
        check(bad not in html, f"the page contains {bad!r}")
    check('<html lang="zh-CN">' in html, "the page is not marked Chinese")
    check("@page { size: A4 landscape" in html, "no A4 landscape print layout")
    check("break-before: page" not in html, "a part is forced onto a new page when printed")
    check(re.search(r"\nh2 \{[^}]*break-after: avoid", html) is not None,
          "headings may be left at the foot of a printed page")
    check('name="viewport"' in html, "no viewport for phones")

    # What users wrote is escaped.
    hostile = os.path.join(tmp, "plan")
    shutil.copytree(os.path.join(root, "tests/fixtures/other-county/plan"), hostile)
    units = open(os.path.join(hostile, "units.yaml"), encoding="utf-8").read()
    units = units.replace("- name: IT Center", '- name: "IT <script>alert(1)</script> & \\"Co\\""')
    tasks = open(os.path.join(hostile, "tasks.yaml"), encoding="utf-8").read()
    tasks = tasks.replace("IT Center", '"IT <script>alert(1)</script> & \\"Co\\""')
    open(os.path.join(hostile, "units.yaml"), "w", encoding="utf-8").write(units)
    open(os.path.join(hostile, "tasks.yaml"), "w", encoding="utf-8").write(tasks)
    r = run("report", "--format", "html", "--as-of", "2025-07-01", plan_dir=hostile)
    check(r.returncode == 0, f"hostile plan: exit {r.returncode}: {r.stderr}")
    check("<script>" not in r.stdout, "a unit name was not escaped")
    check("IT &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in r.stdout, "escaped name missing")

    # Every text the plan and the ledger hold (title, document, section and task titles, unit
    # names, notes) is escaped in element content and in attributes; controls are shown.
    r = run("report", "--format", "html", "--as-of", "2025-03-31",
            plan_dir=os.path.join(root, "tests/fixtures/hostile/plan"))
    check(r.returncode == 0, f"hostile fixture: exit {r.returncode}: {r.stderr}")
    page_h = r.stdout

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attrs = set(), []

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)
            self.attrs.extend(attrs)

    t = Tags()
    t.feed(page_h)
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section",
               "div", "span", "i", "svg", "g", "text", "rect", "line", "circle", "table", "thead",
               "tbody", "tr", "th", "td", "footer"}
    check(t.tags <= allowed, f"the page holds tags no text should make: {t.tags - allowed}")
    check(not any(k.startswith("on") or k in ("href", "src") for k, _ in t.attrs),
          "an event handler or link attribute came from the data")
    for bad in ("<script", "<img", "<b>", "javascript:alert(1)</a"):
        check(bad not in page_h, f"raw {bad!r} in the page")
    raw = [ch for ch in page_h if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F
           or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069]
    check(not raw, f"control characters reach the page raw: {sorted(set(map(hex, map(ord, raw))))}")
    for shown in ("&lt;script&gt;alert(1)&lt;/script&gt; \\x1B]0;TITLE\\x07计划",
                  "[文件](javascript:alert(1))",
                  'data-key="&lt;img src=x onerror=alert(1)&gt;"',
                  'data-key="=HYPERLINK(&quot;http://evil&quot;)"',
                  'data-key="东街道\\x1B]52;c;cm0gLXJmIH4=\\x07"',
                  "制度\\x1B[2J建设 | &lt;b&gt;粗&lt;/b&gt;"):
        check(shown in page_h, f"{shown!r} is not shown escaped")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("skipped: Chromium is not installed (apt-get install chromium); "
              f"{passed()} static checks passed")
        sys.exit(77 if not failures else 1)

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + os.path.join(tmp, "profile")]
    url = "file://" + page
    dom = subprocess.run([chromium, *flags, "--dump-dom", url], capture_output=True, text=True,
                         timeout=120).stdout
    shot = os.path.join(tmp, "dashboard.png")
    subprocess.run([chromium, *flags, "--window-size=1280,2000", "--screenshot=" + shot, url],
                   capture_output=True, timeout=120)
    png = open(shot, "rb").read() if os.path.exists(shot) else b""
    check(png[:8] == b"\x89PNG\r\n\x1a\n", "no PNG screenshot")
    if png:
        w, h = struct.unpack(">II", png[16:24])
        check((w, h) == (1280, 2000), f"screenshot is {w}x{h}")
        check(len(png) > 50_000, "the screenshot looks empty")
    if os.environ.get("PLAN_SCREENSHOT"):
        shutil.copy(shot, os.environ["PLAN_SCREENSHOT"])

    class Dom(HTMLParser):
        def __init__(self):
            super().__init__()
            self.cards, self.bars, self.rows, self.asof = {}, {}, {}, None
            self._card, self._n, self._table = None, False, None
            self.overdue_units, self._col, self._count_cell = [], 0, False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "div" and "card" in a.get("class", "").split():
                self._card = a.get("id")
            if tag == "div" and a.get("class") == "n" and self._card:
                self._n = True
            if tag == "div" and a.get("class") == "bar":
                self.bars[a["data-key"]] = (int(a["data-total"]), int(a["data-done"]), int(a["data-overdue"]))
            if tag == "g" and a.get("class") == "as-of":
                self.asof = a["data-date"]
            if tag == "table":
                self._table = a.get("id")
                self.rows[self._table] = 0
            if tag == "tr" and self._table:
                self.rows[self._table] += 1
                self._col = 0
            if tag == "td" and self._table == "overdue-table":
                self._col += 1
                self._count_cell = self._col == 6

        def handle_data(self, data):
            if self._count_cell:
                self.overdue_units.append(int(data))
                self._count_cell = False
            if self._n:
                self.cards[self._card] = data.strip()
                self._n, self._card = False, None

    d = Dom()
    d.feed(dom)
    by_unit = json.loads(run("--format", "json", "report", "--by", "unit", "--as-of", "2025-01-01").stdout)
    by_section = json.loads(run("--format", "json", "report", "--by", "section", "--as-of", "2025-01-01").stdout)
    overdue = json.loads(run("--format", "json", "overdue", "--by", "item", "--as-of", "2025-01-01").stdout)
    due = json.loads(run("--format", "json", "due", "--by", "item", "--within", "30", "--as-of", "2025-01-01").stdout)
    stale = json.loads(run("--format", "json", "stale", "--since", "2024-12-01", "--as-of", "2025-01-01").stdout)
    t = by_unit["total"]
    check(d.cards.get("card-total") == str(t["total"]), f"total card {d.cards.get('card-total')} != {t['total']}")
    check(d.cards.get("card-done") == str(t["done"]), "done card differs from the report")
    check(d.cards.get("card-overdue") == str(t["overdue"]), "overdue card differs from the report")
    card = d.cards.get("card-completion", "")
    check(card.endswith("%") and abs(float(card[:-1]) - t["completion"] * 100) <= 0.051,
          f"completion card {card} differs from the report's {t['completion']}")
    check(t["undated"] > 0 and f"{t['undated']}" in dom.split('id="rate-note"')[1].split("</p>")[0],
          "the page does not say which assignments the rate leaves out")
    check(d.cards.get("card-stale") == str(len(stale["units"])), "stale card differs from plan stale")
    for row in by_section["rows"]:
        check(d.bars.get(row["section"]) == (row["total"], row["done"], row["overdue"]),
              f"section {row['section']} bar differs from the report")
    for row in by_unit["rows"]:
        check(d.bars.get(row["unit"]) == (row["total"], row["done"], row["overdue"]),
              f"unit {row['unit']} bar differs from the report")
    # One row per item, with its units: the same items as plan overdue --by item.
    check(len(overdue["items"]) > 5 and d.rows.get("overdue-table") == len(overdue["items"]) + 1,
          f"overdue table has {d.rows.get('overdue-table')} rows, plan overdue --by item {len(overdue['items'])} items")
    check(d.overdue_units == [len(i["units"]) for i in overdue["items"]],
          "the overdue table's unit counts differ from plan overdue --by item")
    if due["items"]:
        check(d.rows.get("due-table") == len(due["items"]) + 1, "due table rows differ from plan due --by item")
    else:
        check("due-table" not in d.rows and "未来 30 天内没有到期的未完成事项" in dom,
              "no sentence for an empty due-soon list")
    check(d.rows.get("stale-table") == len(stale["units"]) + 1, "stale table rows differ from plan stale")
    check(d.asof == "2025-01-01", "no as-of line on the timeline")

    # The townships' own dashboard (--unit 各乡镇): every part counts their rows only, and the
    # title says whose it is.
    page_u = os.path.join(tmp, "townships.html")
    r = run("report", "--format", "html", "-o", page_u, "--as-of", "2025-01-01", "--since", "2024-12-01",
            "--unit", "各乡镇")
    check(r.returncode == 0, f"report --format html --unit 各乡镇 exited {r.returncode}: {r.stderr}")
    dom_u = subprocess.run([chromium, *flags, "--dump-dom", "file://" + page_u], capture_output=True,
                           text=True, timeout=120).stdout
    du = Dom()
    du.feed(dom_u)
    scope = ("--unit", "各乡镇", "--as-of", "2025-01-01")
    by_unit_u = json.loads(run("--format", "json", "report", "--by", "unit", *scope).stdout)
    by_section_u = json.loads(run("--format", "json", "report", "--by", "section", *scope).stdout)
    overdue_u = json.loads(run("--format", "json", "overdue", "--by", "item", *scope).stdout)
    stale_u = json.loads(run("--format", "json", "stale", "--since", "2024-12-01", *scope).stdout)
    t = by_unit_u["total"]
    check(re.search(r"<h1>[^<]*（各乡镇）</h1>", dom_u) is not None, "the townships' page does not say whose it is")
    check(0 < t["total"] < by_unit["total"]["total"], "the group has no rows of its own")
    check(du.cards.get("card-total") == str(t["total"]) and du.cards.get("card-overdue") == str(t["overdue"]),
          f"townships: cards {du.cards} differ from report --unit 各乡镇 {t}")
    check(du.cards.get("card-stale") == str(len(stale_u["units"])), "townships: stale card differs")
    unit_bars = {k: v for k, v in du.bars.items() if k not in {s["section"] for s in by_section["rows"]}}
    check(unit_bars == {row["unit"]: (row["total"], row["done"], row["overdue"]) for row in by_unit_u["rows"]},
          f"townships: unit bars {unit_bars} differ from the report")
    for row in by_section_u["rows"]:
        check(du.bars.get(row["section"]) == (row["total"], row["done"], row["overdue"]),
              f"townships: section {row['section']} bar differs from the report")
    check(du.rows.get("overdue-table") == len(overdue_u["items"]) + 1 and
          du.overdue_units == [len(i["units"]) for i in overdue_u["items"]],
          "townships: the overdue table differs from plan overdue --by item --unit 各乡镇")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"html dashboard: {passed()} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
