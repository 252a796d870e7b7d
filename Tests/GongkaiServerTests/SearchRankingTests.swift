import Fluent
import Foundation
import Testing
import Vapor

@testable import GongkaiCore
@testable import GongkaiServer

/// The search index on the real database (SQLite FTS5 with `gongkai_rank`, or PostgreSQL tsvector + ts_rank):
/// exact phrases, 文号 in any brackets, ranking by where and how often the words occur.
@Suite("Search ranking")
struct SearchRankingTests {
    struct Corpus {
        let app: Application
        let siteID: UUID
        let unitID: UUID
        var titles: [Int64: String] = [:]

        /// Inserts in publication order: later calls are newer.
        mutating func add(_ title: String, body: String, number: String = "") async throws {
            let rowid = try await SearchIndex.nextRowID(on: app.db)
            try await SearchIndex.insertBareRecord(rowid: rowid, title: title, number: number, body: body, siteID: siteID, unitID: unitID,
                                                    now: Date(), on: app.db)
            titles[rowid] = title
        }

        /// Many at once, in one transaction (a thousand commits would be most of the suite's time).
        mutating func add(_ items: [(title: String, body: String)]) async throws {
            let (siteID, unitID) = (siteID, unitID)
            let added = try await app.db.transaction { tx -> [(Int64, String)] in
                var added: [(Int64, String)] = []
                // One look-up of the next row id, not one per row (the table grows to 2,000 rows in one test).
                var rowid = try await SearchIndex.nextRowID(on: tx) - 1
                for item in items {
                    rowid += 1
                    try await SearchIndex.insertBareRecord(rowid: rowid, title: item.title, number: "", body: item.body, siteID: siteID,
                                                            unitID: unitID, now: Date(), on: tx)
                    added.append((rowid, item.title))
                }
                return added
            }
            for (rowid, title) in added { titles[rowid] = title }
        }

        func search(_ text: String, sort: SearchIndex.Sort = .relevance) async throws -> (total: Int, titles: [String]) {
            let result = try await SearchIndex.search(SearchQuery(text), filters: .init(siteID: siteID), sort: sort, offset: 0, limit: 10, on: app.db)
            return (result.total, result.hits.map { titles[$0.rowid] ?? "?" })
        }
    }

