# Cross toolchain: Linux on 64-bit ARM (RID linux-arm64) with Debian's gcc-aarch64-linux-gnu.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake -DMINIDL_CUDA=OFF
#   cmake --build build-arm64 --target minidl_cpu minidl_harness_cpu
#   ctest --test-dir build-arm64 -R '^minidl_harness_cpu$'     # runs under qemu-aarch64 (qemu-user)
#
# The target's libraries (libc, libm, libgomp) live in the cross sysroot /usr/aarch64-linux-gnu, so
# find_library() searches there and only there: that is how find_library(m) finds the cross libm.
# C++ (g++-aarch64-linux-gnu) is optional: without it the CUDA emulator tests are left out.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(MINIDL_CROSS_TRIPLE aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${MINIDL_CROSS_TRIPLE}-gcc)
find_program(MINIDL_CROSS_CXX ${MINIDL_CROSS_TRIPLE}-g++)
if(MINIDL_CROSS_CXX)
  set(CMAKE_CXX_COMPILER ${MINIDL_CROSS_CXX})
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${MINIDL_CROSS_TRIPLE})
set(CMAKE_LIBRARY_ARCHITECTURE ${MINIDL_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # host tools (python3, qemu) come from the host
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)    # target libraries only from the sysroot
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# CTest runs the cross-built harness under user-mode QEMU when it is installed.
find_program(MINIDL_QEMU qemu-aarch64)
if(MINIDL_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MINIDL_QEMU} -L /usr/${MINIDL_CROSS_TRIPLE})
endif()
