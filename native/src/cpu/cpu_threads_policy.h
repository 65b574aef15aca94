/*
 * cpu_threads_policy.h — how many threads the CPU kernels use when the count is "auto"
 * (not part of the ABI; cpu_threads.c feeds it the scheduler's numbers, native/tests/
 * threads_policy_test.c feeds it made-up windows).
 *
 * Why: on a machine whose cores are shared (a laptop running other programs, two trainings at
 * once), a parallel kernel with t threads waits at its end for the slowest thread, and a thread
 * the OS has descheduled is slow by a whole scheduler slice. Two processes with 2 threads each
 * on 2 cores were measured 10–30x slower than the same two processes with 1 thread each.
 *
 * The signal: over a window of wall time, the scheduler says how long this process's threads
 * ran (`run`) and how long they were ready to run but waited for a core (`wait`; Linux:
 * /proc/self/task/N/schedstat, macOS: proc_pid_rusage's ri_runnable_time). Time spent asleep — waiting for I/O, a sleep, an idle
 * OpenMP worker — is neither, so a program that pauses between kernels is not mistaken for
 * one that shares its cores. The fraction that waited, c = wait / (run + wait), is ~0 on free
 * cores and grows with the number of threads competing for each core.
 *
 *   c > MDL_WAITED in MDL_STRIKES windows in a row, t > 1  →  t ← t − 1   (the cores are shared;
 *   alone on free cores c stays near 0.1: the runtime's own threads and the OS take a little)
 *   after probe_wait seconds at t < max: one window at t + 1 (a probe);
 *     the probe did not wait (c ≤ MDL_WAITED)  →  keep t + 1, probe_wait ← first wait
 *     it did                                   →  back to t, probe_wait doubles (to a limit)
 */
#ifndef MDL_CPU_THREADS_POLICY_H
#define MDL_CPU_THREADS_POLICY_H

#define MDL_WAITED 0.25         /* the fraction of ready time spent waiting for a core above which cores are shared */
#define MDL_STRIKES 2           /* shared windows in a row before a thread is dropped (one can be a passing burst) */
#define MDL_PROBE_FIRST 4.0     /* seconds at a lowered count before trying one thread more */
#define MDL_PROBE_LAST 64.0     /* the longest wait between probes */

typedef struct {
    int threads;        /* what the kernels use now, 1..max */
    int max;            /* one per core, or OMP_NUM_THREADS */
    int probing;        /* 1 while the current window runs at one thread more, as a probe */
    double probe_wait;  /* seconds at this count before the next probe */
    double waited;      /* seconds since the count last changed */
    int strikes;        /* shared windows in a row */
} mdl_thread_policy;

static inline void mdl_thread_policy_init(mdl_thread_policy* p, int max)
{
    p->max = max > 0 ? max : 1;
    p->threads = p->max;
    p->probing = 0;
    p->probe_wait = MDL_PROBE_FIRST;
    p->waited = 0;
    p->strikes = 0;
}

/* One window of `wall` seconds in which the process's threads ran `run` seconds and waited
 * `wait` seconds for a core (summed over threads). */
static inline void mdl_thread_policy_window(mdl_thread_policy* p, double wall, double run, double wait)
{
    if (!(wall > 0) || !(run + wait > 0)) return;
    int shared = wait / (run + wait) > MDL_WAITED;
    p->strikes = shared ? p->strikes + 1 : 0;
    p->waited += wall;
    if (p->probing) {
        p->probing = 0;
        p->waited = 0;
        if (!shared) {
            p->probe_wait = MDL_PROBE_FIRST; /* the cores are free again: keep the extra thread */
        } else {
            p->threads -= 1;
            p->probe_wait = p->probe_wait * 2 < MDL_PROBE_LAST ? p->probe_wait * 2 : MDL_PROBE_LAST;
        }
        return;
    }
    if (p->threads > 1 && p->strikes >= MDL_STRIKES) {
        p->threads -= 1;
        p->waited = 0;
        p->strikes = 0;
        return;
    }
    if (p->threads < p->max && p->waited >= p->probe_wait) {
        p->threads += 1;
        p->probing = 1;
    }
}

/* Where the scheduler's waiting time cannot be read (Windows; or MINIDL_THREADS_SIGNAL=load on Linux),
 * c is estimated from what every OS does report: how busy the machine's cores were and how much
 * of that was this process. Over a window of `wall` seconds, in cores (seconds / wall):
 *
 *   B = busy / wall   the machine's cores busy, every program (this one included), 0..cores
 *   U = own / wall    this process's threads running
 *   O = B − U         the other programs
 *
 * A fair scheduler on saturated cores gives each runnable thread the same share, so with our
 * t threads and the others wanting d cores, U : O = t : d, i.e. d = t O / U; t + d threads on
 * `cores` cores each run cores / (t + d) of the time and wait the rest:
 *
 *   c = 1 − cores / (t + d)   when t + d > cores, else 0   (no one waits on free cores)
 *
 * times B / cores, the fraction of the window the cores can have been full (a program that
 * sleeps between kernels leaves them idle, and nobody waits on an idle core). Checks: alone,
 * U ≈ t, O ≈ 0 → c ≈ 0; beside one busy program on 2 cores, t = 2: U = 4/3, O = 2/3, d = 1,
 * c = 1/3 (what schedstat shows there, docs/threads.md); at t = 1 beside it: d = 1, t + d = 2,
 * c = 0 (keep 1); two such processes at t = 2 each: U = O = 1, d = 2, c = 1/2. */
static inline double mdl_thread_wait_from_load(int cores, int threads, double wall, double busy, double own)
{
    if (!(wall > 0) || !(own > 0) || cores < 1 || threads < 1) return 0;
    double b = busy / wall, u = own / wall;
    double o = b - u > 0 ? b - u : 0;  /* the counters' ticks can put own a little above busy */
    double d = threads * o / u;
    double full = b / cores < 1 ? b / cores : 1;
    double c = threads + d > cores ? 1 - cores / (threads + d) : 0;
    return c * full;
}

#endif
