/*
 * cpu_internal.h — what the CPU backend's translation units share (not part of the ABI).
 *
 * Threading: OpenMP when the compiler has it (its thread team is created once and reused,
 * so a parallel loop costs a few microseconds, not a thread spawn). Big element-wise loops
 * are cut into blocks of MDL_BLOCK elements; the blocks run in parallel only when the array
 * has at least MDL_PARALLEL_MIN elements, because below that the fork/join costs more than
 * the loop itself.
 */
#ifndef MDL_CPU_INTERNAL_H
#define MDL_CPU_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mdl_impl.h"

#ifdef _OPENMP
#  include <omp.h>
#endif

#define MDL_BLOCK 8192               /* elements per block of an element-wise loop */
#define MDL_PARALLEL_MIN 65536       /* fewest elements worth a parallel loop */
/* outputs larger than this (a large L3) are written with streaming stores by the kernels that
 * have them (cpu_softmax.inc, the exp maps of cpu_elementwise.inc): see cpu_softmax.inc */
#define MDL_STREAM_MIN_BYTES ((int64_t)32 << 20)

#define MDL_PRAGMA(x) _Pragma(#x)
/* "#pragma omp parallel for" over blocks, threaded only when `work` >= MDL_PARALLEL_MIN. */
#define MDL_OMP_FOR(work) \
    MDL_PRAGMA(omp parallel for schedule(static) if ((work) >= MDL_PARALLEL_MIN) num_threads(mdl_cpu_threads()))
/* The same threads as a parallel region, for loops that need per-thread set-up or clean-up
 * around their "#pragma omp for" (cpu_softmax.inc: a scratch row, a store fence). */
#define MDL_OMP_PARALLEL(work) \
    MDL_PRAGMA(omp parallel if ((work) >= MDL_PARALLEL_MIN) num_threads(mdl_cpu_threads()))

/* "#pragma omp simd CLAUSES" (OpenMP 4.0): lets the compiler add a reduction's terms in vector
 * lanes. MSVC implements OpenMP 2.0 (_OPENMP == 200203), which has no simd directive: there (and
 * without OpenMP) it is left out and the loop adds in program order (slower; docs/platforms.md). */
#if defined(_OPENMP) && _OPENMP >= 201307
#  define MDL_OMP_SIMD(clauses) MDL_PRAGMA(omp simd clauses)
#else
#  define MDL_OMP_SIMD(clauses)
#endif

#define MDL_CAT_(a, b) a##_##b
#define MDL_CAT(a, b) MDL_CAT_(a, b)

/* ---- instruction-set levels (run-time dispatch) ---- */
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#  define MDL_HAVE_X86_KERNELS 1
#else
#  define MDL_HAVE_X86_KERNELS 0
#endif
/* 64-bit ARM: Advanced SIMD (NEON) is part of the AArch64 base architecture, so every arm64 CPU
 * (Apple silicon, Graviton, Ampere, Raspberry Pi 4/5, Snapdragon) runs the "neon" variants. */
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__aarch64__) || defined(_M_ARM64)) && \
    defined(__ARM_NEON)
#  define MDL_HAVE_NEON_KERNELS 1
#else
#  define MDL_HAVE_NEON_KERNELS 0
#endif

enum { MDL_ISA_BASE = 0, MDL_ISA_AVX2 = 1, MDL_ISA_AVX512 = 2, MDL_ISA_NEON = 3 };

/* The best level the CPU runs (AVX2 needs FMA too; AVX-512 needs F, DQ, VL, BW; NEON on every
 * arm64 CPU), or a lower one forced by MINIDL_CPU_KERNEL=scalar|avx2 (tests). Computed once. */
MDL_HIDDEN int mdl_cpu_isa(void);
/* The level's name: "scalar" (the portable path), "avx2", "avx512" or "neon". */
MDL_HIDDEN const char* mdl_cpu_isa_name(void);

/* Call the variant of kernel `fn` (e.g. map_par_f32) compiled for the CPU's level:
 * fn_avx512, fn_avx2 or fn_base on x86, fn_neon or fn_base on arm64 (see cpu_isa_variants.inc).
 * `args` is in parentheses. */
