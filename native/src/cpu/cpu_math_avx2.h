/*
 * cpu_math_avx2.h — AVX2 intrinsic forms of cpu_math.h's e^x for x <= 0 (not part of the ABI).
 *
 * Included by the kernel files (cpu_softmax.inc, cpu_elementwise.inc), which
 * cpu_isa_variants.inc compiles once per instruction set: the definitions below exist only
 * in the AVX2 pass (gcc defines __AVX2__ and __FMA__ under its "#pragma GCC target", and
 * __AVX512F__ only in the AVX-512 pass, which keeps its own forms in cpu_math_avx512.h), once
 * per translation unit (MDL_EXP_NEG_V4 stays defined after the first inclusion). The
 * including .c file includes <immintrin.h> and cpu_math.h (mdl_exp2_j16, mdl_exp2f_j16,
 * MDL_EXP8_*, MDL_EXPF_TAB_*).
 *
 * Why intrinsics: gcc does not vectorize a table look-up (mdl_exp_neg_tab8's T[j]), and the
 * table form needs a degree-5 instead of a degree-9 polynomial: the f64 sigmoid and softmax
 * loops are bound by these multiply-adds on a 2-core AVX2 machine. The expm1 (tanh, elu) has
 * no table (see mdl_exp_neg_tab8); written out here, a clamp replaces its final select.
 */
#if MDL_HAVE_X86_KERNELS && defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__) && \
    !defined(__clang__) && !defined(MDL_EXP_NEG_V4)
#define MDL_EXP_NEG_V4 1

/* The 8-entry table of mdl_exp_neg_tab8 (T[j] = 2^(j/8)) as two registers of 8 dwords, one
 * per vpermd: the low and the high 32 bits of the entries, the high halves stored less j << 17
 * (i.e. the entry less j << 49): see mdl_exp_neg_v4_reduce. Built once per kernel call. */
typedef struct mdl_exp_table_v4 { __m256i lo, hi; } mdl_exp_table_v4;

static inline mdl_exp_table_v4 mdl_exp_table_v4_load(void)
{
    int32_t w[2][8];
    for (int j = 0; j < 8; ++j) {
        uint64_t b = (uint64_t)mdl_d2i(mdl_exp2_j16[2 * j]) - ((uint64_t)j << 49);
        w[0][j] = (int32_t)(uint32_t)b;
        w[1][j] = (int32_t)(uint32_t)(b >> 32);
    }
    mdl_exp_table_v4 tab;
    tab.lo = _mm256_loadu_si256((const __m256i*)w[0]);
    tab.hi = _mm256_loadu_si256((const __m256i*)w[1]);
    return tab;
}

/* The argument reduction and the table look-up: returns sc = 2^k T[j] and sets *r_out = r,
 * x = (8k + j) ln2/8 + r. Valid for ln(DBL_MIN) <= x <= 0; other x give meaningless (but
 * harmless) values, which the callers discard with a select or prevent with a clamp.
 * T[j], j = N mod 8: vpermd uses the low 3 bits of each dword index. t's bit pattern is
 * bits(1.5 * 2^52) + N, whose low dword is N's; it << 32 puts N in the high dword too. One
 * vpermd fetches the low halves into the low dwords, one the high halves into the high
 * dwords, and a blend (odd dwords from the second) joins them.
 * 2^k T[j] as a bit pattern: N << 49 = (k << 52) + (j << 49), so the stored T[j] - (j << 49)
 * plus N << 49 is T[j] with k added to its exponent: one shift and one add (plainly
 * ((N >> 3) << 52) + T[j]). */
