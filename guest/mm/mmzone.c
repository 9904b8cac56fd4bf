// SPDX-License-Identifier: MIT
/*
 * mmzone.c - walking nodes, zones and zonelists (Linux mm/mmzone.c).
 */
#include <mm/mm.h>

struct pglist_data *first_online_pgdat(void)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (node_online(nid))
			return NODE_DATA(nid);
	}
	return NULL;
}

struct pglist_data *next_online_pgdat(struct pglist_data *pgdat)
{
	int nid;

	for (nid = pgdat->node_id + 1; nid < MAX_NUMNODES; nid++) {
		if (node_online(nid))
			return NODE_DATA(nid);
	}
	return NULL;
}

/* The next zone of the node, then the first zone of the next online node. */
struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	pgdat = next_online_pgdat(pgdat);
	return pgdat ? pgdat->node_zones : NULL;
}

/* Skip zonerefs above highest_zoneidx; stops at the terminating NULL entry. */
struct zoneref *__next_zones_zonelist(struct zoneref *z, int highest_zoneidx)
{
	while (z->zone && z->zone_idx > highest_zoneidx)
		z++;
	return z;
}
