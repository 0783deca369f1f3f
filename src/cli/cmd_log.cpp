// plan log: the history of progress entries, oldest first.
#include <cstdio>
#include <filesystem>

#include "cli/cli.h"

namespace plan::cli {

namespace {

// Rows are rendered this many at a time, so that no whole table of a long log is ever held.
constexpr std::size_t kBatch = 4096;

// The members of a JSON object as dump(2) writes them inside its braces, for splicing.
std::string json_members(const Json& object) {
  std::string text = object.dump(2, ' ', false, Json::error_handler_t::replace);
  return text.substr(2, text.size() - 4);  // without "{\n" and "\n}"
}

// Writes the log in the chosen format, batch by batch: straight to stdout, or collected for -o
// (written atomically at the end).
int print_log(const Globals& g, const PlanIndex& index, const LogRows& log, const Date& as_of,
              const ReportOptions& o, const LedgerFilter& filter,
              const std::vector<std::string>& skipped) {
  // Batch `from` as a table: the first says the day above it (or, with no entries, only one
  // sentence that there are none); the others are only rows, to be joined under it.
  auto batch = [&](std::size_t from) {
    Table t = log_table(index, log, g.lang, from, from + kBatch);
    return from == 0 ? framed(g, std::move(t), as_of, o, filter, "empty-log") : t;
  };
  auto dump = [](const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); };
  std::string text;
  auto flush = [&] {
    if (g.output.empty()) {
      out(text);
      text.clear();
    }
  };
  const std::size_t n = log.rows.size();
  if (g.format == "json") {
    // The same bytes as log_json(…).dump(2): each entry dumped alone and indented.
    text = "{\n" + json_members(Json{{"as_of", iso(as_of)}}) + ",\n  \"entries\": [";
    for (std::size_t k = 0; k < n; ++k) {
      std::string entry = dump(log_entry_json(log, log.rows[k]));
      text += k ? ",\n    " : "\n    ";
      for (char c : entry) {
        text += c;
        if (c == '\n') text += "    ";
      }
      if (k % kBatch == kBatch - 1) flush();
    }
    text += n ? "\n  ]" : "]";
    if (!skipped.empty()) {
      Json mark;
      mark["incomplete"] = true;
      mark["skipped_files"] = skipped;
      text += ",\n" + json_members(mark);
    }
    text += "\n}\n";
  } else if (g.format == "csv" || g.format == "md") {
    // Every batch renders its own header: all but the first lose it (CSV: the byte order mark
    // and one line; Markdown: the header line and the rule under it).
    for (std::size_t from = 0; from == 0 || from < n; from += kBatch) {
      Table t = batch(from);
      std::string part = g.format == "csv" ? render_csv(t) : render_markdown(t);
      if (from > 0) {
        std::size_t cut = 0;
        for (int lines = g.format == "csv" ? 1 : 2; lines > 0 && cut != std::string::npos; --lines)
          cut = part.find('\n', cut) + 1;
        part.erase(0, cut);
      }
      text += part;
      flush();
    }
    if (!skipped.empty() && g.format == "md") text += "\n" + incomplete_line(g, skipped) + "\n";
  } else {
    // A terminal table lines up across batches: widths are measured over all of them first.
    std::vector<std::size_t> widths;
    for (std::size_t from = 0; from < n; from += kBatch) {
      auto w = text_widths(log_table(index, log, g.lang, from, from + kBatch));
      widths.resize(w.size(), 0);
      for (std::size_t i = 0; i < w.size(); ++i) widths[i] = std::max(widths[i], w[i]);
    }
    const bool color = g.color_on && g.output.empty();
    for (std::size_t from = 0; from == 0 || from < n; from += kBatch) {
      Table t = batch(from);
      t.min_widths = widths;
      std::string part = render_text(t, color, g.output.empty() ? g.fit : 0);
      if (from > 0) part.erase(0, part.find('\n', part.find('\n') + 1) + 1);  // header, rule
      text += part;
      flush();
    }
    if (!skipped.empty()) text += incomplete_line(g, skipped) + "\n";
  }
  int rc = kOk;
  if (g.output.empty()) {
    out(text);
  } else {
    rc = emit(g, text);
  }
  return rc == kOk && !skipped.empty() ? kDataError : rc;
}

int run_log(const Globals& g, const ReportOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  auto as_of = as_of_date(g, o.as_of);
  if (!as_of) return kUsage;
  auto filter = make_filter(g, *s->index, o);
  if (!filter) return kUsage;
  const PlanIndex& index = *s->index;
  // Entries stream past, each with its fate, into compact rows; only the rows are kept (the
  // log shows every entry, so it is the one report that keeps them all).
  LogBuilder builder(index, *filter, *as_of);
  StreamOptions options;
  options.resolve = false;
  options.skip_broken_files = true;
  options.fated_sink = [&](ProgressEntry&& e, EntryFate&& fate) {
    builder.add(std::move(e), fate);
  };
  // Through the progress cache: an unchanged file is not read, its entries come from its record.
  options.cache = s->cache.get();
  const std::string dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  ProgressStream p = stream_progress(dir, index, g.today, {}, options);
  say_skipped(g, p);
  LogRows log = builder.finish();
  return print_log(g, index, log, *as_of, o, *filter, p.skipped_files);
}

}  // namespace

Command setup_log(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("log", tr(g.lang, "help-log"));
  add_report_options(sub, g, *o, true, true);
  sub->footer(tr(g.lang, "help-log-examples"));
  return {sub, [&g, o] { return run_log(g, *o); }};
}

}  // namespace plan::cli
