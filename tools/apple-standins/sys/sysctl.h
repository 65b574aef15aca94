/* Stand-in of <sys/sysctl.h> (macOS): sysctlbyname. */
#pragma once
#include <stddef.h>
int sysctlbyname(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen);
