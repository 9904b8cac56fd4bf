/* SPDX-License-Identifier: MIT */
/*
 * window.c - the SDL2 heatmap window: present, zoom, pan, hover, keys.
 *
 * DOC: One streaming texture holds the image, another the status bar; both
 * are drawn with nearest-neighbour scaling so that at zoom 1 every image
 * pixel becomes an exact scale x scale block on screen (the Xvfb test
 * compares those pixels with the PNG).  Zoom magnifies the whole image by
 * 1, 2, 4, 8 or 16 around the mouse; dragging or the arrow keys pan; '0'
 * resets the view.  Keys: space pause/run, n step, q or Escape quit.
 */
#include "mm/window.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "mm/font.h"
#include "mm/pagestate.h"

void window_describe(char *buf, size_t len, const struct pagestate *ps, uint32_t pfn)
{
	uint64_t pa = (uint64_t)pfn << MM_ABI_PAGE_SHIFT;
	const struct ps_frame *f;
	char va[24] = "-";
	int n;

	if (pfn < ps->pfn0 || pfn - ps->pfn0 >= ps->nframes) {
		snprintf(buf, len, "pfn 0x%05" PRIx32 " outside RAM", pfn);
		return;
	}
	f = &ps->frame[pfn - ps->pfn0];
	if (ps->abi_ok && ps->abi.page_offset) {
		if (ps->abi.phase >= MM_PHASE_BUDDY && pfn >= ps->abi.lowmem_limit_pfn)
			snprintf(va, sizeof(va), "highmem");
		else
			snprintf(va, sizeof(va), "0x%08" PRIx64,
				 (uint64_t)ps->abi.page_offset + pa - ps->abi.phys_offset);
	}
	n = snprintf(buf, len, "pfn 0x%05" PRIx32 "  pa 0x%08" PRIx64 "  va %s  %s%s%s", pfn, pa,
		     va, f->zone < MAX_NR_ZONES ? pagestate_zone_name(ps, f->zone) : "",
		     f->zone < MAX_NR_ZONES ? "  " : "", pagestate_state_name(f->state));
	if (n < 0 || (size_t)n >= len)
		return;
	buf += n;
	len -= (size_t)n;
	switch (f->state) {
	case PS_FREE:
	case PS_CMA_FREE:
		n = snprintf(buf, len, ", order %u block, %s list", f->order,
			     pagestate_mt_name(f->mt));
		break;
	case PS_FREE_PCP:
		n = snprintf(buf, len, ", %s list", pagestate_mt_name(f->mt));
		break;
	case PS_SLAB: {
		const char *owner = pagestate_owner_name(ps, f);

		n = snprintf(buf, len, ", cache %s", owner ? owner : "?");
		break;
	}
	case PS_INCONSISTENT:
		n = snprintf(buf, len, ": %s", pagestate_bad_name(f->owner));
		break;
	case PS_ALLOC_UNMOVABLE:
	case PS_ALLOC_MOVABLE:
	case PS_ALLOC_RECLAIMABLE:
	case PS_CMA_ALLOC:
	case PS_HIGHMEM:
		n = snprintf(buf, len, ", asked %s%s%s", pagestate_mt_name(f->mt),
			     f->attr & PSA_PINNED ? ", pinned" : "",
			     f->attr & PSA_LRU ? ", page cache" : "");
		break;
	default:
		n = 0;
	}
	if (n < 0 || (size_t)n >= len)
		return;
	buf += n;
	len -= (size_t)n;
	if (f->pbmt != PS_NO_MT)
		snprintf(buf, len, "  [pageblock %s]", pagestate_mt_name(f->pbmt));
}

#ifdef HAVE_SDL2

#include <SDL.h>

#define STATUS_H 12
#define MAX_ZOOM 16

struct hm_window {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *image, *status;
	struct render_layout L;
	unsigned scale;
	uint32_t *status_px;
	/* view: image pixel at the window's top left, and magnification */
	double ox, oy;
	int zoom;
	bool dragging;
	int mouse_x, mouse_y;
	bool hover;
	bool paused;
	char note[96];
	char title[256];
	uint64_t frames;
	const struct pagestate *ps;
	const uint32_t *px;
};

