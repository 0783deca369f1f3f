// The floor for a YAML reader: parse every event of the files named on the command line with
// libyaml and do nothing with them.
#include <yaml.h>

#include <cstdio>

int main(int argc, char** argv) {
  long events = 0;
  for (int i = 1; i < argc; ++i) {
    FILE* f = std::fopen(argv[i], "rb");
    if (!f) return 2;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_file(&p, f);
    yaml_event_t e;
    for (bool done = false; !done;) {
      if (!yaml_parser_parse(&p, &e)) return 1;
      done = e.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&e);
      ++events;
    }
    yaml_parser_delete(&p);
    std::fclose(f);
  }
  std::printf("%ld events\n", events);
  return 0;
}
