#ifndef CREADSTAT_SHIM_H
#define CREADSTAT_SHIM_H
#include <readstat.h>   // libreadstat-dev (no pkg-config file): SPSS, Stata, SAS readers and writers
#endif
