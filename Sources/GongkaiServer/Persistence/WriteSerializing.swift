import FluentKit
import Foundation
import NIOCore
import SQLKit

/// SQLite allows one writer at a time. Fluent opens every transaction with a plain (deferred) `BEGIN`, which
/// takes the write lock only at the first write; a transaction that has read first and then finds another writer
/// gets `database is locked` at once (SQLite refuses to wait there, as waiting could deadlock). Under two
/// concurrent writers that was a 500 for one of them (issue 16).
///
/// On PostgreSQL the same race gave duplicate numbers (two applications both taking "last sequence + 1").
///
/// This wraps the driver so that every transaction
/// - first waits its turn in the process (`WriteGate`, asynchronously: no thread is blocked while it waits),
/// - then, on SQLite, takes the write lock before its first statement (`BEGIN IMMEDIATE`), waiting up to
///   `busyTimeoutMilliseconds` for a writer in another process (a CLI import) instead of failing; on PostgreSQL it
///   takes one transaction-scoped advisory lock, so that instances sharing the database take turns too.
/// Reads outside transactions are untouched (WAL, MVCC). A county's writes are a few a second: taking turns
/// costs nothing there and makes every "next number" and every check-then-write correct.
struct WriteSerializing: DatabaseConfiguration {
    enum Engine: Sendable { case sqlite, postgres }
    /// How long a transaction waits for another process's write lock before giving up with 503.
    static let busyTimeoutMilliseconds = 60_000
    /// The PostgreSQL advisory lock every writing transaction holds ("gongkai" in ASCII, as a number).
    static let advisoryLockKey = "113723722623585"

    var inner: any DatabaseConfiguration
    var engine: Engine

    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(inner: inner.makeDriver(for: databases), gate: WriteGate(engine: engine))
    }

    struct Driver: DatabaseDriver {
        let inner: any DatabaseDriver
        let gate: WriteGate

        func makeDatabase(with context: DatabaseContext) -> any Database {
            SerializedDatabase(inner: inner.makeDatabase(with: context), gate: gate)
        }

        func shutdown() { inner.shutdown() }
        func shutdownAsync() async { await inner.shutdownAsync() }
    }
}

/// A database whose transactions take turns (see `WriteSerializing`). Everything else is passed through.
struct SerializedDatabase: Database, SQLDatabase {
    let inner: any Database
    let gate: WriteGate

    private var sql: any SQLDatabase { inner as! any SQLDatabase }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        inner.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inner.inTransaction else { return closure(inner) }
        let inner = self.inner
        // A transaction opened on another handle while this task already writes would wait for itself: it runs
        // as before (deferred), which suits the reads such code does.
        if WriteGate.heldByCurrentTask { return inner.transaction(closure) }
        let gate = self.gate
        return inner.eventLoop.makeFutureWithTask {
            try await gate.withTurn {
                try await inner.transaction { tx -> EventLoopFuture<Carried<T>> in
                    tx.eventLoop.makeFutureWithTask {
                        let sql = tx as! any SQLDatabase
                        switch gate.engine {
                        case .sqlite:
                            // Fluent has just sent a deferred BEGIN; nothing has been read yet, so ending it and
                            // beginning again IMMEDIATE loses nothing and makes the wait for the lock a safe one.
                            let timeout = String(WriteSerializing.busyTimeoutMilliseconds)
                            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: timeout)").run()
                            try await sql.raw("COMMIT").run()
                            try await sql.raw("BEGIN IMMEDIATE").run()
                        case .postgres:
                            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: WriteSerializing.advisoryLockKey))").run()
                        }
                        return Carried(value: try await closure(tx).get())
                    }
                }.get()
            }
        }.map(\.value)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let gate = self.gate
        return inner.withConnection { closure(SerializedDatabase(inner: $0, gate: gate)) }
    }

    // SQLDatabase
    var logger: Logger { inner.logger }
    var eventLoop: any EventLoop { inner.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }
}

/// Fluent's `transaction` is generic over results that need not be Sendable; a result only passes from the
/// transaction's task back to its caller, never shared, so carrying it across is safe.
struct Carried<T>: @unchecked Sendable {
    let value: T
}

/// One writer at a time within this process, first come first served, waiting without blocking a thread.
actor WriteGate {
    nonisolated let engine: WriteSerializing.Engine
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    @TaskLocal static var heldByCurrentTask = false

    init(engine: WriteSerializing.Engine) { self.engine = engine }

    func withTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await WriteGate.$heldByCurrentTask.withValue(true) { try await body() }
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }

    private func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