static inline __m256d mdl_exp_neg_v4_reduce(__m256d x, const mdl_exp_table_v4* tab, __m256d* r_out)
{
    const __m256d magic = _mm256_set1_pd(6755399441055744.0);
    __m256d t = _mm256_fmadd_pd(x, _mm256_set1_pd(MDL_EXP8_INV), magic);
    __m256d n = _mm256_sub_pd(t, magic);
    __m256d r = _mm256_fnmadd_pd(n, _mm256_set1_pd(MDL_EXP8_C1), x);
    *r_out = _mm256_fnmadd_pd(n, _mm256_set1_pd(MDL_EXP8_C2), r);
    __m256i it = _mm256_castpd_si256(t);
    __m256i tj = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(tab->lo, it),
                                    _mm256_permutevar8x32_epi32(tab->hi, _mm256_slli_epi64(it, 32)), 0xAA);
    return _mm256_castsi256_pd(_mm256_add_epi64(tj, _mm256_slli_epi64(it, 49)));
}

/* e^r - 1 = r + r^2 P(r), P of degree 5 (mdl_exp8_poly), |r| <= ln2/16 */
static inline __m256d mdl_exp8_poly_v4(__m256d r)
{
    __m256d p = _mm256_fmadd_pd(_mm256_set1_pd(0x1.a01e2bdf0ac83p-13), r, _mm256_set1_pd(0x1.6c1b70f434f0fp-10));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(0x1.1111110e10a41p-7));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(0x1.5555554e945dbp-5));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(0x1.555555555556ap-3));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(0x1.000000000002ep-1));
    return _mm256_fmadd_pd(p, _mm256_mul_pd(r, r), r);
}

/* lanes where x >= ln(DBL_MIN) or x is NaN ("not less than", unordered is true): all ones */
static inline __m256d mdl_exp_keep_v4(__m256d x)
{
    return _mm256_cmp_pd(x, _mm256_set1_pd(-708.396418532264079), _CMP_NLT_UQ);
}

/* 4 x mdl_exp_neg_tab8: e^x = sc + sc p for x <= 0; 0 for x < ln(DBL_MIN) (-inf included: the
 * select is an AND with the keep mask, no clamp needed); NaN -> NaN (through r). Max 1.1 ulp. */
static inline __m256d mdl_exp_neg_v4(__m256d x, const mdl_exp_table_v4* tab)
{
    __m256d r;
    __m256d sc = mdl_exp_neg_v4_reduce(x, tab, &r);
    return _mm256_and_pd(_mm256_fmadd_pd(sc, mdl_exp8_poly_v4(r), sc), mdl_exp_keep_v4(x));
}

/* max(x, c) with c = -708.3964185322643, just below ln(DBL_MIN): the exp of it (reduce, then
 * sc + sc p) is, for x < c, a value just under DBL_MIN (a subnormal, 0x0.ffffffffffc7cp-1022)
 * instead of 0, for a caller that cannot tell the two apart (sigmoid); NaN stays NaN (max returns
 * its second operand). One max in place of mdl_exp_neg_v4's compare and AND. (At ln(DBL_MIN)
 * itself e^x rounds to 2.7e-14 above DBL_MIN.) */
static inline __m256d mdl_exp_clamp_v4(__m256d x)
{
    return _mm256_max_pd(_mm256_set1_pd(-708.3964185322643), x);
}

#endif

/* AVX2, float: 8 x mdl_expf_neg_tab8 (cpu_math.h: the 8-entry table, |r| <= ln2/16, the
 * quartic). T[j] is one vpermps of a register of the 8 entries (it uses the low 3 bits of each
 * index lane, which are j), kept pre-shifted, bits(T[j]) - (j << 20), so that
 * 2^k T[j] = entry + (N << 20) (N << 20 = (k << 23) + (j << 20)): one shift and one add.
 * 8 multiply-adds per 8 floats against 10 for mdl_expf_neg vectorized by gcc. Lanes with
 * x < ln(FLT_MIN) (-inf included) become 0 (an AND with the keep mask); NaN stays NaN. */
#if MDL_HAVE_X86_KERNELS && defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__) && \
    !defined(__clang__) && !defined(MDL_EXPF_NEG_V8)
