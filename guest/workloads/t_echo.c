// SPDX-License-Identifier: MIT
/*
 * t_echo.c - console input: characters the emulator feeds UART0 from its
 * standard input (a file here) arrive in order, at the line rate, and are
 * read back by polling URXH.  Reads lines until one is ".", echoes each in
 * upper case, and checks the text against the test's input file
 * (tests/guest/data/echo.txt).
 */
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "drivers/uart.h"

#define MAX_POLLS 20000000ul /* about 10x what 64 characters at 115200 baud need */

static const char expected[] = "hello, uart\nsecond line 123\n.\n";

int main(void)
{
	char buf[128], line[64];
	unsigned long polls = 0;
	size_t n = 0, len = 0;
	unsigned lines = 0;

	while (n < sizeof(buf) - 1 && polls < MAX_POLLS) {
		int c = uart_getc();

		if (c < 0) {
			polls++;
			continue;
		}
		buf[n++] = (char)c;
		if (c != '\n') {
			if (len < sizeof(line) - 1)
				line[len++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
			continue;
		}
		line[len] = 0;
		lines++;
		printf("echo: %s\n", line);
		if (strcmp(line, ".") == 0)
			break;
		len = 0;
	}
	buf[n] = 0;
	CHECK(polls < MAX_POLLS, "input arrived (%lu empty polls)", polls);
	CHECK(lines == 3, "three lines read (got %u)", lines);
	CHECK(strcmp(buf, expected) == 0, "the text arrived intact and in order (%u bytes)",
	      (unsigned)n);
	CHECK(uart_getc() < 0, "nothing after the end of the file");
	return check_done("t_echo");
}
