#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
// libedit's readline-compatible API (BSD licence): line editing and history for `truant repl`.
#include <editline/readline.h>
#endif
