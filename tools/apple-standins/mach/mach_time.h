/* Stand-in of <mach/mach_time.h> (macOS): Mach absolute time's units. */
#pragma once
#include <stdint.h>
typedef int kern_return_t;
#define KERN_SUCCESS 0
struct mach_timebase_info {
    uint32_t numer;
    uint32_t denom;
};
typedef struct mach_timebase_info* mach_timebase_info_t;
typedef struct mach_timebase_info mach_timebase_info_data_t;
kern_return_t mach_timebase_info(mach_timebase_info_t info);
