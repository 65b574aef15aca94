#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdatomic.h>
#include <time.h>
static _Atomic long flag __attribute__((aligned(64)));
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
static void pin(int c){cpu_set_t s;CPU_ZERO(&s);CPU_SET(c,&s);pthread_setaffinity_np(pthread_self(),sizeof s,&s);}
#define N 1000000
static void* other(void*a){pin(1); for(long i=0;i<N;++i){ while(atomic_load_explicit(&flag,memory_order_acquire)!=2*i+1); atomic_store_explicit(&flag,2*i+2,memory_order_release);} return 0;}
int main(){ pthread_t t; pthread_create(&t,0,other,0); pin(0); double t0=now();
 for(long i=0;i<N;++i){ atomic_store_explicit(&flag,2*i+1,memory_order_release); while(atomic_load_explicit(&flag,memory_order_acquire)!=2*i+2); }
 double e=now()-t0; pthread_join(t,0); printf("round trip %.1f ns (one way %.1f ns)\n", e/N*1e9, e/N*1e9/2); }
