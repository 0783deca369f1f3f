#include "core/writers/dashboard.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/common/escape.h"
#include "core/common/text.h"
#include "core/reports/reports.h"

namespace plan {

namespace {

constexpr const char* kStyle = R"~(
:root { --done:#2e7d32; --late:#ef6c00; --over:#c62828; --todo:#cfd8dc; --ink:#263238; --soft:#607d8b; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 16px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-left: 4px solid var(--ink); padding-left: 8px; margin-top: 28px; }
.meta { color: var(--soft); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-top: 16px; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 12px; }
.card .n { font-size: 28px; font-weight: bold; } .card .l { color: var(--soft); }
.card.over .n { color: var(--over); } .card.done .n { color: var(--done); }
svg { width: 100%; height: auto; display: block; } svg text { font-size: 12px; fill: var(--ink); }
.chart { overflow-x: auto; } .chart svg { min-width: 760px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; white-space: nowrap; }
td.wide { white-space: normal; min-width: 16em; }
th { background: #eceff1; } td.num { text-align: right; white-space: nowrap; }
td.over { color: var(--over); font-weight: bold; }
.scroll { overflow-x: auto; }
.legend span { display: inline-block; margin-right: 14px; color: var(--soft); }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
footer { margin-top: 32px; color: var(--soft); font-size: 12px; }
@media (max-width: 640px) { body { padding: 8px; } .card .n { font-size: 22px; } th, td { font-size: 12px; } }
@page { size: A4 landscape; margin: 12mm; }
@media print { .page { break-before: page; } body { max-width: none; } a { color: inherit; } }
)~";

std::string pct(double x) {
  return fmt::format("{:.1f}%", x * 100);
}

// A horizontal bar per row: done (green), done late (orange, part of done), the rest (grey),
// with the overdue count at the end.
std::string bars_svg(const Summary& sum, Lang lang, bool titled) {
  const int label_w = titled ? 330 : 170, bar_w = 560, row_h = 24;
  const int h = static_cast<int>(sum.rows.size()) * row_h + 8;
  std::string out = fmt::format(R"~(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)~",
                                label_w + bar_w + 180, h, escape_html(tr(lang, "html-completion")));
  int y = 4;
  for (const auto& r : sum.rows) {
    const Counts& c = r.counts;
    std::string label = titled ? r.key + " " + truncate_to_width(r.title, 40) : r.key;
    double total = std::max(1, c.total);
    int on_time = static_cast<int>(bar_w * (c.done - c.done_late) / total);
    int late = static_cast<int>(bar_w * c.done_late / total);
    out += fmt::format(
        R"~(<g class="bar" data-key="{}" data-total="{}" data-done="{}" data-overdue="{}">)~",
        escape_html(r.key), c.total, c.done, c.overdue);
    out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="end">{}</text>)~", label_w - 8, y + 15,
                       escape_html(label));
    out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="16" fill="var(--todo)"/>)~",
                       label_w, y + 2, bar_w);
    out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="16" fill="var(--done)"/>)~",
                       label_w, y + 2, on_time);
    out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="16" fill="var(--late)"/>)~",
                       label_w + on_time, y + 2, late);
    out += fmt::format(
        R"~(<text x="{}" y="{}">{} {}/{}{}</text>)~", label_w + bar_w + 8, y + 15,
        c.has_rate() ? pct(c.completion()) : std::string("—"), c.done, c.total,
        c.overdue ? escape_html(tr(lang, "html-overdue-n", {std::to_string(c.overdue)})) : "");
    out += "</g>";
    y += row_h;
  }
  return out + "</svg>";
}

std::string legend(Lang lang) {
  return fmt::format(
      R"~(<p class="legend"><span><i style="background:var(--done)"></i>{}</span><span><i style="background:var(--late)"></i>{}</span><span><i style="background:var(--todo)"></i>{}</span></p>)~",
      escape_html(tr(lang, "html-legend-done")), escape_html(tr(lang, "html-legend-late")),
      escape_html(tr(lang, "html-legend-open")));
}

