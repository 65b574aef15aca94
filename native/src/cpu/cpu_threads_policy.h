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
 * /proc/self/task/N/schedstat). Time spent asleep — waiting for I/O, a sleep, an idle
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

#endif
