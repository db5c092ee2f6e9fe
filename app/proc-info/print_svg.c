/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The memory map as an SVG picture for people: one band per memseg list,
 * its slots laid out left to right, top to bottom (PI_SVG_COLS per row).
 * Every run of slots in one state is one rectangle per row it touches, so
 * the picture stays small however big the lists are. Used pages take the
 * colour of their heap, preallocated ones a darker shade of it, free slots
 * are light grey. Each rectangle carries data-list/-start/-count/-state/
 * -heap attributes and a <title> tooltip, so that tools (and the test) can
 * read the picture back.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>

#include "proc_info.h"

#define PI_SVG_COLS 256      /* slots per row */
#define PI_SVG_CELL_W 4      /* px per slot */
#define PI_SVG_CELL_H 10     /* px per row */
#define PI_SVG_MARGIN 16
#define PI_SVG_LABEL_H 18
#define PI_SVG_GAP 14
#define PI_SVG_LEGEND_H 24
#define PI_SVG_WIDTH (2 * PI_SVG_MARGIN + PI_SVG_COLS * PI_SVG_CELL_W)

/* used and preallocated shade per heap, cycling */
static const char *const heap_colour[][2] = {
	{ "#4e79a7", "#1f3d5c" },
	{ "#f28e2b", "#8f4d0c" },
	{ "#59a14f", "#2b5426" },
	{ "#e15759", "#7d2122" },
	{ "#b07aa1", "#5e3854" },
	{ "#76b7b2", "#2f5f5b" },
	{ "#edc948", "#7d6613" },
	{ "#9c755f", "#4f3a2e" },
};
#define FREE_COLOUR "#e8e8e8"
#define NOHEAP_COLOUR "#9a9a9a"

static const char *
run_colour(const struct pi_msl *m, enum pi_page_state st)
{
	if (st == PI_PAGE_FREE)
		return FREE_COLOUR;
	if (m->heap_idx < 0)
		return NOHEAP_COLOUR;
	return heap_colour[m->heap_idx % RTE_DIM(heap_colour)]
		[st == PI_PAGE_FLOOR];
}

static uint32_t
msl_rows(const struct pi_msl *m)
{
	return (m->n_slots + PI_SVG_COLS - 1) / PI_SVG_COLS;
}

static void
xml_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else
			fputc(*s, f);
	}
}

/* one run, cut at row ends */
static void
draw_run(FILE *f, const struct pi_snapshot *snap, const struct pi_msl *m,
		const struct pi_run *r, int y0)
{
	uint32_t pos = r->start, end = r->start + r->count;

	while (pos < end) {
		uint32_t row = pos / PI_SVG_COLS, col = pos % PI_SVG_COLS;
		uint32_t n = RTE_MIN(end - pos, PI_SVG_COLS - col);

		fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" "
			"fill=\"%s\" data-list=\"%d\" data-start=\"%u\" "
			"data-count=\"%u\" data-state=\"%s\" data-heap=\"",
			PI_SVG_MARGIN + col * PI_SVG_CELL_W,
			y0 + row * PI_SVG_CELL_H, n * PI_SVG_CELL_W,
			PI_SVG_CELL_H - 1, run_colour(m, r->state), m->index,
			pos, n, pi_page_state_name(r->state));
		xml_text(f, m->heap_idx >= 0 ?
			snap->heaps[m->heap_idx].name : "");
		fprintf(f, "\"><title>list %d, pages %u-%u: %s</title>"
			"</rect>\n",
			m->index, pos, pos + n - 1,
			pi_page_state_name(r->state));
		pos += n;
	}
}

static int
draw_msl(FILE *f, const struct pi_snapshot *snap, const struct pi_msl *m,
		int y)
{
	uint32_t k;

	fprintf(f, "<text x=\"%d\" y=\"%d\">list %d: socket %d, %" PRIu64
		" KiB pages, %u/%u in use, %u preallocated, holes: %u, heap ",
		PI_SVG_MARGIN, y + 13, m->index, m->socket_id,
		m->page_sz >> 10, m->n_used, m->n_slots, m->n_floor,
		m->n_holes);
	xml_text(f, m->heap_idx >= 0 ? snap->heaps[m->heap_idx].name : "none");
	fprintf(f, "</text>\n");
	y += PI_SVG_LABEL_H;
	fprintf(f, "<g class=\"memseg-list\" data-list=\"%d\">\n", m->index);
	for (k = 0; k < m->n_runs; k++)
		draw_run(f, snap, m, &m->runs[k], y);
	fprintf(f, "</g>\n");
	return y + (int)msl_rows(m) * PI_SVG_CELL_H + PI_SVG_GAP;
}

static void
legend_item(FILE *f, int *x, int y, const char *colour, const char *label)
{
	fprintf(f, "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"12\" "
		"height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">", *x, y,
		colour, *x + 16, y + 11);
	xml_text(f, label);
	fprintf(f, "</text>\n");
	*x += 24 + 7 * (int)strlen(label);
}

static void
draw_legend(FILE *f, const struct pi_snapshot *snap, int y)
{
	char label[RTE_HEAP_NAME_MAX_LEN + 16];
	int x = PI_SVG_MARGIN;
	unsigned int h;

	fprintf(f, "<g class=\"legend\">\n");
	legend_item(f, &x, y, FREE_COLOUR, "free");
	for (h = 0; h < snap->n_heaps; h++) {
		const char *const *c = heap_colour[h % RTE_DIM(heap_colour)];

		snprintf(label, sizeof(label), "%s used", snap->heaps[h].name);
		legend_item(f, &x, y, c[0], label);
		snprintf(label, sizeof(label), "%s prealloc",
			snap->heaps[h].name);
		legend_item(f, &x, y, c[1], label);
	}
	legend_item(f, &x, y, NOHEAP_COLOUR, "no heap");
	fprintf(f, "</g>\n");
}

int
pi_print_svg(FILE *f, const struct pi_snapshot *snap)
{
	unsigned int i;
	int height, y;

	height = 2 * PI_SVG_MARGIN + PI_SVG_LABEL_H + PI_SVG_LEGEND_H;
	for (i = 0; i < snap->n_msls; i++)
		height += PI_SVG_LABEL_H + PI_SVG_GAP +
			(int)msl_rows(&snap->msls[i]) * PI_SVG_CELL_H;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\" "
		"font-size=\"12\">\n", PI_SVG_WIDTH, height, PI_SVG_WIDTH,
		height);
	fprintf(f, "<title>memory map of the primary '");
	xml_text(f, snap->file_prefix);
	fprintf(f, "'</title>\n<rect class=\"background\" width=\"100%%\" "
		"height=\"100%%\" fill=\"white\"/>\n");
	y = PI_SVG_MARGIN;
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">memory map: "
		"prefix '", PI_SVG_MARGIN, y + 13);
	xml_text(f, snap->file_prefix);
	fprintf(f, "', %u lists, %" PRIu64 " MiB in use, %s memory, %d slots "
		"per row</text>\n", snap->n_msls, snap->mem_total >> 20,
		snap->legacy_mem ? "legacy" : "dynamic", PI_SVG_COLS);
	y += PI_SVG_LABEL_H;
	draw_legend(f, snap, y);
	y += PI_SVG_LEGEND_H;
	for (i = 0; i < snap->n_msls; i++)
		y = draw_msl(f, snap, &snap->msls[i], y);
	fprintf(f, "</svg>\n");
	return ferror(f) ? -EIO : 0;
}
