#include "cli.h"
int cmd_gaps(int argc, char **argv) { (void)argc; (void)argv; return CLI_BAD; }
