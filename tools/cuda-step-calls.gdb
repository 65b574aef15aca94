# cuda-step-calls.gdb — counts what one training step asks of the CUDA build, on the CPU emulator of CUDA:
# kernel launches, cudaMemcpy (synchronous) and cudaMemcpyAsync calls, allocations, between two consecutive
# optimizer steps (mdl_adam_step_multi: one per step). No GPU and no debug information needed.
#
#   MINIDL_NATIVE_PATH=<folder with the emulated library as libminidl_cuda.so> \
#   gdb -q -batch -x tools/cuda-step-calls.gdb --args artifacts/cli/minidl train digits --backend cuda \
#       --hidden 256 --batch 128 --epochs 2 --out runs/step-calls
#
# Each "step" line gives the counts since the previous one; the steps inside an epoch are the training steps,
# the one after an epoch's last step also holds that epoch's evaluation passes. (`./build.sh cuda-emu` makes
# such a folder: build/native/cuda-emu-as-cuda.)
set pagination off
set breakpoint pending on
set $launches = 0
set $memcpy = 0
set $memcpy_async = 0
set $mallocs = 0
set $prev_launches = 0
set $prev_memcpy = 0
set $prev_async = 0
set $prev_mallocs = 0
break check_launch
commands
silent
set $launches = $launches + 1
continue
end
break cudaMemcpy
commands
silent
set $memcpy = $memcpy + 1
continue
end
break cudaMemcpyAsync
commands
silent
set $memcpy_async = $memcpy_async + 1
continue
end
break cudaMalloc
commands
silent
set $mallocs = $mallocs + 1
continue
end
break mdl_adam_step_multi
commands
silent
printf "step: %d launches, %d cudaMemcpy, %d cudaMemcpyAsync, %d cudaMalloc\n", $launches - $prev_launches, $memcpy - $prev_memcpy, $memcpy_async - $prev_async, $mallocs - $prev_mallocs
set $prev_launches = $launches
set $prev_memcpy = $memcpy
set $prev_async = $memcpy_async
set $prev_mallocs = $mallocs
continue
end
run
quit
