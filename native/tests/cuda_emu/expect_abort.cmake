# expect_abort.cmake — a CTest check that a program stops itself (abort) with a message:
#   cmake -DEXE=program "-DARGS=mode" -DERR=REGEX -P expect_abort.cmake
# passes when EXE ARGS is stopped by a signal (execute_process reports no exit code) and its stderr
# matches REGEX. The emulator aborts on misuse (cuda_runtime.h), which CTest alone counts as a failure
# whatever the output.
separate_arguments(_args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${EXE}" ${_args} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(_rc MATCHES "^[0-9]+$" OR NOT _err MATCHES "${ERR}")
  message(FATAL_ERROR "want a stop by a signal and stderr matching '${ERR}'; got '${_rc}', stderr:\n${_err}stdout:\n${_out}")
endif()
message(STATUS "stopped (${_rc}) with: ${_err}")
