# MiniDLHarness.cmake — the C test harness, shared by every build of the ABI.
#
#   minidl_add_harness(<target> <library target> <peer source file> [extra link libs...])
#
# Builds <target> from the harness sources (native/tests/harness_main.c, harness_<family>.c,
# reference.c, bench.c, ...) plus
# <peer source file> (the "peer" library the bench compares against: peer_openblas.c,
# peer_cublas.cu or peer_none.c, all implementing native/tests/peer.h), links it to
# <library target> and the extra libraries, and registers the CTest test <target>.
# The harness talks to the library only through minidl.h, so the same sources test the
# CPU and the CUDA builds. A harness that finds no device (mdl_device_info_get returns
# MDL_ERR_UNSUPPORTED) exits with 77, which CTest reports as "skipped".
include_guard(GLOBAL)

set(MINIDL_HARNESS_DIR "${CMAKE_CURRENT_LIST_DIR}/../native/tests")
set(MINIDL_HARNESS_SOURCES
  "${MINIDL_HARNESS_DIR}/harness_main.c"
  "${MINIDL_HARNESS_DIR}/harness_library.c"
  "${MINIDL_HARNESS_DIR}/harness_elementwise.c"
  "${MINIDL_HARNESS_DIR}/harness_broadcast.c"
  "${MINIDL_HARNESS_DIR}/harness_reduce.c"
  "${MINIDL_HARNESS_DIR}/harness_gemm.c"
  "${MINIDL_HARNESS_DIR}/harness_softmax.c"
  "${MINIDL_HARNESS_DIR}/harness_optimizer.c"
  "${MINIDL_HARNESS_DIR}/reference.c"
  "${MINIDL_HARNESS_DIR}/harness_util.c"
  "${MINIDL_HARNESS_DIR}/bench.c")

if(MINIDL_SANITIZE)
  set(MINIDL_TEST_ENVIRONMENT "ASAN_OPTIONS=allocator_may_return_null=1")
else()
  set(MINIDL_TEST_ENVIRONMENT "")
endif()

function(minidl_add_harness target library peer_source)
  add_executable(${target} ${MINIDL_HARNESS_SOURCES} "${peer_source}")
  target_include_directories(${target} PRIVATE "${MINIDL_HARNESS_DIR}" "${MINIDL_HARNESS_DIR}/../include")
  target_link_libraries(${target} PRIVATE ${library} ${ARGN})
  find_package(OpenMP QUIET COMPONENTS C)
  if(OpenMP_C_FOUND)
    target_link_libraries(${target} PRIVATE OpenMP::OpenMP_C)   # STREAM triad in the bench
  endif()
  find_library(MINIDL_LIBM m)
  if(MINIDL_LIBM)
    target_link_libraries(${target} PRIVATE ${MINIDL_LIBM})
  endif()
  set_target_properties(${target} PROPERTIES
    C_STANDARD 11
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/native/tests"
    # The harness loads the library from build/native/ without installing it.
    BUILD_RPATH "${CMAKE_BINARY_DIR}/native")
  if(COMMAND minidl_target_flags)
    minidl_target_flags(${target})
  endif()
  # Windows has no rpath: a program finds its DLLs beside itself (or on the PATH), so the library is
  # copied next to the harness after each build (MSVC's minidl_cpu.dll or MinGW's libminidl_cpu.dll).
  if(WIN32)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE:${library}> $<TARGET_FILE_DIR:${target}>
      VERBATIM)
  endif()
  # Sanitizer builds run ~10x slower: skip the largest GEMM references there. The harness checks
  # that an impossible allocation (2^60 bytes) fails cleanly; ASan aborts on it unless told to
  # return NULL (MINIDL_TEST_ENVIRONMENT, also used by the other harness tests).
  if(MINIDL_SANITIZE)
    add_test(NAME ${target} COMMAND ${target} -q --quick)
  else()
    add_test(NAME ${target} COMMAND ${target} -q)
  endif()
  set_tests_properties(${target} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
  if(MINIDL_TEST_ENVIRONMENT)
    set_tests_properties(${target} PROPERTIES ENVIRONMENT "${MINIDL_TEST_ENVIRONMENT}")
  endif()
endfunction()
