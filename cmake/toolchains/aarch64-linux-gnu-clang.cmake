# Cross toolchain: Linux on 64-bit ARM (RID linux-arm64) with clang instead of gcc, and no OpenMP:
# the closest this Linux machine gets to a Mac with Apple silicon (Apple's clang, NEON, no
# OpenMP). Everything but the C compiler is aarch64-linux-gnu.cmake's: the sysroot of Debian's
# gcc-aarch64-linux-gnu (libc, libm, the crt files), the search paths, qemu for CTest.
#
#   cmake -S . -B build-arm64-clang -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu-clang.cmake -DMINIDL_CUDA=OFF
#   cmake --build build-arm64-clang --target minidl_cpu minidl_harness_cpu
#   qemu-aarch64 -L /usr/aarch64-linux-gnu build-arm64-clang/native/tests/minidl_harness_cpu -q --quick
include("${CMAKE_CURRENT_LIST_DIR}/aarch64-linux-gnu.cmake")
find_program(MINIDL_CLANG NAMES clang-14 clang REQUIRED)
set(CMAKE_C_COMPILER ${MINIDL_CLANG})
set(CMAKE_C_COMPILER_TARGET ${MINIDL_CROSS_TRIPLE})