    static func corpus(_ app: Application) async throws -> Corpus {
        let site = try #require(try await SiteRecord.query(on: app.db).filter(\.$slug == "hukou").first())
        let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).first())
        return Corpus(app: app, siteID: try site.requireID(), unitID: try unit.requireID())
    }

    @Test("a title match ranks above a body match; more occurrences above fewer; phrases are exact; date order on request")
    func ranking() async throws {
        try await TestApp.run { app, _ in
            var c = try await Self.corpus(app)
            try await c.add("关于调整城乡低保标准的通知", body: "各乡镇：现将有关事项通知如下。")
            try await c.add("养老服务补贴发放情况", body: "本月发放补贴。另：低保对象同时享受。")
            try await c.add("困难群众救助工作情况", body: "低保审核。低保复核。低保公示。低保资金按月发放，低保对象动态管理。")
            try await c.add("社会事务工作简报", body: "社会组织登记工作。救助站建设。")
            try await c.add("社会救助工作会议召开", body: "会议部署社会救助工作。")

            let low = try await c.search("低保")
            #expect(low.total == 3)
            #expect(low.titles.first == "关于调整城乡低保标准的通知", "the word in the title counts most")
            #expect(low.titles.dropFirst().first == "困难群众救助工作情况", "five mentions in the body beat one")
            let byDate = try await c.search("低保", sort: .date)
            #expect(byDate.titles == ["困难群众救助工作情况", "养老服务补贴发放情况", "关于调整城乡低保标准的通知"])

            // 社会救助 as typed: the brief with 社会… and …救助 apart is not a match.
            #expect(try await c.search("社会救助").titles == ["社会救助工作会议召开"])
            // Two words must both occur, anywhere.
            #expect(try await c.search("低保 资金").titles == ["困难群众救助工作情况"])
            #expect(try await c.search("救").total == 3, "a lone character matches every word containing it")
        }
    }

    @Test("a 文号 is found in the title field and where the body cites it, whichever brackets are typed")
    func documentNumbers() async throws {
        try await TestApp.run { app, _ in
            var c = try await Self.corpus(app)
            try await c.add("湖口县最低生活保障实施办法", body: "第一条 为了保障困难群众基本生活……", number: "湖府办发〔2020〕12号")
            try await c.add("关于做好低保提标工作的通知", body: "根据《湖口县最低生活保障实施办法》（湖府办发[2020]12号）规定……")
            try await c.add("湖口县临时救助办法", body: "……", number: "湖府办发〔2020〕13号")
            try await c.add("2020年12号台风防御工作", body: "湖府办发2020年工作要点……")
            for typed in ["湖府办发〔2020〕12号", "湖府办发[2020]12号", "湖府办发（2020）12号", "〔2020〕12号"] {
                let found = try await c.search(typed)
                #expect(Set(found.titles) == ["湖口县最低生活保障实施办法", "关于做好低保提标工作的通知"], "\(typed)")
                #expect(found.titles.first == "湖口县最低生活保障实施办法", "the record bearing the 文号 comes first")
            }
        }
    }

    @Test("two words: the rarer word weighs more (SQLite's BM25 with estimated document frequencies)")
    func inverseDocumentFrequency() async throws {
        try await TestApp.run { app, _ in
            var c = try await Self.corpus(app)
            for i in 0..<30 { try await c.add("第\(i)期工作动态", body: "公示名单。公示期五个工作日。") }
            try await c.add("甲", body: "低保。低保。低保。公示。")
            try await c.add("乙", body: "低保。公示。公示。公示。")
            let found = try await c.search("低保 公示")
            #expect(found.total == 2)
            if SearchIndex.isSQLite(app.db) {
                #expect(found.titles == ["甲", "乙"], "低保 occurs in 2 documents, 公示 in 32: three 低保 outweigh three 公示")
            } else {
                // PostgreSQL's ts_rank has no document frequencies: both are found, in either order.
                #expect(Set(found.titles) == ["甲", "乙"])
            }
        }
    }

    @Test("many matches: only the newest 600 are ranked, counting stops with the window and the rest is estimated, 100 pages at most")
    func windowAndEstimate() async throws {
        try await TestApp.run { app, _ in
            var c = try await Self.corpus(app)
            try await c.add("公示公示公示：最早的一条", body: "公示。")
            try await c.add((0..<1_099).map { i in
                (title: i == 1_000 ? "公示：窗口中的一条" : "第\(i)号通知", body: i % 2 == 0 ? "名单公示。" : "无关内容。")
            })
            let query = SearchQuery("公示")
            let first = try await SearchIndex.search(query, filters: .init(siteID: c.siteID), sort: .relevance, offset: 0, limit: 10, on: app.db)
            // 551 of the 1,100 match: all fit the window, so the oldest (best by its words) is ranked first.
            #expect(first.total == 551 && !first.totalIsEstimate && !first.windowed)
            #expect(c.titles[first.hits[0].rowid] == "公示公示公示：最早的一条")

            try await c.add(Array(repeating: (title: "公示", body: "公示。"), count: 900))
            let many = try await SearchIndex.search(query, filters: .init(siteID: c.siteID), sort: .relevance, offset: 0, limit: 10, on: app.db)
            #expect(many.windowed && many.totalIsEstimate)
            // Now the oldest lies outside the newest 600 and is not ranked; the best inside the window leads.
            #expect(!many.hits.contains { c.titles[$0.rowid] == "公示公示公示：最早的一条" })
            let newestRowIDs = c.titles.keys.sorted().suffix(600)
            #expect(many.hits.count == 10 && many.hits.allSatisfy { newestRowIDs.contains($0.rowid) })
            // Counting stops with the window: the 601 newest matches are the newest 601 rows; spread evenly over 2,000
            // rows that would be 2,000 (there are 1,451: the estimate assumes an even spread, and the page says 约).
            #expect(many.total == 2_000)
            let last = try await SearchIndex.search(query, filters: .init(siteID: c.siteID), sort: .relevance, offset: 990, limit: 10, on: app.db)
            #expect(last.hits.count == 10, "page 100 is listed, by date beyond the window")
            let beyond = try await SearchIndex.search(query, filters: .init(siteID: c.siteID), sort: .date, offset: 1_000, limit: 10, on: app.db)
            #expect(beyond.hits.isEmpty, "no page past the 1,000th result")
        }
    }
}
