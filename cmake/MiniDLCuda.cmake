# MiniDLCuda.cmake — the MINIDL_CUDA = AUTO | ON | OFF switch.
#
#   AUTO: look for a CUDA compiler with check_language(CUDA); build the CUDA backend if found.
#   ON:   a CUDA compiler is required (configure fails otherwise).
#   OFF:  never build the CUDA backend.
#
# Sets MINIDL_CUDA_ENABLED (TRUE/FALSE). When TRUE the CUDA language is enabled here, with
# CMAKE_CUDA_ARCHITECTURES defaulting, unless the user set it, to what this nvcc can build among
# Volta (70) to Blackwell (120), the last one also as PTX for newer GPUs:
#   nvcc < 11.8: 70;75;80;86    11.8–12.7: 70;75;80;86;89;90    12.8–12.9: …;90;120
#   nvcc >= 13:  75;80;86;89;90;120 (CUDA 13 compiles for Turing and newer only; Volta is gone)
# (The deprecated find_package(CUDA) is never used; CUDA libraries come from
# find_package(CUDAToolkit) in native/src/cuda/.)
include_guard(GLOBAL)
include(CheckLanguage)

string(TOUPPER "${MINIDL_CUDA}" _minidl_cuda_mode)
set(MINIDL_CUDA_ENABLED FALSE)

if(_minidl_cuda_mode STREQUAL "OFF")
  message(STATUS "MiniDL: CUDA backend disabled (MINIDL_CUDA=OFF)")
elseif(_minidl_cuda_mode STREQUAL "ON" OR _minidl_cuda_mode STREQUAL "AUTO")
  if(_minidl_cuda_mode STREQUAL "ON" AND DEFINED CACHE{CMAKE_CUDA_COMPILER} AND NOT CMAKE_CUDA_COMPILER)
    # An earlier configure of this folder found no usable nvcc (e.g. before clang++-14 was installed as its
    # host compiler) and check_language keeps that answer in the cache: now that CUDA is required, look again.
    unset(CMAKE_CUDA_COMPILER CACHE)
  endif()
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
  # Must be set before enable_language(CUDA), so nvcc's version is read here. sm_89 and sm_90 need
  # CUDA >= 11.8 (Debian 12's nvcc is 11.8), sm_120 (RTX 50 laptops) 12.8, and CUDA 13 dropped sm_70.
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    execute_process(COMMAND "${CMAKE_CUDA_COMPILER}" --version OUTPUT_VARIABLE _minidl_nvcc_text ERROR_QUIET)
    set(_minidl_nvcc_version 0)
    if(_minidl_nvcc_text MATCHES "release ([0-9]+\\.[0-9]+)")
      set(_minidl_nvcc_version "${CMAKE_MATCH_1}")
    endif()
    if(_minidl_nvcc_version VERSION_GREATER_EQUAL 13.0)
      set(_minidl_archs "75;80;86;89;90;120")
    elseif(_minidl_nvcc_version VERSION_GREATER_EQUAL 12.8)
      set(_minidl_archs "70;75;80;86;89;90;120")
    elseif(_minidl_nvcc_version VERSION_GREATER_EQUAL 11.8 OR _minidl_nvcc_version EQUAL 0)
      set(_minidl_archs "70;75;80;86;89;90")
    else()
      set(_minidl_archs "70;75;80;86")
    endif()
    set(CMAKE_CUDA_ARCHITECTURES "${_minidl_archs}" CACHE STRING "CUDA architectures to build for (default from nvcc ${_minidl_nvcc_version})")
  endif()
  enable_language(CUDA)
  message(STATUS "MiniDL: CUDA backend enabled (${CMAKE_CUDA_COMPILER}, architectures ${CMAKE_CUDA_ARCHITECTURES})")
endif()
