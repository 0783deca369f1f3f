// libzip and libxlsxwriter, loaded when a command first uses them, not when plan starts.
//
// Most commands (report, status, overdue, record…) never touch a spreadsheet or a Word file, yet
// loading these two libraries at start-up, with libcrypto, libbz2 and libminizip that they bring,
// costs about 2 ms of every run: most of a warm report's time at a city's size
// (docs/benchmarks.md). The program is therefore not linked against them. Each function of theirs
// that plan calls is defined here with its header's exact prototype (the compiler refuses any
// other: a C function cannot be overloaded), and on its first call looks up the real one in the
// library, opened by its SONAME as found at build time. The tests and fuzz targets link the
// libraries directly. A function used for the first time elsewhere in plan fails to link until
// it is added here.
#include <dlfcn.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>

namespace {

struct Library {
  const char* soname;   // what dlopen loads
  const char* package;  // the Debian package that has it, for the message ("" when not known)
};

constexpr Library kZip{PLAN_LIBZIP_SONAME, PLAN_LIBZIP_PACKAGE};
constexpr Library kXlsxwriter{PLAN_XLSXWRITER_SONAME, PLAN_XLSXWRITER_PACKAGE};

// The function `name` of `lib`. A library that cannot be loaded is an installation problem no
// command can work around: plan says which and how to fix it, and exits with 70 (EX_SOFTWARE).
void* symbol(const Library& lib, const char* name) {
  // dlopen counts references: the library stays loaded for the rest of the run.
  void* handle = ::dlopen(lib.soname, RTLD_NOW | RTLD_LOCAL);
  void* f = handle ? ::dlsym(handle, name) : nullptr;
  if (!f) {
    const char* why = ::dlerror();
    std::fprintf(stderr,
                 "plan: 无法载入 %s（%s），请安装软件包 %s。\n"
                 "plan: cannot load %s (%s): install the package %s.\n",
                 lib.soname, why ? why : name, *lib.package ? lib.package : lib.soname, lib.soname,
                 why ? why : name, *lib.package ? lib.package : lib.soname);
    std::fflush(stderr);
    std::_Exit(70);
  }
  return f;
}

}  // namespace

// Thread-safe: a function-local static is initialised once.
#define PLAN_LAZY(lib, ret, name, params, args)                                       \
  extern "C" ret name params {                                                        \
    static const auto real = reinterpret_cast<decltype(&::name)>(symbol(lib, #name)); \
    return real args;                                                                 \
  }

PLAN_LAZY(kXlsxwriter, void, format_set_align, (lxw_format * format, uint8_t alignment),
          (format, alignment))
PLAN_LAZY(kXlsxwriter, void, format_set_bg_color, (lxw_format * format, lxw_color_t color),
          (format, color))
PLAN_LAZY(kXlsxwriter, void, format_set_bold, (lxw_format * format), (format))
PLAN_LAZY(kXlsxwriter, void, format_set_border, (lxw_format * format, uint8_t style),
          (format, style))
PLAN_LAZY(kXlsxwriter, void, format_set_font_color, (lxw_format * format, lxw_color_t color),
          (format, color))
PLAN_LAZY(kXlsxwriter, void, format_set_font_name, (lxw_format * format, const char* font_name),
          (format, font_name))
PLAN_LAZY(kXlsxwriter, void, format_set_font_size, (lxw_format * format, double size),
          (format, size))
PLAN_LAZY(kXlsxwriter, void, format_set_num_format, (lxw_format * format, const char* num_format),
          (format, num_format))
PLAN_LAZY(kXlsxwriter, void, format_set_text_wrap, (lxw_format * format), (format))
PLAN_LAZY(kXlsxwriter, void, format_set_unlocked, (lxw_format * format), (format))
PLAN_LAZY(kXlsxwriter, char*, lxw_strerror, (lxw_error error_num), (error_num))
PLAN_LAZY(kXlsxwriter, lxw_format*, workbook_add_format, (lxw_workbook * workbook), (workbook))
PLAN_LAZY(kXlsxwriter, lxw_worksheet*, workbook_add_worksheet,
          (lxw_workbook * workbook, const char* sheetname), (workbook, sheetname))
PLAN_LAZY(kXlsxwriter, lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))
PLAN_LAZY(kXlsxwriter, lxw_workbook*, workbook_new, (const char* filename), (filename))
PLAN_LAZY(kXlsxwriter, lxw_error, workbook_set_properties,
          (lxw_workbook * workbook, lxw_doc_properties* properties), (workbook, properties))
PLAN_LAZY(kXlsxwriter, void, worksheet_activate, (lxw_worksheet * worksheet), (worksheet))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_autofilter,
          (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
           lxw_col_t last_col),
          (worksheet, first_row, first_col, last_row, last_col))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_conditional_format_range,
          (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
           lxw_col_t last_col, lxw_conditional_format* conditional_format),
          (worksheet, first_row, first_col, last_row, last_col, conditional_format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_data_validation_range,
          (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
           lxw_col_t last_col, lxw_data_validation* validation),
          (worksheet, first_row, first_col, last_row, last_col, validation))
PLAN_LAZY(kXlsxwriter, void, worksheet_fit_to_pages,
          (lxw_worksheet * worksheet, uint16_t width, uint16_t height), (worksheet, width, height))
PLAN_LAZY(kXlsxwriter, void, worksheet_freeze_panes,
          (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col), (worksheet, row, col))
