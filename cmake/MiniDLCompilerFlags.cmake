# MiniDLCompilerFlags.cmake — warnings, hidden visibility, optimization and sanitizers.
#
#   minidl_target_flags(<target>)   apply MiniDL's flags to one target.
#
# The library is NOT built with -march=native: the AVX-512 / AVX2 kernels carry their own
# __attribute__((target(...))) and are picked at run time, so one binary runs on any x86-64.
include_guard(GLOBAL)

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_C_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_C_VISIBILITY_PRESET hidden)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)

function(minidl_target_flags target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      $<$<COMPILE_LANGUAGE:C,CXX>:-Wall -Wextra -Wno-unused-parameter>
      $<$<AND:$<COMPILE_LANGUAGE:C,CXX>,$<CONFIG:Release,RelWithDebInfo>>:-O3>)
    if(CMAKE_C_COMPILER_ID MATCHES "Clang")
      # clang says "loop not vectorized" for each `omp simd` loop its vectorizer declines (18 with
      # OpenMP, without a source line): a note on speed, not a fault; the harness checks the results.
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Wno-pass-failed>)
    endif()
    if(MINIDL_SANITIZE)
      target_compile_options(${target} PRIVATE
        $<$<COMPILE_LANGUAGE:C,CXX>:-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined>)
      target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C,CXX>:/W4 /wd4100>)
  endif()
endfunction()
