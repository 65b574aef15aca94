/*
 * cpu_threads.c — the thread count of the CPU kernels (mdl_set_threads, MINIDL_THREADS, "auto").
 *
 *   mdl_set_threads(n), n > 0, or MINIDL_THREADS=n   n threads, always
 *   mdl_set_threads(0), MINIDL_THREADS=auto or unset  one per core (OMP_NUM_THREADS caps it); on Linux fewer
 *                                                     while its threads wait for shared cores (cpu_threads_policy.h)
 *
 * The auto count is re-decided once per window of MDL_WINDOW seconds in which kernels ran, from
 * the scheduler's per-thread statistics (/proc/self/task/N/schedstat: nanoseconds run and
 * nanoseconds waited for a core). Other systems have no such counter that is cheap to read, and
 * keep one thread per core. The hot path is one read of a monotonic clock per kernel launch.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L /* opendir */
#endif
#include <stdio.h>
#if defined(__linux__)
#  include <dirent.h>
#  define MDL_HAVE_SCHEDSTAT 1
#else
#  define MDL_HAVE_SCHEDSTAT 0
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
#ifdef _OPENMP /* the auto count's state; without OpenMP there is one thread */
static mdl_thread_policy g_policy;
static double g_window_wall, g_window_run, g_window_wait; /* the clock and the scheduler's counters when the window started */
static long g_window_calls;
static int g_adapt;          /* auto and the scheduler's counters readable: the count follows the policy */
static int g_trace;          /* MINIDL_THREADS_TRACE=1: one line per decision on stderr */

/* Seconds every thread of this process has run, and waited ready to run for a core, since it
 * started (Linux's schedstat: "run_ns wait_ns timeslices" per thread). 0 when not available. */
static int scheduler_seconds(double* run, double* wait)
{
    *run = 0;
    *wait = 0;
#if MDL_HAVE_SCHEDSTAT
    DIR* tasks = opendir("/proc/self/task");
    if (tasks == NULL) return 0;
    struct dirent* e;
    int found = 0;
    while ((e = readdir(tasks)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/self/task/%.20s/schedstat", e->d_name);
        FILE* f = fopen(path, "r");
        if (f == NULL) continue; /* the thread has just ended */
        unsigned long long r = 0, w = 0;
        if (fscanf(f, "%llu %llu", &r, &w) == 2) {
            *run += 1e-9 * (double)r;
            *wait += 1e-9 * (double)w;
            found = 1;
        }
        fclose(f);
    }
    closedir(tasks);
    return found;
#else
    return 0;
#endif
}

static int cores(void)
{
    int t = omp_get_max_threads(); /* OMP_NUM_THREADS, or one per core */
    return t > 0 ? t : 1;
}
#endif /* _OPENMP */

/* MINIDL_THREADS: a positive integer fixes the count; unset, empty, "auto" or anything else is auto. */
static int threads_from_environment(void)
{
    const char* s = getenv("MINIDL_THREADS");
    if (s == NULL || *s == '\0' || strcmp(s, "auto") == 0) return 0;
    char* end = NULL;
    long n = strtol(s, &end, 10);
    return (end != s && *end == '\0' && n > 0 && n <= 4096) ? (int)n : 0;
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
                g_trace = getenv("MINIDL_THREADS_TRACE") != NULL;
                g_adapt = scheduler_seconds(&g_window_run, &g_window_wait) && g_policy.max > 1; /* else one per core */
                g_window_wall = mdl_clock_seconds();
                g_window_calls = 0;
                g_auto_ready = 1;
            }
        }
    }
    if (!g_adapt) return g_policy.threads;
    g_window_calls++;
    double now = mdl_clock_seconds();
    double window = g_policy.probing ? MDL_PROBE_WINDOW : MDL_WINDOW;
    if (now - g_window_wall >= window) {
        MDL_PRAGMA(omp critical (mdl_threads))
        {
            double wall = now - g_window_wall;
            if (wall >= window) {
                double run, wait;
                scheduler_seconds(&run, &wait);
                double ran = run - g_window_run, waited = wait - g_window_wait; /* this window's */
                if (g_window_calls >= MDL_WINDOW_CALLS) {
                    mdl_thread_policy_window(&g_policy, wall, ran, waited);
                    if (g_trace)
                        fprintf(stderr, "minidl threads: window %.3f s, ran %.3f s, waited %.3f s (%.0f%%) -> %d%s\n", wall,
                                ran, waited, 100.0 * waited / (ran + waited + 1e-12), g_policy.threads,
                                g_policy.probing ? " (probe)" : "");
                }
                g_window_wall = now;
                g_window_run = run;
                g_window_wait = wait;
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
