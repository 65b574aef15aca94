/*
 * cpu_threads.c — the thread count of the CPU kernels (mdl_set_threads, MINIDL_THREADS, "auto").
 *
 *   mdl_set_threads(n), n > 0, or MINIDL_THREADS=n   n threads, always
 *   mdl_set_threads(0), MINIDL_THREADS=auto or unset  one per core (OMP_NUM_THREADS caps it), fewer while the
 *                                                     process does not get its cores (cpu_threads_policy.h)
 *
 * The auto count is re-decided once per window of MDL_WINDOW seconds in which kernels ran: the
 * hot path is one read of a monotonic clock per kernel launch.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif
#if defined(_WIN32)
#  include <windows.h>
#else
#  include <time.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "cpu_internal.h"
#include "cpu_threads_policy.h"

#define MDL_WINDOW 0.25      /* seconds of wall time per decision */
#define MDL_PROBE_WINDOW 0.1 /* a probe's window: short, since on busy cores the extra thread is costly */
#define MDL_WINDOW_CALLS 16  /* fewest kernel launches for a window to count (else the process was doing other work) */

static int g_fixed = -1;     /* -1 not read yet, 0 auto, > 0 a fixed count */
static int g_auto_ready = 0;
static mdl_thread_policy g_policy;
static double g_window_wall, g_window_cpu; /* when the current window started, on both clocks */
static long g_window_calls;

/* Seconds on a monotonic wall clock, or (process_cpu) the CPU time of the whole process: every
 * thread, user + system. */
static double seconds(int process_cpu)
{
#if defined(_WIN32)
    if (process_cpu) {
        FILETIME created, exited, kernel, user;
        if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) return 0;
        ULARGE_INTEGER k, u;
        k.LowPart = kernel.dwLowDateTime; k.HighPart = kernel.dwHighDateTime;
        u.LowPart = user.dwLowDateTime;   u.HighPart = user.dwHighDateTime;
        return 1e-7 * (double)(k.QuadPart + u.QuadPart);
    }
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec t;
    clock_gettime(process_cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
#endif
}

/* MINIDL_THREADS: a positive integer fixes the count; unset, empty, "auto" or anything else is auto. */
static int threads_from_environment(void)
{
    const char* s = getenv("MINIDL_THREADS");
    if (s == NULL || *s == '\0' || strcmp(s, "auto") == 0) return 0;
    char* end = NULL;
    long n = strtol(s, &end, 10);
    return (end != s && *end == '\0' && n > 0 && n <= 4096) ? (int)n : 0;
}

static int cores(void)
{
#ifdef _OPENMP
    int t = omp_get_max_threads(); /* OMP_NUM_THREADS, or one per core */
    return t > 0 ? t : 1;
#else
    return 1;
#endif
}

int mdl_cpu_threads_max(void)
{
    if (g_fixed < 0) g_fixed = threads_from_environment();
#ifdef _OPENMP
    return g_fixed > 0 ? g_fixed : cores();
#else
    return 1;
#endif
}

int mdl_cpu_threads(void)
{
#ifdef _OPENMP
    if (g_fixed < 0) g_fixed = threads_from_environment();
    if (g_fixed > 0) return g_fixed;
    if (!g_auto_ready) {
        MDL_PRAGMA(omp critical (mdl_threads))
        {
            if (!g_auto_ready) {
                mdl_thread_policy_init(&g_policy, cores());
                g_window_wall = seconds(0);
                g_window_cpu = seconds(1);
                g_window_calls = 0;
                g_auto_ready = 1;
            }
        }
    }
    if (g_policy.max == 1) return 1;
    g_window_calls++;
    double now = seconds(0);
    double window = g_policy.probing ? MDL_PROBE_WINDOW : MDL_WINDOW;
    if (now - g_window_wall >= window) {
        MDL_PRAGMA(omp critical (mdl_threads))
        {
            double wall = now - g_window_wall;
            if (wall >= window) {
                double cpu = seconds(1);
                if (g_window_calls >= MDL_WINDOW_CALLS) mdl_thread_policy_window(&g_policy, wall, cpu - g_window_cpu);
                g_window_wall = now;
                g_window_cpu = cpu;
                g_window_calls = 0;
            }
        }
    }
    return g_policy.threads;
#else
    return 1;
#endif
}

mdl_status mdl_impl_set_threads(int32_t threads)
{
    g_fixed = threads;   /* 0: auto again, starting from one per core */
    g_auto_ready = 0;
    return MDL_OK;
}