uint32_t window_ticks(void)
{
	return SDL_GetTicks();
}

void window_sleep(uint32_t ms)
{
	SDL_Delay(ms);
}

struct hm_window *window_open(const struct render_layout *L, unsigned scale, char *why,
			      size_t why_len)
{
	struct hm_window *w;
	const char *driver;
	const char *forced_env = getenv("SDL_VIDEODRIVER"), *x11 = getenv("DISPLAY");
	const char *wl = getenv("WAYLAND_DISPLAY");
	bool forced = forced_env && *forced_env;

	/* Without a display SDL would fall back to its invisible "offscreen"
	 * driver (after noisy probing): say so instead, unless the user asked. */
	if (!forced && (!x11 || !*x11) && (!wl || !*wl)) {
		snprintf(why, why_len, "DISPLAY is not set");
		return NULL;
	}
	/*
	 * Without a session bus (Xvfb, ssh), SDL's D-Bus support makes libdbus
	 * fork and exec dbus-launch --autolaunch: a fork of a process holding
	 * guest RAM and Unicorn's 1 GiB translation buffer, after which every
	 * page the emulation writes takes a copy-on-write fault once.  An
	 * address that is set but unusable stops the autolaunch; a real
	 * session bus is left alone.  (The emulation thread waits for this
	 * function, so setenv races with no getenv.)
	 */
	setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
		snprintf(why, why_len, "%s", SDL_GetError());
		return NULL;
	}
	driver = SDL_GetCurrentVideoDriver();
	if (!forced && driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"))) {
		snprintf(why, why_len, "SDL found only its '%s' video driver", driver);
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
		return NULL;
	}
	w = xcalloc(1, sizeof(*w), "the heatmap window");
	w->L = *L;
	w->zoom = 1;
	if (!scale) {
		SDL_Rect usable;

		scale = 1;
		if (SDL_GetDisplayUsableBounds(0, &usable) == 0)
			while ((int)(scale + 1) * L->width <= usable.w - 32 &&
			       (int)(scale + 1) * (L->height + STATUS_H) <= usable.h - 64)
				scale++;
	}
	w->scale = scale;
	SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "0");
	w->win = SDL_CreateWindow("s3c6410-emu heatmap", SDL_WINDOWPOS_UNDEFINED,
				  SDL_WINDOWPOS_UNDEFINED, L->width * (int)scale,
				  (L->height + STATUS_H) * (int)scale, 0);
	if (w->win)
		w->ren = SDL_CreateRenderer(w->win, -1, 0);
	if (w->ren)
		w->image = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_RGBA32,
					     SDL_TEXTUREACCESS_STREAMING, L->width, L->height);
	if (w->image)
		w->status = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_RGBA32,
					      SDL_TEXTUREACCESS_STREAMING, L->width, STATUS_H);
	w->status_px = xcalloc((size_t)L->width * STATUS_H, sizeof(uint32_t),
			       "the heatmap window's status line");
	if (!w->status) {
		snprintf(why, why_len, "%s", SDL_GetError());
		window_close(w);
		return NULL;
	}
	return w;
}

void window_close(struct hm_window *w)
{
	if (!w)
		return;
	if (w->status)
		SDL_DestroyTexture(w->status);
	if (w->image)
		SDL_DestroyTexture(w->image);
	if (w->ren)
		SDL_DestroyRenderer(w->ren);
	if (w->win)
		SDL_DestroyWindow(w->win);
	free(w->status_px);
	free(w);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	if (!SDL_WasInit(SDL_INIT_EVERYTHING))
		SDL_Quit();
}

unsigned window_scale(const struct hm_window *w)
{
	return w->scale;
}

void window_position(const struct hm_window *w, int *x, int *y)
{
	SDL_GetWindowPosition(w->win, x, y);
}

uint64_t window_frames(const struct hm_window *w)
{
	return w->frames;
}

void window_set_status(struct hm_window *w, bool paused, const char *note)
{
	w->paused = paused;
	snprintf(w->note, sizeof(w->note), "%s", note ? note : "");
}

/* Window coordinates -> image pixel, through the current view. */
static void to_image(const struct hm_window *w, int wx, int wy, int *ix, int *iy)
{
	double k = (double)w->scale * w->zoom;

	*ix = (int)(w->ox + wx / k);
	*iy = (int)(w->oy + wy / k);
}

