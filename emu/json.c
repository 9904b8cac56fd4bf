/* SPDX-License-Identifier: MIT */
/*
 * json.c - a recursive-descent JSON parser into a small DOM (see json.h).
 */
#include "emu/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"

#define JSON_MAX_DEPTH 64

struct parser {
	const char *s, *end;
	char *err;
	size_t err_len;
	const char *base;
	bool failed;
};

static void fail(struct parser *p, const char *what)
{
	if (!p->failed)
		snprintf(p->err, p->err_len, "JSON: %s at byte %zu", what, (size_t)(p->s - p->base));
	p->failed = true;
}

static void skip_ws(struct parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static bool literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0)
		return false;
	p->s += n;
	return true;
}

static void put_utf8(char *out, size_t *o, uint32_t c)
{
	if (c < 0x80) {
		out[(*o)++] = (char)c;
	} else if (c < 0x800) {
		out[(*o)++] = (char)(0xc0 | c >> 6);
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		out[(*o)++] = (char)(0xe0 | c >> 12);
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | c >> 18);
		out[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	}
}

static int hex4(const char *s, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* At the opening quote; returns a malloc'd string (escapes resolved). */
static char *parse_string(struct parser *p, size_t *len)
{
	const char *q = ++p->s;
	char *out;
	size_t o = 0;

	while (q < p->end && *q != '"')
		q += (*q == '\\' && q + 1 < p->end) ? 2 : 1;
	if (q >= p->end) {
		fail(p, "unterminated string");
		return NULL;
	}
	/* Escapes never grow the text (\uXXXX is 6 bytes for at most 4). */
	out = xcalloc((size_t)(q - p->s) + 1, 1, "JSON string");
	while (p->s < q) {
		char c = *p->s++;
		uint32_t u;

		if ((unsigned char)c < 0x20) {
			fail(p, "control character in string");
			free(out);
			return NULL;
		}
		if (c != '\\') {
			out[o++] = c;
			continue;
		}
		c = *p->s++;
		switch (c) {
		case '"': case '\\': case '/': out[o++] = c; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u':
			if (q - p->s < 4 || hex4(p->s, &u) != 0) {
				fail(p, "bad \\u escape");
				free(out);
				return NULL;
			}
			p->s += 4;
			/* A surrogate pair becomes one code point. */
			if (u >= 0xd800 && u < 0xdc00 && q - p->s >= 6 && p->s[0] == '\\' &&
			    p->s[1] == 'u') {
				uint32_t lo;

				if (hex4(p->s + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
					u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
					p->s += 6;
				}
			}
			put_utf8(out, &o, u);
			break;
		default:
			fail(p, "bad escape");
			free(out);
			return NULL;
		}
	}
	p->s = q + 1;
	out[o] = 0;
	*len = o;
	return out;
}

static void parse_value(struct parser *p, struct json *j, int depth);

static void parse_number(struct parser *p, struct json *j)
{
	const char *q = p->s;
	bool integer = true;
	char buf[64];
	size_t n;

	if (q < p->end && *q == '-')
		q++;
	while (q < p->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
			      *q == '+' || *q == '-')) {
		if (*q == '.' || *q == 'e' || *q == 'E')
			integer = false;
		q++;
	}
	n = (size_t)(q - p->s);
	if (!n || n >= sizeof(buf)) {
		fail(p, "bad number");
		return;
	}
	memcpy(buf, p->s, n);
	buf[n] = 0;
	errno = 0;
	if (integer) {
		char *e;
		long long v = strtoll(buf, &e, 10);

		if (*e == 0 && errno == 0) {
			j->type = JSON_INT;
			j->i = v;
			j->d = (double)v;
			p->s = q;
			return;
		}
		errno = 0;
	}
	{
		char *e;

		j->d = strtod(buf, &e);
		if (*e) {
			fail(p, "bad number");
			return;
		}
	}
	j->type = JSON_DOUBLE;
	j->i = (int64_t)j->d;
	p->s = q;
}

static void grow(struct json *j, size_t *cap, bool keys)
{
	if (j->len < *cap)
		return;
	*cap = *cap ? 2 * *cap : 8;
	j->item = xrealloc(j->item, *cap, sizeof(*j->item), "JSON items");
	if (keys)
		j->key = xrealloc(j->key, *cap, sizeof(*j->key), "JSON member names");
}

static void parse_container(struct parser *p, struct json *j, int depth, bool object)
{
	size_t cap = 0;
	char close = object ? '}' : ']';

	j->type = object ? JSON_OBJECT : JSON_ARRAY;
	p->s++;
	skip_ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return;
	}
	for (;;) {
		char *key = NULL;
		size_t klen;

		skip_ws(p);
		if (object) {
			if (p->s >= p->end || *p->s != '"') {
				fail(p, "expected a member name");
				return;
			}
			key = parse_string(p, &klen);
			if (!key)
				return;
			skip_ws(p);
			if (p->s >= p->end || *p->s != ':') {
				free(key);
				fail(p, "expected ':'");
				return;
			}
			p->s++;
		}
		grow(j, &cap, object);
		memset(&j->item[j->len], 0, sizeof(j->item[0]));
		if (object)
			j->key[j->len] = key;
		j->len++;
		parse_value(p, &j->item[j->len - 1], depth + 1);
		if (p->failed)
			return;
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			return;
		}
		fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
		return;
	}
}

