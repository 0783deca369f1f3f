/* The floor for reading progress files: a bare line scanner over the same bytes, on 2 threads
 * as plan uses, that reads each file into a reused buffer (as plan does), counts its lines and
 * finds the date of each entry ("date: " and the 10 characters after it). No YAML, no checks,
 * no ledger: what no reader of these files can beat by much.
 *   cc -O2 -pthread bench/line_scan.c -o line_scan && ./line_scan FILE...
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char** files;
static int n_files;
static atomic_int next_file;

struct counts {
  long lines, dates, date_sum;
};

static void* scan(void* arg) {
  struct counts* c = arg;
  char* buf = NULL;
  size_t cap = 0;
  for (int k; (k = atomic_fetch_add(&next_file, 1)) < n_files;) {
    int fd = open(files[k], O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st;
    if (fstat(fd, &st) != 0) {
      close(fd);
      continue;
    }
    if ((size_t)st.st_size + 1 > cap) {
      cap = (size_t)st.st_size + 1;
      buf = realloc(buf, cap);
    }
    size_t len = 0;
    for (ssize_t n; len < cap && (n = read(fd, buf + len, cap - len)) > 0;) len += (size_t)n;
    close(fd);
    const char* p = buf;
    const char* end = buf + len;
    while (p < end) {
      const char* nl = memchr(p, '\n', (size_t)(end - p));
      const char* line_end = nl ? nl : end;
      c->lines++;
      const char* d = memmem(p, (size_t)(line_end - p), "date: ", 6);
      if (d && line_end - d >= 16) {
        c->dates++;
        c->date_sum += (d[6 + 8] - '0') * 10 + (d[6 + 9] - '0');  /* the day, so it is read */
      }
      p = line_end + 1;
    }
  }
  free(buf);
  return NULL;
}

int main(int argc, char** argv) {
  files = argv + 1;
  n_files = argc - 1;
  enum { kThreads = 2 };
  pthread_t t[kThreads];
  struct counts c[kThreads];
  memset(c, 0, sizeof c);
  for (int i = 0; i < kThreads; ++i) pthread_create(&t[i], NULL, scan, &c[i]);
  struct counts total = {0, 0, 0};
  for (int i = 0; i < kThreads; ++i) {
    pthread_join(t[i], NULL);
    total.lines += c[i].lines;
    total.dates += c[i].dates;
    total.date_sum += c[i].date_sum;
  }
  printf("%ld lines, %ld dates (%ld)\n", total.lines, total.dates, total.date_sum);
  return 0;
}
