import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// Catalog files for download and the command line: the official xlsx template, CSV and JSON.
enum CatalogExport {
    enum Format: String, CaseIterable {
        case xlsx, csv, json

        init?(argument: String) {
            self.init(rawValue: argument.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". ")))
        }

        var contentType: String {
            switch self {
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json; charset=utf-8"
            }
        }
    }

    /// One catalog version ready to be written.
    struct Item {
        let unitName: String
        let domain: CatalogDomain
        let level: CatalogLevel
        let versionNumber: Int
        let status: CatalogStatus
        let publishedAt: Date?
        let entries: [CatalogEntry]
        /// The template to write: the one the catalog came in, unless the command line asks for another.
        var layout: CatalogLayout

        /// "湖口县民政局社会救助领域基层政务公开标准目录" — the title real catalogs carry.
        var title: String { "\(unitName)\(domain.title)基层政务公开标准目录" + (level == .county ? "" : "（\(level.label)）") }

        /// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
        var sheetName: String {
            let cleaned = (domain.name + level.label).filter { !"[]:*?/\\".contains($0) }
            return String(cleaned.prefix(31))
        }
    }

    static func item(_ loaded: CatalogEditing.Loaded, version: CatalogVersionRecord, on db: any Database) async throws -> Item {
        Item(unitName: loaded.unit.name, domain: loaded.domain, level: loaded.catalog.catalogLevel, versionNumber: version.number,
             status: version.catalogStatus, publishedAt: version.publishedAt,
             entries: try await CatalogEditing.entries(of: version.requireID(), on: db).map(\.entry), layout: loaded.catalog.catalogLayout)
    }

    static func data(_ items: [Item], format: Format) throws -> Data {
        switch format {
        case .xlsx:
            var names = Set<String>()
            return try CatalogWorkbook.write(items.map { item in
                var name = item.sheetName
                var n = 2
                while names.contains(name) { name = String(item.sheetName.prefix(28)) + "(\(n))"; n += 1 }
                names.insert(name)
                return .init(name: name, title: item.title, entries: item.entries, layout: item.layout)
            })
        case .csv:
            return Data(CatalogCSV.text(items.map { ($0.unitName, $0.domain.title, $0.entries) }).utf8)
        case .json:
            return try CatalogFileJSON.encode(items.map {
                CatalogFileJSON(title: $0.title, unit: $0.unitName, domain: $0.domain.name, level: $0.level,
                                version: $0.versionNumber, status: $0.status.label, publishedAt: $0.publishedAt, entries: $0.entries)
            })
        }
    }

    static func response(_ data: Data, fileName: String, format: Format) -> Response {
        Downloads.response(data, fileName: fileName, contentType: format.contentType, asciiName: "catalog.\(format.rawValue)")
    }
}
