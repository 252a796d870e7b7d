import GongkaiCore
import Foundation
import ZIPFoundation

/// An Office Open XML package (.xlsx, .docx): a zip archive of XML parts. Shared by the workbook and the Word
/// readers so that both refuse the old binary formats and broken archives with the same clear words.
struct OOXMLPackage {
    struct Failure: Error {
        let message: String
    }

    /// "工作簿" or "文档": how messages name the file.
    let noun: String
    private let archive: Archive

    /// - legacy: what to say when the file is the old binary format (an OLE compound file).
    init(_ data: Data, noun: String, legacy: String, notPackage: String) throws(Failure) {
        self.noun = noun
        guard data.starts(with: [0x50, 0x4B]) else {
            throw Failure(message: data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) ? legacy : notPackage)
        }
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure(message: "\(noun)已损坏，无法解压：\(error)")
        }
    }

    /// The bytes of a part, or nil when the package has no such part.
    func part(_ path: String) throws(Failure) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in bytes.append(contentsOf: chunk) }
        } catch {
            throw Failure(message: "\(noun)中的 \(path) 已损坏：\(error)")
        }
        return bytes
    }
}

extension OOXMLPackage {
    /// Zips the parts (path, XML text) into a package, in the order given ([Content_Types].xml first).
    static func build(_ parts: [(path: String, xml: String)], noun: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let data = Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let data = archive.data else { throw Failure(message: "无法生成\(noun)。") }
        return data
    }

    static let xmlHeader = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// docProps/core.xml with a title.
    static func coreProperties(title: String) -> String {
        xmlHeader + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(Markup.escape(title))</dc:title><dc:creator>Gongkai</dc:creator></cp:coreProperties>"
    }
}

extension XMLScanner {
    /// `w:tbl` → `tbl`: the parts use namespace prefixes that vary between writers.
    static func localName(_ name: Substring) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return name[name.index(after: colon)...]
    }
}
