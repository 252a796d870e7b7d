import Fluent
import Foundation
import GongkaiCore
import Vapor

enum UnitQueries {
    /// Every unit of a site, archived ones included, in display order.
    static func forSite(_ siteID: UUID, includeArchived: Bool = true, on db: any Database) async throws -> [OrgUnitRecord] {
        var query = OrgUnitRecord.query(on: db).filter(\.$site.$id == siteID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$sortOrder).sort(\.$name).all()
    }

    static func find(_ id: UUID, on db: any Database) async throws -> OrgUnitRecord {
        guard let unit = try await OrgUnitRecord.find(id, on: db) else {
            throw Abort(.notFound, reason: "没有找到这个单位，它可能已被移动。")
        }
        return unit
    }

    static func tree(of units: [OrgUnitRecord]) -> UnitTree<UUID> {
        var parents: [UUID: UUID] = [:]
        for unit in units {
            if let id = unit.id, let parent = unit.$parent.id { parents[id] = parent }
        }
        return UnitTree(parentOf: parents)
    }

    /// Units in tree order (each followed by its children) with their depth, for indented lists.
    static func ordered(_ units: [OrgUnitRecord]) -> [(unit: OrgUnitRecord, depth: Int)] {
        var children: [UUID?: [OrgUnitRecord]] = [:]
        for unit in units { children[unit.$parent.id, default: []].append(unit) }
        let ids = Set(units.compactMap(\.id))
        var result: [(OrgUnitRecord, Int)] = []
        var visited: Set<UUID> = []
        func walk(_ parent: UUID?, _ depth: Int) {
            for unit in children[parent] ?? [] {
                guard let id = unit.id, visited.insert(id).inserted else { continue }
                result.append((unit, depth))
                walk(id, depth + 1)
            }
        }
        walk(nil, 0)
        // Units whose parent lies outside the list (should not happen) still appear.
        for unit in units where unit.$parent.id.map({ !ids.contains($0) }) == true {
            walk(unit.$parent.id, 0)
        }
        return result
    }

    /// Candidates for matching a unit by the name a person types (`--unit 湖口县民政局`, `--unit 县民政局`).
    static func candidates(siteSlug: String?, on db: any Database) async throws -> [UnitNameMatch.Candidate<UUID>] {
        let sites = try await SiteQueries.all(on: db).filter { siteSlug == nil || $0.slug == siteSlug || $0.name == siteSlug }
        var result: [UnitNameMatch.Candidate<UUID>] = []
        for site in sites {
            for unit in try await forSite(try site.requireID(), includeArchived: false, on: db) {
                result.append(.init(id: try unit.requireID(), name: unit.name, shortName: unit.shortName,
                                    aliases: unit.aliasList, siteName: site.name))
            }
        }
        return result
    }
}
