/* SPDX-License-Identifier: MIT */
/*
 * mm/compaction.h - memory compaction and page migration (Linux mm/compaction.c, mm/migrate.c).
 *
 * DOC: Compaction runs two scanners over a zone: the migrate scanner from
 * the bottom isolates movable pages, the free scanner from the top isolates
 * free pages; migrate_pages() copies each movable page to a free page, moves
 * its page-cache slot or PTEs (mm/rmap.h) and frees the old page, so free
 * pages gather at the bottom into high-order blocks.  Run directly from the
 * allocator's slow path, from kcompactd (background, timer tick), or by
 * compact_node() (/proc/sys/vm/compact_memory).
 */
#ifndef MM_COMPACTION_H
#define MM_COMPACTION_H

#include <mm/types.h>
#include <mm/gfp.h>

struct zone;
struct page;
typedef struct pglist_data pg_data_t;

enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,
	COMPACT_DEFERRED,
	COMPACT_INACTIVE = COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,
	COMPACT_SUCCESS,
};

enum migrate_mode { MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC };

/*
 * Compaction on/off: our stand-in for CONFIG_COMPACTION (1 by default).  With
 * 0 the allocator never compacts and kcompactd stays asleep.
 */
extern int sysctl_compaction_enabled;
extern int sysctl_extfrag_threshold; /* 500, as Linux */

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order, int alloc_flags,
					 int highest_zoneidx, enum compact_priority prio,
					 struct page **capture);
enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp_mask,
				       enum compact_priority prio, unsigned int alloc_flags,
				       int highest_zoneidx, struct page **capture);
/* Compact every zone of a node completely (echo 1 > /proc/sys/vm/compact_memory). */
void compact_node(int nid);
void compact_nodes(void);
/*
 * One bounded pass of the same (order -1) compaction of a zone: it migrates
 * about nr_pages pages (in batches of up to 32), starting where the last
 * pass left the scanners (the zone's cached positions), so a caller can
 * spread the work over time as a kcompactd would.  COMPACT_CONTINUE: more to
 * do; COMPACT_COMPLETE: the scanners met, the zone is as compact as it gets.
 */
enum compact_result compact_zone_step(struct zone *zone, unsigned long nr_pages);

/* Deferral after failures (Linux defer_compaction & co). */
void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
bool compaction_restarting(struct zone *zone, int order);
enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					int highest_zoneidx);
struct zonelist;
bool compaction_zonelist_suitable(struct zonelist *zonelist, int order, unsigned int alloc_flags,
				  int highest_zoneidx);

/* kcompactd (background compaction, woken by kswapd / the allocator). */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx);
/* Run pending kcompactd work; returns true if it did anything. */
bool kcompactd_run(pg_data_t *pgdat);

/* Linux's vmstat fragmentation metrics, in thousandths (-1000 .. 1000). */
int fragmentation_index(struct zone *zone, unsigned int order);
int unusable_free_index(struct zone *zone, unsigned int order);
/* /sys/kernel/debug/extfrag/{unusable_index,extfrag_index} style tables. */
void show_unusable_index(void);
void show_extfrag_index(void);

/* Migration (mm/migrate.c): move one isolated page to newpage. 0, -EAGAIN or -EBUSY. */
int migrate_page(struct page *newpage, struct page *page, enum migrate_mode mode);
/* Can this page be isolated for migration right now? */
bool page_is_migratable(struct page *page);

/* Counters: stall, success, fail (as /proc/vmstat compact_*). */
struct compact_stats {
	unsigned long stall, success, fail;
	unsigned long migrate_scanned, free_scanned, isolated;
	unsigned long pgmigrate_success, pgmigrate_fail;
	unsigned long kcompactd_wake;
	unsigned long ptes_moved;
};
extern struct compact_stats compact_stats;

#endif /* MM_COMPACTION_H */
