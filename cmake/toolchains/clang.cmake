# Toolchain: this machine, with clang instead of gcc (what macOS builds with: Apple's clang).
#
#   cmake -S . -B build-clang -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/clang.cmake -DMINIDL_CUDA=OFF
#
# With clang the x86 kernels take their plain-C forms in the AVX2 and AVX-512 passes (the
# intrinsic kernels are gcc-only: cpu_math_avx2.h) and OpenMP needs libomp (Debian: libomp-14-dev;
# without it the library builds single-threaded). tools/cross-check.sh runs the harness on it.
find_program(MINIDL_CLANG NAMES clang-14 clang REQUIRED)
set(CMAKE_C_COMPILER ${MINIDL_CLANG})
