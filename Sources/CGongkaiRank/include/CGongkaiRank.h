#ifndef CGONGKAI_RANK_H
#define CGONGKAI_RANK_H

/// Registers the FTS5 auxiliary function `gongkai_rank` on every SQLite connection opened afterwards
/// (an auto-extension of the SQLite that SQLiteNIO bundles). Returns 0 (SQLITE_OK) on success.
int gongkai_rank_install(void);

#endif