static void clamp_view(struct hm_window *w)
{
	double vw = (double)w->L.width / w->zoom, vh = (double)w->L.height / w->zoom;

	if (w->ox > w->L.width - vw)
		w->ox = w->L.width - vw;
	if (w->oy > w->L.height - vh)
		w->oy = w->L.height - vh;
	if (w->ox < 0)
		w->ox = 0;
	if (w->oy < 0)
		w->oy = 0;
}

static void set_zoom(struct hm_window *w, int zoom, int wx, int wy)
{
	int ix, iy;

	if (zoom < 1 || zoom > MAX_ZOOM || zoom == w->zoom)
		return;
	to_image(w, wx, wy, &ix, &iy);
	w->zoom = zoom;
	/* keep the image point under (wx, wy) where it is */
	w->ox = ix - wx / ((double)w->scale * zoom);
	w->oy = iy - wy / ((double)w->scale * zoom);
	clamp_view(w);
}

static void draw_status(struct hm_window *w)
{
	const struct render_layout *L = &w->L;
	char text[256] = "";
	uint32_t bgc = RENDER_RGB(0x26, 0x26, 0x2e), fgc = RENDER_RGB(0xf0, 0xf0, 0xf0);
	int ix, iy;
	uint32_t pfn;

	render_fill(w->status_px, L->width, STATUS_H, 0, 0, L->width, STATUS_H, bgc);
	if (w->paused)
		snprintf(text, sizeof(text), "PAUSED (space: run, n: step)  ");
	to_image(w, w->mouse_x, w->mouse_y, &ix, &iy);
	if (w->hover && w->ps && w->mouse_y < L->height * (int)w->scale &&
	    render_pfn_at(L, ix, iy, &pfn)) {
		size_t n = strlen(text);

		window_describe(text + n, sizeof(text) - n, w->ps, pfn);
	} else {
		size_t n = strlen(text);

		snprintf(text + n, sizeof(text) - n,
			 "hover a frame; wheel/+/- zoom %dx, drag/arrows pan, 0 reset, q quit%s%s",
			 w->zoom, w->note[0] ? "   " : "", w->note);
	}
	render_text(w->status_px, L->width, STATUS_H, 3, 2, fgc, text);
	if (strcmp(text, w->title)) {
		char title[300];

		snprintf(w->title, sizeof(w->title), "%s", text);
		snprintf(title, sizeof(title), "s3c6410-emu heatmap - %s", text);
		SDL_SetWindowTitle(w->win, title);
	}
}

static void redraw(struct hm_window *w)
{
	const struct render_layout *L = &w->L;
	int s = (int)w->scale;
	SDL_Rect clip = { 0, 0, L->width * s, L->height * s };
	SDL_Rect src, dst;

	if (!w->px)
		return;
	SDL_UpdateTexture(w->image, NULL, w->px, L->width * 4);
	draw_status(w);
	SDL_UpdateTexture(w->status, NULL, w->status_px, L->width * 4);
	SDL_SetRenderDrawColor(w->ren, 0, 0, 0, 255);
	SDL_RenderClear(w->ren);

	/* whole source pixels only, so every pixel stays an exact block */
	src.x = (int)w->ox;
	src.y = (int)w->oy;
	src.w = (L->width + w->zoom - 1) / w->zoom + 1;
	src.h = (L->height + w->zoom - 1) / w->zoom + 1;
	if (src.x + src.w > L->width)
		src.w = L->width - src.x;
	if (src.y + src.h > L->height)
		src.h = L->height - src.y;
	dst.x = (int)((src.x - w->ox) * s * w->zoom);
	dst.y = (int)((src.y - w->oy) * s * w->zoom);
	dst.w = src.w * s * w->zoom;
	dst.h = src.h * s * w->zoom;
	SDL_RenderSetClipRect(w->ren, &clip);
	SDL_RenderCopy(w->ren, w->image, &src, &dst);
	SDL_RenderSetClipRect(w->ren, NULL);

	dst = (SDL_Rect){ 0, L->height * s, L->width * s, STATUS_H * s };
	SDL_RenderCopy(w->ren, w->status, NULL, &dst);
	SDL_RenderPresent(w->ren);
	w->frames++;
}

