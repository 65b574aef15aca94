/*
 * cpu_math_avx512.h — AVX-512 intrinsic forms of cpu_math.h's functions (not part of the ABI).
 *
 * Included by the kernel files (cpu_softmax.inc, cpu_elementwise.inc), which
 * cpu_isa_variants.inc compiles once per instruction set: the definitions below exist only
 * in the AVX-512 pass (gcc defines __AVX512F__ under its "#pragma GCC target"), once per
 * translation unit (MDL_EXP_NEG_V8 stays defined after the first inclusion; the AVX-512
 * pass is the last one, so the base / AVX2 kernels never see it). The including .c file
 * includes <immintrin.h> and cpu_math.h (mdl_exp2_j16, MDL_EXP_TAB_C1 / C2; mdl_exp2f_j16,
 * MDL_EXPF_TAB_C1 / C2).
 */
/* AVX-512, double: 8 x mdl_exp_neg_tab (cpu_math.h: e^x = 2^k 2^(j/16) e^r, |r| <= ln2/32,
 * degree-6 polynomial) with the table look-up T[j] as one vpermt2pd over two registers
 * (T[0..7], T[8..15]; it uses only the low 4 bits of each index lane, which are j). About
 * 11 FMA-pipe operations per 8 doubles instead of ~17 for the degree-11 mdl_exp_neg. Used by
 * the f64 row_exp_sum loops (cpu_softmax.inc: softmax, log_softmax, softmax_xent) and the
 * f64 sigmoid / tanh / elu map loops (cpu_elementwise.inc). */
#if MDL_HAVE_X86_KERNELS && defined(__AVX512F__) && !defined(__clang__) && !defined(MDL_EXP_NEG_V8)
#define MDL_EXP_NEG_V8 1
/* The two table registers that mdl_exp_neg_v8 takes (t_lo, t_hi): T[j] = mdl_exp2_j16[j] as
 * bit patterns, each less j << 48 (see the shared body). Loaded once per kernel call. */
static inline void mdl_exp_table_v8(__m512d* t_lo, __m512d* t_hi)
{
    const __m512i j48 = _mm512_slli_epi64(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), 48);
    const __m512i j48_hi = _mm512_add_epi64(j48, _mm512_set1_epi64((int64_t)8 << 48));
    *t_lo = _mm512_castsi512_pd(_mm512_sub_epi64(_mm512_castpd_si512(_mm512_loadu_pd(mdl_exp2_j16)), j48));
    *t_hi = _mm512_castsi512_pd(_mm512_sub_epi64(_mm512_castpd_si512(_mm512_loadu_pd(mdl_exp2_j16 + 8)), j48_hi));
}

/* The shared body: e^x = sc + sc p with sc = 2^k T[j] and p = e^r - 1 (returned in *p).
 * Valid for ln(DBL_MIN) <= x <= 0; other x give meaningless (but harmless) values, which
 * the two wrappers below either prevent (clamp) or discard (mask). */
static inline __m512d mdl_exp_neg_v8_parts(__m512d x, __m512d t_lo, __m512d t_hi, __m512d* p_out)
{
    const __m512d magic = _mm512_set1_pd(6755399441055744.0);
    __m512d t = _mm512_fmadd_pd(x, _mm512_set1_pd(0x1.71547652b82fep+4), magic);
    __m512d n = _mm512_sub_pd(t, magic);
    __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(MDL_EXP_TAB_C1), x);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(MDL_EXP_TAB_C2), r);
    /* 2^k T[j] as a bit pattern: the low bits of t hold N = 16 k + j, so N << 48 is
       (k << 52) + (j << 48): k lands in the exponent field. The table registers hold
       T[j] - (j << 48) (mdl_exp_table_v8), and one shift and one add give 2^k T[j]
       (plainly: ((N >> 4) << 52) + T[j], a shift more). */
    __m512i it = _mm512_castpd_si512(t);
    __m512d tj = _mm512_permutex2var_pd(t_lo, it, t_hi); /* T[j] - (j << 48) */
    __m512d sc = _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(tj), _mm512_slli_epi64(it, 48)));
    __m512d p = _mm512_set1_pd(0x1.6c17bb5ebddb4p-10);
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.11120b03cd855p-7));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.555555551946fp-5));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0x1.55555554dd388p-3));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0.5));
    *p_out = _mm512_fmadd_pd(p, _mm512_mul_pd(r, r), r); /* e^r - 1 */
    return sc;
}

/* e^x for x <= 0, 0 for x < ln(DBL_MIN) (as mdl_exp_neg: no subnormal results); NaN -> NaN.
 * The plain form clamps x to ln(DBL_MIN) first (so that 2^k stays a valid bit pattern) and
 * then selects 0 where x was below it. Here the clamp is left out and the select is the
 * zero-masking form of the last multiply-add: lanes with x < ln(DBL_MIN) (-inf included)
 * become 0 whatever was computed in them; NaN lanes are kept ("not less than", unordered
 * is true), and are NaN through r. Two operations fewer than clamp + compare + select. */
static inline __m512d mdl_exp_neg_v8(__m512d x, __m512d t_lo, __m512d t_hi)
{
    __m512d p;
    __m512d sc = mdl_exp_neg_v8_parts(x, t_lo, t_hi, &p);
    __mmask8 keep = _mm512_cmp_pd_mask(x, _mm512_set1_pd(-708.396418532264079), _CMP_NLT_UQ);
    return _mm512_maskz_fmadd_pd(keep, sc, p, sc);
}

