# MiniDLCuda.cmake — the MINIDL_CUDA = AUTO | ON | OFF switch.
#
#   AUTO: look for a CUDA compiler with check_language(CUDA); build the CUDA backend if found.
#   ON:   a CUDA compiler is required (configure fails otherwise).
#   OFF:  never build the CUDA backend.
#
# Sets MINIDL_CUDA_ENABLED (TRUE/FALSE). When TRUE the CUDA language is enabled here, with
# CMAKE_CUDA_ARCHITECTURES defaulting to "70;75;80;86;89;90" unless the user set it.
# (The deprecated find_package(CUDA) is never used; CUDA libraries come from
# find_package(CUDAToolkit) in native/src/cuda/.)
include_guard(GLOBAL)
include(CheckLanguage)

string(TOUPPER "${MINIDL_CUDA}" _minidl_cuda_mode)
set(MINIDL_CUDA_ENABLED FALSE)

if(_minidl_cuda_mode STREQUAL "OFF")
  message(STATUS "MiniDL: CUDA backend disabled (MINIDL_CUDA=OFF)")
elseif(_minidl_cuda_mode STREQUAL "ON" OR _minidl_cuda_mode STREQUAL "AUTO")
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    set(MINIDL_CUDA_ENABLED TRUE)
  elseif(_minidl_cuda_mode STREQUAL "ON")
    message(FATAL_ERROR "MiniDL: MINIDL_CUDA=ON but no CUDA compiler was found (set CMAKE_CUDA_COMPILER or CUDACXX)")
  else()
    message(STATUS "MiniDL: no CUDA compiler found; building the CPU backend only (MINIDL_CUDA=AUTO)")
  endif()
else()
  message(FATAL_ERROR "MiniDL: MINIDL_CUDA must be AUTO, ON or OFF (got '${MINIDL_CUDA}')")
endif()

if(MINIDL_CUDA_ENABLED)
  # Must be set before enable_language(CUDA). sm_90 needs CUDA >= 11.8 (Debian 12's nvcc is 11.8).
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    set(CMAKE_CUDA_ARCHITECTURES "70;75;80;86;89;90" CACHE STRING "CUDA architectures to build for")
  endif()
  enable_language(CUDA)
  message(STATUS "MiniDL: CUDA backend enabled (${CMAKE_CUDA_COMPILER}, architectures ${CMAKE_CUDA_ARCHITECTURES})")
endif()