#if MDL_HAVE_X86_KERNELS
#  define MDL_ISA_CALL(fn, args)                                   \
    (mdl_cpu_isa() == MDL_ISA_AVX512 ? MDL_CAT(fn, avx512) args   \
     : mdl_cpu_isa() == MDL_ISA_AVX2 ? MDL_CAT(fn, avx2) args     \
                                     : MDL_CAT(fn, base) args)
#elif MDL_HAVE_NEON_KERNELS
/* arm64: fn_neon, or fn_base (the portable C path) under MINIDL_CPU_KERNEL=scalar. */
#  define MDL_ISA_CALL(fn, args) \
    (mdl_cpu_isa() == MDL_ISA_NEON ? MDL_CAT(fn, neon) args : MDL_CAT(fn, base) args)
#else
#  define MDL_ISA_CALL(fn, args) (MDL_CAT(fn, base) args)
#endif

/* Threads for the kernel about to run (cpu_threads.c): mdl_set_threads / MINIDL_THREADS when
 * set, else one per core, fewer while the process does not get its cores. Always >= 1. */
MDL_HIDDEN int mdl_cpu_threads(void);
/* The most threads mdl_cpu_threads returns (the fixed count, or one per core). */
MDL_HIDDEN int mdl_cpu_threads_max(void);

/* Number of MDL_BLOCK-sized blocks covering n elements, and the length of block b. */
static inline int64_t mdl_blocks(int64_t n) { return (n + MDL_BLOCK - 1) / MDL_BLOCK; }
static inline int64_t mdl_block_len(int64_t n, int64_t b)
{
    int64_t rest = n - b * MDL_BLOCK;
    return rest < MDL_BLOCK ? rest : MDL_BLOCK;
}

/* Subnormal results flushed to zero on the calling thread, between _begin and _end (which
 * restores the thread's previous mode). Used only by the optimizer steps whose state decays
 * geometrically (cpu_optim.inc: momentum's v, Adam's m and v), which is where a training run
 * meets subnormal numbers, and where x86 pays for each one (cpu_optim.inc says how much).
 *   x86-64:  MXCSR.FTZ (bit 15): a result below 2^-126 (float) or 2^-1022 (double) is written as
 *            0 (DAZ stays off: a subnormal input is still read exactly);
 *   AArch64: FPCR.FZ (bit 24): the same for results, and a subnormal input reads as 0;
 *   others:  nothing (IEEE subnormals, only slower where the hardware is).
 * Every kernel call that sets it restores it before returning, on every thread that ran a
 * block: no other kernel, and not the caller's own code, ever runs in this mode. */
#if defined(__x86_64__) || defined(_M_X64)
#  include <xmmintrin.h>
typedef unsigned int mdl_fp_mode;
static inline mdl_fp_mode mdl_flush_subnormals_begin(void)
{
    mdl_fp_mode old = _mm_getcsr();
    _mm_setcsr(old | 0x8000u);
    return old;
}
static inline void mdl_flush_subnormals_end(mdl_fp_mode old) { _mm_setcsr(old); }
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
typedef uint64_t mdl_fp_mode;
static inline mdl_fp_mode mdl_flush_subnormals_begin(void)
{
    uint64_t old, fz;
    __asm__ volatile("mrs %0, fpcr" : "=r"(old) : : "memory");
    fz = old | ((uint64_t)1 << 24);
    __asm__ volatile("msr fpcr, %0" : : "r"(fz) : "memory");
    return old;
}
static inline void mdl_flush_subnormals_end(mdl_fp_mode old) { __asm__ volatile("msr fpcr, %0" : : "r"(old) : "memory"); }
#else
typedef int mdl_fp_mode;
static inline mdl_fp_mode mdl_flush_subnormals_begin(void) { return 0; }
static inline void mdl_flush_subnormals_end(mdl_fp_mode old) { (void)old; }
#endif

/* 64-byte aligned scratch memory owned by the calling thread, grown on demand and kept for
 * the thread's lifetime (GEMM packing buffers). `slot` picks one of 4 independent buffers.
 * Returns NULL when out of memory. */
MDL_HIDDEN void* mdl_cpu_scratch(int slot, size_t bytes);

/* Aligned allocation used by mdl_alloc and the scratch buffers. */
MDL_HIDDEN void* mdl_aligned_alloc(size_t bytes);
MDL_HIDDEN void mdl_aligned_free(void* p);

#endif /* MDL_CPU_INTERNAL_H */