/* mdl_exp_neg_v8_clamped: e^max(x, ln DBL_MIN), i.e. DBL_MIN (2.2e-308) rather than 0 for
 * x < ln(DBL_MIN); for a caller that cannot tell the two apart (tanh's (1 - t) / (1 + t)):
 * one max instead of the compare. NaN x stays NaN (max returns its second operand). */
static inline __m512d mdl_exp_neg_v8_clamped(__m512d x, __m512d t_lo, __m512d t_hi)
{
    __m512d p;
    __m512d sc = mdl_exp_neg_v8_parts(_mm512_max_pd(_mm512_set1_pd(-708.396418532264079), x), t_lo, t_hi, &p);
    return _mm512_fmadd_pd(sc, p, sc);
}

/* e^x - 1 for x <= 0 (elu): 8 x mdl_expm1_neg (cpu_math.h), without a table:
 * 2^n (e^r - 1) + (2^n - 1) with n = round(x / ln2), |r| <= ln2/2, e^r - 1 = r + r^2 P(r)
 * (degree 9, mdl_expm1_poly_c). For |x| <= ln2/2 (n = 0) that is the polynomial alone,
 * accurate relative to itself as x -> 0; for n < 0, |e^x - 1| >= 0.29 and 2^n - 1 is exact.
 * Why not the 16-entry table of mdl_exp_neg_v8: there e^x - 1 = 2^k T[j] e^r - 1 carries
 * T[j]'s rounding (half an ulp of ~1) into a result as small as 0.02: up to 21 ulp near
 * x = -0.025 (T[15] at k = -1; tests/cpu_math_test.c), where the harness allows 4. Max 1.2 ulp
 * here, as mdl_expm1_neg_v4.
 * x is clamped to ln(DBL_MIN) first, which gives -1 below it (-inf included) without a
 * select; NaN stays NaN (max returns its second operand). */
static inline __m512d mdl_expm1_neg_v8(__m512d x)
{
    const __m512d magic = _mm512_set1_pd(6755399441055744.0 + 1023.0); /* 1.5 * 2^52 + the bias */
    __m512d xc = _mm512_max_pd(_mm512_set1_pd(-708.396418532264079), x);
    __m512d t = _mm512_fmadd_pd(xc, _mm512_set1_pd(1.44269504088896340736), magic);
    __m512d n = _mm512_sub_pd(t, magic);
    __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(6.93145751953125E-1), xc);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(1.42860682030941723212E-6), r);
    __m512d sc = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(t), 52)); /* 2^n */
    __m512d p = _mm512_set1_pd(mdl_expm1_poly_c[0]);
    for (int i = 1; i < 10; ++i) p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(mdl_expm1_poly_c[i]));
    p = _mm512_fmadd_pd(p, _mm512_mul_pd(r, r), r); /* e^r - 1 */
    return _mm512_fmadd_pd(sc, p, _mm512_sub_pd(sc, _mm512_set1_pd(1.0)));
}
#endif

/* AVX-512, float: 16 x mdl_expf_neg_tab (cpu_math.h: the 16-entry table, |r| <= ln2/32, the
 * cubic). T[j] is one vpermps from a register of the 16 entries (it uses the low 4 bits of
 * each index lane, which are j), and the entries are kept pre-shifted, bits(T[j]) - (j << 19),
 * so that 2^k T[j] = entry + (N << 19) (N << 19 = (k << 23) + (j << 19)): one shift and one
 * add. 12 vector operations, 7 of them multiply-adds, per 16 floats, against 13 and 10 for
 * mdl_expf_neg vectorized: the f32 softmax family runs at its arithmetic floor, so this is
 * what moves it (mdl_expf_neg's degree-5 polynomial written with intrinsics was no faster
 * than gcc's vectorized loop). Lanes with x < ln(FLT_MIN) are zeroed by the masked last
 * step (no clamp). */
#if MDL_HAVE_X86_KERNELS && defined(__AVX512F__) && !defined(__clang__) && !defined(MDL_EXPF_NEG_TAB_V16)
#define MDL_EXPF_NEG_TAB_V16 1
static inline __m512 mdl_expf_table_v16(void)
{
    const __m512i j19 = _mm512_slli_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), 19);
    return _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(_mm512_loadu_ps(mdl_exp2f_j16)), j19));
}

static inline __m512 mdl_expf_neg_tab_v16(__m512 x, __m512 tab)
{
    const __m512 magic = _mm512_set1_ps(12582912.0f);
    __m512 t = _mm512_fmadd_ps(x, _mm512_set1_ps(0x1.715476p+4f), magic);
    __m512 n = _mm512_sub_ps(t, magic);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(MDL_EXPF_TAB_C1), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(MDL_EXPF_TAB_C2), r);
    __m512i it = _mm512_castps_si512(t);
    __m512 sc = _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(_mm512_permutexvar_ps(it, tab)),
                                                     _mm512_slli_epi32(it, 19))); /* 2^k T[j] */
    __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(0x1.555556p-3f), r, _mm512_set1_ps(0.5f));
    __m512 p = _mm512_fmadd_ps(q, _mm512_mul_ps(r, r), r); /* e^r - 1 */
    __mmask16 keep = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-87.33654475055310f), _CMP_NLT_UQ);
    return _mm512_maskz_fmadd_ps(keep, sc, p, sc);
}
#endif
