import Fluent
import Foundation
import SQLKit
import Vapor

/// Stale-edit protection: an edit names the version it started from, and the version is bumped only if it is
/// still that one. Done as one conditional UPDATE so that two concurrent saves cannot both pass.
enum OptimisticLock {
    struct Conflict: Error {
        let currentVersion: Int?
    }

    static func bump(table: String, id: UUID, expected: Int, column: String = "version", on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            UPDATE \(ident: table) SET \(ident: column) = \(ident: column) + 1 WHERE id = \(bind: id) AND \(ident: column) = \(bind: expected) RETURNING \(ident: column)
            """).all()
        if rows.isEmpty {
            let current = try await sql.raw("SELECT \(ident: column) FROM \(ident: table) WHERE id = \(bind: id)").first()
            throw Conflict(currentVersion: try current?.decode(column: column, as: Int.self))
        }
    }
}
