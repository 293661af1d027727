#ifndef CNLOPT_SHIM_H
#define CNLOPT_SHIM_H
#include <nlopt.h>   // libnlopt-dev: BOBYQA and friends
#endif
