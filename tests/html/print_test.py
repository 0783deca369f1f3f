#!/usr/bin/env python3
"""The HTML dashboard on paper and on a phone, in headless Chromium.

  print_test.py PLAN_BINARY SOURCE_ROOT

Paper: each dashboard is printed to PDF (A4 landscape). The full Gu County plan as of 2025-01-01,
with the demo progress and with none, prints on at most 8 pages; every page is landscape; with
pdftotext (poppler-utils), no page holds only headings (or the footer), and no page ends with a
heading or a legend whose rows went to the next page.

Phone: each dashboard is loaded in a 400 px wide frame (Chromium will not make a window that
narrow). Nothing may reach past 400 px (document.documentElement.scrollWidth <= 400, and no
element's box past the right edge), no element may scroll or clip sideways inside its own box, and
no rendered text may be smaller than 12 px: computed font-size, times the SVG's scale for SVG text.

Also the filtered pages (--unit, --section), the city's roll-up page (plan rollup) and a plan
full of hostile texts (long unbroken
strings). Exits 77 (skipped) only when Chromium is not installed.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

plan, root = sys.argv[1], sys.argv[2]
env = dict(os.environ, PLAN_TODAY="2025-03-31")
MAX_PAGES = 8


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("skipped: Chromium is not installed (apt-get install chromium)")
    sys.exit(77)
pdftotext = shutil.which("pdftotext")

tmp = tempfile.mkdtemp()
flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--user-data-dir=" + os.path.join(tmp, "profile")]

# Measures the page in the frame and writes the result into the wrapper's DOM, which --dump-dom
# prints. The dashboard itself holds no script.
MEASURE = r"""
function measure(w) {
  const d = w.document;
  const out = {innerWidth: w.innerWidth, scrollWidth: d.documentElement.scrollWidth,
               small: [], boxes: [], wide: [], texts: 0, svgTexts: 0};
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.getAttribute("class") ? "." + el.getAttribute("class").split(/\s+/).join(".") : "") +
      " «" + (el.textContent || "").trim().slice(0, 30) + "»";
  for (const el of d.querySelectorAll("body *")) {
    if (el.getClientRects().length === 0) continue;  // not rendered (display: none)
    const cs = w.getComputedStyle(el);
    if (["auto", "scroll", "hidden", "clip"].includes(cs.overflowX) &&
        el.scrollWidth > el.clientWidth + 1)
      out.boxes.push(describe(el) + " " + el.scrollWidth + " > " + el.clientWidth);
    const r = el.getBoundingClientRect();
    if (r.right > w.innerWidth + 0.5 || r.left < -0.5)
      out.wide.push(describe(el) + " " + r.left.toFixed(1) + ".." + r.right.toFixed(1));
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    let size = parseFloat(cs.fontSize);
    if (el.namespaceURI === "http://www.w3.org/2000/svg") {
      const m = el.getScreenCTM();  // the viewBox's scale: 12 user units may be 4 px on screen
      size *= Math.hypot(m.a, m.b);
      out.svgTexts++;
    }
    out.texts++;
    if (size < 11.95) out.small.push(describe(el) + " " + size.toFixed(1) + "px");
  }
  return out;
}
const f = document.getElementById("f");
f.addEventListener("load", () => {
  const pre = document.createElement("pre");
  pre.id = "measurements";
  try { pre.textContent = JSON.stringify(measure(f.contentWindow)); }
  catch (e) { pre.textContent = JSON.stringify({error: String(e)}); }
  document.body.appendChild(pre);
});
"""


def run(*args, plan_dir):
    return subprocess.run([plan, "--plan-dir", plan_dir, *args], env=env, capture_output=True,
                          text=True)


def norm(s):
    return re.sub(r"\s+", "", s)


def phone(name, page):
    """The page in a 400 px frame: what overflows and what is too small."""
    wrap = os.path.join(tmp, name + "-phone.html")
    with open(wrap, "w", encoding="utf-8") as f:
        f.write('<!doctype html><html><body style="margin:0"><iframe id="f" scrolling="no" src="' +
                os.path.basename(page) + '" style="width:400px;height:900px;border:0"></iframe>'
                "<script>" + MEASURE + "</script></body></html>")
    dom = subprocess.run(flags + ["--allow-file-access-from-files", "--window-size=800,1000",
                                  "--virtual-time-budget=5000", "--dump-dom", "file://" + wrap],
                         capture_output=True, text=True, timeout=180).stdout
    m = re.search(r'<pre id="measurements">(.*?)</pre>', dom, re.S)
    check(m is not None, f"{name}: no measurements from the phone-sized frame")
    if not m:
        return
    got = json.loads(html.unescape(m.group(1)))
    check("error" not in got, f"{name}: measuring failed: {got.get('error')}")
    if "error" in got:
        return
    check(got["innerWidth"] == 400, f"{name}: the frame is {got['innerWidth']} px wide, not 400")
    check(got["scrollWidth"] <= 400, f"{name}: at 400 px the page is {got['scrollWidth']} px wide")
    check(not got["wide"], f"{name}: at 400 px these reach past the edge: {got['wide'][:5]}")
    check(not got["boxes"], f"{name}: at 400 px these scroll or clip sideways: {got['boxes'][:5]}")
    check(not got["small"], f"{name}: at 400 px text under 12 px: {got['small'][:5]}")
    check(got["texts"] > 20, f"{name}: only {got['texts']} texts measured")
    print(f"{name}: at 400 px scrollWidth {got['scrollWidth']}, {got['texts']} texts "
          f"({got['svgTexts']} in SVG) all >= 12 px")


def paper(name, page, max_pages=MAX_PAGES, min_headings=5):
    """The page printed to PDF: how many pages, landscape, and no stranded headings."""
    pdf = os.path.join(tmp, name + ".pdf")
    subprocess.run(flags + ["--no-pdf-header-footer", "--print-to-pdf-no-header",
                            "--print-to-pdf=" + pdf, "file://" + page],
                   capture_output=True, timeout=180)
    data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
    check(data.startswith(b"%PDF"), f"{name}: no PDF printed")
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    check(1 <= pages <= max_pages, f"{name}: prints on {pages} pages, more than {max_pages}")
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", data)
    check(boxes and all(float(x1) - float(x0) > float(y1) - float(y0) for x0, y0, x1, y1 in boxes),
          f"{name}: not every page is landscape: {boxes[:3]}")
    check(any(abs(float(x1) - 841.9) < 2 and abs(float(y1) - 595) < 2 for _, _, x1, y1 in boxes),
          f"{name}: the pages are not A4: {boxes[:1]}")
    print(f"{name}: prints on {pages} A4 landscape pages")
    if not pdftotext:
        print(f"{name}: pdftotext (poppler-utils) is not installed; headings not checked")
        return
    source = open(page, encoding="utf-8").read()
    headings = {norm(html.unescape(re.sub(r"<[^>]+>", "", h)))
                for h in re.findall(r"<h2>(.*?)</h2>", source)}
    legend = norm(html.unescape(re.sub(r"<[^>]+>", "", re.search(
        r'<p class="legend">(.*?)</p>', source).group(1))))
    footer = norm(html.unescape(re.search(r"<footer>(.*?)</footer>", source).group(1)))
    check(len(headings) >= min_headings, f"{name}: found only {len(headings)} headings")
    for n in range(1, pages + 1):
        text = subprocess.run([pdftotext, "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                              capture_output=True, text=True).stdout
        lines = [norm(l) for l in text.splitlines() if l.strip()]
        check(lines, f"{name}: page {n} is empty")
        if not lines:
            continue
        check(any(l not in headings and l != legend and l != footer for l in lines),
              f"{name}: page {n} holds only a heading: {lines}")
        if n < pages:
            check(lines[-1] not in headings and lines[-1] != legend,
                  f"{name}: page {n} ends with the heading {lines[-1]!r}; its rows are on the next page")


try:
    demo = os.path.join(root, "examples/demo/plan")
    # The shipped plan with no progress at all (a copy: a clerk's own progress must not count).
    bare = os.path.join(tmp, "bare", "plan")
    os.makedirs(os.path.join(bare, "progress"))
    for f in ("tasks.yaml", "units.yaml"):
        shutil.copy(os.path.join(root, "plan", f), bare)

    cases = [
        ("demo", demo, [], True),
        ("demo-en", demo, ["--lang", "en"], True),
        ("shipped-no-progress", bare, [], True),
        ("demo-unit", demo, ["--unit", "北平镇"], True),
        ("demo-section", demo, ["--section", "四"], True),
        ("hostile", os.path.join(root, "tests/fixtures/hostile/plan"), [], False),
    ]
    for name, plan_dir, extra, print_it in cases:
        page = os.path.join(tmp, name + ".html")
        lang = extra[:2] if extra[:1] == ["--lang"] else []
        r = run(*lang, "report", "--format", "html", "-o", page, "--as-of",
                "2025-03-31" if name == "hostile" else "2025-01-01", *extra[len(lang):],
                plan_dir=plan_dir)
        check(r.returncode == 0, f"{name}: report --format html exited {r.returncode}: {r.stderr}")
        if r.returncode != 0:
            continue
        if print_it:
            paper(name, page)
        phone(name, page)

    # The city's roll-up page (plan rollup, tests/fixtures/rollup): two members that fail, with
    # long reasons, must not push the page wider either.
    city_root = os.path.join(tmp, "rollup")
    os.makedirs(city_root)
    subprocess.run(["bash", os.path.join(root, "tests/fixtures/rollup/setup.sh")], cwd=city_root,
                   env=dict(env, ROOT=root, PLAN=plan), check=True)
    page = os.path.join(tmp, "rollup.html")
    r = subprocess.run([plan, "rollup", "--fetch", "--format", "html", "-o", page], env=env,
                       cwd=os.path.join(city_root, "city"), capture_output=True, text=True)
    check(r.returncode == 1 and os.path.exists(page), f"rollup: exit {r.returncode}: {r.stderr}")
    if os.path.exists(page):
        paper("rollup", page, max_pages=2, min_headings=3)
        phone("rollup", page)

    # The filtered pages say who they are about and hold only the chosen rows.
    unit_page = open(os.path.join(tmp, "demo-unit.html"), encoding="utf-8").read()
    check(re.search(r"<h1>[^<]*北平镇[^<]*</h1>", unit_page) is not None,
          "the 北平镇 page's title does not say 北平镇")
    check(re.findall(r'class="bar" role="listitem" data-key="([^"]*)"',
                     unit_page.split('id="by-unit"')[1]) == ["北平镇"],
          "the 北平镇 page has bars for other units")
    section_page = open(os.path.join(tmp, "demo-section.html"), encoding="utf-8").read()
    check("第四部分" in re.search(r"<h1>(.*?)</h1>", section_page).group(1),
          "the section page's title does not say 第四部分")
    check(re.findall(r'class="bar" role="listitem" data-key="([^"]*)"',
                     section_page.split('id="by-unit"')[0]) == ["四"],
          "the section page has bars for other sections")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"html print and phone: {passed()} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