// Deadlines on a time axis: one mark per due date (size by number of assignments, colour by
// their state), and the as-of line.
std::string timeline_svg(const Ledger& ledger, Lang lang) {
  struct Slot {
    int total = 0, done = 0, overdue = 0;
  };
  std::map<Date, Slot> slots;
  for (const auto& s : ledger.rows) {
    if (!s.due) continue;
    Slot& sl = slots[*s.due];
    ++sl.total;
    sl.done += s.state == State::done;
    sl.overdue += s.overdue;
  }
  if (slots.empty()) return "";
  Date first = std::min(slots.begin()->first, ledger.as_of);
  Date last = std::max(slots.rbegin()->first, ledger.as_of);
  int span = std::max(1, days_between(first, last));
  const int left = 90, width = 1000, axis_y = 120;  // margins wide enough for the edge labels
  auto x_of = [&](const Date& d) { return left + width * days_between(first, d) / span; };
  std::string out = fmt::format(R"~(<svg viewBox="0 0 {} 190" role="img" aria-label="{}">)~",
                                left * 2 + width, escape_html(tr(lang, "html-timeline")));
  out +=
      fmt::format(R"~(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#90a4ae" stroke-width="2"/>)~",
                  left, axis_y, left + width, axis_y);
  int i = 0;
  for (const auto& [d, sl] : slots) {
    int x = x_of(d);
    double r = 5 + std::min(20.0, sl.total / 10.0);
    const char* color = sl.done == sl.total ? "var(--done)"
                        : sl.overdue        ? "var(--over)"
                                            : "#546e7a";
    int label_y = (i % 2 == 0) ? axis_y + 32 : axis_y + 50;
    out += fmt::format(
        R"~(<g class="due" data-date="{}" data-total="{}" data-done="{}" data-overdue="{}"><circle cx="{}" cy="{}" r="{:.0f}" fill="{}" fill-opacity="0.8"/><text x="{}" y="{}" text-anchor="middle">{} ({}/{})</text></g>)~",
        iso(d), sl.total, sl.done, sl.overdue, x, axis_y, r, color, x, label_y, iso(d), sl.done,
        sl.total);
    ++i;
  }
  int ax = x_of(ledger.as_of);
  out += fmt::format(
      R"~(<g class="as-of" data-date="{}"><line x1="{}" y1="20" x2="{}" y2="{}" stroke="var(--over)" stroke-dasharray="6 4" stroke-width="2"/><text x="{}" y="14" text-anchor="middle" style="fill:var(--over)">{}</text></g>)~",
      iso(ledger.as_of), ax, ax, axis_y + 60, ax,
      escape_html(tr(lang, "html-as-of", {iso(ledger.as_of)})));
  return out + "</svg>";
}

