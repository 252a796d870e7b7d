import Fluent
import Foundation
import SQLKit

extension SearchIndex {
    /// A bare published record and its index row (what the benchmark and the ranking tests need, without
    /// versions): rowids in publication order, as `PublicationActions.publish` gives them.
    package static func insertBareRecord(rowid: Int64, title: String, number: String = "", body: String, siteID: UUID, unitID: UUID, now: Date,
                              on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO publications (id, site_id, unit_id, kind, index_number, index_year, index_sequence, search_rowid, lock_version,
            created_at, created_by_label, live_version_id, live_number, title, document_number, theme, validity, published_on,
            first_published_at, last_published_at, domain_codes)
            VALUES (\(bind: UUID()), \(bind: siteID), \(bind: unitID), 'document', \(bind: "BENCH/\(rowid)"), 2026, \(bind: rowid), \(bind: rowid), 1,
            \(bind: now), 'bench', \(bind: UUID()), 1, \(bind: title), \(bind: number), '综合政务', 'valid', '2026-01-01', \(bind: now), \(bind: now), '')
            """).run()
        try await SearchIndex.put(rowid: rowid, title: title + " " + number, body: body, isNew: true, on: db)
    }
}
