import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 检索: the portal's search page and `GET /api/v1/search`, both over `SearchIndex`, with highlighted snippets made
/// in Swift from the original text and "您是不是要找" for a 文号 typed with ordinary brackets.
enum SearchController {
    struct Outcome: Sendable {
        let query: SearchQuery
        let sort: SearchIndex.Sort
        let total: Int
        let page: Int
        let windowed: Bool
        var totalIsEstimate = false
        let items: [(record: PublicationRecord, snippet: Snippet)]
        let suggestion: String?
        let elapsedMilliseconds: Double
    }

    static let pageSize = 10

    static func run(_ req: Request, site: SiteRecord) async throws -> Outcome {
        let query = SearchQuery(req.query[String.self, at: "q"] ?? "")
        let filters = InformationController.ListFilters(req)
        let sort = SearchIndex.Sort(rawValue: req.query[String.self, at: "sort"] ?? "") ?? .relevance
        let start = ContinuousClock.now
        guard !query.isEmpty else {
            return Outcome(query: query, sort: sort, total: 0, page: 1, windowed: false, items: [], suggestion: nil, elapsedMilliseconds: 0)
        }
        let result = try await SearchIndex.search(
            query, filters: SearchIndex.Filters(siteID: site.requireID(), unitID: filters.unit, domain: filters.domain, theme: filters.theme,
                                                year: filters.year, validity: filters.validity, kind: filters.kind),
            sort: sort, offset: (filters.page - 1) * pageSize, limit: pageSize, on: req.db)
        let ids = result.hits.map(\.publicationID)
        let records = ids.isEmpty ? [] : try await PublicationRecord.query(on: req.db).filter(\.$id ~~ ids).with(\.$unit).all()
        let versions = ids.isEmpty ? [] : try await PublicationVersionRecord.query(on: req.db)
            .filter(\.$id ~~ records.compactMap(\.liveVersionID)).all()
        let items = ids.compactMap { id -> (PublicationRecord, Snippet)? in
            guard let record = records.first(where: { $0.id == id }) else { return nil }
            let body = versions.first { $0.id == record.liveVersionID }?.bodyText ?? ""
            return (record, Snippet.make(body, query: query))
        }
        let elapsed = ContinuousClock.now - start
        let suggestion = query.documentNumberSuggestion
        return Outcome(query: query, sort: sort, total: result.total, page: filters.page, windowed: result.windowed,
                       totalIsEstimate: result.totalIsEstimate, items: items, suggestion: suggestion, elapsedMilliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let site = try await InformationController.site(req)
        let outcome = try await run(req, site: site)
        let info = PageChrome.SiteInfo(site)
        var chrome = PageChrome(req: req, title: outcome.query.isEmpty ? "搜索" : "搜索：\(outcome.query.text)", area: .portal, site: info)
        chrome.feedURL = SiteURL.feed(slug: site.slug, scope: .site).path
        return Response.html(SearchPage.render(outcome, filters: InformationController.ListFilters(req), site: info, chrome: chrome))
    }

    struct APIItem: Content {
        let id: UUID
        let title: String
        let indexNumber: String
        let documentNumber: String
        let unit: String
        let publishedOn: String?
        let validity: String
        let url: String
        let snippet: String
        let highlights: [String]
    }

    struct APIResult: Content {
        let query: String
        let total: Int
        /// true when there are more than 600 matches: `total` is then an estimate (two significant figures);
        /// at most the first 1,000 are listed.
        let totalIsEstimate: Bool
        let page: Int
        let pageSize: Int
        let sort: String
        /// More matches than the relevance window: only the newest were ranked, the rest follow by date.
        let rankedWindow: Int?
        let suggestion: String?
        let items: [APIItem]
    }

    @Sendable static func api(req: Request) async throws -> APIResult {
        // Like every list of the API: `site` may be left out only where there is one site (never a silent choice).
        let site = try await PublicationAPI.site(req)
        guard !(req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.badRequest, code: "missing_query", message: "请用参数 q 给出要搜索的词。", field: "q")
        }
        let outcome = try await run(req, site: site)
        let base = req.application.gongkai.publicBaseURL
        return APIResult(
            query: outcome.query.text, total: outcome.total, totalIsEstimate: outcome.totalIsEstimate, page: outcome.page, pageSize: pageSize, sort: outcome.sort.rawValue,
            rankedWindow: outcome.windowed ? SearchIndex.window : nil, suggestion: outcome.suggestion,
            items: outcome.items.map { item in
                APIItem(id: item.record.id!, title: item.record.title, indexNumber: item.record.indexNumber, documentNumber: item.record.documentNumber,
                        unit: item.record.unit.name, publishedOn: item.record.publishedOn, validity: item.record.validity,
                        url: base + SiteURL.publication(slug: site.slug, item.record.id!).path, snippet: item.snippet.plain,
                        highlights: item.snippet.pieces.filter(\.marked).map(\.text))
            })
    }
}
