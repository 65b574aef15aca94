/*
 * threads_policy_test.c — the auto thread count's decisions (native/src/cpu/cpu_threads_policy.h),
 * driven by made-up windows: (wall seconds, seconds the threads ran, seconds they waited for a core);
 * and the load signal's estimate of that waiting (mdl_thread_wait_from_load) on made-up loads.
 */
#include <stdio.h>

#include "cpu_threads_policy.h"

static int failures = 0;

/* n windows of (wall, run, wait), then the count must be `want`. */
static void step(mdl_thread_policy* p, int n, double wall, double run, double wait, const char* what, int want)
{
    for (int i = 0; i < n; i++) mdl_thread_policy_window(p, wall, run, wait);
    printf("%s %s: threads %d\n", p->threads == want ? "ok  " : "FAIL", what, p->threads);
    if (p->threads != want) {
        printf("     want %d\n", want);
        failures++;
    }
}

/* mdl_thread_wait_from_load(cores, threads, wall, busy, own) must be within 0.01 of `want`. */
static void load(int cores, int threads, double wall, double busy, double own, const char* what, double want)
{
    double c = mdl_thread_wait_from_load(cores, threads, wall, busy, own);
    int ok = c > want - 0.01 && c < want + 0.01;
    printf("%s %s: waited %.3f\n", ok ? "ok  " : "FAIL", what, c);
    if (!ok) {
        printf("     want %.3f\n", want);
        failures++;
    }
}

/* A window of the load signal fed to the policy as the CPU backend does (cpu_threads.c). */
static void step_load(mdl_thread_policy* p, int n, int cores, double wall, double busy, double own, const char* what,
                      int want)
{
    for (int i = 0; i < n; i++) {
        int t = p->threads;
        double c = mdl_thread_wait_from_load(cores, t, wall, busy, own);
        mdl_thread_policy_window(p, wall, (1 - c) * t * wall, c * t * wall);
    }
    printf("%s %s: threads %d\n", p->threads == want ? "ok  " : "FAIL", what, p->threads);
    if (p->threads != want) {
        printf("     want %d\n", want);
        failures++;
    }
}

int main(void)
{
    const int first = (int)(MDL_PROBE_FIRST / 0.25); /* windows of 0.25 s before the first probe */
    mdl_thread_policy p;

    mdl_thread_policy_init(&p, 2);
    step(&p, 40, 0.25, 0.48, 0.005, "alone on 2 free cores (1% waited), 10 s", 2);
    step(&p, 40, 0.25, 0.05, 0.0, "a program that sleeps between kernels keeps its threads", 2);
    step(&p, 1, 0.25, 0.45, 0.2, "one burst of waiting", 2);
    step(&p, 1, 0.25, 0.48, 0.05, "then none: nothing changes", 2);
    step(&p, 1, 0.25, 0.33, 0.17, "one window beside a busy process (a third waited)", 2);
    step(&p, 1, 0.25, 0.33, 0.17, "two windows in a row: one thread less", 1);
    step(&p, first - 1, 0.25, 0.25, 0.0, "1 thread, just before the first probe", 1);
    step(&p, 1, 0.25, 0.25, 0.0, "MDL_PROBE_FIRST later: a probe with 2", 2);
    step(&p, 1, 0.1, 0.13, 0.07, "the probe waited: back to 1", 1);
    step(&p, 2 * first - 1, 0.25, 0.25, 0.0, "after a failed probe the wait doubles: still 1 just before it", 1);
    step(&p, 1, 0.25, 0.25, 0.0, "twice MDL_PROBE_FIRST later: probe again", 2);
    step(&p, 1, 0.1, 0.19, 0.001, "the busy process has ended: the probe keeps 2", 2);
    step(&p, 20, 0.25, 0.47, 0.002, "and stays at 2", 2);

    mdl_thread_policy_init(&p, 8);
    step(&p, 2, 1.0, 3.0, 2.0, "8 threads on shared cores drop one at a time", 7);
    step(&p, 20, 0.25, 0.5, 0.5, "never below 1", 1);

    mdl_thread_policy_init(&p, 1);
    step(&p, 1, 1.0, 0.2, 0.8, "one core: always 1", 1);
    step(&p, 100, 1.0, 1.0, 0.0, "one core never probes above max", 1);

    mdl_thread_policy_init(&p, 4);
    step(&p, 1, 0.0, 1.0, 1.0, "a zero-length window decides nothing", 4);
    step(&p, 1, 0.25, 0.0, 0.0, "nor a window in which nothing ran", 4);

    /* The load signal, in windows of 1 s on 2 cores (busy and own in core-seconds). */
    load(2, 2, 1.0, 1.95, 1.92, "alone: the OS takes 0.03 of a core, ours wait 1.5%", 0.015);
    load(2, 2, 1.0, 2.0, 4.0 / 3, "2 threads beside one busy program: a third waited (as schedstat shows)", 1.0 / 3);
    load(2, 1, 1.0, 2.0, 1.0, "1 thread beside it: one core each, none waited", 0.0);
    load(2, 2, 1.0, 2.0, 1.0, "two processes of 2 threads each: half waited", 0.5);
    load(2, 2, 1.0, 0.25, 0.2, "a program that sleeps between kernels: the cores were mostly idle", 0.025);
    load(8, 8, 1.0, 8.0, 64.0 / 9, "8 threads beside one busy program on 8 cores: a ninth waited", 1.0 / 9);
    load(2, 2, 1.0, 1.9, 1.95, "own a tick above busy (counters in ticks): no one else, none waited", 0.0);
    load(2, 2, 1.0, 2.0, 0.0, "a window in which this process did not run says nothing", 0.0);
    load(2, 2, 0.0, 2.0, 1.0, "nor a zero-length window", 0.0);

    mdl_thread_policy_init(&p, 2);
    step_load(&p, 20, 2, 0.25, 0.49, 0.48, "load signal, alone: keeps 2", 2);
    step_load(&p, 2, 2, 0.25, 0.5, 0.5 * 2 / 3, "beside a busy program: two windows, one thread less", 1);
    step_load(&p, first, 2, 0.25, 0.5, 0.25, "then one core each, none waits; MDL_PROBE_FIRST later a probe with 2", 2);
    step_load(&p, 1, 2, 0.1, 0.2, 0.2 * 2 / 3, "the probe waited a third: back to 1", 1);
    step_load(&p, 2 * first, 2, 0.25, 0.3, 0.25, "the busy program ended (cores part idle)", 2);
    step_load(&p, 1, 2, 0.1, 0.19, 0.18, "the probe did not wait: keeps 2", 2);

    printf("SUMMARY: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
