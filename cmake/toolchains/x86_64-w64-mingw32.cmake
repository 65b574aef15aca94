# Cross toolchain: Windows x64 (RID win-x64) with MinGW-w64 (Debian's gcc-mingw-w64-x86-64).
#
#   cmake -S . -B build-win64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/x86_64-w64-mingw32.cmake -DMINIDL_CUDA=OFF
#   cmake --build build-win64 --target minidl_cpu minidl_harness_cpu
#
# Produces libminidl_cpu.dll (MinGW's name; the C# loader takes it as well as MSVC's minidl_cpu.dll) and
# tests/minidl_harness_cpu.exe, which CTest runs under wine64 when it is installed. The MinGW runtime
# (libgcc, libwinpthread, libgomp) is linked statically so the DLL needs nothing beside it.
# Windows has no separate libm (the math functions are in the C runtime): find_library(m) finds
# nothing and nothing is linked, as it should be.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(MINIDL_CROSS_TRIPLE x86_64-w64-mingw32)

# The POSIX-threads flavor of the compiler has a working OpenMP (libgomp); fall back to the plain name.
find_program(MINIDL_CROSS_CC NAMES ${MINIDL_CROSS_TRIPLE}-gcc-posix ${MINIDL_CROSS_TRIPLE}-gcc)
find_program(MINIDL_CROSS_CXX NAMES ${MINIDL_CROSS_TRIPLE}-g++-posix ${MINIDL_CROSS_TRIPLE}-g++)
set(CMAKE_C_COMPILER ${MINIDL_CROSS_CC})
if(MINIDL_CROSS_CXX)
  set(CMAKE_CXX_COMPILER ${MINIDL_CROSS_CXX})
endif()
find_program(MINIDL_CROSS_RC ${MINIDL_CROSS_TRIPLE}-windres)
if(MINIDL_CROSS_RC)
  set(CMAKE_RC_COMPILER ${MINIDL_CROSS_RC})
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${MINIDL_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# MinGW's printf is the old msvcrt one unless asked for the C99 one (the library prints sizes with %zu).
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc -static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static")

find_program(MINIDL_WINE NAMES wine64 wine PATHS /usr/lib/wine)   # Debian: wine64 lives in /usr/lib/wine
if(MINIDL_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MINIDL_WINE})
endif()
