# expect_error.cmake — a CTest check of the harness's own argument errors:
#   cmake -DEXE=harness "-DARGS=--only map --kernel elementwise=9" -DERR=REGEX -P expect_error.cmake
# passes when EXE ARGS exits with 2, runs no check (no PASS/FAIL line on stdout) and prints one
# line on stderr that matches REGEX.
separate_arguments(_args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${EXE}" ${_args} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
# A sanitizer build (MINIDL_SANITIZE) adds ASan's own warning about the emulator's fibers
# ("==PID==WARNING: ASan doesn't fully support makecontext/swapcontext ..."): not the harness's line.
string(REGEX REPLACE "==[0-9]+==WARNING: ASan [^\n]*\n" "" _err "${_err}")
string(REGEX MATCHALL "\n" _lines "${_err}")
list(LENGTH _lines _n)
if(NOT _rc STREQUAL "2" OR NOT _n EQUAL 1 OR NOT _err MATCHES "${ERR}" OR _out MATCHES "(PASS|FAIL) ")
  message(FATAL_ERROR "want exit 2 and one line matching '${ERR}' on stderr, no check run; got exit ${_rc}, "
                      "${_n} line(s) on stderr:\n${_err}stdout:\n${_out}")
endif()
