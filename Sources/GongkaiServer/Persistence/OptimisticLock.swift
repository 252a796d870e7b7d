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

    static func bump(table: String, id: UUID, expected: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            UPDATE \(ident: table) SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: expected) RETURNING version
            """).all()
        if rows.isEmpty {
            let current = try await sql.raw("SELECT version FROM \(ident: table) WHERE id = \(bind: id)").first()
            throw Conflict(currentVersion: try current?.decode(column: "version", as: Int.self))
        }
    }
}
