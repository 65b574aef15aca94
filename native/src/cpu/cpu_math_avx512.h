/*
 * cpu_math_avx512.h — AVX-512 intrinsic forms of cpu_math.h's functions (not part of the ABI).
 *
 * Included by the kernel files (cpu_softmax.inc, cpu_elementwise.inc), which
 * cpu_isa_variants.inc compiles once per instruction set: the definitions below exist only
 * in the AVX-512 pass (gcc defines __AVX512F__ under its "#pragma GCC target"), once per
 * translation unit (MDL_EXP_NEG_V8 stays defined after the first inclusion; the AVX-512
 * pass is the last one, so the base / AVX2 kernels never see it). The including .c file
 * includes <immintrin.h> and cpu_math.h (mdl_exp2_j16, MDL_EXP_TAB_C1 / C2).
 */
/* AVX-512, double: 8 x mdl_exp_neg_tab (cpu_math.h: e^x = 2^k 2^(j/16) e^r, |r| <= ln2/32,
 * degree-6 polynomial) with the table look-up T[j] as one vpermt2pd over two registers
 * (T[0..7], T[8..15]; it uses only the low 4 bits of each index lane, which are j). About
 * 11 FMA-pipe operations per 8 doubles instead of ~17 for the degree-11 mdl_exp_neg. Used by
 * the f64 row_exp_sum loops (cpu_softmax.inc: softmax, log_softmax, softmax_xent) and the
 * f64 sigmoid / tanh / elu map loops (cpu_elementwise.inc). */
#if MDL_HAVE_X86_KERNELS && defined(__AVX512F__) && !defined(__clang__) && !defined(MDL_EXP_NEG_V8)
#define MDL_EXP_NEG_V8 1
static inline __m512d mdl_exp_neg_v8(__m512d x, __m512d t_lo, __m512d t_hi)
{
    const __m512d lo = _mm512_set1_pd(-708.396418532264079); /* ln(DBL_MIN) */
    const __m512d magic = _mm512_set1_pd(6755399441055744.0);
    __m512d xc = _mm512_max_pd(lo, x); /* x < lo -> lo; NaN x -> NaN (second operand) */
    __m512d t = _mm512_fmadd_pd(xc, _mm512_set1_pd(0x1.71547652b82fep+4), magic);
    __m512d n = _mm512_sub_pd(t, magic);
    __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(MDL_EXP_TAB_C1), xc);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(MDL_EXP_TAB_C2), r);
    __m512i it = _mm512_castpd_si512(t);
    __m512d tj = _mm512_permutex2var_pd(t_lo, it, t_hi); /* T[j] */
    __m512i k52 = _mm512_slli_epi64(_mm512_srli_epi64(it, 4), 52);
    __m512d sc = _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(tj), k52));
    __m512d p = _mm512_set1_pd(0x1.6c17bb5ebddb4p-10);
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.11120b03cd855p-7));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.555555551946fp-5));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.55555554dd388p-3));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0.5));
    p = _mm512_fmadd_pd(p, _mm512_mul_pd(r, r), r);   /* e^r - 1 */
    __m512d y = _mm512_fmadd_pd(sc, p, sc);
    return _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, lo, _CMP_LT_OQ), _mm512_setzero_pd());
}
#endif
