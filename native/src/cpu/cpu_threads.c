/*
 * cpu_threads.c — the thread count of the CPU kernels (mdl_set_threads, MINIDL_THREADS, "auto").
 *
 *   mdl_set_threads(n), n > 0, or MINIDL_THREADS=n   n threads, always
 *   mdl_set_threads(0), MINIDL_THREADS=auto or unset  one per core (OMP_NUM_THREADS caps it); on Linux,
 *                                                     Windows and macOS fewer while its threads wait for
 *                                                     shared cores (cpu_threads_policy.h)
 *
 * The auto count is re-decided once per window of MDL_WINDOW seconds in which kernels ran, from
 * one of two signals:
 *   wait  the time this process's threads waited, ready to run, for a core, measured by the OS:
 *         Linux's per-thread schedstat (/proc/self/task/N/schedstat: nanoseconds run, nanoseconds
 *         waited), macOS's proc_pid_rusage (ri_user_time + ri_system_time, ri_runnable_time);
 *   load  Windows (GetSystemTimes, GetProcessTimes), and Linux with MINIDL_THREADS_SIGNAL=load
 *         (/proc/stat, getrusage): how busy the machine's cores were and how much of that was this
 *         process, the waiting estimated (mdl_thread_wait_from_load).
 * The hot path is one read of a monotonic clock per kernel launch.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L /* opendir */
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#  define _DARWIN_C_SOURCE /* macOS hides proc_pid_rusage's rusage_info_v4 in plain POSIX mode */
#endif
#include <stdio.h>
#if defined(__linux__)
#  include <dirent.h>
#  include <sys/resource.h>
#  include <unistd.h>
#  define MDL_HAVE_WAIT 1
#  define MDL_HAVE_LOAD 1
#elif defined(_WIN32)
#  define WIN32_LEAN_AND_MEAN
#  include <windows.h>
#  define MDL_HAVE_WAIT 0
#  define MDL_HAVE_LOAD 1
#elif defined(__APPLE__)
#  include <libproc.h>
#  include <mach/mach_time.h>
#  include <sys/resource.h>
#  include <unistd.h>
#  if defined(RUSAGE_INFO_V4) /* macOS 10.14 and later: the task's runnable time */
#    define MDL_HAVE_WAIT 1
#  else
#    define MDL_HAVE_WAIT 0
#  endif
#  define MDL_HAVE_LOAD 0
#else
#  define MDL_HAVE_WAIT 0
#  define MDL_HAVE_LOAD 0
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
static double g_window_busy, g_window_own;                /* the load signal's counters when the window started */
static long g_window_calls;
static int g_adapt;          /* auto and a signal readable: the count follows the policy */
static int g_load;           /* 1: the load signal (Windows, MINIDL_THREADS_SIGNAL=load), 0: the wait signal */
static int g_trace;          /* MINIDL_THREADS_TRACE=1: one line per decision on stderr */

/* Seconds every thread of this process has run, and waited ready to run for a core, since it
 * started: the wait signal (Linux's schedstat, "run_ns wait_ns timeslices" per thread; macOS's
 * proc_pid_rusage for the whole task, in Mach absolute time units, which mach_timebase_info turns
 * into nanoseconds). 0 when not available. */
