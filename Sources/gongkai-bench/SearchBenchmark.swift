import GongkaiServer
import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// `gongkai-bench search --docs N`: a generated corpus of government-style documents (300–1,500 characters drawn
/// from a Zipf-weighted vocabulary of the domain's words), indexed through `SearchIndex.put` on SQLite, then the
/// first result page of each query kind through `SearchIndex.search` (count + ranked first page), single-threaded.
public enum SearchBenchmark {
    struct Figures: Sendable {
        let documents: Int
        let indexSeconds: Double
        let byKind: [(kind: String, p50: Double, p95: Double, p99: Double, meanTotal: Int)]
    }

    static let vocabulary: [String] = [
        "公开", "政府", "信息", "工作", "管理", "服务", "建设", "发展", "单位", "部门", "乡镇", "农村", "社会", "群众", "项目", "资金",
        "安全", "标准", "规定", "办理", "申请", "审核", "公示", "通知", "实施", "监督", "检查", "落实", "推进", "加强", "完善", "制度",
        "低保", "医保", "救助", "养老", "教育", "卫生", "环境", "保护", "交通", "水利", "农业", "林业", "扶贫", "就业", "住房", "保障",
        "最低生活保障", "社会救助", "食品安全", "政务公开", "行政许可", "行政处罚", "财政预算", "专项资金", "公共服务", "乡村振兴",
        "重大决策", "政策解读", "办事指南", "便民服务", "村务公开", "特困人员", "临时救助", "医疗救助", "城乡居民", "困难群众",
        "的", "和", "与", "及", "对", "按照", "根据", "关于", "进一步", "有关", "各", "县", "镇", "村", "年", "月", "日", "元", "人",
        "湖口县", "武定县", "双钟镇", "狮山镇", "民政局", "市场监督管理局", "财政局", "人民政府", "办公室", "委员会",
    ]

    static func run(documents: Int, queriesPerKind: Int) async throws -> Figures {
        try await BenchmarkApp.withDemo { app in
            let db = app.db
            guard let site = try await SiteQueries.all(on: db).first, let unit = try await OrgUnitRecord.query(on: db).filter(\.$site.$id == site.requireID()).first()
            else { throw Abort(.internalServerError) }
            let siteID = try site.requireID(), unitID = try unit.requireID()
            // Zipf weights: the i-th word is drawn with probability ∝ 1/(i+1).
            let weights = vocabulary.indices.map { 1.0 / Double($0 + 1) }
            let total = weights.reduce(0, +)
            var cumulative: [Double] = []
            var running = 0.0
            for w in weights { running += w / total; cumulative.append(running) }
            var state: UInt64 = 42
            func random() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            func word() -> String {
                let r = random()
                var lo = 0, hi = cumulative.count - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < r { lo = mid + 1 } else { hi = mid } }
                return vocabulary[lo]
            }
            func text(_ length: Int) -> String {
                var out = ""
                var count = 0
                while count < length {
                    let w = word()
                    out += w
                    count += w.count
                    if random() < 0.12 { out += "，"; count += 1 }
                }
                return out + "。"
            }
            var indexSeconds = 0.0
            var made = 0
            let now = Date()
            while made < documents {
                let batch = min(2_000, documents - made)
                let first = made
                let docs = (first..<(first + batch)).map { _ in (text(12 + Int(random() * 20)), text(300 + Int(random() * 1200))) }
                let start = ContinuousClock.now
                try await db.transaction { tx in
                    for (offset, (title, body)) in docs.enumerated() {
                        let i = first + offset
                        try await SearchIndex.insertBareRecord(rowid: Int64(i + 1), title: title, number: "湖府办发〔\(2019 + i % 8)〕\(1 + i % 97)号", body: body,
                                                siteID: siteID, unitID: unitID, now: now, on: tx)
                    }
                }
                indexSeconds += seconds(ContinuousClock.now - start)
                made += batch
            }

            let kinds: [(String, [String])] = [
                ("1字", ["保", "县", "助", "审", "医", "村"]),
                ("2字", ["低保", "医保", "公开", "救助", "资金", "公示"]),
                ("3字", ["低保金", "公示期", "办事指", "救助工", "人民政"]),
                ("4字", ["社会救助", "食品安全", "政务公开", "专项资金", "城乡居民"]),
                ("6字", ["最低生活保障", "市场监督管理", "政务公开工作", "乡村振兴项目"]),
                ("两个词", ["低保 公示", "医保 资金", "救助 乡镇", "养老 服务"]),
                ("文号", ["湖府办发〔2020〕12号", "湖府办发[2023]45号", "湖府办发（2021）7号"]),
            ]
            var byKind: [(kind: String, p50: Double, p95: Double, p99: Double, meanTotal: Int)] = []
            let filters = SearchIndex.Filters(siteID: siteID)
            for (kind, queries) in kinds {
                var times: [Double] = []
                var totals = 0
                for i in 0..<queriesPerKind {
                    let query = SearchQuery(queries[i % queries.count])
                    let t = ContinuousClock.now
                    let result = try await SearchIndex.search(query, filters: filters, sort: .relevance, offset: 0, limit: 10, on: db)
                    times.append(seconds(ContinuousClock.now - t) * 1000)
                    totals += result.total
                }
                times.sort()
                func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
                byKind.append((kind, pct(0.5), pct(0.95), pct(0.99), totals / max(1, queriesPerKind)))
            }
            return Figures(documents: documents, indexSeconds: indexSeconds, byKind: byKind)
        }
    }

    /// The figures as the JSON `gongkai-bench` prints.
    public static func report(documents: Int, queriesPerKind: Int) async throws -> String {
        let figures = try await run(documents: documents, queriesPerKind: queriesPerKind)
        func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
        var kinds: [[String: Any]] = []
        for k in figures.byKind {
            var row: [String: Any] = ["kind": k.kind, "mean_total_matches": k.meanTotal]
            row["p50_ms"] = round1(k.p50)
            row["p95_ms"] = round1(k.p95)
            row["p99_ms"] = round1(k.p99)
            kinds.append(row)
        }
        var result: [String: Any] = ["benchmark": "search", "documents": figures.documents, "relevance_window": SearchIndex.window, "by_kind": kinds]
        result["index_seconds"] = round1(figures.indexSeconds)
        result["index_docs_per_second"] = Int(Double(figures.documents) / max(0.001, figures.indexSeconds))
        result["worst_p95_ms"] = round1(figures.byKind.map { $0.p95 }.max() ?? 0)
        let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
