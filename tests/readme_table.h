/*
 * readme_table.h - for the tests that hold a document to a table of the
 * code (docs/window.md's keys, docs/model.md's bands): the rows of the markdown
 * table the file carries between "<!-- NAME -->" and "<!-- /NAME -->",
 * after its two header lines. Tests run from the repository root (make test).
 */
#ifndef IZHI_TEST_README_TABLE_H
#define IZHI_TEST_README_TABLE_H

#include <stdio.h>
#include <string.h>

/* The rows (static storage), or NULL if the file or the markers are
 * missing. */
static const char *doc_table(const char *path, const char *name)
{
    static char readme[1 << 17];
    char open[64], close[64];
    snprintf(open, sizeof open, "<!-- %s -->\n", name);
    snprintf(close, sizeof close, "<!-- /%s -->", name);
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t n = fread(readme, 1, sizeof readme - 1, f);
    fclose(f);
    readme[n] = '\0';
    char *a = strstr(readme, open), *b = strstr(readme, close);
    if (!a || !b || b < a) return NULL;
    a += strlen(open);
    for (int k = 0; k < 2 && a < b; k++) a = strchr(a, '\n') + 1;
    *b = '\0';
    return a;
}

#endif
