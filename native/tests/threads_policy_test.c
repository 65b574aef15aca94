/*
 * threads_policy_test.c — the auto thread count's decisions (native/src/cpu/cpu_threads_policy.h),
 * driven by made-up windows: (wall seconds, seconds the threads ran, seconds they waited for a core).
 */
#include <stdio.h>

#include "cpu_threads_policy.h"

static int failures = 0;

static void expect(const char* what, int got, int want)
{
    if (got != want) {
        printf("FAIL %s: threads %d, want %d\n", what, got, want);
        failures++;
    } else {
        printf("ok   %s: threads %d\n", what, got);
    }
}

int main(void)
{
    mdl_thread_policy p;

    mdl_thread_policy_init(&p, 2);
    for (int i = 0; i < 40; i++) mdl_thread_policy_window(&p, 0.25, 0.48, 0.005); /* alone: 1% waited */
    expect("alone on 2 free cores, 10 s", p.threads, 2);

    for (int i = 0; i < 40; i++) mdl_thread_policy_window(&p, 0.25, 0.05, 0.0); /* mostly asleep between kernels */
    expect("a program that sleeps between kernels keeps its threads", p.threads, 2);

    mdl_thread_policy_window(&p, 0.25, 0.45, 0.2); /* one burst of waiting */
    mdl_thread_policy_window(&p, 0.25, 0.48, 0.05);
    expect("one burst of waiting alone changes nothing", p.threads, 2);
    mdl_thread_policy_window(&p, 0.25, 0.33, 0.17); /* beside a busy process: a third of the ready time waited */
    expect("2 threads, one window beside a busy process", p.threads, 2);
    mdl_thread_policy_window(&p, 0.25, 0.33, 0.17);
    expect("2 threads, two windows beside a busy process", p.threads, 1);

    int first = (int)(MDL_PROBE_FIRST / 0.25); /* windows of 0.25 s before the first probe */
    for (int i = 0; i < first - 1; i++) mdl_thread_policy_window(&p, 0.25, 0.25, 0.0);
    expect("1 thread, just before the first probe", p.threads, 1);
    mdl_thread_policy_window(&p, 0.25, 0.25, 0.0);
    expect("1 thread, MDL_PROBE_FIRST later: probe with 2", p.threads, 2);
    mdl_thread_policy_window(&p, 0.1, 0.13, 0.07); /* the probe waited */
    expect("failed probe", p.threads, 1);
    for (int i = 0; i < 2 * first - 1; i++) mdl_thread_policy_window(&p, 0.25, 0.25, 0.0);
    expect("after a failed probe the wait doubles: still 1 just before it", p.threads, 1);
    mdl_thread_policy_window(&p, 0.25, 0.25, 0.0);
    expect("twice MDL_PROBE_FIRST later: probe again", p.threads, 2);
    mdl_thread_policy_window(&p, 0.1, 0.19, 0.001); /* the busy process has ended */
    expect("successful probe keeps 2", p.threads, 2);
    for (int i = 0; i < 20; i++) mdl_thread_policy_window(&p, 0.25, 0.47, 0.002);
    expect("and stays at 2", p.threads, 2);

    mdl_thread_policy_init(&p, 8);
    mdl_thread_policy_window(&p, 1.0, 3.0, 2.0);
    mdl_thread_policy_window(&p, 1.0, 3.0, 2.0);
    expect("8 threads on shared cores drop one at a time", p.threads, 7);
    for (int i = 0; i < 20; i++) mdl_thread_policy_window(&p, 0.25, 0.5, 0.5);
    expect("never below 1", p.threads, 1);

    mdl_thread_policy_init(&p, 1);
    mdl_thread_policy_window(&p, 1.0, 0.2, 0.8);
    expect("one core: always 1", p.threads, 1);
    for (int i = 0; i < 100; i++) mdl_thread_policy_window(&p, 1.0, 1.0, 0.0);
    expect("one core never probes above max", p.threads, 1);

    mdl_thread_policy_init(&p, 4);
    mdl_thread_policy_window(&p, 0.0, 1.0, 1.0);
    mdl_thread_policy_window(&p, 0.25, 0.0, 0.0);
    expect("an empty window decides nothing", p.threads, 4);

    printf("SUMMARY: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
