import Foundation
import Vapor

/// Uploaded files, stored by the SHA-256 of their content under the data directory (the same file uploaded twice
/// is stored once, and a stored file is never overwritten). The type is decided by the content, not the name.
struct StoredFiles: Sendable {
    let directory: String

    static let maxSize = 20 * 1024 * 1024

    struct Accepted: Sendable {
        let sha256: String
        let contentType: String
        let size: Int
    }

    /// What the content is, from its first bytes (and, for zip and OLE containers, the name's extension).
    static func sniff(_ data: Data, fileName: String) -> String? {
        let ext = (fileName as NSString).pathExtension.lowercased()
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            switch ext {
            case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case "ofd": return "application/ofd"
            default: return "application/zip"
            }
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            switch ext {
            case "xls", "et": return "application/vnd.ms-excel"
            case "wps": return "application/vnd.ms-works"
            default: return "application/msword"
            }
        }
        return nil
    }

    static let acceptedDescription = "PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、WPS、OFD、PNG/JPEG 图片或 ZIP 压缩包"

    /// Checks and stores a file; the message says what was wrong in Chinese.
    func store(_ data: Data, fileName: String) throws -> Accepted {
        guard !data.isEmpty else { throw Abort(.badRequest, reason: "文件“\(fileName)”是空的。") }
        guard data.count <= Self.maxSize else {
            throw Abort(.payloadTooLarge, reason: "文件“\(fileName)”超过20MB（\(data.count / 1024 / 1024)MB），请压缩后再上传。")
        }
        guard let type = Self.sniff(data, fileName: fileName) else {
            throw Abort(.unsupportedMediaType, reason: "文件“\(fileName)”的内容不是\(Self.acceptedDescription)，未保存。")
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let url = path(hash)
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(hash).\(UUID().uuidString)")
            try data.write(to: temporary)
            try FileManager.default.moveItem(at: temporary, to: url)
        }
        return Accepted(sha256: hash, contentType: type, size: data.count)
    }

    func read(_ sha256: String) throws -> Data {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { throw Abort(.notFound) }
        return try Data(contentsOf: path(sha256))
    }

    private func path(_ hash: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash)
    }
}

extension Application {
    var storedFiles: StoredFiles { StoredFiles(directory: gongkai.config.filesDirectory) }
}

extension Request {
    var storedFiles: StoredFiles { application.storedFiles }
}
