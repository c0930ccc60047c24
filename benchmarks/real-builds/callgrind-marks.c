/* Marks for `instructions.sh`: the in-process replay (`--callgrind-marks`) calls these around each analysis, so that
   callgrind counts the instructions of exactly that span, in every thread of the process, and writes one dump per
   run, named after it. Outside valgrind each macro is a few no-op instructions. */
#include <stdio.h>
#include <valgrind/callgrind.h>

void al_callgrind_begin(void)
{
    CALLGRIND_START_INSTRUMENTATION;
    CALLGRIND_ZERO_STATS;
}

void al_callgrind_end(int repetition, int compilation, int configuration)
{
    char label[96];
    snprintf(label, sizeof label, "rep=%d comp=%d config=%d", repetition, compilation, configuration);
    CALLGRIND_DUMP_STATS_AT(label);
    CALLGRIND_STOP_INSTRUMENTATION;
}