void window_present(struct hm_window *w, const uint32_t *px, const struct pagestate *ps)
{
	w->px = px;
	w->ps = ps;
	redraw(w);
}

unsigned window_poll(struct hm_window *w)
{
	unsigned ev = 0;
	SDL_Event e;
	int step = 16;

	while (SDL_PollEvent(&e)) {
		switch (e.type) {
		case SDL_QUIT:
			ev |= WIN_EV_QUIT;
			break;
		case SDL_WINDOWEVENT:
			if (e.window.event == SDL_WINDOWEVENT_CLOSE)
				ev |= WIN_EV_QUIT;
			else if (e.window.event == SDL_WINDOWEVENT_LEAVE)
				w->hover = false;
			ev |= WIN_EV_REDRAW;
			break;
		case SDL_KEYDOWN:
			switch (e.key.keysym.sym) {
			case SDLK_q:
			case SDLK_ESCAPE:
				ev |= WIN_EV_QUIT;
				break;
			case SDLK_SPACE:
				ev |= WIN_EV_PAUSE;
				break;
			case SDLK_n:
				ev |= WIN_EV_STEP;
				break;
			case SDLK_PLUS:
			case SDLK_EQUALS:
			case SDLK_KP_PLUS:
				set_zoom(w, w->zoom * 2, w->mouse_x, w->mouse_y);
				break;
			case SDLK_MINUS:
			case SDLK_KP_MINUS:
				set_zoom(w, w->zoom / 2, w->mouse_x, w->mouse_y);
				break;
			case SDLK_0:
				w->zoom = 1;
				w->ox = w->oy = 0;
				break;
			case SDLK_LEFT:
				w->ox -= step;
				break;
			case SDLK_RIGHT:
				w->ox += step;
				break;
			case SDLK_UP:
				w->oy -= step;
				break;
			case SDLK_DOWN:
				w->oy += step;
				break;
			}
			clamp_view(w);
			ev |= WIN_EV_REDRAW;
			break;
		case SDL_MOUSEWHEEL:
			if (e.wheel.y > 0)
				set_zoom(w, w->zoom * 2, w->mouse_x, w->mouse_y);
			else if (e.wheel.y < 0)
				set_zoom(w, w->zoom / 2, w->mouse_x, w->mouse_y);
			ev |= WIN_EV_REDRAW;
			break;
		case SDL_MOUSEBUTTONDOWN:
			if (e.button.button == SDL_BUTTON_LEFT)
				w->dragging = true;
			break;
		case SDL_MOUSEBUTTONUP:
			if (e.button.button == SDL_BUTTON_LEFT)
				w->dragging = false;
			break;
		case SDL_MOUSEMOTION:
			if (w->dragging) {
				w->ox -= e.motion.xrel / ((double)w->scale * w->zoom);
				w->oy -= e.motion.yrel / ((double)w->scale * w->zoom);
				clamp_view(w);
			}
			w->mouse_x = e.motion.x;
			w->mouse_y = e.motion.y;
			w->hover = true;
			ev |= WIN_EV_REDRAW;
			break;
		}
	}
	return ev;
}

#else /* !HAVE_SDL2 */

struct hm_window *window_open(const struct render_layout *L, unsigned scale, char *why,
			      size_t why_len)
{
	snprintf(why, why_len, "built without SDL2");
	return NULL;
}

void window_close(struct hm_window *w)
{
}

void window_present(struct hm_window *w, const uint32_t *px, const struct pagestate *ps)
{
}

unsigned window_poll(struct hm_window *w)
{
	return 0;
}

void window_set_status(struct hm_window *w, bool paused, const char *note)
{
}

uint32_t window_ticks(void)
{
	return 0;
}

void window_sleep(uint32_t ms)
{
}

unsigned window_scale(const struct hm_window *w)
{
	return 1;
}

void window_position(const struct hm_window *w, int *x, int *y)
{
	*x = *y = 0;
}

uint64_t window_frames(const struct hm_window *w)
{
	return 0;
}

#endif /* HAVE_SDL2 */
