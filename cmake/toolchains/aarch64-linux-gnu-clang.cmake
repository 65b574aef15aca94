# Cross toolchain: Linux on 64-bit ARM (RID linux-arm64) with clang instead of gcc, and no OpenMP:
# the closest this Linux machine gets to a Mac with Apple silicon (Apple's clang, NEON, no
# OpenMP). Uses the sysroot of Debian's gcc-aarch64-linux-gnu (libc, libm, the crt files).
#
#   cmake -S . -B build-arm64-clang -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu-clang.cmake -DMINIDL_CUDA=OFF
#   cmake --build build-arm64-clang --target minidl_cpu minidl_harness_cpu
#   qemu-aarch64 -L /usr/aarch64-linux-gnu build-arm64-clang/native/tests/minidl_harness_cpu -q --quick
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
find_program(MINIDL_CLANG NAMES clang-14 clang REQUIRED)
set(CMAKE_C_COMPILER ${MINIDL_CLANG})
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)

set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # host tools (python3, qemu) come from the host
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)    # target libraries only from the sysroot
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(MINIDL_QEMU qemu-aarch64)
if(MINIDL_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MINIDL_QEMU} -L /usr/aarch64-linux-gnu)
endif()
