#!/usr/bin/env python3
"""The Excel ledger as LibreOffice prints it.

  print_test.py PLAN_BINARY SOURCE_ROOT

Exports the demo ledger (everyone, and one township's), converts each workbook to PDF with
LibreOffice headless (soffice --convert-to pdf prints every sheet) and reads the PDF back with
pdfinfo/pdftotext (poppler-utils): every page A4 landscape; each sheet on few pages; every page
holds the sheet's first and last column headers (one page wide, header row repeated: no column
went to a page of its own) and, in its page header, the sheet's title with the as-of date; the
last row of each sheet is printed. Exits 77 (skipped) when LibreOffice or poppler-utils is
missing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

plan, root = sys.argv[1], sys.argv[2]
soffice = shutil.which("soffice") or shutil.which("libreoffice")
pdftotext, pdfinfo = shutil.which("pdftotext"), shutil.which("pdfinfo")
if not soffice or not pdftotext or not pdfinfo:
    print("skipped: needs LibreOffice (libreoffice-calc-nogui) and poppler-utils")
    sys.exit(77)

env = dict(os.environ, PLAN_TODAY="2025-03-31")
demo = os.path.join(root, "examples/demo/plan")


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


def norm(s):
    return re.sub(r"\s+", "", s)


# Each sheet: the words its page header starts with, its first and last column headers.
SHEETS = [("重点任务分解表", "部分", "进展情况"),
          ("各单位完成情况", "单位", "完成率"),
          ("各部分完成情况", "部分", "完成率"),
          ("逾期事项", "逾期天数", "责任单位"),
          ("2025 年度评分", "排名", "未报送月数")]


def printed(name, args, as_of, max_pages, scope, last_rows):
    """Exports, prints with LibreOffice, and checks the pages of each sheet."""
    xlsx = os.path.join(tmp, name + ".xlsx")
    r = subprocess.run([plan, "--plan-dir", demo, "export", "-o", xlsx, "--as-of", as_of, *args],
                       env=env, capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: export exited {r.returncode}: {r.stderr}")
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + os.path.join(tmp, "lo"),
                    "--convert-to", "pdf", "--outdir", tmp, xlsx],
                   capture_output=True, text=True, timeout=300)
    pdf = os.path.join(tmp, name + ".pdf")
    check(os.path.exists(pdf), f"{name}: LibreOffice made no PDF")
    if not os.path.exists(pdf):
        return
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "999", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    check(len(sizes) == pages, f"{name}: {len(sizes)} page sizes for {pages} pages")
    check(all(float(w) > float(h) for w, h in sizes), f"{name}: a page is portrait: {set(sizes)}")
    check(all(abs(float(w) - 841.9) < 2 and abs(float(h) - 595.3) < 2 for w, h in sizes),
          f"{name}: a page is not A4: {set(sizes)}")
    check(pages <= max_pages, f"{name}: {pages} pages, more than {max_pages}")
    per_sheet = {title: [] for title, _, _ in SHEETS}
    for n in range(1, pages + 1):
        text = subprocess.run([pdftotext, "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                              capture_output=True, text=True).stdout
        lines = [norm(l) for l in text.splitlines() if l.strip()]
        # The page header is the first line, unless a merged cell cut by the page break drew
        # its text above it.
        head = next((l for l in lines[:3] if any(l.startswith(norm(t)) for t, _, _ in SHEETS)),
                    lines[0] if lines else "")
        sheet = next((t for t, _, _ in SHEETS if head.startswith(norm(t))), None)
        check(sheet is not None, f"{name}: page {n} has no sheet title in its page header: {head!r}")
        if sheet is None:
            continue
        check(f"截至{as_of}" in head and norm(scope) in head,
              f"{name}: page {n}'s header {head!r} does not say the date and {scope!r}")
        check(re.search(rf"第{n}页，共{pages}页", norm(text)) is not None, f"{name}: page {n} has no page number")
        per_sheet[sheet].append(norm(text))
    for title, first, last in SHEETS:
        got = per_sheet[title]
        check(1 <= len(got) <= 3, f"{name}: sheet {title} prints on {len(got)} pages")
        for k, text in enumerate(got, 1):
            # One page wide with the header row repeated: every page has the first and the last
            # column's header. A column split off would be on pages without the first.
            check(first in text and last in text,
                  f"{name}: {title} page {k} lacks the column header {first!r} or {last!r}")
        check(norm(last_rows[title]) in "".join(got),
              f"{name}: {title}: the last row ({last_rows[title]!r}) is not printed")
    print(f"{name}: {pages} A4 landscape pages; per sheet " +
          ", ".join(f"{t} {len(per_sheet[t])}" for t, _, _ in SHEETS))


tmp = tempfile.mkdtemp()
try:
    printed("ledger", [], "2025-01-01", 12, "",
            {"重点任务分解表": "加强监督考核", "各单位完成情况": "南垣乡", "各部分完成情况": "七、工作要求",
             "逾期事项": "落实和完善行政执法人员工资待遇政策", "2025 年度评分": "南垣乡"})
    printed("township", ["--unit", "北平镇"], "2025-01-01", 8, "北平镇",
            {"重点任务分解表": "加强责任落实", "各单位完成情况": "北平镇", "各部分完成情况": "七、工作要求",
             "逾期事项": "制定本部门行政执法事项目录", "2025 年度评分": "北平镇"})
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"xlsx print: {passed()} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