std::string table_html(const Table& t, const char* id) {
  std::string out = fmt::format(R"~(<div class="scroll"><table id="{}"><thead><tr>)~", id);
  for (const auto& c : t.columns) out += "<th>" + escape_html(c.header) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
      std::string cls = t.columns[i].align == Align::right ? "num"
                        : t.columns[i].max_width > 0       ? "wide"
                                                           : "";
      if (row[i].style == Style::overdue) cls += cls.empty() ? "over" : " over";
      out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
      out += escape_html(row[i].text) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string render_dashboard(const PlanIndex& index, const Ledger& ledger,
                             const DashboardOptions& o, Lang lang) {
  const PlanInfo& info = index.plan().info;
  Summary by_section = summarize(index, ledger, "section");
  Summary by_unit = summarize(index, ledger, "unit");
  const Counts& total = by_unit.total;
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < ledger.rows.size(); ++i) all.push_back(i);
  auto overdue = overdue_rows(index, ledger, all);
  auto due = due_rows(index, ledger, all, o.due_within);
  auto stale = stale_units(index, ledger, o.since, {});

  std::string title = info.title.empty() ? tr(lang, "html-title") : info.title;
  std::string h = "<!doctype html>\n<html lang=\"";
  h += lang == Lang::zh ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\">";
  h += "<title>" + escape_html(tr(lang, "html-title")) + " · " + escape_html(iso(ledger.as_of)) +
       "</title>";
  h += "<style>" + std::string(kStyle) + "</style></head><body>\n";
  h += "<header><h1>" + escape_html(title) + "</h1><p class=\"meta\">";
  if (!info.document.empty()) h += escape_html(info.document) + " · ";
  h += escape_html(tr(lang, "html-as-of", {iso(ledger.as_of)})) + "</p></header>\n";
  if (!ledger.skipped_files.empty())
    h +=
        "<p id=\"incomplete\" role=\"alert\" style=\"color:var(--over);font-weight:bold;border:2px "
        "solid var(--over);padding:8px\">" +
        escape_html(tr(lang, "report-incomplete-line", {join(ledger.skipped_files, ", ")})) +
        "</p>\n";

  auto card = [&](const char* id, const char* cls, const std::string& value,
                  const std::string& label) {
    return fmt::format(
        R"~(<div class="card {}" id="{}"><div class="n">{}</div><div class="l">{}</div></div>)~",
        cls, id, escape_html(value), escape_html(label));
  };
  h += "<section class=\"cards\">";
  h += card("card-total", "", std::to_string(total.total), tr(lang, "html-card-total"));
  h += card("card-done", "done", std::to_string(total.done), tr(lang, "html-card-done"));
  h += card("card-overdue", "over", std::to_string(total.overdue), tr(lang, "html-card-overdue"));
  h += card("card-completion", "", pct(total.completion()), tr(lang, "html-card-completion"));
  h += card("card-stale", "over", std::to_string(stale.size()),
            tr(lang, "html-card-stale", {iso(o.since)}));
  h += "</section>\n";
  h += "<p class=\"meta\" id=\"rate-note\">";
  for (const auto& note : summary_notes(total, lang)) h += escape_html(note) + " ";
  h += "</p>\n";

  h += "<section id=\"by-section\"><h2>" + escape_html(tr(lang, "html-by-section")) + "</h2>" +
       legend(lang) + "<div class=\"chart\">" + bars_svg(by_section, lang, true) +
       "</div></section>\n";
  h += "<section id=\"by-unit\" class=\"page\"><h2>" + escape_html(tr(lang, "html-by-unit")) +
       "</h2>" + legend(lang) + "<div class=\"chart\">" + bars_svg(by_unit, lang, false) +
       "</div></section>\n";
  h += "<section id=\"timeline\" class=\"page\"><h2>" + escape_html(tr(lang, "html-timeline")) +
       "</h2>" + "<div class=\"chart\">" + timeline_svg(ledger, lang) + "</div></section>\n";
  h += "<section id=\"overdue\" class=\"page\"><h2>" +
       escape_html(tr(lang, "html-overdue", {std::to_string(overdue.size())})) + "</h2>" +
       table_html(rows_table(index, ledger, overdue, RowsKind::overdue, lang), "overdue-table") +
       "</section>\n";
  h += "<section id=\"due-soon\" class=\"page\"><h2>" +
       escape_html(
           tr(lang, "html-due-soon", {std::to_string(o.due_within), std::to_string(due.size())})) +
       "</h2>" + table_html(rows_table(index, ledger, due, RowsKind::due, lang), "due-table") +
       "</section>\n";
  h += "<section id=\"stale\"><h2>" +
       escape_html(tr(lang, "html-stale", {iso(o.since), std::to_string(stale.size())})) + "</h2>" +
       table_html(stale_table(stale, lang), "stale-table") + "</section>\n";
  h += "<footer>" + escape_html(tr(lang, "html-footer", {o.generator, iso(ledger.as_of)})) +
       "</footer>\n";
  h += "</body></html>\n";
  return h;
}

}  // namespace plan
