# MiniDLOpenMP.cmake — finds OpenMP for the CPU backend's threads (OpenMP::OpenMP_C, OpenMP_C_FOUND).
#
# gcc, clang on Linux (with libomp) and MSVC bring their own OpenMP: find_package finds it. Apple's clang
# understands OpenMP's pragmas but ships neither omp.h nor the runtime, so on a Mac find_package fails and the
# library would build single-threaded. Homebrew's libomp (`brew install libomp`) provides both; this module then
# retries with Apple's spelling of the flag (-Xpreprocessor -fopenmp) and libomp's folder:
#
#   MINIDL_OPENMP_PREFIX   a libomp installation (include/omp.h, lib/libomp.*) to try when the compiler's own
#                          OpenMP is not found. Default on macOS: `brew --prefix libomp`, when brew is there.
#
# Without either, the library builds and runs single-threaded and the configure step says so (native/CMakeLists.txt).

set(MINIDL_OPENMP_PREFIX "" CACHE PATH "A libomp installation to use when the compiler's own OpenMP is not found (macOS: brew --prefix libomp)")

find_package(OpenMP COMPONENTS C)

if(NOT OpenMP_C_FOUND AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  set(_minidl_omp_prefix "${MINIDL_OPENMP_PREFIX}")
  if(NOT _minidl_omp_prefix AND APPLE)
    find_program(MINIDL_BREW brew)
    if(MINIDL_BREW)
      execute_process(COMMAND "${MINIDL_BREW}" --prefix libomp
                      OUTPUT_VARIABLE _minidl_omp_prefix OUTPUT_STRIP_TRAILING_WHITESPACE
                      RESULT_VARIABLE _minidl_brew_status ERROR_QUIET)
      if(NOT _minidl_brew_status EQUAL 0)
        set(_minidl_omp_prefix "")
      endif()
    endif()
  endif()
  if(_minidl_omp_prefix)
    find_library(MINIDL_LIBOMP NAMES omp PATHS "${_minidl_omp_prefix}/lib" NO_DEFAULT_PATH)
    if(MINIDL_LIBOMP AND EXISTS "${_minidl_omp_prefix}/include/omp.h")
      # What FindOpenMP would have found with a compiler that has OpenMP built in, set by hand; find_package then
      # checks that a program with these flags compiles and links.
      set(OpenMP_C_FLAGS "-Xpreprocessor -fopenmp -I${_minidl_omp_prefix}/include" CACHE STRING "" FORCE)
      set(OpenMP_C_LIB_NAMES "omp" CACHE STRING "" FORCE)
      set(OpenMP_omp_LIBRARY "${MINIDL_LIBOMP}" CACHE FILEPATH "" FORCE)
      find_package(OpenMP COMPONENTS C)
      if(OpenMP_C_FOUND)
        message(STATUS "MiniDL: OpenMP from ${_minidl_omp_prefix} (libomp)")
      endif()
    else()
      message(STATUS "MiniDL: no libomp (include/omp.h, lib/libomp) in ${_minidl_omp_prefix}")
    endif()
  elseif(APPLE)
    message(STATUS "MiniDL: Apple's clang has no OpenMP runtime; `brew install libomp` and configure again for a multi-threaded CPU backend")
  endif()
endif()
