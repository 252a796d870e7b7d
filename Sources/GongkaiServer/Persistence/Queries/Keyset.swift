import Fluent
import Foundation

/// Where a long list, newest first by (created_at, id), continues: the row a page ended or began with. Paging by
/// position rather than by offset keeps page 2,000 of a 100,000-record site as fast as page 1, and a record
/// added meanwhile does not shift the pages under the reader.
struct KeysetCursor: Equatable, Sendable {
    let date: Date
    let id: UUID

    init(date: Date, id: UUID) {
        self.date = date
        self.id = id
    }

    /// `1733456789.123456_0FA01F2A-…`: the time exactly as stored (a rounded time would put the row itself on the
    /// page before) and the id; anything else is no cursor (the first page).
    init?(_ text: String?) {
        guard let text, let split = text.firstIndex(of: "_"), let seconds = Double(text[..<split]), seconds.isFinite,
              let id = UUID(uuidString: String(text[text.index(after: split)...])) else { return nil }
        self.init(date: Date(timeIntervalSince1970: seconds), id: id)
    }

    var text: String { "\(date.timeIntervalSince1970)_\(id.uuidString)" }
}

/// One page of a keyset-paged list and whether there is more on either side.
struct KeysetPage<Row> {
    var rows: [Row]
    /// The cursor for the next (older) page, if there is one.
    var older: KeysetCursor?
    /// The cursor for the previous (newer) page, if there is one.
    var newer: KeysetCursor?
}

enum Keyset {
    /// Reads one page of `query` (already filtered), newest first, after or before a cursor. `date` and `id` name
    /// the sort fields; one row more than the page is read to know whether another page follows.
    static func page<M: Model>(_ query: QueryBuilder<M>, size: Int, after: KeysetCursor?, before: KeysetCursor?,
                               date: KeyPath<M, FieldProperty<M, Date>>, cursor: (M) -> KeysetCursor) async throws -> KeysetPage<M>
        where M.IDValue == UUID {
        let q = query.copy()
        if let before {
            // The page above: read upwards from the cursor, then put it back in newest-first order.
            q.group(.or) { or in
                or.filter(date > before.date)
                or.group(.and) { $0.filter(date == before.date).filter(\M._$id > before.id) }
            }
            let found = try await q.sort(date, .ascending).sort(\M._$id, .ascending).limit(size + 1).all()
            let rows = Array(found.prefix(size).reversed())
            return KeysetPage(rows: rows, older: rows.last.map(cursor), newer: found.count > size ? rows.first.map(cursor) : nil)
        }
        if let after {
            q.group(.or) { or in
                or.filter(date < after.date)
                or.group(.and) { $0.filter(date == after.date).filter(\M._$id < after.id) }
            }
        }
        let found = try await q.sort(date, .descending).sort(\M._$id, .descending).limit(size + 1).all()
        let rows = Array(found.prefix(size))
        return KeysetPage(rows: rows, older: found.count > size ? rows.last.map(cursor) : nil,
                          newer: after != nil ? rows.first.map(cursor) : nil)
    }
}
