/*
 * avx512_emu.h — the AVX-512 intrinsics on a CPU without AVX-512, for a test build only
 * (tools/avx512-emu.sh; CMake -DMINIDL_AVX512_EMU=ON). Never part of the library users get.
 *
 * Why: most machines that build MiniDL (and this project's own CI hosts, some days) have
 * AVX2 but not AVX-512, so the AVX-512 kernels (cpu_gemm_avx512.c, the AVX-512 halves of
 * cpu_softmax.inc / cpu_elementwise.inc, cpu_math_avx512.h) would otherwise run only on the
 * hosts that happen to have it. This build compiles them anyway and runs them through SIMDe's
 * portable forms of the intrinsics (https://github.com/simd-everywhere/simde, Debian
 * libsimde-dev), which the harness then checks against the reference as usual. It checks
 * the kernels' logic (indices, masks, tails, alignment, the arithmetic), not their speed, and
 * not what the compiler's own AVX-512 vectorizer makes of the plain loops (that pass is
 * compiled for AVX2 here: src/cpu/cpu_avx512_push.inc).
 *
 * Force-included (-include) into the CPU backend's sources, before anything else:
 *   1. <immintrin.h>, then SIMDe's AVX-512 headers with their aliases on, so that each
 *      _mm512_* name below is SIMDe's function (its AVX2 ones stay the compiler's own);
 *   2. where SIMDe's portable form differs from the hardware in a way a kernel could
 *      depend on, a stricter one:
 *      - aligned loads and stores (and streaming stores, which are aligned too) stop the
 *        program on an address that is not 64-byte aligned, as the hardware faults;
 *      - masked loads and stores read and write only the selected lanes. SIMDe loads and
 *        stores the whole 64 bytes: a read past the end of a buffer, and a write of the
 *        unselected lanes that races with another thread writing the next row;
 *      - the few intrinsics SIMDe 0.7 lacks (the zero-masked fused multiply-add in double,
 *        the streaming stores, the sums of a vector's lanes).
 */
#ifndef MDL_AVX512_EMU_H
#define MDL_AVX512_EMU_H

#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SIMDE_X86_AVX512F_ENABLE_NATIVE_ALIASES
#define SIMDE_X86_AVX512VL_ENABLE_NATIVE_ALIASES
#define SIMDE_X86_AVX512BW_ENABLE_NATIVE_ALIASES
#define SIMDE_X86_AVX512DQ_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>

/* the hardware's alignment fault, as a message and abort (the test build only) */
static inline void mdl_emu_aligned(const void* p, const char* what)
{
    if ((uintptr_t)p & 63) {
        fprintf(stderr, "AVX-512 emulation: %s at %p: not 64-byte aligned\n", what, p);
        abort();
    }
}
#undef _mm512_load_ps
#define _mm512_load_ps(p) (mdl_emu_aligned((p), "_mm512_load_ps"), simde_mm512_loadu_ps(p))
#undef _mm512_load_pd
#define _mm512_load_pd(p) (mdl_emu_aligned((p), "_mm512_load_pd"), simde_mm512_loadu_pd(p))
#undef _mm512_store_ps
#define _mm512_store_ps(p, a) (mdl_emu_aligned((p), "_mm512_store_ps"), simde_mm512_storeu_ps((p), (a)))
#undef _mm512_store_pd
#define _mm512_store_pd(p, a) (mdl_emu_aligned((p), "_mm512_store_pd"), simde_mm512_storeu_pd((p), (a)))
#undef _mm512_stream_ps
#define _mm512_stream_ps(p, a) (mdl_emu_aligned((p), "_mm512_stream_ps"), simde_mm512_storeu_ps((p), (a)))
#undef _mm512_stream_pd
#define _mm512_stream_pd(p, a) (mdl_emu_aligned((p), "_mm512_stream_pd"), simde_mm512_storeu_pd((p), (a)))

/* masked forms, lane by lane: lane i is read / written only when bit i of k is set */
#define MDL_EMU_MASKED(VT, ET, N, SUF)                                                        \
    static inline void mdl_emu_mask_storeu_##SUF(void* p, unsigned k, VT a)                   \
    {                                                                                         \
        union { VT v; ET e[N]; } u;                                                           \
        u.v = a;                                                                              \
        for (int i = 0; i < N; ++i)                                                           \
            if (k >> i & 1u) ((ET*)p)[i] = u.e[i];                                            \
    }                                                                                         \
    static inline VT mdl_emu_mask_loadu_##SUF(VT src, unsigned k, const void* p)              \
    {                                                                                         \
        union { VT v; ET e[N]; } u;                                                           \
        u.v = src;                                                                            \
        for (int i = 0; i < N; ++i)                                                           \
            if (k >> i & 1u) u.e[i] = ((const ET*)p)[i];                                      \
        return u.v;                                                                           \
    }
MDL_EMU_MASKED(simde__m512, float, 16, ps)
MDL_EMU_MASKED(simde__m512d, double, 8, pd)
#undef MDL_EMU_MASKED
#undef _mm512_mask_storeu_ps
#define _mm512_mask_storeu_ps(p, k, a) mdl_emu_mask_storeu_ps((p), (k), (a))
#undef _mm512_mask_storeu_pd
#define _mm512_mask_storeu_pd(p, k, a) mdl_emu_mask_storeu_pd((p), (k), (a))
#undef _mm512_mask_loadu_ps
#define _mm512_mask_loadu_ps(s, k, p) mdl_emu_mask_loadu_ps((s), (k), (p))
#undef _mm512_mask_loadu_pd
#define _mm512_mask_loadu_pd(s, k, p) mdl_emu_mask_loadu_pd((s), (k), (p))
#undef _mm512_maskz_loadu_ps
#define _mm512_maskz_loadu_ps(k, p) mdl_emu_mask_loadu_ps(simde_mm512_setzero_ps(), (k), (p))
#undef _mm512_maskz_loadu_pd
#define _mm512_maskz_loadu_pd(k, p) mdl_emu_mask_loadu_pd(simde_mm512_setzero_pd(), (k), (p))

/* not in SIMDe 0.7: k ? a * b + c : 0, fused */
#undef _mm512_maskz_fmadd_pd
#define _mm512_maskz_fmadd_pd(k, a, b, c) simde_mm512_maskz_mov_pd((k), simde_mm512_fmadd_pd((a), (b), (c)))

/* not in SIMDe 0.7: the sum of the lanes, as a tree (halves added, as gcc's own form does) */
#define MDL_EMU_REDUCE_ADD(VT, ET, N, SUF)                                                    \
    static inline ET mdl_emu_reduce_add_##SUF(VT a)                                           \
    {                                                                                         \
        union { VT v; ET e[N]; } u;                                                           \
        u.v = a;                                                                              \
        for (int w = N / 2; w >= 1; w /= 2)                                                   \
            for (int i = 0; i < w; ++i) u.e[i] += u.e[i + w];                                 \
        return u.e[0];                                                                        \
    }
MDL_EMU_REDUCE_ADD(simde__m512, float, 16, ps)
MDL_EMU_REDUCE_ADD(simde__m512d, double, 8, pd)
#undef MDL_EMU_REDUCE_ADD
#undef _mm512_reduce_add_ps
#define _mm512_reduce_add_ps(a) mdl_emu_reduce_add_ps(a)
#undef _mm512_reduce_add_pd
#define _mm512_reduce_add_pd(a) mdl_emu_reduce_add_pd(a)

#endif
