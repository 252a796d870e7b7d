import Fluent
import Foundation
import SQLKit

/// Where a long list, newest first by (created_at, id), continues: the row a page ended or began with. Paging by
/// position rather than by offset keeps page 2,000 of a 100,000-record site as fast as page 1, and a record
/// added meanwhile does not shift the pages under the reader. The cursor is the row's id alone: the database
/// compares against the row's own stored time, never a time that went through a conversion and back.
struct KeysetCursor: Equatable, Sendable {
    let id: UUID

    init(id: UUID) { self.id = id }

    /// A row id; anything else is no cursor (the first page).
    init?(_ text: String?) {
        guard let text, let id = UUID(uuidString: text) else { return nil }
        self.id = id
    }

    var text: String { id.uuidString }
}

/// One page of a keyset-paged list and whether there is more on either side.
struct KeysetPage<Row> {
    var rows: [Row]
    /// The cursor for the next (older) page, if there is one.
    var older: KeysetCursor? = nil
    /// The cursor for the previous (newer) page, if there is one.
    var newer: KeysetCursor? = nil
}

enum Keyset {
    /// Reads one page of `query` (already filtered), newest first, after or before a cursor. `date` names the sort
    /// field and `dateColumn` its column; one row more than the page is read to know whether another page follows.
    static func page<M: Model>(_ query: QueryBuilder<M>, size: Int, after: KeysetCursor?, before: KeysetCursor?,
                               date: KeyPath<M, FieldProperty<M, Date>>, dateColumn: String) async throws -> KeysetPage<M>
        where M.IDValue == UUID {
        let q = query.copy()
        func beyond(_ cursor: KeysetCursor, _ comparison: String) -> DatabaseQuery.Filter {
            .sql(SQLQueryString("(\(ident: M.schema).\(ident: dateColumn), \(ident: M.schema).\(ident: "id")) \(unsafeRaw: comparison) (SELECT \(ident: dateColumn), \(ident: "id") FROM \(ident: M.schema) WHERE \(ident: "id") = \(bind: cursor.id))"))
        }
        if let before {
            // The page above: read upwards from the cursor, then put it back in newest-first order.
            q.filter(beyond(before, ">"))
            let found = try await q.sort(date, .ascending).sort(\M._$id, .ascending).limit(size + 1).all()
            let rows = Array(found.prefix(size).reversed())
            return KeysetPage(rows: rows, older: rows.last.flatMap { $0.id.map(KeysetCursor.init(id:)) },
                              newer: found.count > size ? rows.first.flatMap { $0.id.map(KeysetCursor.init(id:)) } : nil)
        }
        if let after { q.filter(beyond(after, "<")) }
        let found = try await q.sort(date, .descending).sort(\M._$id, .descending).limit(size + 1).all()
        let rows = Array(found.prefix(size))
        return KeysetPage(rows: rows, older: found.count > size ? rows.last.flatMap { $0.id.map(KeysetCursor.init(id:)) } : nil,
                          newer: after != nil ? rows.first.flatMap { $0.id.map(KeysetCursor.init(id:)) } : nil)
    }
}