static int scheduler_seconds(double* run, double* wait)
{
    *run = 0;
    *wait = 0;
#if MDL_HAVE_WAIT && defined(__APPLE__)
    static double tick = 0; /* seconds per Mach absolute time unit */
    if (tick == 0) {
        mach_timebase_info_data_t tb;
        if (mach_timebase_info(&tb) != KERN_SUCCESS || tb.denom == 0) return 0;
        tick = 1e-9 * (double)tb.numer / (double)tb.denom;
    }
    struct rusage_info_v4 ri;
    if (proc_pid_rusage(getpid(), RUSAGE_INFO_V4, (rusage_info_t*)&ri) != 0) return 0;
    *run = tick * (double)(ri.ri_user_time + ri.ri_system_time);
    *wait = tick * (double)ri.ri_runnable_time;
    return 1;
#elif MDL_HAVE_WAIT
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

/* The load signal's counters: core-seconds every program has kept the machine's cores busy
 * (`busy`, this process included) and seconds this process's threads have run (`own`), since
 * boot and since the process started; `*machine_cores` the cores they cover. 0 when not available.
 * Linux: /proc/stat's first line (user nice system idle iowait irq softirq steal, in clock ticks;
 * steal, time the hypervisor gave this VM's cores to another, counts as busy: it is the
 * neighbours' load) and getrusage. Windows: GetSystemTimes (kernel time includes idle) and
 * GetProcessTimes, in units of 100 ns. */
static int load_seconds(double* busy, double* own, int* machine_cores)
{
    *busy = 0;
    *own = 0;
    *machine_cores = 0;
#if defined(__linux__)
    FILE* f = fopen("/proc/stat", "r");
    if (f == NULL) return 0;
    unsigned long long user = 0, nice = 0, sys = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    int got = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &sys, &idle, &iowait, &irq,
                     &softirq, &steal);
    fclose(f);
    long tick = sysconf(_SC_CLK_TCK), n = sysconf(_SC_NPROCESSORS_ONLN);
    struct rusage ru;
    if (got < 7 || tick <= 0 || n <= 0 || getrusage(RUSAGE_SELF, &ru) != 0) return 0;
    *busy = (double)(user + nice + sys + irq + softirq + steal) / (double)tick;
    *own = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
           1e-6 * ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec);
    *machine_cores = (int)n;
    return 1;
#elif defined(_WIN32)
    FILETIME idle, kernel, user, created, ended, pkernel, puser;
    if (!GetSystemTimes(&idle, &kernel, &user) ||
        !GetProcessTimes(GetCurrentProcess(), &created, &ended, &pkernel, &puser))
        return 0;
#  define MDL_FT(t) (1e-7 * (double)(((unsigned long long)(t).dwHighDateTime << 32) | (t).dwLowDateTime))
    *busy = MDL_FT(kernel) + MDL_FT(user) - MDL_FT(idle);
    *own = MDL_FT(pkernel) + MDL_FT(puser);
#  undef MDL_FT
    DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    *machine_cores = n > 0 ? (int)n : 1;
    return 1;
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
                const char* signal = getenv("MINIDL_THREADS_SIGNAL");
                int want_load = signal != NULL && strcmp(signal, "load") == 0;
                /* MINIDL_THREADS_SIGNAL=load where this system has it; else the wait signal; else load */
                int n;
                g_load = want_load && load_seconds(&g_window_busy, &g_window_own, &n);
                int readable = g_load || scheduler_seconds(&g_window_run, &g_window_wait);
                if (!readable) readable = g_load = load_seconds(&g_window_busy, &g_window_own, &n);
                g_adapt = readable && g_policy.max > 1; /* else one per core */
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
                double run = 0, wait = 0, busy = 0, own = 0, ran, waited;
                int n = 0, t = g_policy.threads; /* the count this window ran with */
                if (g_load) {
                    load_seconds(&busy, &own, &n);
                    double c = mdl_thread_wait_from_load(n, t, wall, busy - g_window_busy, own - g_window_own);
                    ran = (1 - c) * t * wall; /* as if measured: t threads ready for the window, c of it waiting */
                    waited = c * t * wall;
                } else {
                    scheduler_seconds(&run, &wait);
                    ran = run - g_window_run; /* this window's */
                    waited = wait - g_window_wait;
                }
                if (g_window_calls >= MDL_WINDOW_CALLS) {
                    mdl_thread_policy_window(&g_policy, wall, ran, waited);
                    double b = (busy - g_window_busy) / wall, u = (own - g_window_own) / wall; /* in cores */
                    if (g_trace && g_load)
                        fprintf(stderr, "minidl threads: window %.3f s, cores busy %.2f, this process %.2f, others %.2f"
                                        " -> waited %.0f%% (estimated) -> %d%s\n", wall, b, u, b - u,
                                100.0 * waited / (ran + waited + 1e-12), g_policy.threads, g_policy.probing ? " (probe)" : "");
                    else if (g_trace)
                        fprintf(stderr, "minidl threads: window %.3f s, ran %.3f s, waited %.3f s (%.0f%%) -> %d%s\n", wall,
                                ran, waited, 100.0 * waited / (ran + waited + 1e-12), g_policy.threads,
                                g_policy.probing ? " (probe)" : "");
                }
                g_window_wall = now;
                g_window_run = run;
                g_window_wait = wait;
                g_window_busy = busy;
                g_window_own = own;
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
