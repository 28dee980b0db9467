#ifndef CCL10N_FUZZER_DRIVER_H
#define CCL10N_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>
// libFuzzer's driver, provided by the fuzzer runtime that `-sanitize=fuzzer` links in (make fuzz).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
