#include "core/common/i18n.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <unordered_map>

namespace plan {

namespace {

struct Text {
  const char* key;
  const char* zh;
  const char* en;
};

// One table for every user-facing string. Keys are also the diagnostic codes shown in JSON.
constexpr Text kTexts[] = {
    // ---- diagnostics: reading files
    {"severity-error", "错误：", "error: "},
    {"severity-warning", "警告：", "warning: "},
    {"did-you-mean", "（是否是“{0}”？）", " (did you mean '{0}'?)"},
    {"plan-dir-missing", "计划目录 {0} 不存在；请检查 --plan-dir 或 PLAN_DIR",
     "plan directory {0} does not exist; check --plan-dir or PLAN_DIR"},
    {"plan-not-found",
     "在 {0} 及其上级目录中找不到 plan/tasks.yaml；请用 --plan-dir 指定计划目录，或用 plan init "
     "新建",
     "no plan/tasks.yaml in {0} or any parent directory; name one with --plan-dir, or create one "
     "with plan init"},
    {"file-missing", "找不到文件 {0}；计划目录中应有 tasks.yaml 和 units.yaml",
     "file {0} not found; a plan directory holds tasks.yaml and units.yaml"},
    {"file-unreadable", "无法读取文件：{0}", "cannot read the file: {0}"},
    {"file-not-regular", "不是普通文件（是目录、管道或设备）；请换成 YAML 文本文件",
     "not a regular file (a directory, pipe or device); it should be a YAML text file"},
    {"file-too-large", "文件有 {0} 字节，超过上限 {1} 字节；请拆分文件",
     "the file has {0} bytes, more than the limit of {1}; split it"},
    {"file-binary", "文件含有 NUL 字节，不是文本文件",
     "the file holds NUL bytes; it is not a text file"},
    {"not-utf8", "文件不是 UTF-8 编码（此处的字节无效）；请另存为 UTF-8",
     "the file is not UTF-8 (invalid bytes here); save it as UTF-8"},
    {"not-utf8-gbk",
     "文件不是 UTF-8 编码，看起来是 GBK/GB18030；请转换：iconv -f GB18030 -t UTF-8 原文件 > "
     "新文件，"
     "或在记事本/WPS 中“另存为”UTF-8",
     "the file is not UTF-8; it looks like GBK/GB18030. Convert it: iconv -f GB18030 -t UTF-8 old "
     "> "
     "new, or save it as UTF-8 in your editor"},
    {"yaml-syntax", "YAML 语法错误：{0}", "YAML syntax error: {0}"},
    {"yaml-full-width",
     "这里的全角“{0}”应为英文半角“{1}”（YAML "
     "的标点只认半角；若它是文字的一部分，请给整段文字加英文双引号）",
     "the full-width '{0}' here should be the ASCII '{1}' (YAML punctuation is ASCII; if it is "
     "part "
     "of the text, put the whole text in double quotes)"},
    {"yaml-flow-mapping", "YAML 语法错误：{ } 中缺少英文逗号“,”或右花括号“}”（{0}）",
     "YAML syntax error: a ',' or the closing '}' is missing ({0})"},
    {"yaml-flow-sequence", "YAML 语法错误：[ ] 中缺少英文逗号“,”或右方括号“]”（{0}）",
     "YAML syntax error: a ',' or the closing ']' is missing ({0})"},
    {"yaml-colon-in-value",
     "YAML 语法错误：这里不能出现“: ”；文字中含冒号加空格时，请给整段文字加英文双引号（{0}）",
     "YAML syntax error: ': ' is not allowed here; quote a text that holds a colon and a space "
     "({0})"},
    {"yaml-expected-key", "YAML 语法错误：缩进不对，或缺少“名称: ”（{0}）",
     "YAML syntax error: wrong indentation, or a 'key: ' is missing ({0})"},
    {"yaml-bad-token",
     "YAML 语法错误：这个字符不能作为值的开头（如 ` @ %）；请给这段文字加英文双引号（{0}）",
     "YAML syntax error: a value cannot start with this character (` @ % …); quote the text ({0})"},
    {"yaml-expected-colon", "YAML 语法错误：缺少英文冒号“:”（{0}）",
     "YAML syntax error: a ':' is missing ({0})"},
    {"yaml-unclosed", "YAML 语法错误：从这里开始的引号或括号直到文件末尾都没有闭合（{0}）",
     "YAML syntax error: the quote or bracket opened here is never closed ({0})"},
    {"yaml-expected-dash", "YAML 语法错误：列表项（“- ”开头）的缩进不一致（{0}）",
     "YAML syntax error: the list items ('- ') are not indented alike ({0})"},
    {"yaml-tab-indent", "YAML 不允许用制表符（Tab）缩进；请改用空格",
     "YAML does not allow tabs for indentation; use spaces"},
    {"yaml-alias", "不支持 YAML 锚点和别名（& 和 *）；请直接写出内容",
     "YAML anchors and aliases (& and *) are not supported; write the content out"},
    {"yaml-depth", "嵌套超过 {0} 层", "nesting deeper than {0} levels"},
    {"yaml-multi-doc", "文件中只能有一个 YAML 文档（去掉多余的 ---）",
     "the file may hold one YAML document only (remove the extra ---)"},
    {"yaml-too-many-nodes", "文件中的条目超过 {0} 个", "the file has more than {0} nodes"},
    // ---- diagnostics: shape of the data
    {"expected-map", "{0}应为映射（键: 值），这里是{1}",
     "{0} should be a mapping (key: value), not {1}"},
    {"expected-list", "{0}应为列表（- 项），这里是{1}", "{0} should be a list (- item), not {1}"},
    {"expected-scalar", "{0}应为单个值，这里是{1}", "{0} should be a single value, not {1}"},
    {"expected-bool", "{0}应为 true 或 false，这里是“{1}”",
     "{0} should be true or false, not '{1}'"},
    {"kind-map", "映射", "a mapping"},
    {"kind-list", "列表", "a list"},
    {"kind-scalar", "单个值", "a single value"},
    {"kind-null", "空值", "empty"},
    {"unknown-key", "未知字段“{0}”；此处可用：{1}", "unknown field '{0}'; allowed here: {1}"},
    {"duplicate-key", "字段“{0}”重复（第一次在第 {1} 行）；请删去一个",
     "field '{0}' appears twice (first on line {1}); remove one"},
    {"missing-key", "缺少必填字段“{0}”", "required field '{0}' is missing"},
    {"empty-value", "“{0}”不能为空", "'{0}' must not be empty"},
    {"empty-file", "文件为空；应包含 {0}", "the file is empty; it should hold {0}"},
    {"bad-unit-kind", "未知的单位类别“{0}”；可用：{1}", "unknown unit kind '{0}'; allowed: {1}"},
    {"bad-coordination", "coordination 应为 office（办公室）或 member（成员单位），这里是“{0}”",
     "coordination should be office or member, not '{0}'"},
    {"bad-id", "编号“{0}”格式不对；{1}", "id '{0}' is malformed; {1}"},
    {"id-task-form", "任务编号是数字，如 16", "a task id is a number such as 16"},
    {"id-measure-form", "具体措施编号写作 (25)", "a measure id is written (25)"},
    {"id-part-form", "分项编号是任务号加字母，如 5a",
     "a part id is the task number and a letter, such as 5a"},
    {"id-requirement-form", "工作要求编号写作 七(一)", "a requirement id is written 七(一)"},
    {"id-section-form", "部分编号是中文数字，如 一",
     "a section id is a Chinese numeral such as 一"},
    {"part-id-task", "分项“{0}”应以所属任务号 {1} 开头",
     "part '{0}' should start with its task number {1}"},
    // ---- diagnostics: meaning
    {"bad-deadline",
     "无法识别的完成时限“{0}”；可用格式：2024年底前、2024年底、2024年6月底前、2025年3月15日前、"
     "2024年上半年、2024年下半年、2024年第三季度、2024-12-31",
     "unrecognised deadline '{0}'; accepted forms: 2024年底前, 2024年底, 2024年6月底前, "
     "2025年3月15日前, 2024年上半年, 2024年下半年, 2024年第三季度, 2024-12-31"},
    {"bad-date", "日期“{0}”不存在", "the date '{0}' does not exist"},
    {"bad-iso-date", "日期“{0}”应写作 YYYY-MM-DD，如 2024-12-31",
     "the date '{0}' should be written YYYY-MM-DD, e.g. 2024-12-31"},
    {"duplicate-id", "编号“{0}”重复（第一次在 {1}）", "id '{0}' is used twice (first at {1})"},
    {"duplicate-name", "名称“{0}”重复（第一次在 {1}）", "name '{0}' is used twice (first at {1})"},
    {"unknown-unit", "未知的单位或分组“{0}”", "unknown unit or group '{0}'"},
    {"group-cycle", "分组循环包含：{0}", "groups contain each other in a cycle: {0}"},
    {"measure-after-task", "“{0}”的完成时限 {1} 晚于所属“{2}”的 {3}",
     "'{0}' is due {1}, after its parent '{2}' due {3}"},
    {"ack-unused", "plan.acknowledged 中确认的警告（{0} {1}）已不再出现；请删去这一条",
     "the acknowledged warning ({0} {1}) no longer occurs; remove it from plan.acknowledged"},
    {"check-acknowledged-hidden",
     "另有 {0} 个已确认的警告未显示（见 tasks.yaml 的 plan.acknowledged；--all-warnings 可显示）",
     "{0} acknowledged warnings not shown (see plan.acknowledged in tasks.yaml; --all-warnings "
     "shows them)"},
    {"help-opt-all-warnings", "也显示计划中已确认（plan.acknowledged）的警告",
     "also show the warnings the plan acknowledges (plan.acknowledged)"},
    {"numbering-gap", "具体措施编号不连续：缺少 {0}",
     "specific measures are not numbered in sequence: {0} missing"},
    {"unit-unassigned", "单位“{0}”没有承担任何事项", "unit '{0}' is assigned nothing"},
    {"no-units", "“{0}”没有责任单位", "'{0}' has no responsible unit"},
    {"no-deadline-leaf", "“{0}”没有完成时限，不会被计为逾期",
     "'{0}' has no deadline and will never be overdue"},
    {"parts-and-deadline", "任务“{0}”分了分项，时限应写在各分项上（任务上用 deadline_text 记原文）",
     "task '{0}' has parts; put deadlines on the parts (keep the original wording in "
     "deadline_text)"},
    // ---- summary lines
    {"check-ok",
     "检查通过：{0} 个任务，{1} 项具体措施，{2} 个单位，{3} 个分组，{4} 条进度记录；{5} 个警告",
     "check passed: {0} tasks, {1} specific measures, {2} units, {3} groups, {4} progress entries; "
     "{5} warnings"},
    {"check-failed", "检查未通过：{0} 个错误，{1} 个警告",
     "check failed: {0} errors, {1} warnings"},
    {"errors-stop", "计划文件有 {0} 个错误，请先修正（plan check 列出全部问题）",
     "the plan files have {0} errors; fix them first (plan check lists every problem)"},
    // ---- progress entries
    {"entry-future", "日期 {0} 晚于今天（{1}）；进度只能记录已经发生的事",
     "the date {0} is after today ({1}); record only what has happened"},
    {"unknown-item", "没有编号为“{0}”的事项；编号规则见 docs/data-format.md",
     "no item with id '{0}'; see docs/data-format.md for the id scheme"},
    {"not-responsible", "“{0}”不是“{1}”的责任单位；责任单位为：{2}",
     "'{0}' is not responsible for '{1}'; responsible: {2}"},
    {"bad-status",
     "未知的状态“{0}”；可用：未开始、进行中、已完成、受阻（或 "
     "not_started、in_progress、done、blocked）",
     "unknown status '{0}'; use 未开始, 进行中, 已完成, 受阻 (or not_started, in_progress, done, "
     "blocked)"},
    {"evidence-missing", "佐证文件“{0}”不存在（相对于仓库根目录）",
     "the evidence file '{0}' does not exist (relative to the repository root)"},
    {"progress-unknown-unit", "进度文件对应的单位“{0}”不在 units.yaml 中；文件名应为单位名加 .yaml",
     "the progress file is for '{0}', which is not a unit in units.yaml; name files after units"},
    {"record-group", "“{0}”是分组；请逐个单位记录：{1}",
     "'{0}' is a group; record for each unit: {1}"},
    {"record-unknown-unit", "没有名为“{0}”的单位", "no unit named '{0}'"},
    {"text-empty", "不能为空", "must not be empty"},
    {"text-too-long", "超过 {0} 个字符", "is longer than {0} characters"},
    {"text-control", "含有控制字符（如换行、制表以外的不可见字符）", "contains control characters"},
    {"text-not-utf8", "不是有效的 UTF-8 文本", "is not valid UTF-8 text"},
    {"bad-user-date",
     "无法识别的日期“{0}”；可写作 2024-12-31、2024/12/31、2024.12.31、20241231 或 2024年12月31日",
     "unrecognised date '{0}'; write 2024-12-31, 2024/12/31, 2024.12.31, 20241231 or "
     "2024年12月31日"},
    {"record-failed", "未能记录，原有记录未受影响：{0}：{1}",
     "nothing was recorded, the existing entries are intact: {0}: {1}"},
    {"record-unwritable", "这条记录无法写成可读回的 YAML（请去掉说明中的特殊字符后重试）",
     "this entry cannot be written as YAML that reads back the same (remove unusual characters)"},
    {"record-done", "已记录（编号 {0}）：{1} {2} {3} {4} → {5}",
     "recorded (id {0}): {1} {2} {3} {4} → {5}"},
    {"amend-done", "已更正（新编号 {0}）：{1} {2} {3} {4} → {5}",
     "corrected (new id {0}): {1} {2} {3} {4} → {5}"},
    {"retract-done", "已撤回（编号 {0}）：{1} 的记录 {2}，{3} → {4}",
     "retracted (id {0}): {1}'s entry {2}, {3} → {4}"},
    {"record-item-title", "事项 {0}：{1}", "item {0}: {1}"},
    {"record-covers", "适用于本单位负责的 {1} 项：{0}（已完成的具体措施不会因此重新打开）",
     "applies to this unit's {1} items: {0} (measures already done are not reopened by it)"},
    {"entry-id-form", "“{0}”不是记录编号；编号是 4 位以上的小写十六进制数字，plan log 第一列列出",
     "'{0}' is not an entry id; ids are 4 or more lowercase hex digits, shown first in plan log"},
    {"entry-id-unknown", "没有编号以“{0}”开头的记录；plan log 列出全部编号",
     "no entry id starts with '{0}'; plan log lists every id"},
    {"entry-id-maybe-skipped", "（它也可能在因有错误而跳过的文件中：{0}；先修正该文件）",
     " (it may be in a file left out for its errors: {0}; fix that file first)"},
    {"ledger-files-skipped",
     "{0} 个进度文件有错误，已跳过，其中的记录不能修改或撤回：{1}；用 plan check 查看并修正",
     "{0} progress files have errors and are left out; their entries cannot be amended or "
     "retracted: {1}; see plan check"},
    {"import-unit-file-broken",
     "未导入任何记录：这些单位自己的进度文件有错误（见上），无法判断报送表中哪些是重复的：{0}；"
     "用 plan check 查看并修正后再导入",
     "nothing imported: these units' own progress files have errors (see above), so repeats in "
     "the form cannot be told apart: {0}; fix them (plan check), then import again"},
    {"entry-id-ambiguous", "“{0}”对应多条记录：{1}；请多写几位",
     "'{0}' matches several entries: {1}; type more digits"},
    {"entry-already-retracted", "记录 {0} 已被 {1} 撤回", "entry {0} was retracted by {1}"},
    {"amend-nothing", "没有要更正的内容；请给出 --status、--date、--item、--note 或 --evidence",
     "nothing to correct; give --status, --date, --item, --note or --evidence"},
    {"amend-same", "更正后的内容与记录 {0} 相同", "the correction says the same as entry {0}"},
    {"amend-follows", "plan: 记录 {0} 已被更正过，本次更正接在现行的 {1} 之后",
     "plan: entry {0} was corrected before; this correction follows the one in force, {1}"},
    {"entry-orphaned",
     "“{0}”已不是“{1}”的责任单位（计划已调整；现在的责任单位为：{2}）；这条记录保留在文件中，"
     "报表不再计入",
     "'{0}' is no longer responsible for '{1}' (the plan changed; now: {2}); the entry stays in "
     "the file and reports leave it out"},
    {"entry-duplicate-id", "编号 {0} 已用于第 {1} 行的另一条记录；请勿复制记录行",
     "id {0} is already used by another entry on line {1}; do not copy entry lines"},
    {"bad-entry-id", "记录编号“{0}”应为 6 到 16 位小写十六进制数字（如 3f9a1c2b7d）",
     "the entry id '{0}' should be 6 to 16 lowercase hex digits (e.g. 3f9a1c2b7d)"},
    {"bad-recorded", "记录时间“{0}”应写成 2025-01-05T10:23:11+08:00",
     "the recorded time '{0}' should read like 2025-01-05T10:23:11+08:00"},
    {"correction-unknown-id",
     "本单位的进度文件中没有编号为 {0} 的记录；更正和撤回只能针对同一单位已有的记录（plan log "
     "列出编号）",
     "this unit's file has no entry with id {0}; a correction or retraction names an existing "
     "entry of the same unit (plan log lists ids)"},
    {"correction-of-retraction", "{0} 是一条撤回记录，不能再更正或撤回",
     "{0} is a retraction; it cannot be corrected or retracted"},
    {"correction-cycle", "记录 {0} 的更正关系形成了循环；请删除手工添加的更正行",
     "the corrections of entry {0} form a cycle; remove the hand-written correction lines"},
    {"correction-conflict",
     "记录 {0} 有两条并存的更正（可能来自两个副本的合并）；以后记录的 {1} 为准",
     "entry {0} has two standing corrections (perhaps from merging two clones); the later "
     "recorded, {1}, is in force"},
    {"correction-both", "一条记录不能同时有 amends 和 retracts",
     "an entry cannot have both amends and retracts"},
    {"correction-no-reason", "更正和撤回必须写明原因（reason）",
     "a correction or retraction needs a reason"},
    {"retraction-extra-key", "撤回记录不能有“{0}”；要改正内容请用 plan amend",
     "a retraction has no '{0}'; to change the content use plan amend"},
    {"same-day-conflict",
     "{0} 在 {1} 有状态不同的多条记录（{2}），记录先后无法确定；按规则以 {3} 为准。请核实后用 plan "
     "amend 或 plan retract 更正",
     "{0} has entries with different states on {1} ({2}) whose order is not known; by the rule "
     "{3} is in force. Check and correct with plan amend or plan retract"},
    {"log-retracts", "撤回 {0}：{1}", "retracts {0}: {1}"},
    {"log-retracted", "已撤回（{0}）", "retracted ({0})"},
    {"log-superseded", "已被 {0} 更正", "corrected by {0}"},
    {"log-amends", "更正 {0}：{1}", "corrects {0}: {1}"},
    {"log-orphaned", "已不是责任单位，不计入", "unit no longer responsible; not counted"},
    {"log-retraction", "撤回", "retraction"},
    {"usage-no-task", "没有编号为“{0}”的任务", "no task '{0}'"},
    {"usage-task-is-item", "“{0}”不是任务，它属于任务 {1}；用 --task {1}",
     "'{0}' is not a task; it belongs to task {1}: use --task {1}"},
    {"usage-task-is-requirement", "“{0}”是第{1}部分的工作要求，不是任务；用 --section {1}",
     "'{0}' is a requirement of section {1}, not a task; use --section {1}"},
    {"usage-filters-exclude",
     "任务 {0} 属于第{1}部分，不在第{2}部分，没有事项能同时满足 --task 和 --section；去掉其中一个",
     "task {0} is in section {1}, not {2}: nothing can match both --task and --section; drop one"},
    {"usage-bad-by", "--by 的值“{0}”无效；可用：{1}", "--by takes {1}, not '{0}'"},
    {"usage-not-a-number", "选项 {0} 的值“{1}”不是整数（请写阿拉伯数字，如 30）",
     "{0} takes a whole number (like 30), not '{1}'"},
    {"usage-bad-days", "{0} 应为 0 到 3650 之间的十进制整数（如 30），而不是“{1}”",
     "{0} takes a decimal whole number from 0 to 3650 (such as 30), not '{1}'"},
    // ---- writing safely, bounds, incomplete reports (issue 14)
    {"file-symlink",
     "是符号链接；进度文件必须是普通文件，不能是链接（plan 不会读取或写入链接指向的文件）",
     "is a symbolic link; a progress file must be a regular file, not a link (plan neither reads "
     "nor writes what a link points to)"},
    {"entry-future-skew",
     "日期 {0} 晚于明天（今天是 {1}）；进度只能记录已经发生的事（为其他时区的时钟留有一天余量）",
     "the date {0} is after tomorrow (today is {1}); record only what has happened (one day is "
     "allowed for a clock in another time zone)"},
    {"diagnostics-not-shown",
     "另有 {0} 个错误、{1} 个警告未显示（每个文件最多显示 {2} 个错误和 {2} "
     "个警告）；先修正上面的问题，"
     "再运行 plan check",
     "{0} more errors and {1} more warnings not shown (at most {2} of each per file); fix those "
     "above, then run plan check again"},
    {"append-shape",
     "进度文件的顶层应是从第 1 列开始的“- ”列表（每条记录一行），这里是{0}；plan 无法在其后追加。"
     "请按 docs/progress.md 改正此文件（plan check 可帮助检查），再重新记录",
     "the top level of a progress file should be a '- ' list starting in column 1 (one entry per "
     "line), not {0}; plan cannot append to it. Fix the file as docs/progress.md shows (plan check "
     "helps), then record again"},
    {"append-kind-flow", "用 [ … ] 写成的列表", "a list written [ … ]"},
    {"append-kind-indented", "缩进的列表", "an indented list"},
    {"append-end-marker",
     "此处有文档结束标记“...”，追加的记录会成为第二个 YAML 文档；请删除这一行，再重新记录",
     "a document end marker '...' stands here, after which an appended entry would start a second "
     "YAML document; delete this line, then record again"},
    {"record-file-refused", "进度文件无法追加，原因见上",
     "the progress file cannot take the entry; see above"},
    {"temp-leftover",
     "被中断的写入留下的临时文件，其中没有生效的记录；确认没有 plan 命令在运行后删除即可",
     "a temporary file left by an interrupted write; none of its entries count. Delete it once no "
     "plan command is running"},
    {"write-is-directory", "这是一个目录；请给出文件名", "it is a directory; name a file"},
    {"write-is-special", "这是设备、套接字或其他特殊文件，既不写入也不替换；请给出普通文件名",
     "it is a device, socket or other special file, which is neither written nor replaced; name a "
     "regular file"},
    {"write-dangling-link", "这是指向不存在文件的符号链接；请给出实际的文件名",
     "it is a symbolic link to a file that does not exist; name the file itself"},
    {"unit-name-too-long",
     "单位名称“{0}”太长：它的进度文件名 {1} 有 {2} 字节，超过文件名上限 {3} 字节；请缩短名称"
     "（全称可写在 note 中，或把简称作为 name、全称作为 aliases）",
     "the unit name '{0}' is too long: its progress file name {1} has {2} bytes, more than the "
     "limit of {3} for a file name; shorten it (keep the full name in note, or make the short "
     "form the name and the full one an alias)"},
    {"report-incomplete",
     "报告不完整：{0} 个进度文件有错误，其中的记录未计入：{1}；用 plan check 查看并修正",
     "the report is incomplete: progress files with errors are left out ({0}): {1}; see plan "
     "check"},
    {"form-unit-skipped", "未生成{0}的报送表：它的进度文件有错误（见上），表中的状态会不准确",
     "no form made for {0}: its progress file has errors (see above), so the form's states would "
     "be wrong"},
    {"xlsx-sheet-incomplete", "报告不完整", "Incomplete"},
    {"report-incomplete-line", "（报告不完整：以下进度文件有错误，未计入：{0}）",
     "(incomplete: these progress files have errors and are left out: {0})"},
    // ---- the meeting: plan brief, plan remind, plan score (issue 12)
    {"help-brief", "工作会商用的情况通报（Markdown、HTML、Word），或其中的数字（JSON）",
     "the meeting's written briefing (Markdown, HTML, Word), or its numbers (JSON)"},
    {"help-brief-examples",
     "示例：\n  plan brief --as-of 2025-01-01 -o 情况通报.docx\n  plan brief --since 2024-12-01 "
     "--format html -o 通报.html\n  plan brief --unit 北平镇 -o 北平镇.md",
     "Examples:\n  plan brief --as-of 2025-01-01 -o briefing.docx\n  plan brief --since 2024-12-01 "
     "--format html -o briefing.html\n  plan brief --unit 北平镇 -o 北平镇.md"},
    {"help-opt-brief-since", "本期从哪天起算（默认：截止日期前 30 天）",
     "the period's first day (default: 30 days before the as-of date)"},
    {"help-opt-year", "评分年度（默认：截止日期所在年度）",
     "the year scored (default: the as-of date's year)"},
    {"help-score", "按评分规则（plan/scoring.yaml）给各单位打分并排名",
     "points and rank per unit under the rules in plan/scoring.yaml"},
    {"help-score-examples",
     "示例：\n  plan score --year 2024 --as-of 2025-01-01\n  plan score --format csv -o 评分.csv",
     "Examples:\n  plan score --year 2024 --as-of 2025-01-01\n  plan score --format csv -o "
     "scores.csv"},
    {"help-remind", "给有逾期或近期到期事项的单位各写一段提醒（可贴到工作群）",
     "a short reminder per unit with overdue items or items due soon (to paste into a chat group)"},
    {"help-remind-examples",
     "示例：\n  plan remind --as-of 2025-01-01\n  plan remind --within 15 -o 提醒\n  plan remind "
     "--unit 北平镇",
     "Examples:\n  plan remind --as-of 2025-01-01\n  plan remind --within 15 -o reminders\n  plan "
     "remind --unit 北平镇"},
    {"usage-since-after-as-of", "--since {0} 晚于截止日期 {1}；本期的起始日应在截止日期之前",
     "--since {0} is after the as-of date {1}; the period must start before it"},
    {"usage-docx-needs-output", "Word 文件需要用 -o 指定文件名，如 -o 情况通报.docx",
     "a Word file needs a file name: -o briefing.docx"},
    {"usage-bad-year", "--year 应为 1900 到 2999 之间的四位年份（如 2024），而不是“{0}”",
     "--year takes a four-digit year from 1900 to 2999 (such as 2024), not '{0}'"},
    {"empty-score", "截至 {0}，{1}没有需要评分的单位", "As of {0}, no unit to score{1}"},
    {"write-not-a-directory", "不是目录，也无法创建为目录；请给出一个目录名",
     "it is not a directory and cannot be made one; name a directory"},
    {"scoring-not-mapping", "scoring.yaml 应为“键: 分值”的列表，如 overdue: -3",
     "scoring.yaml should map keys to points, such as overdue: -3"},
    {"scoring-unknown-key", "scoring.yaml 中没有“{0}”这一项；可用：{1}",
     "scoring.yaml has no rule '{0}'; the rules are: {1}"},
    {"scoring-not-number", "“{0}”的分值应为数字（如 -3 或 0.5），而不是“{1}”",
     "the points for '{0}' must be a number (such as -3 or 0.5), not '{1}'"},
    {"col-rank", "排名", "Rank"},
    {"col-score", "得分", "Score"},
    {"col-score-due", "到期事项", "Due"},
    {"col-score-overdue", "逾期未完成", "Overdue"},
    {"col-months-late", "逾期月数", "Months late"},
    {"col-missed-months", "未报送月数", "Months unreported"},
    {"col-measure", "指标", "Measure"},
    {"score-note-period",
     "评分期：{0} 年，计入完成时限在 {1} 至 {2} 之间的责任分工；报送按该年已结束的 {3} "
     "个月计（自计划印发的月份起）。",
     "Period: {0}, counting assignments due from {1} to {2}; reporting over the {3} months of the "
     "year that have ended (from the month the plan was issued)."},
    {"score-note-rules",
     "规则：起始 {0} 分；按时完成 {1}，逾期完成 {2}，逾期未完成 {3}（每满 30 天再 {4}），受阻 "
     "{5}，未报送的月份 {6}；{7}。",
     "Rules: start at {0}; done on time {1}, done late {2}, overdue {3} (and {4} per full 30 "
     "days), blocked {5}, a month without a report {6}; {7}."},
    {"score-floor", "最低 {0} 分", "lowest score {0}"},
    {"score-no-floor", "不设最低分", "no lowest score"},
    {"score-note-example",
     "分值取自 plan/scoring.yaml，由协调办公室按本县考核办法确定；plan "
     "提供的只是示例，不是官方权重。",
     "The points are those in plan/scoring.yaml, set by the coordination office; the ones plan "
     "ships are examples, not official weights."},
    {"score-note-defaults",
     "未找到 plan/scoring.yaml，使用默认示例分值（不是官方权重）；请协调办公室按本县考核办法写入 "
     "plan/scoring.yaml（plan init 会生成带说明的样例）。",
     "No plan/scoring.yaml: the default example points are used (not official weights); the "
     "coordination office should write its own (plan init writes a commented example)."},
    {"brief-title", "工作进展情况通报", "Progress briefing"},
    {"brief-subtitle", "（截至{0}）", "(as of {0})"},
    {"brief-subtitle-scope", "（{1}，截至{0}）", "({1}, as of {0})"},
    {"brief-h-overall", "一、总体情况", "1. Overall"},
    {"brief-overall",
     "截至{0}，共有责任分工 {1} 项：按时完成 {2} 项，逾期完成 {3} 项，正在推进 {4} 项，尚未启动 "
     "{5} 项，受阻 {6} 项；其中已过完成时限仍未完成的 {7} 项。",
     "As of {0} there are {1} assignments: {2} done on time, {3} done late, {4} in progress, {5} "
     "not started and {6} blocked; {7} of the unfinished are past their deadline."},
    {"brief-rate",
     "有完成时限的 {0} 项中已完成 {1} 项，完成率 {2}（另有 {3} "
     "项为无完成时限的常态化工作，不计入完成率）。",
     "Of the {0} with a deadline, {1} are done: {2} complete ({3} standing tasks without a "
     "deadline "
     "are not counted in the rate)."},
    {"brief-rate-all-dated", "有完成时限的 {0} 项中已完成 {1} 项，完成率 {2}。",
     "Of the {0} with a deadline, {1} are done: {2} complete."},
    {"brief-change",
     "与{0}相比，本期新完成 {1} 项，完成率变化 {2} 个百分点，逾期未完成事项变化 {3} 项。",
     "Since {0}, {1} were completed; the completion rate changed by {2} points and the overdue "
     "count by {3}."},
    {"brief-h-done", "二、本期完成情况", "2. Completed in the period"},
    {"brief-done-none", "{0}至{1}，没有新完成的事项。", "Nothing was completed from {0} to {1}."},
    {"brief-done", "{0}至{1}，{2} 个事项共 {3} 项责任分工新完成：",
     "From {0} to {1}, {3} assignments on {2} items were completed:"},
    {"brief-done-on", "（{0}）", " ({0})"},
    {"brief-done-late-on", "（{0}，逾期完成）", " ({0}, late)"},
    {"brief-h-overdue", "三、逾期未完成事项", "3. Overdue"},
    {"brief-overdue-none", "截至{0}，没有逾期未完成的事项。", "As of {0}, nothing is overdue."},
    {"brief-overdue",
     "截至{0}，{1} 个事项共 {2} 项责任分工逾期未完成，其中本期新增逾期的事项 {3} 个。",
     "As of {0}, {2} assignments on {1} items are overdue; {3} of the items fell overdue in the "
     "period."},
    {"brief-h-newly-overdue", "（一）本期新增逾期事项", "3.1 Fell overdue in the period"},
    {"brief-h-all-overdue", "（二）{0}以前已逾期、仍未完成的事项",
     "3.2 Overdue before {0} and still not done"},
    {"brief-h-silent", "四、未报送进展的单位", "4. Units that did not report"},
    {"brief-silent-none", "{0}以来，有未完成事项的单位均已报送进展。",
     "Every unit with unfinished work has reported since {0}."},
    {"brief-silent", "{0}以来，以下 {1} 个单位有未完成事项但未报送进展：",
     "Since {0}, these {1} units with unfinished work have not reported:"},
    {"brief-h-due", "五、近期到期事项", "5. Falling due"},
    {"brief-due-none", "今后 {0} 天内（至{1}）没有到期的未完成事项。",
     "Nothing unfinished falls due in the next {0} days (to {1})."},
    {"brief-due", "今后 {0} 天内（至{1}）到期的未完成事项 {2} 个，共 {3} 项责任分工：",
     "In the next {0} days (to {1}), {2} unfinished items fall due, {3} assignments:"},
    {"brief-h-units", "六、各单位完成情况", "6. By unit"},
    {"brief-h-scores", "七、{0} 年度评分", "7. Scores for {0}"},
    {"brief-made-by",
     "本通报由 plan 根据工作台账（plan/progress）生成，数字截至 {0}，与 plan report、plan overdue "
     "等报告一致。",
     "Made by plan from the ledger (plan/progress) as of {0}; the numbers are those of plan "
     "report, plan overdue and the other reports."},
    {"remind-head", "【工作提醒】{0}", "[Reminder] {0}"},
    {"remind-to", "致：{0}", "To: {0}"},
    {"remind-overdue", "截至 {0}，贵单位有 {1} 项工作已过完成时限尚未完成：",
     "As of {0}, {1} of your assignments are past their deadline and not done:"},
    {"remind-no-overdue", "截至 {0}，贵单位没有逾期未完成的工作。",
     "As of {0}, none of your assignments is overdue."},
    {"remind-soon", "今后 {0} 天内到期 {1} 项：", "{1} fall due in the next {0} days:"},
    {"remind-task", "第{0}条", "task {0}"},
    {"remind-task-item", "第{0}条{1}", "task {0} {1}"},
    {"remind-overdue-days", "（完成时限 {0}，已逾期 {1} 天）", " (due {0}, {1} days overdue)"},
    {"remind-due-in", "（完成时限 {0}，还有 {1} 天）", " (due {0}, in {1} days)"},
    {"remind-state", "，目前{0}", "; now {0}"},
    {"remind-last", "贵单位最近一次报送进展是 {0}。", "Your last report was on {0}."},
    {"remind-never-reported", "贵单位尚未报送过进展。", "You have not reported any progress yet."},
    {"remind-ask", "请抓紧推进，并在下次工作会商前报送进展（报送表或 plan record）。",
     "Please move these forward and report before the next meeting (the form or plan record)."},
    {"remind-from", "{0}（协调办公室） {1}", "{0} (coordination office), {1}"},
    {"remind-from-office", "协调办公室 {0}", "The coordination office, {0}"},
    {"remind-none", "截至 {0}，没有需要提醒的单位", "As of {0}, no unit needs a reminder"},
    {"remind-written", "已写入 {0} 份提醒：{1}", "{0} reminders written to {1}"},
    // ---- plan diff and history
    {"col-scope", "任务", "Task"},
    {"col-change", "变化", "Change"},
    {"col-before", "原", "Before"},
    {"col-after", "现", "After"},
    {"scope-units", "单位", "units"},
    {"scope-groups", "分组", "groups"},
    {"scope-progress", "进度", "progress"},
    {"diff-item-added", "新增事项", "item added"},
    {"diff-item-removed", "删除事项", "item removed"},
    {"diff-title-changed", "标题修改", "title re-worded"},
    {"diff-text-changed", "内容修改", "text re-worded"},
    {"diff-deadline-extended", "延期", "deadline extended"},
    {"diff-entry-corrected", "更正记录", "entry corrected"},
    {"diff-entry-retracted", "撤回记录", "entry retracted"},
    {"days-shift", "{0} 天", "{0} days"},
    {"entries-orphaned", "{0} 条已有记录不再计入", "{0} existing entries no longer counted"},
    {"deadline-now-inherited", "删除了本项时限，改为沿用上级时限",
     "own deadline removed; inherits its parent's"},
    {"deadline-now-own", "原沿用上级时限，现有本项时限",
     "had its parent's deadline; now has its own"},
    {"deadline-none", "无时限", "none"},
    {"diff-deadline-extended-unexplained", "延期（未写原因）", "deadline extended (no reason)"},
    {"diff-deadline-advanced", "提前", "deadline advanced"},
    {"diff-deadline-added", "增加时限", "deadline added"},
    {"diff-deadline-removed", "取消时限", "deadline removed"},
    {"diff-deadline-reworded", "时限措辞修改", "deadline re-worded"},
    {"diff-unit-added", "增加责任单位", "unit added"},
    {"diff-unit-removed", "减少责任单位", "unit removed"},
    {"diff-role-changed", "角色变更", "role changed"},
    {"diff-assignments-added", "新增责任分配", "assignments added"},
    {"diff-assignments-removed", "减少责任分配", "assignments removed"},
    {"diff-kind-changed", "类别变更", "kind changed"},
    {"diff-unit-renamed", "单位更名", "unit renamed"},
    {"diff-unit-created", "新增单位", "unit added"},
    {"diff-unit-deleted", "删除单位", "unit removed"},
    {"diff-group-created", "新增分组", "group added"},
    {"diff-group-deleted", "删除分组", "group removed"},
    {"diff-member-added", "分组增加成员", "member added"},
    {"diff-member-removed", "分组减少成员", "member removed"},
    {"diff-entry-added", "新增进度记录", "entry added"},
    {"diff-entry-changed", "修改已有记录（改写历史）", "entry edited (history rewritten)"},
    {"diff-entry-deleted", "删除已有记录（改写历史）", "entry deleted (history rewritten)"},
    {"diff-none", "{0} 与 {1} 之间计划没有变化", "no change to the plan between {0} and {1}"},
    {"diff-summary", "{0} → {1}：{2} 处变化，其中 {3} 处需要注意",
     "{0} → {1}: {2} changes, {3} to look at"},
    {"working-tree", "工作区", "working tree"},
    {"git-missing", "找不到 git 命令；请安装 git（apt-get install git）",
     "git is not installed; install it (apt-get install git)"},
    {"git-not-repo",
     "{0} 不在 git 仓库中；plan diff、plan history 和 --plan-at 需要 git 仓库的历史（plan diff "
     "也可用 --dirs 比较两个目录）",
     "{0} is not in a git repository; plan diff, plan history and --plan-at need its history "
     "(plan diff can also compare two directories with --dirs)"},
    {"git-bad-revision", "无效的版本“{0}”；可用提交号、分支名、标签或 HEAD~1 等",
     "'{0}' is not a revision; use a commit id, branch, tag or HEAD~1"},
    {"git-no-commit-by-date", "{0} 及以前没有任何提交；该日还没有计划可用",
     "there is no commit on or before {0}; the plan did not exist yet"},
    {"plan-at-note", "plan: 计划取自 {0}（提交于 {1}）；进度取自工作目录",
     "plan: the plan as of {0} (committed {1}); progress from the working tree"},
    {"plan-at-ignored",
     "plan: {0} 条进度记录涉及该版本计划中没有的事项、单位或责任分配，不计入完成情况",
     "plan: {0} entries name items, units or assignments that plan does not have; they do not "
     "count towards any item"},
    {"help-opt-plan-at",
     "按某个版本或某日（该日最后一次提交）的计划计算，如 --plan-at 2024-12-31、--plan-at HEAD~3",
     "use the plan as of a revision or a date (the last commit that day), e.g. --plan-at "
     "2024-12-31 or --plan-at HEAD~3"},
    {"git-no-plan", "版本 {0} 中没有计划目录 {1}（缺少 tasks.yaml）",
     "revision {0} has no plan directory {1} (no tasks.yaml)"},
    {"snapshot-errors", "{0} 的计划文件无法读取，不能比较",
     "the plan files of {0} cannot be read, so they cannot be compared"},
    {"history-created", "创建", "created"},
    {"history-removed", "删除", "removed"},
    {"history-deadline", "时限", "deadline"},
    {"history-units", "责任单位", "units"},
    {"history-assignees", "责任分配", "assignments"},
    {"history-title", "标题", "title"},
    {"col-commit", "提交", "Commit"},
    {"col-author", "作者", "Author"},
    {"col-message", "说明", "Message"},
    {"col-reason", "延期原因", "Reason"},
    {"history-unknown-item", "没有编号为“{0}”的事项（当前计划和 git 历史中都没有）",
     "no item '{0}' (neither in the plan now nor in its git history)"},
    {"history-none", "事项“{0}”在 git 历史中没有记录",
     "item '{0}' does not appear in the git history"},
    {"extension-unexplained",
     "“{0}”的完成时限由 {1} 延至 {2}，但没有记录原因；请在该事项下加 delays: [{{from: {3}, date: "
     "…, reason: …}}]",
     "'{0}' was extended from {1} to {2} without a reason; add delays: [{{from: {3}, date: …, "
     "reason: …}}] to the item"},
    // ---- HTML dashboard and Excel ledger
    {"html-title", "工作台账", "Ledger"},
    {"html-as-of", "截至 {0}", "as of {0}"},
    {"html-completion", "完成情况", "completion"},
    {"html-overdue-n", "，逾期 {0}", ", {0} overdue"},
    {"html-legend-done", "按时完成", "done on time"},
    {"html-legend-late", "逾期完成", "done late"},
    {"html-legend-open", "未完成", "not done"},
    {"html-card-total", "责任分配", "assignments"},
    {"html-card-done", "已完成", "done"},
    {"html-card-overdue", "逾期未完成", "overdue"},
    {"html-card-completion", "完成率", "completion"},
    {"html-card-stale", "自 {0} 以来未报送的单位", "units silent since {0}"},
    {"html-by-section", "各部分完成情况", "Completion by section"},
    {"html-by-unit", "各单位完成情况", "Completion by unit"},
    {"html-timeline", "完成时限时间轴", "Deadlines"},
    {"html-overdue", "逾期事项（{0}）", "Overdue ({0})"},
    {"html-due-soon", "未来 {0} 天内到期（{1}）", "Due in the next {0} days ({1})"},
    {"html-stale", "自 {0} 以来未报送的单位（{1}）", "Units with no entry since {0} ({1})"},
    {"html-footer", "由 {0} 生成，数据截至 {1}。", "Made by {0} with data as of {1}."},
    {"html-title-scope", "{0}（{1}）", "{0} — {1}"},
    {"html-overdue-items", "逾期事项：{0} 项（{1} 个责任分配）",
     "Overdue: {0} items ({1} assignments)"},
    {"html-due-soon-items", "未来 {0} 天内到期：{1} 项（{2} 个责任分配）",
     "Due in the next {0} days: {1} items ({2} assignments)"},
    {"html-none-overdue", "截至 {0}，没有逾期未完成的事项。", "As of {0}, nothing is overdue."},
    {"html-none-due", "截至 {0}，未来 {1} 天内没有到期的未完成事项。",
     "As of {0}, nothing unfinished falls due in the next {1} days."},
    {"html-none-stale", "自 {0} 以来，有未完成事项的单位都报送了进展。",
     "Every unit with unfinished work has reported since {0}."},
    {"title-unit-count", "所选 {0} 个单位", "{0} units"},
    {"title-section", "第{0}部分", "section {0}"},
    {"title-task", "任务 {0}", "task {0}"},
    {"written", "已写入 {0}", "wrote {0}"},
    {"xlsx-sheet-breakdown", "重点任务分解表", "Breakdown"},
    {"xlsx-sheet-by-unit", "按单位", "By unit"},
    {"xlsx-sheet-by-section", "按部分", "By section"},
    {"xlsx-sheet-overdue", "逾期事项", "Overdue"},
    {"xlsx-col-section", "部分", "Section"},
    {"xlsx-col-task", "重点任务", "Task"},
    {"xlsx-col-measure", "具体措施", "Specific measure"},
    {"xlsx-col-units", "责任分工", "Responsibility"},
    {"xlsx-title-suffix", " 重点任务分解表（截至 {0}）", " — breakdown as of {0}"},
    {"xlsx-title-suffix-scope", " 重点任务分解表（{1}，截至 {0}）",
     " — breakdown for {1} as of {0}"},
    {"xlsx-sheet-scores", "评分", "Scores"},
    {"xlsx-col-progress", "进展情况", "Progress"},
    {"xlsx-unit-note", "{0}：{1}", "{0}: {1}"},
    {"xlsx-sheet-title", "{0}（截至 {1}）", "{0} — as of {1}"},
    {"xlsx-sheet-title-scope", "{0}（{2}，截至 {1}）", "{0} — {2}, as of {1}"},
    {"xlsx-title-scores", "{0} 年度评分", "Scores for {0}"},
    {"xlsx-page-footer", "第 &P 页，共 &N 页", "Page &P of &N"},
    {"help-export",
     "导出 Excel 台账：按附件2格式的任务分解表（含截至某日的完成情况和进展）及各报表、评分",
     "export the Excel ledger: the breakdown in Attachment 2's layout with the state as of a date "
     "and the latest notes, the reports and the scores"},
    {"help-export-examples",
     "示例：\n  plan export --format xlsx -o 台账.xlsx --as-of 2025-01-01\n  plan export -o "
     "北平镇台账.xlsx --unit 北平镇   # 北平镇自己的台账",
     "Examples:\n  plan export --format xlsx -o ledger.xlsx --as-of 2025-01-01\n  plan export -o "
     "beiping.xlsx --unit 北平镇   # one township's ledger"},
    {"write-failed", "无法写入 {0}：{1}", "cannot write {0}: {1}"},
    {"usage-no-output-file", "plan {0} 不生成结果文件，不用 -o（结果显示在屏幕上）",
     "plan {0} writes no result file; drop -o (it reports on the terminal)"},
    {"usage-no-format", "plan {0} 没有 --format {1} 的输出；去掉 --format",
     "plan {0} has no --format {1} output; drop --format"},
    {"usage-format-cannot", "plan {0} 不能输出 {1} 格式；可用：{2}",
     "plan {0} cannot write {1}; it writes: {2}"},
    {"usage-ext-format-cannot",
     "plan {0} 不能输出 {1} 格式（由文件名 {3} 的扩展名推断）；可用：{2}，可换扩展名或加 --format",
     "plan {0} cannot write {1} (from the extension of {3}); it writes: {2}; change the extension "
     "or give --format"},
    {"usage-ext-contradicts",
     "文件名 {0} 表示 {1} 格式，与 --format {2} 矛盾；请改文件扩展名或 --format",
     "the file name {0} says {1} but --format says {2}; change the extension or --format"},
    // ---- output and date bounds (issue 14): dates, Excel's cell and row limits
    {"date-out-of-range", "日期“{0}”超出范围：年份须在 1900 到 2999 之间",
     "the date '{0}' is out of range: the year must be from 1900 to 2999"},
    {"xlsx-cut-mark", "…（已截断，全文见计划文件或 plan log）",
     "… (cut; the full text is in the plan files or plan log)"},
    {"xlsx-cell-cut",
     "工作表“{0}”的单元格 {1} 有 {2} 个字符，超过 Excel 每格 32767 "
     "个字符的上限，已截断并在末尾注明",
     "sheet '{0}', cell {1}: the text has {2} characters, more than the 32,767 an Excel cell "
     "holds; it was cut and marked at the end"},
    {"xlsx-too-many-rows",
     "工作表“{0}”写到 {1} 时超过了 Excel 每张表 1048576 行的上限；没有生成文件",
     "sheet '{0}' reached {1}, past Excel's limit of 1,048,576 rows; no file was written"},
    {"xlsx-write-error", "工作表“{0}” {1}：{2}；没有生成文件",
     "sheet '{0}' {1}: {2}; no file was written"},
    {"usage-needs-output", "--format {0} 需要用 -o 指定输出文件",
     "--format {0} needs an output file (-o FILE)"},
    {"preface-as-of", "截至 {0}", "As of {0}"},
    {"preface-as-of-plan-at", "截至 {0}（按 {1} 时的计划）", "As of {0} (the plan as at {1})"},
    {"who-units", "所选 {0} 个单位", " for the {0} units chosen"},
    {"who-unit-list", "{0}", " for {0}"},
    {"who-task", "在任务 {0} 中", " in task {0}"},
    {"who-section", "在第{0}部分", " in section {0}"},
    {"empty-status", "截至 {0}，{1}没有符合条件的事项", "As of {0}, nothing matches{1}"},
    {"empty-overdue", "截至 {0}，{1}没有逾期事项", "As of {0}, no overdue items{1}"},
    {"empty-due", "截至 {0}，{1}近期没有到期的未完成事项",
     "As of {0}, nothing unfinished falls due soon{1}"},
    {"empty-stale", "截至 {0}，没有未报送的单位", "As of {0}, every unit has reported"},
    {"empty-log", "截至 {0}，{1}还没有进度记录", "As of {0}, no progress entries{1}"},
    {"empty-report", "截至 {0}，{1}没有承担的事项", "As of {0}, nothing is assigned{1}"},
    {"help-opt-wide", "表格不按终端宽度截断，显示全文",
     "tables at full width, not cut to the terminal"},
    {"help-opt-width", "表格按 COLS 列宽排版（默认：终端上按终端宽度；写入文件或管道时显示全文）",
     "fit tables to COLS columns (default: the terminal's width on a terminal; files and pipes get "
     "the full width)"},
    {"usage-bad-width", "--width 应为不小于 20 的整数，这里是“{0}”",
     "--width takes a whole number of at least 20, not '{0}'"},
    {"help-opt-output", "把结果写入文件（整体替换，不会留下半个文件）",
     "write the result to this file (replaced whole, never half-written)"},
    {"help-opt-stale-since", "HTML 中“未报送”的起算日（默认截至日前 30 天）",
     "for HTML: units silent since this day (default as-of − 30 days)"},
    // ---- reading workbooks and CSV files sent back
    {"xlsx-missing", "找不到文件 {0}", "file {0} not found"},
    {"xlsx-not-regular", "不是普通文件（是目录、管道或设备）",
     "not a regular file (a directory, pipe or device)"},
    {"xlsx-empty", "文件是空的（0 字节）；请重新保存或重新发送",
     "the file is empty (0 bytes); save or send it again"},
    {"xlsx-too-large", "文件有 {0} 字节，超过上限 {1} 字节；报送表不会这么大，请确认是否发错了文件",
     "the file has {0} bytes, more than the limit of {1}; a form is never that large, check that "
     "it is the right file"},
    {"xlsx-old-xls",
     "不是 .xlsx 文件：这是旧的 .xls（或 WPS .et）格式，或是设了打开密码的工作簿；请在 Excel 或 "
     "WPS "
     "中“另存为”Excel 工作簿（*.xlsx），不设打开密码",
     "not an .xlsx file: it is the old .xls (or WPS .et) format, or a workbook with an opening "
     "password; in Excel or WPS save it as an Excel workbook (*.xlsx) without a password"},
    {"xlsx-text",
     "不是 .xlsx 文件：这是一个文本文件（CSV？）被改了扩展名；请在 Excel 或 WPS 中打开后另存为 "
     ".xlsx，或按 CSV 文件报送",
     "not an .xlsx file: it is a text file (a CSV?) renamed; open it in Excel or WPS and save as "
     ".xlsx, or send it as a .csv"},
    {"xlsx-not-zip", "不是 .xlsx 文件（是不是旧的 .xls 格式？）；请在 Excel 或 WPS 中另存为 .xlsx",
     "not an .xlsx file (is it the old .xls format?); save it as .xlsx in Excel or WPS"},
    {"xlsx-bad-zip",
     "文件已损坏，无法按 zip 读取（{0}）；请在 Excel 或 WPS 中打开并重新另存为 .xlsx",
     "the file is damaged and cannot be read as a zip ({0}); open it in Excel or WPS and save it "
     "again as .xlsx"},
    {"xlsx-too-many-entries", "zip 中有 {0} 个条目，超过上限 {1}；这不是一份报送表",
     "the zip has {0} entries, more than the limit of {1}; this is not a form"},
    {"xlsx-ods", "这是 OpenDocument 表格（.ods）；请另存为 Excel 工作簿（*.xlsx）",
     "this is an OpenDocument spreadsheet (.ods); save it as an Excel workbook (*.xlsx)"},
    {"xlsx-no-workbook", "zip 中没有 Excel 工作簿（是不是 Word 文档或别的压缩包？）",
     "the zip holds no Excel workbook (a Word document or another archive?)"},
    {"xlsx-part-missing", "缺少 {0}；文件不完整，请在 Excel 或 WPS 中重新另存为 .xlsx",
     "{0} is missing; the file is incomplete, save it again as .xlsx in Excel or WPS"},
    {"xlsx-sheet-unresolved", "工作表“{0}”找不到对应的内容；文件已损坏，请重新另存为 .xlsx",
     "sheet '{0}' points at nothing; the file is damaged, save it again as .xlsx"},
    {"xlsx-part-too-large", "解压后超过 {0} 字节（可能是“zip 炸弹”），拒绝读取",
     "inflates to more than {0} bytes (a zip bomb?); not read"},
    {"xlsx-total-too-large", "全部解压后超过 {0} 字节（可能是“zip 炸弹”），拒绝读取",
     "the parts inflate to more than {0} bytes in all (a zip bomb?); not read"},
    {"xlsx-ratio", "压缩比超过 {0} 倍（可能是“zip 炸弹”），拒绝读取",
     "compressed more than {0} times (a zip bomb?); not read"},
    {"xlsx-encrypted", "内容被加密；请去掉密码后重新另存为 .xlsx",
     "the content is encrypted; remove the password and save it again as .xlsx"},
    {"xlsx-compression", "使用了不支持的压缩方式；请在 Excel 或 WPS 中重新另存为 .xlsx",
     "uses a compression method that is not supported; save it again as .xlsx in Excel or WPS"},
    {"xlsx-read-failed", "无法读取（{0}）；文件可能已损坏，请重新另存为 .xlsx",
     "cannot be read ({0}); the file may be damaged, save it again as .xlsx"},
    {"xlsx-xml", "XML 格式错误：{0}；文件已损坏，请在 Excel 或 WPS 中打开并重新另存为 .xlsx",
     "malformed XML: {0}; the file is damaged, open it in Excel or WPS and save it again"},
    {"xlsx-dtd", "XML 中有 DOCTYPE 声明，.xlsx 文件不会有；拒绝读取",
     "the XML has a DOCTYPE declaration, which no .xlsx file has; not read"},
    {"xlsx-depth", "XML 嵌套超过 {0} 层；拒绝读取", "XML nested deeper than {0} levels; not read"},
    {"xlsx-string-too-long", "一段文字超过 {0} 字节（Excel 一个单元格最多 32767 个字符）",
     "a text is longer than {0} bytes (an Excel cell holds at most 32767 characters)"},
    {"xlsx-too-many-cells", "单元格或字符串超过 {0} 个；拒绝读取",
     "more than {0} cells or strings; not read"},
    {"xlsx-too-many-sheets", "工作表超过 {0} 个；拒绝读取", "more than {0} sheets; not read"},
    {"xlsx-bad-cell-ref", "单元格位置“{0}”无效；文件已损坏",
     "invalid cell reference '{0}'; the file is damaged"},
    {"xlsx-bad-number", "单元格 {0} 的值“{1}”不是数字；文件已损坏",
     "cell {0} holds '{1}' where a number belongs; the file is damaged"},
    {"xlsx-bad-shared-string", "单元格 {0} 引用了不存在的字符串 {1}；文件已损坏",
     "cell {0} refers to string {1}, which does not exist; the file is damaged"},
    {"csv-utf16",
     "文件是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
     "the file is UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8 (Comma delimited)'"},
    {"csv-gbk",
     "CSV 文件是 GBK/GB18030 编码（Excel 的普通“CSV（逗号分隔）”就是这样保存的）；请另存为“CSV "
     "UTF-8（逗号分隔）”，WPS 中另存为 CSV 时选 UTF-8 编码",
     "the CSV file is GBK/GB18030 (what Excel's plain 'CSV (Comma delimited)' writes); save it as "
     "'CSV UTF-8 (Comma delimited)', or choose UTF-8 when WPS saves a CSV"},
    {"csv-not-utf8",
     "CSV 文件不是 UTF-8 编码（此处的字节无效）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
     "the CSV file is not UTF-8 (invalid bytes here); save it as 'CSV UTF-8 (Comma delimited)'"},
    {"csv-binary", "文件含有 NUL 字节，不是 CSV 文本文件",
     "the file holds NUL bytes; it is not a CSV text file"},
    {"csv-unterminated", "从这里开始的引号没有闭合；请检查这个单元格",
     "the quote that starts here is never closed; check this cell"},
    // ---- the reporting form (报送表)
    {"form-sheet", "报送表", "Form"},
    {"form-title", "{0} 进度报送表（{1}，状态截至 {2}）",
     "{0} — progress report form ({1}, state as of {2})"},
    {"form-label-unit", "填报单位", "Unit"},
    {"form-label-by", "填报人", "Reporter"},
    {"form-label-phone", "联系电话", "Phone"},
    {"form-label-help", "填写说明", "How to fill in"},
    {"form-help",
     "1. 每行是本单位承担的一项工作。有进展的行：在“状态”中选择 未开始、进行中、已完成 或 "
     "受阻；“日期”填进展发生的日期（如 2025-03-20）；“说明”写做了什么；“佐证”写文号、文件名或网址，"
     "多项分行或用分号隔开。\n"
     "2. 没有变化的行不用填，“状态”为空的行不会读取。请在上方填写填报人。\n"
     "3. 请勿修改“事项”列和表头，勿增删行或工作表；灰色单元格不能编辑。\n"
     "4. 填好后保存为 .xlsx（不要另存为 .xls），发回协调办公室。",
     "1. Each row is one item your unit is responsible for. For rows with progress: choose 未开始 "
     "(not started), 进行中 (in progress), 已完成 (done) or 受阻 (blocked) under 状态 (status); "
     "put the day it happened under 日期 (date, e.g. 2025-03-20); what was done under 说明 (note); "
     "document numbers, file names or links under 佐证 (evidence), one per line or separated by "
     "semicolons.\n"
     "2. Leave rows without news empty: rows without a 状态 are not read. Fill in the reporter "
     "above.\n"
     "3. Do not change the 事项 (item) column or the header, and do not add or delete rows or "
     "sheets; grey cells are locked.\n"
     "4. Save as .xlsx (not .xls) and send it back to the coordination office."},
    {"form-col-task", "任务", "Task"},
    {"form-col-content", "内容", "Content"},
    {"form-col-deadline", "完成时限", "Deadline"},
    {"form-col-due", "截止日期", "Due"},
    {"form-col-state", "当前状态", "Current state"},
    {"form-col-last", "最近报送", "Last report"},
    {"form-overdue-days", "（逾期 {0} 天）", " ({0} days overdue)"},
    {"form-status-title", "状态", "Status"},
    {"form-status-prompt", "请选择：未开始、进行中、已完成、受阻",
     "Choose 未开始 (not started), 进行中 (in progress), 已完成 (done) or 受阻 (blocked)"},
    {"form-status-error", "只能选择 未开始、进行中、已完成、受阻 之一",
     "Choose one of 未开始, 进行中, 已完成, 受阻"},
    {"form-date-title", "日期", "Date"},
    {"form-date-prompt", "进展发生的日期，如 2025-03-20", "The day it happened, e.g. 2025-03-20"},
    {"form-date-error", "请填写 2000 年至 2099 年之间的日期，如 2025-03-20",
     "Enter a date between 2000 and 2099, e.g. 2025-03-20"},
    {"form-no-header",
     "在前 {0} "
     "行中找不到含“事项”和“状态”两列的表头；这不是报送表，或表头被改动了（请用协调办公室发来的"
     "表填写）",
     "no header with the columns 事项 (item) and 状态 (status) in the first {0} rows; this is not "
     "a "
     "form, or its header was changed (fill in the form the coordination office sent)"},
    {"form-duplicate-column", "表头中“{0}”出现了两次（另一处在 {1}）；请删去一列",
     "the header has '{0}' twice (also at {1}); remove one"},
    {"form-cell-error", "单元格是 Excel 错误值 {0}；请改为实际内容",
     "the cell holds the Excel error {0}; put the real content there"},
    {"form-item-empty", "这一行填了状态，但“事项”是空的；请不要改动“事项”列",
     "this row has a status but no 事项 (item); do not change the item column"},
    {"form-status-missing", "这一行填了{0}，但“状态”是空的，没有读取；请选择状态",
     "this row has {0} but no 状态 (status), so it was not read; choose a status"},
    {"form-bad-serial", "“{0}”不是有效的日期；请按 2025-03-20 的格式重新填写",
     "'{0}' is not a valid date; enter it like 2025-03-20"},
    {"form-newer-version", "报送表的版本 {0} 比本程序支持的版本 {1} 新；请更新 plan",
     "the form is version {0}, newer than version {1} that this program reads; update plan"},
    {"form-bad-meta", "隐藏表 _plan 中 {0} 的值“{1}”无效",
     "in the hidden sheet _plan, {0} has the invalid value '{1}'"},
    {"form-unit-conflict", "报送表是“{0}”的，但指定的单位是“{1}”",
     "the form is from '{0}', but the unit given is '{1}'"},
    {"form-unit-cell-conflict",
     "“填报单位”写的是“{0}”，但隐藏表 _plan 记录的是“{1}”；以 _plan 为准",
     "the unit cell says '{0}' but the hidden sheet _plan says '{1}'; _plan is used"},
    {"form-no-unit", "无法确定报送单位：没有隐藏表 _plan，也没有“填报单位”一格；请指定单位",
     "cannot tell which unit sent this: no hidden sheet _plan and no unit cell; name the unit"},
    // ---- labels
    {"col-id", "编号", "ID"},
    {"col-item", "事项", "Item"},
    {"col-units", "责任单位", "Responsible units"},
    {"col-deadline", "完成时限", "Deadline"},
    {"col-due", "截止日期", "Due"},
    {"col-section", "部分", "Section"},
    {"col-unit", "单位", "Unit"},
    {"col-kind", "类别", "Kind"},
    {"col-aliases", "别名", "Aliases"},
    {"col-groups", "所属分组", "Groups"},
    {"col-assigned", "承担事项", "Items"},
    {"col-coordination", "会商机制", "Coordination"},
    {"col-type", "层级", "Level"},
    {"col-task", "任务", "Task"},
    {"col-item-id", "事项", "Item"},
    {"col-content", "内容", "Content"},
    {"col-role", "角色", "Role"},
    {"col-state", "状态", "State"},
    {"col-done-on", "完成日期", "Done on"},
    {"col-last-entry", "最近报送", "Last entry"},
    {"col-days-overdue", "逾期天数", "Days overdue"},
    {"col-days-left", "剩余天数", "Days left"},
    {"col-note", "说明", "Note"},
    {"col-total", "总数", "Total"},
    {"col-done", "已完成", "Done"},
    {"col-done-late", "逾期完成", "Done late"},
    {"col-done-on-time", "按时完成", "On time"},
    {"col-overdue-of-open", "其中逾期", "Of which overdue"},
    {"summary-note-partition",
     "按时完成 + 逾期完成 + 进行中 + 未开始 + 受阻 = "
     "总数；“其中逾期”是后三项中已过完成时限的部分。",
     "On time + Done late + In progress + Not started + Blocked = Total; 'of which overdue' are "
     "the unfinished past their deadline."},
    {"summary-note-rate", "完成率 =（按时完成 + 逾期完成）÷ 总数。",
     "Completion = (On time + Done late) / Total."},
    {"summary-note-rate-undated",
     "完成率只按有完成时限的 {0} 项分工计算；无完成时限的 {1} "
     "项（如常态化工作要求）计入各状态列，不计入完成率（显示为“—”）。",
     "Completion is over the {0} assignments with a deadline; the {1} with none (such as "
     "standing requirements) are counted in the state columns but not in the rate (shown as "
     "'—')."},
    {"col-in-progress", "进行中", "In progress"},
    {"col-not-started", "未开始", "Not started"},
    {"col-blocked", "受阻", "Blocked"},
    {"col-overdue", "逾期", "Overdue"},
    {"col-completion", "完成率", "Completion"},
    {"col-date", "日期", "Date"},
    {"col-evidence", "佐证", "Evidence"},
    {"col-by", "填报人", "By"},
    {"col-entry-id", "编号", "Id"},
    {"col-recorded", "记录日期", "Recorded"},
    {"col-correction", "更正/撤回", "Correction"},
    {"col-unfinished", "未完成事项", "Unfinished"},
    {"total", "合计", "Total"},
    {"never-reported", "从未报送", "never reported"},
    {"late-suffix", "（逾期完成）", " (late)"},
    {"state-not_started", "未开始", "not started"},
    {"state-in_progress", "进行中", "in progress"},
    {"state-blocked", "受阻", "blocked"},
    {"state-done", "已完成", "done"},
    {"col-members", "成员", "Members"},
    {"col-unit-count", "单位数", "Units"},
    {"unit-with-state", "（{0}）", " ({0})"},
    {"list-sep", "、", ", "},
    {"type-section", "部分", "section"},
    {"type-task", "任务", "task"},
    {"type-part", "分项", "part"},
    {"type-measure", "措施", "measure"},
    {"type-requirement", "要求", "requirement"},
    {"kind-township", "乡镇", "township"},
    {"kind-department", "部门", "department"},
    {"kind-supervisory", "监察机关", "supervisory body"},
    {"kind-judicial", "司法机关", "judicial body"},
    {"kind-other", "其他", "other"},
    {"coord-office", "办公室", "office"},
    {"coord-member", "成员单位", "member"},
    {"role-lead", "牵头", "lead"},
    {"role-responsible", "负责", "responsible"},
    {"role-implement", "落实", "implement"},
    {"no-deadline", "无时限", "no deadline"},
    {"init-done", "已新建计划目录 {0}；下一步：cd {1} && plan check",
     "created plan directory {0}; next: cd {1} && plan check"},
    {"init-no-git",
     "未找到 git：计划照常可用；装好 git 后在该目录运行 git init，并把 scripts/hooks/pre-commit "
     "复制到 .git/hooks/",
     "git was not found: the plan works without it; once git is installed, run git init there and "
     "copy scripts/hooks/pre-commit to .git/hooks/"},
    {"init-hook-dirs", "提交前检查的计划目录（git config plan.hookDirs）：{0}",
     "plan directories the pre-commit check covers (git config plan.hookDirs): {0}"},
    {"init-git-failed", "git init 失败：{0}", "git init failed: {0}"},
    {"init-git-created", "已新建 git 仓库 {0}", "created a git repository in {0}"},
    {"init-hook-installed", "已安装提交前检查 {0}（有错误的计划不能提交）",
     "installed the pre-commit check {0} (a plan with errors cannot be committed)"},
    {"init-hook-kept",
     "已有提交前钩子 {0}（或 core.hooksPath），未改动；如需检查计划，请在其中调用 plan check",
     "a pre-commit hook {0} (or core.hooksPath) exists and was left alone; call plan check from it "
     "to check the plan"},
    {"init-exists", "{0} 已存在，未作改动；请换一个目录",
     "{0} already exists; nothing was changed"},
    {"init-failed", "无法写入 {0}：{1}", "cannot write {0}: {1}"},
    // ---- usage errors
    {"usage-unknown-subcommand", "未知的子命令“{0}”", "unknown subcommand '{0}'"},
    {"usage-unknown-option", "未知的选项“{0}”", "unknown option '{0}'"},
    {"usage-unexpected", "多余的参数“{0}”", "unexpected argument '{0}'"},
    {"usage-bad-value", "选项 {0} 的值“{1}”无效；可用：{2}",
     "invalid value '{1}' for {0}; allowed: {2}"},
    {"usage-empty-value", "选项 {0} 的值不能为空", "option {0} must not be empty"},
    {"usage-missing-value", "选项 {0} 需要一个值", "option {0} needs a value"},
    {"usage-missing-required", "缺少必填参数 {0}", "the required argument {0} is missing"},
    {"usage-see-help", "用 plan --help 查看用法", "see plan --help"},
    {"usage-error", "用法错误：{0}", "usage error: {0}"},
    {"usage-no-section", "没有编号为“{0}”的部分；可用：{1}", "no section '{0}'; sections: {1}"},
    {"usage-no-unit", "没有名为“{0}”的单位或分组", "no unit or group named '{0}'"},
    // ---- help
    {"cli-Usage", "用法", "Usage"},
    {"cli-OPTIONS", "选项", "OPTIONS"},
    {"cli-SUBCOMMAND", "子命令", "SUBCOMMAND"},
    {"cli-SUBCOMMANDS", "子命令", "SUBCOMMANDS"},
    {"cli-Options", "选项", "Options"},
    {"cli-Subcommands", "子命令", "Subcommands"},
    {"cli-Positionals", "位置参数", "Positionals"},

    {"cli-TEXT", "文本", "TEXT"},
    {"cli-INT", "整数", "INT"},
    {"cli-Env", "环境变量", "Env"},
    {"help-main", "plan：行动计划工作台账（任务分解、责任单位、完成时限、进度与逾期）",
     "plan: the ledger of an action plan (breakdown, responsible units, deadlines, progress)"},
    {"help-opt-help", "显示帮助并退出", "print this help and exit"},
    {"help-opt-version", "显示版本并退出", "print the version and exit"},
    {"help-opt-plan-dir",
     "计划目录（默认：环境变量 PLAN_DIR，否则从当前目录向上找 plan/tasks.yaml）",
     "plan directory (default: $PLAN_DIR, else the nearest plan/tasks.yaml upwards)"},
    {"help-opt-format", "输出格式：table（默认）| md | csv | json",
     "output format: table (default) | md | csv | json"},
    {"help-opt-lang", "语言：zh（默认）| en；也可用环境变量 PLAN_LANG",
     "language: zh (default) | en; also $PLAN_LANG"},
    {"help-opt-color", "颜色：auto（默认，仅终端）| always | never；遵守 NO_COLOR",
     "colour: auto (default, terminals only) | always | never; honours NO_COLOR"},
    {"help-main-examples",
     "示例：\n  plan check                      检查计划文件\n  plan tasks --section 四         "
     "查看第四部分的任务分解\n"
     "  plan tasks --unit 司法局        查看司法局承担的事项\n  plan units --format csv > "
     "单位.csv\n"
     "  plan --lang en tasks\n\n退出码：0 正常；1 数据有错误；2 用法错误",
     "Examples:\n  plan check                      validate the plan files\n"
     "  plan tasks --section 四         the breakdown of section four\n"
     "  plan tasks --unit 司法局        what the justice bureau is assigned\n"
     "  plan units --format csv > units.csv\n  plan --lang en tasks\n\n"
     "Exit codes: 0 fine; 1 the data has errors; 2 usage error"},
    {"help-check", "检查计划文件，列出全部错误和警告",
     "validate the plan files and list every problem"},
    {"help-check-examples",
     "示例：\n  plan check\n  plan check --format json\n\n退出码：0 无错误；1 有错误",
     "Examples:\n  plan check\n  plan check --format json\n\nExit codes: 0 no errors; 1 errors"},
    {"help-tasks", "按“部分→任务→分项→具体措施”列出任务分解、责任单位和完成时限",
     "the breakdown as a tree (section → task → part → measure) with units and due dates"},
    {"help-opt-section", "只看某一部分，如 四", "only this section, e.g. 四"},
    {"help-opt-unit",
     "只看这些单位（或分组）承担的事项；可重复，或写成 北平镇,古阳镇 / 北平镇、古阳镇",
     "only the items of these units (or groups); repeat it, or write 北平镇,古阳镇"},
    {"help-tasks-examples",
     "示例：\n  plan tasks\n  plan tasks --section 四 --format md\n  plan tasks --unit 北平镇\n  "
     "plan tasks --format json",
     "Examples:\n  plan tasks\n  plan tasks --section 四 --format md\n  plan tasks --unit 北平镇\n "
     " plan tasks --format json"},
    {"help-units", "列出责任单位：类别、别名、所属分组、承担事项数",
     "list the units: kind, aliases, groups, number of items assigned"},
    {"help-opt-groups", "改为列出分组及其成员", "list the groups and their members instead"},
    {"help-units-examples",
     "示例：\n  plan units\n  plan units --groups\n  plan units --format json",
     "Examples:\n  plan units\n  plan units --groups\n  plan units --format json"},
    {"help-opt-as-of", "按哪一天计算（YYYY-MM-DD，默认今天）；只计入当天及以前的记录",
     "compute as of this day (YYYY-MM-DD, default today); later entries are ignored"},
    {"help-opt-task", "只看某一任务，如 16", "only this task, e.g. 16"},
    {"help-opt-soon", "多少天内到期算“即将到期”（默认 30）",
     "days ahead that count as due soon (default 30)"},
    {"help-opt-fail-if-any", "有逾期事项时退出码为 1（供定时任务和 CI 使用）",
     "exit 1 when anything is overdue (for scheduled jobs and CI)"},
    {"help-opt-within", "未来多少天（默认 30）", "how many days ahead (default 30)"},
    {"help-opt-by-item", "unit（默认）：每个单位的每个事项一行；item：每个事项一行，列出各责任单位",
     "unit (default): a row per unit and item; item: a row per item with its units"},
    {"help-opt-by", "按 unit（单位）、section（部分）或 task（任务）汇总，默认 unit",
     "unit (default), section or task"},
    {"help-opt-since", "（必填）自哪一天起没有报送（YYYY-MM-DD）",
     "(required) no entry since this day (YYYY-MM-DD)"},
    {"help-opt-item", "（必填）事项编号：任务 16、分项 5a、具体措施 (25) 或 m25、要求 七(一)",
     "(required) item id: task 16, part 5a, measure (25) or m25, requirement 七(一)"},
    {"help-opt-record-unit", "报送单位（单位名或别名，不能是分组）；不写时用环境变量 PLAN_UNIT",
     "reporting unit (name or alias, not a group); default: $PLAN_UNIT"},
    {"help-opt-items",
     "（必填）事项编号，可写多个：任务 16（或 第16条、十六）、分项 5a、具体措施 (25) 或 m25、要求 "
     "七(一)",
     "(required) item ids, one or more: task 16, part 5a, measure (25) or m25, requirement 七(一)"},
    {"usage-record-needs-unit",
     "请用 --unit 指定报送单位，或设置环境变量 PLAN_UNIT（如 export PLAN_UNIT=司法局）",
     "name the reporting unit with --unit, or set PLAN_UNIT (e.g. export PLAN_UNIT=司法局)"},
    {"usage-evidence-one-value",
     "“{0}”被当作事项编号：--evidence 每次只带一个值，多个佐证请重复写 "
     "--evidence；含空格的值请加引号",
     "'{0}' was taken as an item id: --evidence takes one value each time; repeat --evidence for "
     "more, and quote a value with spaces"},
    {"usage-item-twice", "事项“{0}”重复了（即 {1}）；每个事项只记一次",
     "item '{0}' is given twice (it is {1}); record each item once"},
    {"help-opt-amend-status",
     "新的状态（不写则不变）：未开始 | 进行中 | 已完成 | 受阻（或 not_started | in_progress | done "
     "| "
     "blocked）",
     "the new state (unchanged when left out): not_started | in_progress | done | blocked (or "
     "未开始 | 进行中 | 已完成 | 受阻)"},
    {"help-opt-status",
     "（必填）状态：未开始 | 进行中 | 已完成 | 受阻（或 not_started | in_progress | done | "
     "blocked）",
     "(required) status: 未开始 | 进行中 | 已完成 | 受阻 (or not_started | in_progress | done | "
     "blocked)"},
    {"help-opt-date", "日期（如 2024-12-31、2024/12/31、2024年12月31日；默认今天，不能晚于今天）",
     "date (e.g. 2024-12-31, 2024/12/31, 2024年12月31日; default today, not after today)"},
    {"help-opt-note", "说明", "note"},
    {"help-opt-evidence", "佐证：文号、文件路径或网址；每次一个，可重复写 --evidence",
     "evidence: document number, file path or URL; one per --evidence, repeatable"},
    {"help-opt-by-person", "填报人；不写时用环境变量 PLAN_BY", "who reports; default: $PLAN_BY"},
    {"help-opt-entry-id", "记录编号（plan log 第一列；可只写前几位）",
     "entry id (first column of plan log; a unique prefix will do)"},
    {"help-opt-amend-item", "更正后的事项", "the corrected item"},
    {"help-opt-reason", "原因（必填）", "why (required)"},
    {"rename-comment", "更名：{0} → {1}", "renamed: {0} → {1}"},
    {"rename-not-unit", "没有名为“{0}”的单位；rename-unit 需要 units.yaml 中的 name",
     "no unit is named '{0}'; rename-unit takes the name in units.yaml"},
    {"rename-alias", "“{0}”是“{1}”的别名；请写正式名称“{1}”",
     "'{0}' is an alias of '{1}'; give its own name, '{1}'"},
    {"rename-taken", "名称“{0}”已被“{1}”使用", "the name '{0}' is already used by '{1}'"},
    {"rename-cannot-edit", "在 units.yaml 中找不到“{0}”的 name 行，无法自动修改",
     "cannot find the name line of '{0}' in units.yaml to edit it"},
    {"rename-file-exists", "进度文件 {0} 已存在；请先核对两个文件",
     "the progress file {0} already exists; reconcile the two first"},
    {"rename-done", "已更名：{0} → {1}（原名保留为别名；修改了 {2} 处引用）",
     "renamed: {0} → {1} (the old name is kept as an alias; {2} mentions changed)"},
    {"rename-moved", "进度文件：{0} → {1}", "progress file: {0} → {1}"},
    {"rename-moved-git", "进度文件：{0} → {1}（git mv，请提交）",
     "progress file: {0} → {1} (git mv; commit it)"},
    {"help-rename-unit",
     "单位更名：修改 units.yaml 和 tasks.yaml 中的全部引用，原名保留为别名，并移动进度文件",
     "rename a unit: every mention in units.yaml and tasks.yaml, the old name kept as an alias, "
     "the progress file moved"},
    {"help-opt-rename-old", "原名称", "current name"},
    {"help-opt-rename-new", "新名称", "new name"},
    {"help-opt-rename-reason", "更名原因（写入 units.yaml 的注释）",
     "why (written as a comment in units.yaml)"},
    {"help-rename-unit-examples",
     "示例：\n  plan rename-unit 市场监管局 市场监督管理局 --reason 机构改革",
     "Examples:\n  plan rename-unit 市场监管局 市场监督管理局 --reason \"reorganisation\""},
    {"import-old-plan",
     "此表根据较早的计划生成（截至 "
     "{0}）；计划已有调整，不再由本单位负责的事项会被拒绝，其余照常导入",
     "this form was made from an earlier plan (as of {0}); items the unit no longer has are "
     "refused, the other rows are imported"},
    {"import-failed", "共 {0} 个错误，没有导入任何记录；请改正后重新导入",
     "{0} errors; nothing was imported. Correct them and import again"},
    {"import-dry-run", "将导入 {0} 条；{1} 条此前已记录（--dry-run，未写入）",
     "{0} entries would be imported; {1} were recorded before (--dry-run: nothing written)"},
    {"import-done", "已导入 {0} 条记录（{1} 个文件）；{2} 条此前已记录，未重复导入",
     "imported {0} entries ({1} files); {2} were recorded before and were not added again"},
    {"import-append-failed",
     "写入中断：已导入前 {0} 条，{1} "
     "及以后未导入：{2}；重新运行同一命令即可补齐（已导入的不会重复）",
     "writing stopped: the first {0} entries are in, {1} and after are not: {2}; run the same "
     "command again to finish (nothing is added twice)"},
    {"col-source", "来源", "Source"},
    {"import-row-refused", "此行未导入（报送表根据旧计划生成）：{0}",
     "row not imported (the form was made from an earlier plan): {0}"},
    {"help-import", "导入各单位填好的报送表（.xlsx 或 .csv），逐条校验，全部无误才写入",
     "import filled reporting forms (.xlsx or .csv); every row is checked, nothing is written "
     "unless all are valid"},
    {"help-opt-import-files", "报送表文件（可多个）", "form files (one or more)"},
    {"help-opt-import-unit", "CSV 文件没有写明填报单位时，用此单位",
     "the unit, for CSV files that do not say"},
    {"help-opt-dry-run", "只检查并列出将导入的记录，不写入",
     "check and list what would be imported; write nothing"},
    {"help-import-examples",
     "示例：\n  plan import 报送表/*.xlsx --dry-run\n  plan import 报送表/*.xlsx\n"
     "  plan import 北平镇.csv --unit 北平镇",
     "Examples:\n  plan import forms/*.xlsx --dry-run\n  plan import forms/*.xlsx\n"
     "  plan import 北平镇.csv --unit 北平镇"},
    // ---- plan import-plan: a county's breakdown table as a draft plan
    {"help-import-plan",
     "读入各县已有的任务分解表（附件2格式的 .xlsx 或 CSV），生成计划草稿 tasks.yaml 和 units.yaml",
     "read a county's breakdown table (Attachment 2 style, .xlsx or CSV) into a draft tasks.yaml "
     "and units.yaml"},
    {"help-opt-import-plan-file", "分解表文件（.xlsx 或 .csv）",
     "the breakdown table (.xlsx or .csv)"},
    {"help-opt-import-plan-sheet", "读取的工作表（默认为第一张有表头的）",
     "the sheet to read (default: the first with a header row)"},
    {"help-opt-import-plan-units", "用已有的 units.yaml 匹配单位名称（默认按表中出现的名称新建）",
     "match unit names against an existing units.yaml (default: build one from the table)"},
    {"help-opt-import-plan-force", "覆盖目录中已有的 tasks.yaml、units.yaml",
     "replace tasks.yaml and units.yaml already in the directory"},
    {"help-import-plan-examples",
     "示例：\n  plan import-plan 分解表.xlsx                      # 写入 ./plan/\n"
     "  plan import-plan 分解表.xlsx -o 草稿 --units plan/units.yaml\n"
     "  plan import-plan 分解表.csv -o 草稿 --force\n"
     "-o 在这里是目录（默认 ./plan）。说明见 docs/import-plan.md",
     "Examples:\n  plan import-plan 分解表.xlsx                      # writes ./plan/\n"
     "  plan import-plan 分解表.xlsx -o draft --units plan/units.yaml\n"
     "  plan import-plan 分解表.csv -o draft --force\n"
     "-o is a directory here (default ./plan). See docs/import-plan.md"},
    {"import-plan-exists", "{0} 已存在，未作改动；要覆盖请加 --force，或用 -o 换一个目录",
     "{0} already exists; nothing was written. Add --force to replace it, or choose another "
     "directory with -o"},
    {"import-plan-summary",
     "{0} 个部分、{1} 项任务、{2} 项具体措施（另有 {3} 个分项、{4} 项工作要求）、{5} 个单位、{6} "
     "个分组",
     "{0} sections, {1} tasks, {2} measures ({3} parts, {4} requirements), {5} units, {6} "
     "groups"},
    {"import-plan-written", "已写入草稿 {0}、{1}：{2}", "wrote the draft {0} and {1}: {2}"},
    {"import-plan-needs-human", "共 {0} 个警告，请逐条核对（见上）",
     "{0} warning(s) above for a human to check"},
    {"import-plan-draft-errors", "草稿已写入，但还有 {0} 个错误（见上），改正后才能通过 plan check",
     "the draft is written, but {0} errors (above) must be corrected before plan check passes"},
    {"import-plan-failed", "没有生成草稿：{0} 个错误", "no draft written: {0} errors"},
    {"import-plan-no-sheet", "没有名为“{0}”的工作表；工作簿中有：{1}",
     "no sheet named '{0}'; the workbook has: {1}"},
    {"import-plan-csv-sheet", "CSV 文件只有一张表，不用 --sheet（“{0}”）",
     "a CSV file is one sheet; drop --sheet ('{0}')"},
    {"import-plan-no-header",
     "前 30 "
     "行中找不到表头：需要有“重点任务”或“具体措施”一列，以及“责任分工”（责任单位、牵头单位）或“完成"
     "时限”"
     "（时间节点）一列",
     "no header row in the first 30 rows: one needs a 重点任务 (Task) or 具体措施 (Specific "
     "measure) column and a 责任分工 (责任单位, 牵头单位; Responsibility) or 完成时限 (时间节点; "
     "Deadline) column"},
    {"import-plan-too-large",
     "读到这里，草稿的文字已超过 {0} "
     "MiB，远超一份计划的篇幅；没有生成草稿，请确认是否选对了文件或工作表",
     "the draft's text passes {0} MiB here, far beyond any plan; no draft was made. Check the "
     "file and the sheet"},
    {"import-plan-no-tasks", "表头以下没有找到任何任务", "no task below the header"},
    {"import-plan-column-unread", "“{0}”一列不是计划的内容，没有读取",
     "column '{0}' is not part of a plan; not read"},
    {"import-plan-cell-unplaced", "这一格无法归入任何任务或措施，没有导入：{0}",
     "this cell belongs to no task or measure; not imported: {0}"},
    {"import-plan-no-task-above", "上方还没有任务（重点任务一列为空），这一格没有导入：{0}",
     "no task above this cell yet (the task column is empty); not imported: {0}"},
    {"import-plan-cell-error", "单元格是 Excel 错误值 {0}，按空白处理",
     "the cell holds the Excel error {0}; read as empty"},
    {"import-plan-section-again", "第{0}部分在前面的标题是“{1}”，这里是“{2}”；按前者导入",
     "section {0} was titled '{1}' above and '{2}' here; the first is kept"},
    {"import-plan-task-again", "任务 {0} 在前面的名称是“{1}”，这里是“{2}”；按前者导入",
     "task {0} was titled '{1}' above and '{2}' here; the first is kept"},
    {"import-plan-section-unnumbered", "部分“{0}”没有编号（一、或（一）），暂编为第{1}部分",
     "section '{0}' has no number (一、 or （一）); numbered {1} for now"},
    {"import-plan-no-sections",
     "表中没有部分（一、…）的标题，全部任务暂归第{0}部分，请补写部分标题",
     "the table has no section headings (一、…); every task is in section {0} for now, give it a "
     "title"},
    {"import-plan-section-untitled", "第{0}部分没有标题，请补写", "section {0} has no title"},
    {"import-plan-task-unnumbered", "任务“{0}”没有编号（1. 或 1、），暂编为第{1}条",
     "task '{0}' has no number (1. or 1、); numbered {1} for now"},
    {"import-plan-task-untitled", "第{0}条任务没有名称，请补写", "task {0} has no title"},
    {"import-plan-requirement-untitled", "工作要求 {0} 没有名称，请补写",
     "requirement {0} has no title"},
    {"import-plan-measure-unnumbered", "具体措施没有编号（（1）），暂编为 {0}：{1}",
     "a measure without a number ((1)); numbered {0} for now: {1}"},
    {"import-plan-measure-empty", "{0} 只有编号没有内容，请补写", "{0} has a number but no text"},
    {"import-note-no-measure-text", "（内容待补写）", "(text to be written)"},
    {"import-plan-parts-and-measures",
     "第{0}条既有分项又有具体措施；具体措施暂挂在任务下，请归入相应分项",
     "task {0} has parts and measures; the measures stay on the task, move each into its part"},
    {"import-plan-deadline-open",
     "完成时限“{0}”没有具体日期：按无截止日期导入（不计逾期），原文写在 note 中",
     "deadline '{0}' names no date: imported without a due date (never overdue), the wording "
     "kept in the note"},
    {"import-plan-deadline-unreadable",
     "无法识别完成时限“{0}”（可写 2024年底前、2024年6月底前、2025年3月15日前、2024年第三季度 "
     "等）：按无截止日期导入，原文写在 note 中，请改写",
     "cannot read the deadline '{0}' (2024年底前, 2024年6月底前, 2025年3月15日前, "
     "2024年第三季度 …): imported without a due date, the wording kept in the note; rewrite it"},
    {"import-plan-requirement-deadline", "工作要求 {0} 不设时限，忽略“{1}”",
     "requirement {0} has no deadline; '{1}' is ignored"},
    {"import-plan-units-unread", "读不出单位名称：{0}", "no unit name could be read: {0}"},
    {"import-plan-units-inherited", "{0} 的责任分工为空，沿用所属任务的责任单位",
     "{0} has no units in the table; it takes its task's"},
    {"import-plan-units-missing", "{0} 在表中没有责任单位，请补写",
     "{0} has no units in the table; add them"},
    {"import-plan-unit-read-as", "“{0}”按单位名单中的“{1}”导入",
     "'{0}' is imported as '{1}' of the units list"},
    {"import-plan-unit-unknown",
     "单位“{0}”不在单位名单中：已加入 units.yaml（kind: other，note 注明待核实）",
     "unit '{0}' is not in the units list: added to units.yaml (kind: other, the note says to "
     "check it)"},
    {"import-plan-unit-shape",
     "看不出“{0}”是什么单位（不是 …局、…镇 等）：已加入 units.yaml（kind: other，note "
     "注明待核实），请确认它是一个单位",
     "cannot tell what kind of unit '{0}' is (not …局, …镇 and the like): added to units.yaml "
     "(kind: other, the note says to check it); make sure it is a unit"},
    {"import-plan-group-new", "分组“{0}”已加入 units.yaml，成员为空，请补写成员单位",
     "group '{0}' is added to units.yaml with no members; add its units"},
    {"import-plan-group-unknown",
     "分组“{0}”不在单位名单中：已加入 units.yaml，成员为空，请补写成员单位",
     "group '{0}' is not in the units list: added to units.yaml with no members; add its units"},
    {"import-plan-units-built",
     "没有用 --units：units.yaml 按表中出现的名称新建（{0} 个单位、{1} 个分组），类别按名称推断，"
     "请核对",
     "no --units: units.yaml is built from the names in the table ({0} units, {1} groups), kinds "
     "guessed from the names; check them"},
    {"import-plan-unit-maybe-same",
     "“{0}”和“{1}”可能是同一个单位；如是，请在 units.yaml "
     "中只留一个，另一个写作它的别名（aliases）",
     "'{0}' and '{1}' may be one unit; if so, keep one in units.yaml and make the other its "
     "alias"},
    {"import-plan-no-title", "表头以上没有标题，计划名称请补写",
     "no title above the header; give the plan its title"},
    {"import-note-open-deadline", "完成时限：{0}（没有截止日期，不计逾期）",
     "deadline: {0} (no due date, never overdue)"},
    {"import-note-unreadable-deadline", "完成时限原文：{0}（未能识别为日期，请改写为 deadline）",
     "deadline as written: {0} (not read as a date; rewrite it as a deadline)"},
    {"import-note-unit-unknown", "待核实：导入时不在单位名单中（{0}）",
     "to check: not in the units list when imported ({0})"},
    {"import-note-group-empty", "待补写成员单位（由 plan import-plan 加入）",
     "members to be added (added by plan import-plan)"},
    {"import-note-no-title", "（计划名称待补写）", "(plan title to be written)"},
    {"import-note-no-section-title", "（部分标题待补写）", "(section title to be written)"},
    {"import-note-no-task-title", "（任务名称待补写）", "(task title to be written)"},
    {"import-draft-header",
     "由 plan import-plan 从 {0} 生成的草稿。请逐条核对（plan check），然后提交。\n"
     "任务的 text（正文）不在分解表中，可按正文补写；说明见 docs/import-plan.md。",
     "A draft made by plan import-plan from {0}. Check it item by item (plan check), then "
     "commit.\nA task's text (the main document) is not in the table; add it from the document. "
     "See docs/import-plan.md."},
    {"import-draft-added", "由 plan import-plan 从 {0} 加入，待核实",
     "added by plan import-plan from {0}; to be checked"},
    {"help-amend", "更正一条进度记录（追加一条更正，原记录不变）",
     "correct a progress entry (appends a correction; the original line stays)"},
    {"help-amend-examples",
     "示例：\n  plan amend 3f9a1c2b7d --date 2025-01-10 --reason \"完成日期填错\"\n"
     "  plan amend 3f9a --item \"(17)\" --reason \"事项填错\"",
     "Examples:\n  plan amend 3f9a1c2b7d --date 2025-01-10 --reason \"wrong completion date\"\n"
     "  plan amend 3f9a --item \"(17)\" --reason \"wrong item\""},
    {"help-retract", "撤回一条进度记录（如同从未记录；原记录不变）",
     "withdraw a progress entry (as if never made; the original line stays)"},
    {"help-retract-examples", "示例：\n  plan retract 3f9a1c2b7d --reason \"记到了别的单位\"",
     "Examples:\n  plan retract 3f9a1c2b7d --reason \"recorded for the wrong unit\""},
    {"help-record", "记录一条进度（追加到该单位的进度文件）",
     "record a progress entry (appended to the unit's file)"},
    {"help-record-examples",
     "示例：\n  plan record m22 --unit 司法局 --status 进行中 --note \"已印发方案\" --evidence "
     "古司发〔2024〕5号\n"
     "  plan record 16 --unit 北平镇 --status 已完成 --date 2024-12-20\n"
     "  plan record '(1)' '(2)' --unit 北平镇 --status 已完成\n"
     "  export PLAN_UNIT=北平镇 PLAN_BY=张三   # 之后可省略 --unit 和 --by\n"
     "  plan record 第16条 --status 进行中",
     "Examples:\n  plan record m22 --unit 司法局 --status in_progress --note \"plan issued\" "
     "--evidence 古司发〔2024〕5号\n"
     "  plan record 16 --unit 北平镇 --status done --date 2024-12-20\n"
     "  plan record '(1)' '(2)' --unit 北平镇 --status done\n"
     "  export PLAN_UNIT=北平镇 PLAN_BY=Zhang   # then --unit and --by may be left out\n"
     "  plan record 16 --status in_progress"},
    {"help-status", "每个责任分配的截止日期、状态、最近报送和逾期天数",
     "every assignment with due date, state, last entry and days overdue"},
    {"help-status-examples",
     "示例：\n  plan status --unit 司法局\n  plan status --section 四 --as-of 2024-12-31\n  plan "
     "status --task 16 --format csv > 第16条.csv",
     "Examples:\n  plan status --unit 司法局\n  plan status --section 四 --as-of 2024-12-31\n  "
     "plan status --task 16 --format csv > task16.csv"},
    {"help-overdue", "逾期未完成的事项：按单位分组，逾期最久的在前",
     "overdue assignments, grouped by unit, most overdue first"},
    {"help-overdue-examples",
     "示例：\n  plan overdue --as-of 2024-12-31\n  plan overdue --unit 各乡镇\n  plan overdue "
     "--fail-if-any",
     "Examples:\n  plan overdue --as-of 2024-12-31\n  plan overdue --unit 各乡镇\n  plan overdue "
     "--fail-if-any"},
    {"help-due", "未来若干天内到期的事项", "what falls due in the next N days"},
    {"help-due-examples",
     "示例：\n  plan due --within 30\n  plan due --within 60 --as-of 2025-11-01 --unit 财政局",
     "Examples:\n  plan due --within 30\n  plan due --within 60 --as-of 2025-11-01 --unit 财政局"},
    {"help-report", "按单位或部分汇总：总数、已完成、逾期完成、进行中、未开始、受阻、逾期、完成率",
     "per unit or section: total, done, done late, in progress, not started, blocked, overdue, "
     "completion"},
    {"help-report-examples",
     "示例：\n  plan report --by unit --as-of 2025-01-01\n  plan report --by section --format csv "
     "> 汇总.csv\n  plan report --format html -o 北平镇.html --unit 北平镇   # 北平镇自己的看板",
     "Examples:\n  plan report --by unit --as-of 2025-01-01\n  plan report --by section --format "
     "csv > summary.csv\n  plan report --format html -o beiping.html --unit 北平镇   # one "
     "township's dashboard"},
    {"help-log", "进度记录的历史，按时间先后", "the history of progress entries, oldest first"},
    {"help-log-examples", "示例：\n  plan log --unit 司法局\n  plan log --task 16",
     "Examples:\n  plan log --unit 司法局\n  plan log --task 16"},
    {"help-stale", "有未完成事项、但自某日起没有报送的单位（未报送）",
     "units with unfinished items and no entry since a date"},
    {"help-stale-examples", "示例：\n  plan stale --since 2024-11-28",
     "Examples:\n  plan stale --since 2024-11-28"},
    {"help-diff",
     "比较两个版本的计划：延期、责任单位、事项、分组和进度记录的变化（有变化时退出码为 1）",
     "semantic differences of the plan between two versions (exit 1 when there are any)"},
    {"help-opt-rev-a", "旧版本（默认 HEAD）", "the older revision (default HEAD)"},
    {"help-opt-rev-b", "新版本（默认：工作区）", "the newer revision (default: the working tree)"},
    {"help-opt-dirs", "比较两个计划目录（不用 git）", "compare two plan directories (no git)"},
    {"help-diff-examples",
     "示例：\n  plan diff                      未提交的修改\n  plan diff HEAD~1 HEAD          "
     "上一次提交改了什么\n"
     "  plan diff v1.0 --format md     自 v1.0 以来的变化（Markdown，可贴进评审意见）\n"
     "  plan diff --dirs 旧/plan 新/plan\n\n退出码：0 无变化；1 有变化；2 出错",
     "Examples:\n  plan diff                      uncommitted changes\n  plan diff HEAD~1 HEAD     "
     "     what the last commit changed\n"
     "  plan diff v1.0 --format md     changes since v1.0, as Markdown for a review\n"
     "  plan diff --dirs old/plan new/plan\n\nExit codes: 0 no change; 1 changes; 2 error"},
    {"help-history", "某事项的完成时限和责任单位在 git 历史中的变化（延期记录）",
     "how an item's deadline and units changed over the git history"},
    {"help-history-examples", "示例：\n  plan history 16\n  plan history m25 --format json",
     "Examples:\n  plan history 16\n  plan history m25 --format json"},
    {"help-opt-against", "与某个 git 版本比较，对没有记录原因的延期给出警告",
     "compare with a git revision and warn about extensions without a reason"},
    {"usage-diff-dirs-and-revs", "--dirs 不能和版本号同时使用",
     "--dirs cannot be combined with revisions"},
    {"help-form", "生成 Excel 报送表：每个单位一份，列出其承担的事项，供填写状态、日期、说明和佐证",
     "make the Excel reporting forms: one per unit, listing its items, to fill in status, date, "
     "note and evidence"},
    {"help-opt-form-unit",
     "为哪个单位生成（单位名或别名）；与 --all 同用时可以是分组（为该分组的每个单位各生成一份）",
     "the unit to make the form for (name or alias); with --all it may be a group, to make one "
     "per unit of the group"},
    {"help-opt-form-all", "为每个有事项的单位各生成一份，写入 -o 指定的目录",
     "make one form per unit that has items, into the directory given with -o"},
    {"help-form-examples",
     "示例：\n  plan form --unit 北平镇                    写入 北平镇报送表.xlsx\n"
     "  plan form --unit 司法局 -o 报送/司法局.xlsx --as-of 2025-03-31\n"
     "  plan form --all -o 报送表                   每个单位一份，写入目录 报送表/\n"
     "  plan form --all --unit 各乡镇 -o 乡镇报送表\n\n"
     "“状态”为空的行不会导入；表头“事项、状态、日期、说明、佐证”不要改动。",
     "Examples:\n  plan form --unit 北平镇                    writes 北平镇报送表.xlsx\n"
     "  plan form --unit 司法局 -o forms/justice.xlsx --as-of 2025-03-31\n"
     "  plan form --all -o forms                    one per unit, into the directory forms/\n"
     "  plan form --all --unit 各乡镇 -o townships\n\n"
     "Rows without a status are not imported; the header keys 事项, 状态, 日期, 说明, 佐证 must "
     "stay as they are."},
    {"usage-form-needs-unit", "请用 --unit 指定单位，或用 --all -o 目录 为每个单位各生成一份",
     "name a unit with --unit, or make one per unit with --all -o DIR"},
    {"usage-form-all-needs-dir", "--all 需要用 -o 指定输出目录",
     "--all needs an output directory (-o DIR)"},
    {"usage-form-group",
     "“{0}”是分组；报送表按单位生成：{1}。要为该分组的每个单位各生成一份，请用 --all --unit {0} -o "
     "目录",
     "'{0}' is a group; forms are made per unit: {1}. For one form per unit of the group use --all "
     "--unit {0} -o DIR"},
    {"usage-form-nothing-assigned", "“{0}”没有承担任何事项，不需要报送表",
     "'{0}' is assigned nothing, so it needs no form"},
    {"form-written-all", "共 {0} 份报送表，在 {1}", "{0} forms in {1}"},
    {"help-init", "新建一个最小的计划目录 DIR/plan（可通过 plan check）",
     "create a minimal plan directory DIR/plan that passes plan check"},
    {"help-opt-init-dir", "（必填）项目目录（在其中建立 plan/）",
     "(required) project directory (plan/ is created in it)"},
    {"help-complete", "供命令行补全使用：列出计划中的单位、分组、事项、任务或部分，每行一个",
     "for shell completion: the plan's units, groups, items, tasks or sections, one per line"},
    {"help-opt-complete-kind", "units | groups | items | tasks | sections（可写多个）",
     "units | groups | items | tasks | sections (one or more)"},
    {"help-init-examples", "示例：\n  plan init 某县计划 && cd 某县计划 && plan check",
     "Examples:\n  plan init my-plan && cd my-plan && plan check"},
};

const std::unordered_map<std::string_view, const Text*>& index() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string_view, const Text*>();
    for (const auto& t : kTexts) (*m)[t.key] = &t;
    return m;
  }();
  return *map;
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view s) {
  // zh, zh_CN, zh-CN.UTF-8, cn, chs, chinese, 中文; en, en_US.UTF-8, english, 英文. Case does not
  // matter.
  std::string low;
  for (char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (low.rfind("zh", 0) == 0 || low == "cn" || low == "chs" || low == "chinese" || low == "中文" ||
      low == "简体中文")
    return Lang::zh;
  if (low.rfind("en", 0) == 0 || low == "english" || low == "英文") return Lang::en;
  return std::nullopt;
}

bool has_text(std::string_view key) {
  return index().count(key) > 0;
}

std::string tr(Lang lang, std::string_view key, const std::vector<std::string>& args) {
  auto it = index().find(key);
  if (it == index().end()) return std::string(key);
  const char* tpl = lang == Lang::zh ? it->second->zh : it->second->en;
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args) store.push_back(a);
  try {
    return fmt::vformat(tpl, store);
  } catch (const fmt::format_error&) {
    return tpl;  // too few arguments: show the template rather than fail
  }
}

}  // namespace plan
