import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on `<data directory>/gongkai.lock` that `serve` holds for as long as it runs. `restore` takes
/// it too: while a server runs, a restore would move the database from under it and the writes that followed
/// would go to the moved-aside file and be lost. The kernel drops the lock when the process ends, however it ends.
final class DataDirectoryLock: @unchecked Sendable {
    private let descriptor: Int32

    static func path(in dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("gongkai.lock").path
    }

    /// Takes the lock, or returns nil when another process holds it.
    static func acquire(dataDirectory: String) throws -> DataDirectoryLock? {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let fd = open(path(in: dataDirectory), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandFailure("无法打开锁文件 \(path(in: dataDirectory))（\(String(cString: strerror(errno)))）。")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return DataDirectoryLock(descriptor: fd)
    }

    /// The process id the running server wrote, for the message.
    static func holder(dataDirectory: String) -> String? {
        (try? String(contentsOfFile: path(in: dataDirectory), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
