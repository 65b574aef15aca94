/*
 * cpu_threads_policy.h — how many threads the CPU kernels use when the count is "auto"
 * (not part of the ABI; cpu_threads.c feeds it the clocks, native/tests/threads_policy_test.c
 * feeds it made-up windows).
 *
 * Why: on a machine whose cores are shared (a laptop running other programs, two trainings at
 * once), a parallel kernel with t threads waits at its end for the slowest thread, and a thread
 * the OS has descheduled is slow by a whole scheduler slice. Two processes with 2 threads each
 * on 2 cores were measured 10–30x slower than the same two processes with 1 thread each.
 *
 * The signal: over a window of wall time W in which the process ran kernels, the CPU time C it
 * got says how many cores it really had, u = C / W. Busy with t threads on t free cores,
 * u ≈ t (idle OpenMP workers spin between kernels, so even the short serial parts count);
 * sharing the cores, u falls towards the process's fair share.
 *
 *   u < MDL_GOT_CORES * t    →  t ← max(1, min(t − 1, ⌊u + 1/4⌋))   (it did not get its cores)
 *   after probe_wait seconds at t < max: one window at t + 1 (a probe);
 *     the probe got its cores (u ≥ MDL_GOT_CORES (t + 1))  →  keep t + 1, probe_wait ← first wait
 *     it did not                                           →  back to t, probe_wait doubles (to a limit)
 */
#ifndef MDL_CPU_THREADS_POLICY_H
#define MDL_CPU_THREADS_POLICY_H

#define MDL_GOT_CORES 0.75      /* a fraction of t below which the process did not get t cores */
#define MDL_PROBE_FIRST 4.0     /* seconds at a lowered count before trying one thread more */
#define MDL_PROBE_LAST 64.0     /* the longest wait between probes */

typedef struct {
    int threads;        /* what the kernels use now, 1..max */
    int max;            /* one per core, or OMP_NUM_THREADS */
    int probing;        /* 1 while the current window runs at one thread more, as a probe */
    double probe_wait;  /* seconds at this count before the next probe */
    double waited;      /* seconds since the count last changed */
} mdl_thread_policy;

static inline void mdl_thread_policy_init(mdl_thread_policy* p, int max)
{
    p->max = max > 0 ? max : 1;
    p->threads = p->max;
    p->probing = 0;
    p->probe_wait = MDL_PROBE_FIRST;
    p->waited = 0;
}

/* One window: `wall` seconds of wall time in which the process got `cpu` seconds of CPU time. */
static inline void mdl_thread_policy_window(mdl_thread_policy* p, double wall, double cpu)
{
    if (!(wall > 0)) return;
    double u = cpu / wall; /* the cores this process had */
    p->waited += wall;
    if (p->probing) {
        p->probing = 0;
        p->waited = 0;
        if (u >= MDL_GOT_CORES * p->threads) {
            p->probe_wait = MDL_PROBE_FIRST; /* the cores are free again: keep the extra thread */
        } else {
            p->threads -= 1;
            p->probe_wait = p->probe_wait * 2 < MDL_PROBE_LAST ? p->probe_wait * 2 : MDL_PROBE_LAST;
        }
        return;
    }
    if (p->threads > 1 && u < MDL_GOT_CORES * p->threads) {
        int t = (int)(u + 0.25);
        if (t > p->threads - 1) t = p->threads - 1;
        p->threads = t < 1 ? 1 : t;
        p->waited = 0;
        return;
    }
    if (p->threads < p->max && p->waited >= p->probe_wait) {
        p->threads += 1;
        p->probing = 1;
    }
}

#endif