PLAN_LAZY(kXlsxwriter, void, worksheet_hide, (lxw_worksheet * worksheet), (worksheet))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_merge_range,
          (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
           lxw_col_t last_col, const char* string, lxw_format* format),
          (worksheet, first_row, first_col, last_row, last_col, string, format))
PLAN_LAZY(kXlsxwriter, void, worksheet_protect,
          (lxw_worksheet * worksheet, const char* password, lxw_protection* options),
          (worksheet, password, options))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_repeat_rows,
          (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_row_t last_row),
          (worksheet, first_row, last_row))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_set_column,
          (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,
           lxw_format* format),
          (worksheet, first_col, last_col, width, format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_set_footer,
          (lxw_worksheet * worksheet, const char* string), (worksheet, string))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_set_header,
          (lxw_worksheet * worksheet, const char* string), (worksheet, string))
PLAN_LAZY(kXlsxwriter, void, worksheet_set_landscape, (lxw_worksheet * worksheet), (worksheet))
PLAN_LAZY(kXlsxwriter, void, worksheet_set_margins,
          (lxw_worksheet * worksheet, double left, double right, double top, double bottom),
          (worksheet, left, right, top, bottom))
PLAN_LAZY(kXlsxwriter, void, worksheet_set_paper, (lxw_worksheet * worksheet, uint8_t paper_type),
          (worksheet, paper_type))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_set_row,
          (lxw_worksheet * worksheet, lxw_row_t row, double height, lxw_format* format),
          (worksheet, row, height, format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_write_blank,
          (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_format* format),
          (worksheet, row, col, format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_write_datetime,
          (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime* datetime,
           lxw_format* format),
          (worksheet, row, col, datetime, format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_write_number,
          (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number,
           lxw_format* format),
          (worksheet, row, col, number, format))
PLAN_LAZY(kXlsxwriter, lxw_error, worksheet_write_string,
          (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char* string,
           lxw_format* format),
          (worksheet, row, col, string, format))
PLAN_LAZY(kZip, int, zip_close, (zip_t * a0), (a0))
PLAN_LAZY(kZip, void, zip_discard, (zip_t * a0), (a0))
PLAN_LAZY(kZip, int, zip_error_code_zip, (const zip_error_t* a0), (a0))
PLAN_LAZY(kZip, void, zip_error_fini, (zip_error_t * a0), (a0))
PLAN_LAZY(kZip, void, zip_error_init, (zip_error_t * a0), (a0))
PLAN_LAZY(kZip, const char*, zip_error_strerror, (zip_error_t * a0), (a0))
PLAN_LAZY(kZip, int, zip_fclose, (zip_file_t * a0), (a0))
PLAN_LAZY(kZip, zip_int64_t, zip_file_add,
          (zip_t * a0, const char* a1, zip_source_t* a2, zip_flags_t a3), (a0, a1, a2, a3))
PLAN_LAZY(kZip, const char*, zip_file_strerror, (zip_file_t * a0), (a0))
PLAN_LAZY(kZip, zip_file_t*, zip_fopen_index, (zip_t * a0, zip_uint64_t a1, zip_flags_t a2),
          (a0, a1, a2))
PLAN_LAZY(kZip, zip_int64_t, zip_fread, (zip_file_t * a0, void* a1, zip_uint64_t a2), (a0, a1, a2))
PLAN_LAZY(kZip, zip_error_t*, zip_get_error, (zip_t * a0), (a0))
PLAN_LAZY(kZip, zip_int64_t, zip_get_num_entries, (zip_t * a0, zip_flags_t a1), (a0, a1))
PLAN_LAZY(kZip, zip_int64_t, zip_name_locate, (zip_t * a0, const char* a1, zip_flags_t a2),
          (a0, a1, a2))
PLAN_LAZY(kZip, zip_t*, zip_open_from_source, (zip_source_t * a0, int a1, zip_error_t* a2),
          (a0, a1, a2))
PLAN_LAZY(kZip, zip_source_t*, zip_source_buffer,
          (zip_t * a0, const void* a1, zip_uint64_t a2, int a3), (a0, a1, a2, a3))
PLAN_LAZY(kZip, zip_source_t*, zip_source_buffer_create,
          (const void* a0, zip_uint64_t a1, int a2, zip_error_t* a3), (a0, a1, a2, a3))
PLAN_LAZY(kZip, int, zip_source_close, (zip_source_t * a0), (a0))
PLAN_LAZY(kZip, void, zip_source_free, (zip_source_t * a0), (a0))
PLAN_LAZY(kZip, void, zip_source_keep, (zip_source_t * a0), (a0))
PLAN_LAZY(kZip, int, zip_source_open, (zip_source_t * a0), (a0))
PLAN_LAZY(kZip, zip_int64_t, zip_source_read, (zip_source_t * a0, void* a1, zip_uint64_t a2),
          (a0, a1, a2))
PLAN_LAZY(kZip, int, zip_source_stat, (zip_source_t * a0, zip_stat_t* a1), (a0, a1))
PLAN_LAZY(kZip, int, zip_stat_index, (zip_t * a0, zip_uint64_t a1, zip_flags_t a2, zip_stat_t* a3),
          (a0, a1, a2, a3))
PLAN_LAZY(kZip, void, zip_stat_init, (zip_stat_t * a0), (a0))
PLAN_LAZY(kZip, const char*, zip_strerror, (zip_t * a0), (a0))
