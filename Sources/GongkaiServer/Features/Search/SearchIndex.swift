import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// The full-text index of published information: SQLite FTS5 or a PostgreSQL tsvector, both fed with the core
/// tokenizer's tokens. Writes take the caller's transaction, so the index never disagrees with the records.
///
/// Speed (DESIGN.md "Search", decision 0006): the plain design — `ORDER BY bm25` over every match — is slow for two
/// reasons, and each has its answer here.
/// 1. Scoring every match of a common bigram. Rows enter the index in publication order, so the newest matches are
///    the highest rowids and come first without scoring; relevance ranks only the newest `window` matches, and the
///    rest follow by date (the page says so).
/// 2. FTS5's bm25() computes each phrase's IDF by running the phrase over the whole table, once per query — a scan of
///    every match even when only a window is ranked. `gongkai_rank` (C, CGongkaiRank) is the same BM25 with the
///    document frequencies supplied: estimated from a bounded scan of each phrase's newest matches.
/// Counting stops with the window; beyond, the total is estimated from how densely the newest matches lie, and only
/// the first `listLimit` results are listed (as the large search engines do).
package enum SearchIndex {
    /// How many of the newest matches are ranked by relevance.
    package static let window = 600
    /// Matches are counted exactly up to this many (the walk that finds the window); beyond, the total is estimated.
    static let countLimit = window
    /// At most this many results are listed (100 pages of 10).
    static let listLimit = 1_000

    package enum Sort: String, Sendable {
        case relevance
        case date
    }

    package struct Filters: Sendable {
        var siteID: UUID
        var unitID: UUID?
        var domain: String?
        var theme: String?
        var year: Int?
        var validity: String?
        var kind: String?

        package init(siteID: UUID, unitID: UUID? = nil, domain: String? = nil, theme: String? = nil, year: Int? = nil,
                     validity: String? = nil, kind: String? = nil) {
            self.siteID = siteID; self.unitID = unitID; self.domain = domain; self.theme = theme; self.year = year
            self.validity = validity; self.kind = kind
        }
    }

    struct Hit: Sendable {
        let publicationID: UUID
        let rowid: Int64
    }

    package struct Result: Sendable {
        package let total: Int
        let hits: [Hit]
        /// More matches than `window`: relevance covered the newest ones only.
        let windowed: Bool
        /// More than `countLimit` matches: `total` is an estimate (only the first `listLimit` are listed).
        var totalIsEstimate = false
    }

    static func isSQLite(_ db: any Database) -> Bool { (db as! any SQLDatabase).dialect.name == "sqlite" }

    // MARK: Writing

    /// Title-like fields (标题, 文号, 索引号) weigh more than the body and attachments.
    /// - isNew: the rowid has never been in the index (first publication, a rebuild), so nothing is deleted first —
    ///   a delete in a contentless FTS5 table writes a tombstone even when there is nothing to delete.
    package static func put(rowid: Int64, title: String, body: String, isNew: Bool = false, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let titleTokens = SearchTokenizer.documentTokens(title)
        let bodyTokens = SearchTokenizer.documentTokens(String(body.prefix(120_000)))
        if isSQLite(db) {
            if !isNew { try await sql.raw("DELETE FROM publication_search WHERE rowid = \(bind: rowid)").run() }
            try await sql.raw("""
                INSERT INTO publication_search (rowid, title, body) VALUES (\(bind: rowid), \(bind: titleTokens.joined(separator: " ")), \(bind: bodyTokens.joined(separator: " ")))
                """).run()
        } else {
            let vector = tsvector(title: titleTokens, body: bodyTokens)
            try await sql.raw("""
                INSERT INTO publication_search (rowid, document) VALUES (\(bind: rowid), CAST(\(bind: vector) AS tsvector))
                ON CONFLICT (rowid) DO UPDATE SET document = EXCLUDED.document
                """).run()
        }
    }

    static func remove(rowid: Int64, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DELETE FROM publication_search WHERE rowid = \(bind: rowid)").run()
    }

    /// The tsvector's text form with positions (title weight A), so phrases and ranking work without PostgreSQL's
    /// parser ever seeing Chinese (Debian has no Chinese parser).
    static func tsvector(title: [String], body: [String]) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        func add(_ token: String, _ position: Int, weight: String) {
            guard position <= 16_383 else { return }
            if positions[token] == nil { order.append(token); positions[token] = [] }
            if positions[token]!.count < 255 { positions[token]!.append("\(position)\(weight)") }
        }
        for (i, token) in title.enumerated() { add(token, i + 1, weight: "A") }
        for (i, token) in body.enumerated() { add(token, title.count + 2 + i, weight: "") }
        return order.map { "'\($0)':\(positions[$0]!.joined(separator: ","))" }.joined(separator: " ")
    }

    static func nextRowID(on db: any Database) async throws -> Int64 {
        let row = try await (db as! any SQLDatabase).raw("SELECT COALESCE(MAX(search_rowid), 0) AS last FROM publications").first()
        return (try row?.decode(column: "last", as: Int64.self) ?? 0) + 1
    }

    // MARK: Querying

    package static func search(_ query: SearchQuery, filters: Filters, sort: Sort, offset: Int, limit: Int, on db: any Database) async throws -> Result {
        let sql = db as! any SQLDatabase
        let sqlite = isSQLite(db)
        // FTS5 wants its table unaliased on the left of MATCH and in its functions.
        let r: SQLQueryString = sqlite ? "publication_search.rowid" : "s.rowid"
        let from: SQLQueryString = sqlite
            ? "FROM publication_search JOIN publications p ON p.search_rowid = publication_search.rowid WHERE publication_search MATCH \(bind: query.fts5Expression) AND \(conditions(filters))"
            : "FROM publication_search s JOIN publications p ON p.search_rowid = s.rowid WHERE s.document @@ CAST(\(bind: query.tsquery) AS tsquery) AND \(conditions(filters))"
        let rank: SQLQueryString
        if sqlite {
            // One document frequency per phrase; a single phrase's IDF does not change the order, so it is not estimated.
            let frequencies = sort == .relevance && query.parts.count > 1 ? try await documentFrequencies(query, on: sql) : []
            rank = frequencies.isEmpty ? "gongkai_rank(publication_search, 10.0, 1.0)"
                : "gongkai_rank(publication_search, 10.0, 1.0, \(binds: frequencies))"
        } else {
            rank = "ts_rank(s.document, CAST(\(bind: query.tsquery) AS tsquery))"
        }
        if sort == .relevance, offset + limit <= window, let page = try await rankedPage(from: from, rowid: r, rank: rank, offset: offset, limit: limit, on: sql) {
            return page
        }

        let newest = try await newestMatches(from: from, rowid: r, on: sql)
        let counted = newest.count > countLimit
        let total = counted ? try await estimate(found: newest.count, oldest: newest.oldest, on: sql) : newest.count
        guard total > 0, offset < min(total, listLimit) else { return Result(total: total, hits: [], windowed: false, totalIsEstimate: counted) }
        let limit = min(limit, listLimit - offset)

        func hits(_ select: SQLQueryString) async throws -> [Hit] {
            try await sql.raw(select).all().map { Hit(publicationID: try $0.decode(column: "id", as: UUID.self), rowid: try $0.decode(column: "r", as: Int64.self)) }
        }
        func byDate(_ extra: SQLQueryString, offset: Int, limit: Int) async throws -> [Hit] {
            try await hits("SELECT p.id, \(r) AS r \(from) \(extra) ORDER BY \(r) DESC LIMIT \(bind: limit) OFFSET \(bind: offset)")
        }
        if sort == .date { return Result(total: total, hits: try await byDate("", offset: offset, limit: limit), windowed: false, totalIsEstimate: counted) }

        func ranked(_ extra: SQLQueryString, offset: Int, limit: Int) async throws -> [Hit] {
            try await hits("SELECT p.id, \(r) AS r \(from) \(extra) ORDER BY \(rank) DESC, \(r) DESC LIMIT \(bind: limit) OFFSET \(bind: offset)")
        }
        guard newest.count > window else { return Result(total: total, hits: try await ranked("", offset: offset, limit: limit), windowed: false) }

        // The window: matches from the `window`-th newest on.
        let cutoff = newest.windowEdge
        var found: [Hit] = []
        if offset < window {
            found = try await ranked("AND \(r) >= \(bind: cutoff)", offset: offset, limit: min(limit, window - offset))
        }
        if found.count < limit {
            found += try await byDate("AND \(r) < \(bind: cutoff)", offset: max(0, offset - window), limit: limit - found.count)
        }
        return Result(total: total, hits: found, windowed: true, totalIsEstimate: counted)
    }

    /// A page inside the relevance window in one statement: a single walk down the newest matches scores them, counts
    /// them and finds the window, and the page is the best-scored of the window. nil when the statement returns no
    /// row although there may be matches (a page past the last), so the caller counts separately.
    static func rankedPage(from: SQLQueryString, rowid r: SQLQueryString, rank: SQLQueryString, offset: Int, limit: Int,
                           on sql: any SQLDatabase) async throws -> Result? {
        let rows = try await sql.raw("""
            WITH newest AS MATERIALIZED (SELECT p.id AS id, \(r) AS r, \(rank) AS score \(from) ORDER BY \(r) DESC LIMIT \(bind: countLimit + 1)),
            numbered AS (SELECT id, r, score, row_number() OVER (ORDER BY r DESC) AS k FROM newest)
            SELECT id, r, (SELECT count(*) FROM newest) AS n, (SELECT min(r) FROM newest) AS oldest
            FROM numbered WHERE k <= \(bind: window) ORDER BY score DESC, r DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all()
        guard let first = rows.first else { return offset == 0 ? Result(total: 0, hits: [], windowed: false) : nil }
        let found = try first.decode(column: "n", as: Int.self)
        let counted = found > countLimit
        let total = counted ? try await estimate(found: found, oldest: try first.decode(column: "oldest", as: Int64.self), on: sql) : found
        let hits = try rows.map { Hit(publicationID: try $0.decode(column: "id", as: UUID.self), rowid: try $0.decode(column: "r", as: Int64.self)) }
        return Result(total: total, hits: hits, windowed: found > window, totalIsEstimate: counted)
    }

    /// One walk down the newest matches (at most `countLimit` + 1): how many, the oldest rowid reached, and the rowid
    /// of the `window`-th (where relevance ranking stops).
    static func newestMatches(from: SQLQueryString, rowid r: SQLQueryString, on sql: any SQLDatabase) async throws -> (count: Int, oldest: Int64, windowEdge: Int64) {
        let row = try await sql.raw("""
            SELECT count(*) AS n, min(r) AS oldest, min(CASE WHEN k <= \(bind: window) THEN r END) AS edge
            FROM (SELECT r, row_number() OVER (ORDER BY r DESC) AS k
                  FROM (SELECT \(r) AS r \(from) ORDER BY \(r) DESC LIMIT \(bind: countLimit + 1)) AS limited) AS newest
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "oldest", as: Int64?.self) ?? 0,
                try row?.decode(column: "edge", as: Int64?.self) ?? 0)
    }

    /// Matches beyond the count limit, estimated from how densely the newest lie among all indexed rows
    /// (rowids are given in publication order): found × all rows / rows walked.
    static func estimate(found: Int, oldest: Int64, on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT COALESCE(MAX(search_rowid), 0) AS last FROM publications").first()
        let last = try row?.decode(column: "last", as: Int64.self) ?? 0
        let walked = max(1, last - oldest + 1)
        let estimate = Double(found) * Double(last) / Double(walked)
        // Two significant figures: it is an estimate, and the page says 约.
        let scale = pow(10, max(0, floor(log10(max(estimate, 1))) - 1))
        return max(found, Int((estimate / scale).rounded() * scale))
    }

    /// Each phrase's document frequency in the whole index (what BM25's IDF needs): exact up to `countLimit`,
    /// beyond that estimated from the density of its newest matches, as the total is.
    static func documentFrequencies(_ query: SearchQuery, on sql: any SQLDatabase) async throws -> [Double] {
        let last = try await sql.raw("SELECT COALESCE(MAX(search_rowid), 0) AS last FROM publications").first()?.decode(column: "last", as: Int64.self) ?? 0
        var frequencies: [Double] = []
        for part in query.fts5Parts {
            let row = try await sql.raw("""
                SELECT count(*) AS n, min(r) AS oldest FROM (SELECT rowid AS r FROM publication_search WHERE publication_search MATCH \(bind: part)
                ORDER BY rowid DESC LIMIT \(bind: countLimit)) AS newest
                """).first()
            let n = try row?.decode(column: "n", as: Int.self) ?? 0
            let oldest = try row?.decode(column: "oldest", as: Int64?.self) ?? 0
            frequencies.append(n < countLimit ? Double(n) : Double(n) * Double(last) / Double(max(1, last - oldest + 1)))
        }
        return frequencies
    }

    static func conditions(_ f: Filters) -> SQLQueryString {
        var parts: [SQLQueryString] = ["p.site_id = \(bind: f.siteID)", "p.withdrawn_at IS NULL"]
        if let unit = f.unitID { parts.append("p.unit_id = \(bind: unit)") }
        if let domain = f.domain { parts.append("p.domain_codes LIKE \(bind: "%," + domain + ",%")") }
        if let theme = f.theme { parts.append("p.theme = \(bind: theme)") }
        if let year = f.year { parts.append("p.published_on LIKE \(bind: "\(year)-%")") }
        if let validity = f.validity { parts.append("p.validity = \(bind: validity)") }
        if let kind = f.kind { parts.append("p.kind = \(bind: kind)") }
        return parts.joined(separator: " AND ")
    }
}

