import Fluent
import Foundation
import SQLKit
import Vapor

/// Consistent online backups of the embedded database (`VACUUM INTO` copies a snapshot while the server keeps
/// running) plus the attachment files, and the matching restore. PostgreSQL has its own tools.
enum Backup {
    struct Result {
        let directory: String
        let databaseBytes: Int
        let fileCount: Int
    }

    static let databaseFile = "gongkai.sqlite"
    static let manifestFile = "gongkai-backup.json"

    static func create(app: Application, into directory: String) async throws -> Result {
        let config = app.gongkai.config
        guard case .sqlite = config.database else {
            throw CommandFailure("当前使用 PostgreSQL 数据库：请用 PostgreSQL 自带的 pg_dump 备份（例如 pg_dump -Fc -f gongkai.dump 数据库名），并另行复制附件目录 \(config.filesDirectory)。")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: directory), !(try fm.contentsOfDirectory(atPath: directory)).isEmpty {
            throw CommandFailure("备份目录 \(directory) 不是空目录。为避免覆盖已有备份，请指定一个新目录。")
        }
        // The database holds applicants' names, ID numbers and addresses: only the owner may read a backup.
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        let target = URL(fileURLWithPath: directory).appendingPathComponent(databaseFile).path
        try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: target)").run()
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        var files = 0
        if fm.fileExists(atPath: config.filesDirectory) {
            let destination = URL(fileURLWithPath: directory).appendingPathComponent("files").path
            try fm.copyItem(atPath: config.filesDirectory, toPath: destination)
            files = fm.enumerator(atPath: destination)?.allObjects.count ?? 0
        }
        let manifest: [String: Any] = ["createdAt": ISO8601DateFormatter().string(from: app.gongkai.now),
                                       "database": databaseFile, "format": 1]
        try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: directory).appendingPathComponent(manifestFile))
        try fm.setAttributes([.posixPermissions: 0o600],
                             ofItemAtPath: URL(fileURLWithPath: directory).appendingPathComponent(manifestFile).path)
        let bytes = (try fm.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        return Result(directory: directory, databaseBytes: bytes, fileCount: files)
    }

    /// Moves the current database and files aside (nothing is lost) and puts the backup in their place.
    /// Returns the folder the previous data was moved to.
    static func restore(config: AppConfig, from directory: String, now: Date = Date()) throws -> String {
        guard case .sqlite(let path) = config.database else {
            throw CommandFailure("当前使用 PostgreSQL 数据库：请用 pg_restore 恢复 pg_dump 生成的备份。")
        }
        guard let lock = try DataDirectoryLock.acquire(dataDirectory: config.dataDirectory) else {
            let pid = DataDirectoryLock.holder(dataDirectory: config.dataDirectory).map { "（进程 \($0)）" } ?? ""
            throw CommandFailure("数据目录 \(config.dataDirectory) 正被运行中的 gongkai 服务\(pid)使用：此时恢复，服务之后写入的数据会丢失。请先停止服务，再运行 gongkai restore。未做任何改动。")
        }
        defer { withExtendedLifetime(lock) {} }
        let fm = FileManager.default
        let source = URL(fileURLWithPath: directory)
        guard fm.fileExists(atPath: source.appendingPathComponent(manifestFile).path),
              fm.fileExists(atPath: source.appendingPathComponent(databaseFile).path)
        else {
            throw CommandFailure("\(directory) 不是 gongkai backup 生成的备份目录（缺少 \(manifestFile) 或 \(databaseFile)）。")
        }
        let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
        let aside = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("before-restore-\(stamp)")
        try fm.createDirectory(at: aside, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
            try fm.moveItem(atPath: path + suffix, toPath: aside.appendingPathComponent(databaseFile + suffix).path)
        }
        if fm.fileExists(atPath: config.filesDirectory) {
            try fm.moveItem(atPath: config.filesDirectory, toPath: aside.appendingPathComponent("files").path)
        }
        try fm.copyItem(atPath: source.appendingPathComponent(databaseFile).path, toPath: path)
        let files = source.appendingPathComponent("files")
        if fm.fileExists(atPath: files.path) {
            try fm.copyItem(atPath: files.path, toPath: config.filesDirectory)
        } else {
            try fm.createDirectory(atPath: config.filesDirectory, withIntermediateDirectories: true)
        }
        return aside.path
    }
}