#define MDL_EXPF_NEG_V8 1
static inline __m256 mdl_expf_table_v8(void)
{
    const __m256i j20 = _mm256_slli_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), 20);
    __m256 t = _mm256_setr_ps(mdl_exp2f_j16[0], mdl_exp2f_j16[2], mdl_exp2f_j16[4], mdl_exp2f_j16[6],
                              mdl_exp2f_j16[8], mdl_exp2f_j16[10], mdl_exp2f_j16[12], mdl_exp2f_j16[14]);
    return _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(t), j20));
}

/* The argument reduction and the look-up: returns sc = 2^k T[j] and sets *r_out = r (valid
 * for ln(FLT_MIN) <= x <= 0, as mdl_exp_neg_v4_reduce) */
static inline __m256 mdl_expf_neg_v8_reduce(__m256 x, __m256 tab, __m256* r_out)
{
    const __m256 magic = _mm256_set1_ps(12582912.0f);
    __m256 t = _mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+3f), magic);
    __m256 n = _mm256_sub_ps(t, magic);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(2 * MDL_EXPF_TAB_C1), x);
    *r_out = _mm256_fnmadd_ps(n, _mm256_set1_ps(2 * MDL_EXPF_TAB_C2), r);
    __m256i it = _mm256_castps_si256(t);
    return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(_mm256_permutevar8x32_ps(tab, it)),
                                                _mm256_slli_epi32(it, 20))); /* 2^k T[j] */
}

/* e^r - 1 = r + r^2 (1/2 + r/6 + r^2/24), |r| <= ln2/16 */
static inline __m256 mdl_expf_poly_v8(__m256 r)
{
    __m256 q = _mm256_fmadd_ps(_mm256_set1_ps(0x1.555556p-5f), r, _mm256_set1_ps(0x1.555556p-3f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0.5f));
    return _mm256_fmadd_ps(q, _mm256_mul_ps(r, r), r);
}

static inline __m256 mdl_expf_keep_v8(__m256 x) /* x >= ln(FLT_MIN) or NaN */
{
    return _mm256_cmp_ps(x, _mm256_set1_ps(-87.33654475055310f), _CMP_NLT_UQ);
}

/* max(x, ln(FLT_MIN)): keeps the reduction's r finite for any x (NaN stays NaN: max returns its
 * second operand); a caller that needs 0 below ln(FLT_MIN) ANDs sc with mdl_expf_keep_v8(x) */
static inline __m256 mdl_expf_clamp_v8(__m256 x)
{
    return _mm256_max_ps(_mm256_set1_ps(-87.33654475055310f), x);
}

static inline __m256 mdl_expf_neg_v8(__m256 x, __m256 tab)
{
    __m256 r;
    __m256 sc = mdl_expf_neg_v8_reduce(x, tab, &r);
    return _mm256_and_ps(_mm256_fmadd_ps(sc, mdl_expf_poly_v8(r), sc), mdl_expf_keep_v8(x));
}

#endif

/* the sum of the lanes of a vector (the row sums of cpu_softmax.inc) */
#if MDL_HAVE_X86_KERNELS && defined(__AVX2__) && !defined(__AVX512F__) && !defined(__clang__) && !defined(MDL_HSUM_V4)
#define MDL_HSUM_V4 1
static inline double mdl_hsum_v4(__m256d a)
{
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}

static inline float mdl_hsumf_v8(__m256 a)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}
#endif

/* e^x - 1 for x <= 0 without a table (see mdl_exp_neg_tab8): 4 x mdl_expm1_neg, 8 x
 * mdl_expm1f_neg (cpu_math.h), 2^n (e^r - 1) + (2^n - 1) with n = round(x / ln2), written once
 * for both vector types (X = pd or ps, the intrinsics' suffix; I = epi64 or epi32 and SH = 52 or
 * 23 build 2^n from t's bits; C = the polynomial's coefficients). x is clamped to ln(smallest
 * normal) first, which gives -1 for every x below (-inf included) without a select (2^n - 1
 * rounds to -1 there); NaN stays NaN (max returns its second operand). Max 1.2 ulp (test).
 * In two halves, so that a loop can overlap one vector's polynomial with the next one's
 * reduction (cpu_elementwise.inc): _reduce returns 2^n and sets *r_out = r; _finish is the rest. */