extension SearchIndex {
    /// Rebuilds the whole index from the records, in one transaction: every live record gets a position in
    /// publication order (so the newest-first path stays right), withdrawn ones leave the index.
    /// - audited: false only for the migration that rebuilds after a tokenizer change (not a person's action).
    @discardableResult
    static func rebuild(on db: any Database, audited: Bool = true) async throws -> Int {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM publication_search").run()
            try await sql.raw("UPDATE publications SET search_rowid = NULL").run()
            let records = try await PublicationRecord.query(on: tx).filter(\.$liveVersionID != nil).filter(\.$withdrawnAt == nil)
                .sort(\.$firstPublishedAt).sort(\.$createdAt).all()
            var rowid: Int64 = 0
            for record in records {
                let full = try await PublicationStore.load(record.requireID(), siteID: record.$site.id, on: tx)
                guard let live = full.live else { continue }
                rowid += 1
                record.searchRowID = rowid
                try await record.save(on: tx)
                try await put(rowid: rowid, title: PublicationActions.searchTitle(record), body: PublicationActions.searchBody(live, full: full),
                              isNew: true, on: tx)
            }
            guard audited else { return Int(rowid) }
            try await AuditLog.record(on: tx, actor: .commandLine(), siteID: nil, action: "search.reindex",
                                      target: .init(type: "search", id: nil, label: "检索索引"), summary: "重建检索索引：\(rowid)条信息",
                                      at: Date(), deploymentWide: true)
            return Int(rowid)
        }
    }
}
