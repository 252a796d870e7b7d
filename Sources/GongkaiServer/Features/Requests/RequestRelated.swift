import Fluent
import Foundation
import GongkaiCore
import Vapor

/// What a handler looks at before replying: published information matching the words typed (an answer of
/// 已主动公开 then names the record), earlier applications of the units this account handles, and other applicants
/// who asked for the same information (第四十四条: it may be made proactive).
enum RequestRelated {
    struct Publication: Sendable {
        let id: UUID
        let title: String
        let indexNumber: String
        let unitName: String
        let publishedOn: String
    }

    struct Earlier: Sendable {
        let id: UUID
        let number: String
        let receivedOn: String
        let information: String
        let outcome: String
    }

    struct Found: Sendable {
        var publications: [Publication] = []
        var earlier: [Earlier] = []
        /// Other applicants (by identity document) asking for the same information, any unit of the site.
        var sameInformation: [Earlier] = []
    }

    static func find(for record: DisclosureRequestRecord, query: String?, by acting: Acting, on db: any Database) async throws -> Found {
        var found = Found()
        let key = RequestApplication.informationKey(ofFingerprint: record.fingerprint)
        if !key.isEmpty {
            let same = try await DisclosureRequestRecord.query(on: db).filter(\.$site.$id == record.$site.id)
                .filter(\.$fingerprint, .custom("LIKE"), "%|" + key).filter(\.$idNumber != record.idNumber).sort(\.$createdAt).limit(50).all()
            found.sameInformation = same.map(earlier)
        }
        let words = (query ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !words.isEmpty else { return found }
        let searchQuery = SearchQuery(words)
        if !searchQuery.isEmpty {
            let result = try await SearchIndex.search(searchQuery, filters: SearchIndex.Filters(siteID: record.$site.id), sort: .relevance, offset: 0, limit: 8, on: db)
            let ids = result.hits.map(\.publicationID)
            let records = ids.isEmpty ? [] : try await PublicationRecord.query(on: db).filter(\.$id ~~ ids).with(\.$unit).all()
            found.publications = ids.compactMap { id in
                records.first { $0.id == id }.map {
                    Publication(id: id, title: $0.title, indexNumber: $0.indexNumber, unitName: $0.unit.name, publishedOn: $0.publishedOn ?? "")
                }
            }
        }
        let units = try await RequestQuery.handledUnits(by: acting, on: db)
        let pattern = "%" + words.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        let earlierRows = try await DisclosureRequestRecord.query(on: db).filter(\.$site.$id == record.$site.id).filter(\.$unit.$id ~~ units)
            .filter(\.$information, .custom("LIKE"), pattern).filter(\.$id != record.requireID()).sort(\.$createdAt, .descending).limit(20).all()
        found.earlier = earlierRows.map(earlier)
        return found
    }

    static func earlier(_ r: DisclosureRequestRecord) -> Earlier {
        Earlier(id: r.id!, number: r.number, receivedOn: r.receivedOn ?? "待确认", information: r.information,
                outcome: r.outcome.flatMap(RequestOutcome.init(rawValue:))?.shortName ?? (RequestTimeline.Stage(rawValue: r.stage)?.label ?? r.stage))
    }
}
