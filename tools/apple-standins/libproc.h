/* Stand-in of <libproc.h> (macOS): the one function MiniDL calls. */
#pragma once
#include <sys/resource.h>
int proc_pid_rusage(int pid, int flavor, rusage_info_t* buffer);