static void parse_value(struct parser *p, struct json *j, int depth)
{
	memset(j, 0, sizeof(*j));
	if (depth > JSON_MAX_DEPTH) {
		fail(p, "nested too deeply");
		return;
	}
	skip_ws(p);
	if (p->s >= p->end) {
		fail(p, "unexpected end");
		return;
	}
	switch (*p->s) {
	case '{':
		parse_container(p, j, depth, true);
		return;
	case '[':
		parse_container(p, j, depth, false);
		return;
	case '"':
		j->type = JSON_STRING;
		j->str = parse_string(p, &j->len);
		return;
	case 't':
	case 'f':
		j->type = JSON_BOOL;
		j->b = *p->s == 't';
		if (!literal(p, j->b ? "true" : "false"))
			fail(p, "bad literal");
		return;
	case 'n':
		if (!literal(p, "null"))
			fail(p, "bad literal");
		return;
	default:
		parse_number(p, j);
	}
}

static void json_clear(struct json *j)
{
	for (size_t k = 0; (j->type == JSON_ARRAY || j->type == JSON_OBJECT) && k < j->len; k++) {
		json_clear(&j->item[k]);
		if (j->key)
			free(j->key[k]);
	}
	free(j->item);
	free(j->key);
	free(j->str);
}

struct json *json_parse(const char *text, size_t len, char *err, size_t err_len)
{
	struct parser p = { text, text + len, err, err_len, text, false };
	struct json *j = xcalloc(1, sizeof(*j), "JSON document");

	parse_value(&p, j, 0);
	skip_ws(&p);
	if (!p.failed && p.s != p.end)
		fail(&p, "trailing characters");
	if (p.failed) {
		json_free(j);
		return NULL;
	}
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	json_clear(j);
	free(j);
}

const struct json *json_member(const struct json *j, const char *key)
{
	if (!j || j->type != JSON_OBJECT)
		return NULL;
	for (size_t k = 0; k < j->len; k++)
		if (strcmp(j->key[k], key) == 0)
			return &j->item[k];
	return NULL;
}

const struct json *json_path(const struct json *j, const char *path)
{
	char part[128];

	while (j && *path) {
		size_t n = strcspn(path, ".");

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = 0;
		path += n + (path[n] == '.');
		if (j->type == JSON_ARRAY) {
			char *e;
			unsigned long idx = strtoul(part, &e, 10);

			j = (*e || idx >= j->len) ? NULL : &j->item[idx];
		} else {
			j = json_member(j, part);
		}
	}
	return j;
}

int64_t json_int(const struct json *j, int64_t def)
{
	if (!j || (j->type != JSON_INT && j->type != JSON_DOUBLE))
		return def;
	return j->i;
}
