// SPDX-License-Identifier: MIT
/*
 * migrate.c - moving a page's contents and users to another page (Linux mm/migrate.c).
 *
 * DOC: migrate_pages() takes a list of isolated LRU pages and, for each,
 * gets a target page from the caller (compaction's free scanner), then
 * __unmap_and_move(): the page must be unlocked, not under writeback, not
 * pinned, and hold exactly the references its users account for (the
 * isolation, one per PTE, one for the page cache); every PTE must be known
 * to the rmap.  With interrupts off the contents are copied, references,
 * flags and the page-cache slot move to the new page, and every PTE is
 * rewritten and its TLB entry flushed (rmap_move_mappings()).  The new page
 * joins the LRU, the old one is freed.  A page that is busy right now gives
 * -EAGAIN and is retried (up to 10 passes); permanent failures go back to
 * the LRU.
 */
#include "internal.h"

#include <mm/compaction.h>
#include <mm/pagecache.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#define MIGRATEPAGE_SUCCESS 0

/* References the page's users hold: isolation + PTEs + page cache. */
static int expected_page_refs(const struct page *page)
{
	return 1 + page_mapcount(page) + (page->mapping ? 1 : 0);
}

bool page_is_migratable(struct page *page)
{
	if (!PageLRU(page) || PagePinned(page) || PageLocked(page) || PageWriteback(page))
		return false;
	if (PageCompound(page) || PageUnevictable(page))
		return false;
	/* an anonymous page is reached only through its PTEs: it must have some */
	if (!page->mapping && !page_mapped(page))
		return false;
	if (page_mapped(page) && (!rmap_get_ops() || !page_rmap_complete(page)))
		return false;
	/* isolation adds one: everything else must be accounted for */
	return page_ref_count(page) + 1 == expected_page_refs(page);
}

/* Move flags, references, cache slot and PTEs from page to newpage.  IRQs off. */
static void migrate_page_states(struct page *newpage, struct page *page)
{
	static const unsigned int moved[] = {
		PG_referenced, PG_uptodate, PG_active, PG_dirty, PG_swapbacked,
		PG_unevictable, PG_workingset, PG_reclaim,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(moved); i++) {
		uint32_t bit = 1u << moved[i];

		if (page->flags & bit) {
			newpage->flags |= bit;
			page->flags &= ~bit;
		}
	}
}

int migrate_page(struct page *newpage, struct page *page, enum migrate_mode mode)
{
	unsigned long flags;
	int expected, transfer, rc = MIGRATEPAGE_SUCCESS;

	(void)mode;
	if (PageLocked(page))
		return -EAGAIN;
	if (PageWriteback(page))
		return -EBUSY;
	if (PagePinned(page) || PageCompound(page))
		return -EBUSY;
	if (page_mapped(page) && (!rmap_get_ops() || !page_rmap_complete(page)))
		return -EBUSY;
	SetPageLocked(page);

	zone_lock(flags);
	expected = expected_page_refs(page);
	if (page_ref_count(page) != expected) {
		/* someone else holds it right now */
		rc = -EAGAIN;
		goto out;
	}
	mm_copy_page(newpage, page);
	/* the users' references follow the contents; ours (isolation) stays */
	transfer = expected - 1;
	page_ref_add(newpage, transfer);
	page->_refcount -= transfer;
	if (page->mapping)
		pagecache_replace_page(page, newpage);
	migrate_page_states(newpage, page);
	compact_stats.ptes_moved += (unsigned long)rmap_move_mappings(page, newpage);
	set_page_alloc_mt(newpage, get_page_alloc_mt(page));
out:
	zone_unlock(flags);
	ClearPageLocked(page);
	return rc;
}

/*
 * Migrate one isolated page.  On success the old page is freed and the new
 * one is on the LRU; on a permanent failure the page goes back to the LRU;
 * on -EAGAIN it stays on the list for another pass.
 */
static int unmap_and_move(new_page_t get_new_page, free_page_t put_new_page,
			  unsigned long private, struct page *page, struct page_list *from,
			  enum migrate_mode mode)
{
	struct page *newpage;
	unsigned long flags;
	int rc;

	if (page_ref_count(page) == 1) {
		/* every user let go meanwhile: nothing to move */
		ClearPageActive(page);
		ClearPageUnevictable(page);
		rc = MIGRATEPAGE_SUCCESS;
		newpage = NULL;
		goto out;
	}
	newpage = get_new_page(page, private);
	if (!newpage)
		return -ENOMEM;
	rc = migrate_page(newpage, page, mode);
out:
	if (rc != -EAGAIN) {
		page_list_del(from, page);
		ClearPageIsolated(page);
		zone_lock(flags);
		__mod_node_page_state(page_pgdat(page),
				      PageSwapBacked(page) || (newpage && PageSwapBacked(newpage))
					      ? NR_ISOLATED_ANON : NR_ISOLATED_FILE, -1);
		zone_unlock(flags);
	}
	if (rc == MIGRATEPAGE_SUCCESS) {
		put_page(page); /* the isolation reference: frees the old page */
		if (newpage) {
			if (PageSwapBacked(newpage))
				lru_cache_add_anon(newpage);
			else
				lru_cache_add_file(newpage);
			put_page(newpage); /* drops the target's allocation reference */
		}
		compact_stats.pgmigrate_success++;
		return rc;
	}
	if (rc != -EAGAIN) {
		/* back to the LRU without the isolation accounting done above */
		if (PageSwapBacked(page))
			lru_cache_add_anon(page);
		else
			lru_cache_add_file(page);
		put_page(page);
		compact_stats.pgmigrate_fail++;
	}
	if (put_new_page)
		put_new_page(newpage, private);
	else
		put_page(newpage);
	return rc;
}

int migrate_pages(struct page_list *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, int mode)
{
	int retry = 1, nr_failed = 0, pass;

	for (pass = 0; pass < 10 && retry; pass++) {
		struct page *page, *next;

		retry = 0;
		for (page = page_list_first(from); page; page = next) {
			int rc;

			next = page_list_next(page);
			rc = unmap_and_move(get_new_page, put_new_page, private, page, from,
					    (enum migrate_mode)mode);
			switch (rc) {
			case -ENOMEM:
				nr_failed++;
				goto out;
			case -EAGAIN:
				retry++;
				break;
			case MIGRATEPAGE_SUCCESS:
				break;
			default:
				nr_failed++;
				break;
			}
		}
	}
	nr_failed += retry;
out:
	return nr_failed;
}

/* Put isolated pages that were not migrated back on their LRU lists. */
void putback_movable_pages(struct page_list *l)
{
	struct page *page;

	while ((page = page_list_first(l)) != NULL) {
		page_list_del(l, page);
		ClearPageIsolated(page);
		putback_lru_page(page);
	}
}
