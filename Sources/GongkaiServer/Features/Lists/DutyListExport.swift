import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// 清单 files for download: the county's xlsx layout, CSV and JSON (the same three as catalogs).
enum DutyListExport {
    struct FileJSON: Codable {
        var title: String
        var unit: String
        var kind: String
        var version: Int
        var status: String
        var publishedAt: Date?
        var rows: [DutyListRowJSON]
    }

    static func title(unit: String, kind: DutyListKind) -> String { unit + kind.title }

    static func data(unit: String, kind: DutyListKind, version: Int, status: DutyListStatus, publishedAt: Date?, rows: [DutyListRow],
                     format: CatalogExport.Format) throws -> Data {
        switch format {
        case .xlsx: return try DutyListWorkbook.write(kind: kind, title: title(unit: unit, kind: kind), rows: rows)
        case .csv: return DutyListWorkbook.csv(kind: kind, rows: rows)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return try encoder.encode(FileJSON(title: title(unit: unit, kind: kind), unit: unit, kind: kind.title, version: version, status: status.label,
                                               publishedAt: publishedAt,
                                               rows: rows.enumerated().map { DutyListRowJSON($1, position: $0 + 1, kind: kind) }))
        }
    }

    static func response(_ data: Data, fileName: String, format: CatalogExport.Format) -> Response {
        Downloads.response(data, fileName: fileName, contentType: format.contentType, asciiName: "list.\(format.rawValue)")
    }

    /// `download.xlsx` → the format, or 404.
    static func format(_ file: String?) throws -> CatalogExport.Format {
        guard let file, let ext = file.split(separator: ".").last, let format = CatalogExport.Format(argument: String(ext)) else {
            throw Abort(.notFound)
        }
        return format
    }
}
