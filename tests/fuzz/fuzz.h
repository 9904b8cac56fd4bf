/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what every libFuzzer target here shares.
 *
 * DOC: A target is one LLVMFuzzerTestOneInput() over one input path of the
 * emulator (a device tree, an ELF image, a guest's semihosting call, guest
 * RAM seen by the page-state decoder).  A crash, a sanitizer report, a
 * timeout, a leak or an exit() is a finding; the emulator's own refusals
 * (one line on stderr, an error return) are the expected outcome of most
 * inputs.  Every target is deterministic for a given input.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif /* TESTS_FUZZ_FUZZ_H */
