#include "core/writers/dashboard.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/common/escape.h"
#include "core/common/text.h"
#include "core/reports/reports.h"

namespace plan {

namespace {

// Screen, phone and paper from one page. On a phone (up to 640 px) the bars put their label
// above the bar, wide tables become one card per row and the timeline a small table, so that
// nothing needs scrolling sideways and no text is under 12 px. On paper (A4 landscape) no part
// is forced onto a new page: headings stay with what follows them, and rows, bars and the small
// charts are not split.
constexpr const char* kStyle = R"~(
:root { --done:#2e7d32; --late:#ef6c00; --over:#c62828; --todo:#cfd8dc; --ink:#263238; --soft:#546e7a; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 16px; line-height: 1.5; font-size: 15px;
       overflow-wrap: anywhere; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; border-left: 4px solid var(--ink); padding-left: 8px; margin: 24px 0 8px;
     break-after: avoid; page-break-after: avoid; }
.meta { color: var(--soft); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 16px; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 10px 12px; }
.card .n { font-size: 28px; font-weight: bold; line-height: 1.25; } .card .l { color: var(--soft); font-size: 13px; }
.card.over .n { color: var(--over); } .card.done .n { color: var(--done); }
.legend { margin: 0 0 6px; font-size: 13px; break-after: avoid; page-break-after: avoid; }
.legend span { display: inline-block; margin-right: 14px; color: var(--soft); }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.bars { font-size: 13px; }
.bars.cols { columns: 2 30em; column-gap: 32px; }
.bar { display: grid; grid-template-columns: 10em minmax(48px, 1fr) 11.5em; gap: 8px; align-items: center;
       padding: 2px 0; break-inside: avoid; page-break-inside: avoid; }
.bars.titled .bar { grid-template-columns: minmax(10em, 24em) minmax(48px, 1fr) 11.5em; }
.bl { text-align: right; }
.track { display: flex; height: 14px; background: var(--todo); }
.track i { display: block; height: 100%; } .track .on { background: var(--done); } .track .lt { background: var(--late); }
.bv { white-space: nowrap; }
svg { width: 100%; height: auto; display: block; } svg text { font-size: 12px; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; white-space: nowrap; }
td.wide { white-space: normal; min-width: 12em; }
th { background: #eceff1; } td.num { text-align: right; }
td.over { color: var(--over); font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.none { color: var(--soft); }
.narrow-only { display: none; }
footer { margin-top: 24px; color: var(--soft); font-size: 12px; }
@media (max-width: 640px) {
  body { padding: 8px; font-size: 14px; } h1 { font-size: 19px; } h2 { font-size: 16px; }
  .card .n { font-size: 22px; }
  .bar, .bars.titled .bar { grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: "l v" "t t"; gap: 2px 8px; }
  .bl { grid-area: l; text-align: left; } .bv { grid-area: v; } .track { grid-area: t; }
  .wide-only { display: none; } .narrow-only { display: block; }
  th, td { white-space: normal; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 8px; padding: 4px 8px; }
  table.stack td { border: 0; padding: 1px 0; text-align: left; min-width: 0; }
  table.stack td::before { content: attr(data-label) "："; color: var(--soft); }
  html[lang=en] table.stack td::before { content: attr(data-label) ": "; }
}
@page { size: A4 landscape; margin: 10mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 12px; line-height: 1.4;
         print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2 { font-size: 15px; margin: 12px 0 6px; }
  .cards { grid-template-columns: repeat(5, 1fr); gap: 8px; margin-top: 8px; }
  .card { padding: 4px 8px; } .card .n { font-size: 20px; }
  .bars, table { font-size: 11px; } .bar { padding: 1px 0; }
  section.keep { break-inside: avoid; page-break-inside: avoid; }
  footer { margin-top: 8px; break-before: avoid; page-break-before: avoid; }
}
)~";

std::string pct(double x) {
  return fmt::format("{:.1f}%", x * 100);
}

// A bar per row: done on time (green) and done late (orange) over the whole (grey), with the
// rate, done/total and the overdue count after it. HTML rather than SVG, so that on a phone the
// label can go above the bar and the text keeps its size.
std::string bars_html(const Summary& sum, Lang lang, bool titled) {
  std::string out =
      fmt::format(R"~(<div class="bars{}" role="list" aria-label="{}">)~",
                  titled ? " titled" : " cols", escape_html(tr(lang, "html-completion")));
  for (const auto& r : sum.rows) {
    const Counts& c = r.counts;
    const double total = std::max(1, c.total);
    const double on_time = 100.0 * (c.done - c.done_late) / total;
    const double late = 100.0 * c.done_late / total;
    out += fmt::format(
        R"~(<div class="bar" role="listitem" data-key="{}" data-total="{}" data-done="{}" data-overdue="{}">)~",
        escape_html(r.key), c.total, c.done, c.overdue);
    out += "<span class=\"bl\">" + escape_html(titled ? r.key + " " + r.title : r.key) + "</span>";
    out += fmt::format(
        R"~(<span class="track"><i class="on" style="width:{:.1f}%"></i><i class="lt" style="width:{:.1f}%"></i></span>)~",
        on_time, late);
    out += "<span class=\"bv\">" +
           escape_html((c.has_rate() ? pct(c.completion()) : std::string("—")) + " " +
                       std::to_string(c.done) + "/" + std::to_string(c.total) +
                       (c.overdue ? tr(lang, "html-overdue-n", {std::to_string(c.overdue)}) : "")) +
           "</span></div>";
  }
  return out + "</div>";
}

std::string legend(Lang lang) {
  return fmt::format(
      R"~(<p class="legend"><span><i style="background:var(--done)"></i>{}</span><span><i style="background:var(--late)"></i>{}</span><span><i style="background:var(--todo)"></i>{}</span></p>)~",
      escape_html(tr(lang, "html-legend-done")), escape_html(tr(lang, "html-legend-late")),
      escape_html(tr(lang, "html-legend-open")));
}

struct Slot {
  int total = 0, done = 0, overdue = 0;
};

std::map<Date, Slot> deadline_slots(const Ledger& ledger) {
  std::map<Date, Slot> slots;
  for (const auto& s : ledger.rows) {
    if (!s.due) continue;
    Slot& sl = slots[*s.due];
    ++sl.total;
    sl.done += s.state == State::done;
    sl.overdue += s.overdue;
  }
  return slots;
}

// Deadlines on a time axis: one mark per due date (size by number of assignments, colour by
// their state), and the as-of line.
std::string timeline_svg(const Ledger& ledger, const std::map<Date, Slot>& slots, Lang lang) {
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

// The same deadlines as a small table, for a phone: a time axis squeezed to 400 px would make its
// labels unreadable. The as-of day is a row in date order.
Table timeline_table(const Ledger& ledger, const std::map<Date, Slot>& slots, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-due")},
               {tr(lang, "col-total"), Align::right},
               {tr(lang, "col-done"), Align::right},
               {tr(lang, "col-overdue"), Align::right}};
  bool said = false;
  auto as_of_row = [&] {
    t.rows.push_back({{tr(lang, "html-as-of", {iso(ledger.as_of)}), Style::overdue}, {}, {}, {}});
    said = true;
  };
  for (const auto& [d, sl] : slots) {
    if (!said && ledger.as_of < d) as_of_row();
    t.rows.push_back({{iso(d)},
                      {std::to_string(sl.total)},
                      {std::to_string(sl.done)},
                      {std::to_string(sl.overdue), sl.overdue ? Style::overdue : Style::plain}});
  }
  if (!said) as_of_row();
  return t;
}

// `stack`: on a phone each row becomes a card, its cells labelled with their column's header.
std::string table_html(const Table& t, const char* id, bool stack) {
  std::string out =
      fmt::format(R"~(<table id="{}"{}><thead><tr>)~", id, stack ? " class=\"stack\"" : "");
  for (const auto& c : t.columns) out += "<th>" + escape_html(c.header) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
      std::string cls = t.columns[i].align == Align::right ? "num"
                        : t.columns[i].max_width > 0       ? "wide"
                                                           : "";
      if (row[i].style == Style::overdue) cls += cls.empty() ? "over" : " over";
      out += "<td";
      if (!cls.empty()) out += " class=\"" + cls + "\"";
      if (stack) out += " data-label=\"" + escape_html(t.columns[i].header) + "\"";
      out += ">" + escape_html(row[i].text) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::size_t assignment_count(const std::vector<ItemRows>& groups) {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.rows.size();
  return n;
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
  // One row per item with its units: a measure 25 units share is one row, not 25.
  auto overdue = group_by_item(index, ledger, overdue_rows(index, ledger, all));
  auto due = group_by_item(index, ledger, due_rows(index, ledger, all, o.due_within));
  auto stale = stale_units(index, ledger, o.since, {});
  const std::string as_of = iso(ledger.as_of);

  std::string title = info.title.empty() ? tr(lang, "html-title") : info.title;
  if (!o.scope.empty()) title = tr(lang, "html-title-scope", {title, o.scope});
  std::string h = "<!doctype html>\n<html lang=\"";
  h += lang == Lang::zh ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\">";
  h += "<title>" + escape_html(tr(lang, "html-title")) + " · ";
  if (!o.scope.empty()) h += escape_html(o.scope) + " · ";
  h += escape_html(as_of) + "</title>";
  h += "<style>" + std::string(kStyle) + "</style></head><body>\n";
  h += "<header><h1>" + escape_html(title) + "</h1><p class=\"meta\">";
  if (!info.document.empty()) h += escape_html(info.document) + " · ";
  h += escape_html(tr(lang, "html-as-of", {as_of})) + "</p></header>\n";
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
  h += card("card-completion", "", total.has_rate() ? pct(total.completion()) : "—",
            tr(lang, "html-card-completion"));
  h += card("card-stale", "over", std::to_string(stale.size()),
            tr(lang, "html-card-stale", {iso(o.since)}));
  h += "</section>\n";
  h += "<p class=\"meta\" id=\"rate-note\">";
  for (const auto& note : summary_notes(total, lang)) h += escape_html(note) + " ";
  h += "</p>\n";

  auto heading = [&](const std::string& text) { return "<h2>" + escape_html(text) + "</h2>"; };
  h += "<section id=\"by-section\" class=\"keep\">" + heading(tr(lang, "html-by-section")) +
       legend(lang) + bars_html(by_section, lang, true) + "</section>\n";
  h += "<section id=\"by-unit\">" + heading(tr(lang, "html-by-unit")) + legend(lang) +
       bars_html(by_unit, lang, false) + "</section>\n";
  const auto slots = deadline_slots(ledger);
  if (!slots.empty())
    h += "<section id=\"timeline\" class=\"keep\">" + heading(tr(lang, "html-timeline")) +
         "<div class=\"wide-only\">" + timeline_svg(ledger, slots, lang) +
         "</div><div class=\"narrow-only\">" +
         table_html(timeline_table(ledger, slots, lang), "timeline-table", false) +
         "</div></section>\n";

  auto none = [&](const std::string& text) {
    return "<p class=\"none\">" + escape_html(text) + "</p>";
  };
  h += "<section id=\"overdue\">" +
       heading(tr(lang, "html-overdue-items",
                  {std::to_string(overdue.size()), std::to_string(assignment_count(overdue))}));
  h += overdue.empty()
           ? none(tr(lang, "html-none-overdue", {as_of}))
           : table_html(item_rows_table(index, ledger, overdue, RowsKind::overdue, lang),
                        "overdue-table", true);
  h += "</section>\n";
  h += "<section id=\"due-soon\">" +
       heading(tr(lang, "html-due-soon-items",
                  {std::to_string(o.due_within), std::to_string(due.size()),
                   std::to_string(assignment_count(due))}));
  h += due.empty() ? none(tr(lang, "html-none-due", {as_of, std::to_string(o.due_within)}))
                   : table_html(item_rows_table(index, ledger, due, RowsKind::due, lang),
                                "due-table", true);
  h += "</section>\n";
  h += "<section id=\"stale\">" +
       heading(tr(lang, "html-stale", {iso(o.since), std::to_string(stale.size())}));
  h += stale.empty() ? none(tr(lang, "html-none-stale", {iso(o.since)}))
                     : table_html(stale_table(stale, lang), "stale-table", true);
  h += "</section>\n";
  h += "<footer>" + escape_html(tr(lang, "html-footer", {o.generator, as_of})) + "</footer>\n";
  h += "</body></html>\n";
  return h;
}

std::string render_rollup_dashboard(const Rollup& r, const std::string& generator, Lang lang) {
  const std::string as_of = iso(r.as_of);
  const std::string title = r.title.empty() ? tr(lang, "html-rollup-title") : r.title;
  std::string h = "<!doctype html>\n<html lang=\"";
  h += lang == Lang::zh ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\">";
  h += "<title>" + escape_html(title) + " · " + escape_html(as_of) + "</title>";
  h += "<style>" + std::string(kStyle) + "</style></head><body>\n";
  h += "<header><h1>" + escape_html(title) + "</h1><p class=\"meta\">" +
       escape_html(tr(lang, "html-rollup-meta", {as_of, std::to_string(r.rows.size())}));
  if (!r.plan_at.empty()) h += " · " + escape_html(tr(lang, "html-rollup-plan-at", {r.plan_at}));
  h += "</p></header>\n";
  if (r.failed())
    h +=
        "<p id=\"incomplete\" role=\"alert\" style=\"color:var(--over);font-weight:bold;border:2px "
        "solid var(--over);padding:8px\">" +
        escape_html(tr(lang, "rollup-note-failed", {std::to_string(r.failed())})) + "</p>\n";
  auto card = [&](const char* id, const char* cls, const std::string& value,
                  const std::string& label) {
    return fmt::format(
        R"~(<div class="card {}" id="{}"><div class="n">{}</div><div class="l">{}</div></div>)~",
        cls, id, escape_html(value), escape_html(label));
  };
  const Counts& total = r.total;
  h += "<section class=\"cards\">";
  h += card("card-members", "", std::to_string(r.rows.size() - r.failed()),
            tr(lang, "html-card-members"));
  h += card("card-total", "", std::to_string(total.total), tr(lang, "html-card-total"));
  h += card("card-done", "done", std::to_string(total.done), tr(lang, "html-card-done"));
  h += card("card-overdue", "over", std::to_string(total.overdue), tr(lang, "html-card-overdue"));
  h += card("card-completion", "", total.has_rate() ? pct(total.completion()) : "—",
            tr(lang, "html-card-completion"));
  h += card("card-stale", "over", std::to_string(r.silent_units),
            tr(lang, "html-card-stale", {iso(add_days(r.as_of, -r.silent_days))}));
  h += "</section>\n";
  h += "<p class=\"meta\" id=\"rate-note\">";
  for (const auto& note : summary_notes(total, lang)) h += escape_html(note) + " ";
  h += escape_html(tr(lang, "rollup-note-same", {std::to_string(r.silent_days)})) + "</p>\n";
  auto heading = [&](const std::string& text) { return "<h2>" + escape_html(text) + "</h2>"; };
  // A row of bars per member that was read, in rollup.yaml order.
  Summary members;
  members.by = "member";
  for (const auto& m : r.rows)
    if (m.ok()) members.rows.push_back({m.name, "", m.counts});
  members.total = total;
  h += "<section id=\"by-member\">" + heading(tr(lang, "html-by-member")) + legend(lang) +
       bars_html(members, lang, false) + "</section>\n";
  h += "<section id=\"members\">" + heading(tr(lang, "html-member-table")) +
       table_html(rollup_table(r, lang), "member-table", true) + "</section>\n";
  if (!r.parent_tasks.empty() || !r.uncovered.empty()) {
    h += "<section id=\"parent-tasks\">" +
         heading(tr(lang, "html-parent-tasks",
                    {std::to_string(r.parent_tasks.size()), std::to_string(r.uncovered.size())})) +
         table_html(parent_task_table(r, lang), "parent-table", true) + "</section>\n";
  }
  h += "<footer>" + escape_html(tr(lang, "html-footer", {generator, as_of})) + "</footer>\n";
  h += "</body></html>\n";
  return h;
}

}  // namespace plan
