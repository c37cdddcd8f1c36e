// libFuzzer's driver, linked in by -sanitize=fuzzer. SwiftPM links every executable with
// `main` bound to the target's own entry point, so libFuzzer's main never runs: ours calls
// this instead. Only referenced when built with -DFUZZING.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));