#if MDL_HAVE_X86_KERNELS && defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__) && \
    !defined(__clang__) && !defined(MDL_EXPM1_NEG_V4)
#define MDL_EXPM1_NEG_V4 1
/* e^r - 1 = r + r^2 P(r), P's coefficients highest first: mdl_expm1_poly_c (cpu_math.h, degree 9)
 * and the degree-5 ones of mdl_expm1f_neg (Cephes) */
static const float mdl_expm1f_poly_c[6] = {1.9875691500E-4f, 1.3981999507E-3f, 8.3334519073E-3f,
                                           4.1665795894E-2f, 1.6666665459E-1f, 5.0000001201E-1f};

#define MDL_EXPM1_NEG_AVX2_REDUCE(V, X, I, SH, LO, MAGIC, LOG2E, C1, C2)                                \
    {                                                                                                   \
        const V magic = _mm256_set1_##X(MAGIC); /* 1.5 * 2^(mantissa bits) + bias: see mdl_exp_neg */  \
        V xc = _mm256_max_##X(_mm256_set1_##X(LO), x);                                                  \
        V t = _mm256_fmadd_##X(xc, _mm256_set1_##X(LOG2E), magic);                                     \
        V n = _mm256_sub_##X(t, magic);                                                                 \
        *r_out = _mm256_fnmadd_##X(n, _mm256_set1_##X(C2), _mm256_fnmadd_##X(n, _mm256_set1_##X(C1), xc)); \
        return _mm256_castsi256_##X(_mm256_slli_##I(_mm256_cast##X##_si256(t), SH)); /* 2^n */          \
    }
#define MDL_EXPM1_NEG_AVX2_FINISH(V, X, C, NC)                                                          \
    {                                                                                                   \
        V p = _mm256_set1_##X(C[0]);                                                                    \
        for (int i = 1; i < NC; ++i) p = _mm256_fmadd_##X(p, r, _mm256_set1_##X(C[i]));                 \
        p = _mm256_fmadd_##X(p, _mm256_mul_##X(r, r), r); /* e^r - 1 */                                 \
        return _mm256_fmadd_##X(sc, p, _mm256_sub_##X(sc, _mm256_set1_##X(1)));                         \
    }

static inline __m256d mdl_expm1_neg_v4_reduce(__m256d x, __m256d* r_out)
MDL_EXPM1_NEG_AVX2_REDUCE(__m256d, pd, epi64, 52, -708.396418532264079, 6755399441055744.0 + 1023.0,
                          1.44269504088896340736, 6.93145751953125E-1, 1.42860682030941723212E-6)
static inline __m256d mdl_expm1_neg_v4_finish(__m256d r, __m256d sc)
MDL_EXPM1_NEG_AVX2_FINISH(__m256d, pd, mdl_expm1_poly_c, 10)
static inline __m256d mdl_expm1_neg_v4(__m256d x)
{
    __m256d r;
    __m256d sc = mdl_expm1_neg_v4_reduce(x, &r);
    return mdl_expm1_neg_v4_finish(r, sc);
}

static inline __m256 mdl_expm1f_neg_v8_reduce(__m256 x, __m256* r_out)
MDL_EXPM1_NEG_AVX2_REDUCE(__m256, ps, epi32, 23, -87.33654475055310f, 12582912.0f + 127.0f, 1.44269504088896341f,
                          0.693359375f, -2.12194440e-4f)
static inline __m256 mdl_expm1f_neg_v8_finish(__m256 r, __m256 sc)
MDL_EXPM1_NEG_AVX2_FINISH(__m256, ps, mdl_expm1f_poly_c, 6)
static inline __m256 mdl_expm1f_neg_v8(__m256 x)
{
    __m256 r;
    __m256 sc = mdl_expm1f_neg_v8_reduce(x, &r);
    return mdl_expm1f_neg_v8_finish(r, sc);
}
#undef MDL_EXPM1_NEG_AVX2_REDUCE
#undef MDL_EXPM1_NEG_AVX2_FINISH
#endif
