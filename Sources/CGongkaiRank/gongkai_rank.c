// gongkai_rank: BM25 over an FTS5 row, with the document frequency of each phrase supplied by the caller.
//
// Why not FTS5's own bm25(): it computes each phrase's IDF by running the phrase over the whole table
// (xQueryPhrase), once per statement. For a common phrase that is a scan of every match, which is what made
// ranking the newest few hundred matches cost as much as ranking them all. The caller estimates the document
// frequencies from a bounded scan instead (SearchIndex), and this function scores only the rows it is given.
//
// Usage: gongkai_rank(publication_search, title_weight, body_weight, df_1, …, df_k) — one df per query phrase,
// in the order of the MATCH expression; a df ≤ 0 means "unknown" and weighs that phrase 1. Higher is better.
//
// The SQLite library is the one SQLiteNIO bundles, whose C symbols carry the prefix `sqlite_nio_`; only the few
// entry points used here are declared, together with the FTS5 extension structures up to the members used
// (their layout is SQLite's stable, documented ABI).

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "CGongkaiRank.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
typedef int64_t gk_int64;

extern int sqlite_nio_sqlite3_auto_extension(void (*entry)(void));
extern int sqlite_nio_sqlite3_prepare_v2(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
extern int sqlite_nio_sqlite3_bind_pointer(sqlite3_stmt *, int, void *, const char *, void (*)(void *));
extern int sqlite_nio_sqlite3_step(sqlite3_stmt *);
extern int sqlite_nio_sqlite3_finalize(sqlite3_stmt *);
extern double sqlite_nio_sqlite3_value_double(sqlite3_value *);
extern void sqlite_nio_sqlite3_result_double(sqlite3_context *, double);
extern void sqlite_nio_sqlite3_result_error(sqlite3_context *, const char *, int);

typedef struct Fts5Context Fts5Context;
typedef struct Fts5PhraseIter { const unsigned char *a; const unsigned char *b; } Fts5PhraseIter;

typedef struct Fts5ExtensionApi {
    int iVersion;
    void *(*xUserData)(Fts5Context *);
    int (*xColumnCount)(Fts5Context *);
    int (*xRowCount)(Fts5Context *, gk_int64 *);
    int (*xColumnTotalSize)(Fts5Context *, int, gk_int64 *);
    int (*xTokenize)(Fts5Context *, const char *, int, void *, int (*)(void *, int, const char *, int, int, int));
    int (*xPhraseCount)(Fts5Context *);
    int (*xPhraseSize)(Fts5Context *, int);
    int (*xInstCount)(Fts5Context *, int *);
    int (*xInst)(Fts5Context *, int, int *, int *, int *);
    gk_int64 (*xRowid)(Fts5Context *);
    int (*xColumnText)(Fts5Context *, int, const char **, int *);
    int (*xColumnSize)(Fts5Context *, int, int *);
    int (*xQueryPhrase)(Fts5Context *, int, void *, int (*)(const struct Fts5ExtensionApi *, Fts5Context *, void *));
    int (*xSetAuxdata)(Fts5Context *, void *, void (*)(void *));
    void *(*xGetAuxdata)(Fts5Context *, int);
    int (*xPhraseFirst)(Fts5Context *, int, Fts5PhraseIter *, int *, int *);
    void (*xPhraseNext)(Fts5Context *, Fts5PhraseIter *, int *, int *);
    // Later members are not used.
} Fts5ExtensionApi;

typedef void (*fts5_extension_function)(const Fts5ExtensionApi *, Fts5Context *, sqlite3_context *, int, sqlite3_value **);

typedef struct fts5_api {
    int iVersion;
    void *xCreateTokenizer;
    void *xFindTokenizer;
    int (*xCreateFunction)(struct fts5_api *, const char *, void *, fts5_extension_function, void (*)(void *));
    // Later members are not used.
} fts5_api;

enum { GK_SQLITE_OK = 0, GK_MAX_PHRASES = 32, GK_MAX_COLUMNS = 8 };

static void gongkai_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    const double k1 = 1.2, b = 0.75;
    int columns = api->xColumnCount(fts);
    int phrases = api->xPhraseCount(fts);
    if (columns > GK_MAX_COLUMNS || phrases > GK_MAX_PHRASES) {
        sqlite_nio_sqlite3_result_error(ctx, "gongkai_rank: too many columns or phrases", -1);
        return;
    }
    double weight[GK_MAX_COLUMNS];
    for (int c = 0; c < columns; c++) weight[c] = c < argc ? sqlite_nio_sqlite3_value_double(argv[c]) : 1.0;

    gk_int64 rows = 0, tokens = 0;
    int length = 0;
    if (api->xRowCount(fts, &rows) != GK_SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != GK_SQLITE_OK
        || api->xColumnSize(fts, -1, &length) != GK_SQLITE_OK) {
        sqlite_nio_sqlite3_result_error(ctx, "gongkai_rank: index statistics unavailable", -1);
        return;
    }
    double average = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    double norm = k1 * (1.0 - b + b * (double)length / average);

    double score = 0.0;
    for (int p = 0; p < phrases; p++) {
        double frequency = 0.0;
        Fts5PhraseIter it;
        int column = -1, offset = -1;
        if (api->xPhraseFirst(fts, p, &it, &column, &offset) != GK_SQLITE_OK) continue;
        for (; column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
            frequency += column < columns ? weight[column] : 1.0;
        }
        double idf = 1.0;
        int dfIndex = columns + p;
        if (dfIndex < argc) {
            double df = sqlite_nio_sqlite3_value_double(argv[dfIndex]);
            if (df > 0 && rows > 0) {
                idf = log(((double)rows - df + 0.5) / (df + 0.5));
                if (idf <= 0.0) idf = 1e-6;
            }
        }
        score += idf * frequency * (k1 + 1.0) / (frequency + norm);
    }
    sqlite_nio_sqlite3_result_double(ctx, score);
}

static int gongkai_rank_entry(sqlite3 *db, char **error, const void *routines) {
    (void)error;
    (void)routines;
    fts5_api *fts = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite_nio_sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != GK_SQLITE_OK) return rc;
    sqlite_nio_sqlite3_bind_pointer(statement, 1, (void *)&fts, "fts5_api_ptr", NULL);
    sqlite_nio_sqlite3_step(statement);
    sqlite_nio_sqlite3_finalize(statement);
    if (fts == NULL || fts->iVersion < 2) return 1;
    return fts->xCreateFunction(fts, "gongkai_rank", NULL, gongkai_rank, NULL);
}

int gongkai_rank_install(void) {
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))gongkai_rank_entry);
}
