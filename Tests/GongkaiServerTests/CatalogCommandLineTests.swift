import Foundation
import GongkaiCore
import GongkaiInterchange
import Testing

/// `gongkai catalog import|export` as a county's office runs them, on the demo data.
@Suite("Command line: catalog import and export", .serialized)
struct CatalogCommandLineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/catalogs")

    static func run(_ arguments: [String], _ dir: String) throws -> CommandLineTests.Run {
        try CommandLineTests.run(arguments, dataDir: dir)
    }

    @Test("import checks, refuses a broken file with row and column, imports and publishes; export reads back the same")
    func importAndExport() throws {
        let dir = CommandLineTests.freshDir()
        #expect(try Self.run(["demo", "load"], dir).status == 0)
        let seed = Self.fixtures.appendingPathComponent("seed-000-jiangxi.xlsx").path

        let dry = try Self.run(["catalog", "import", seed, "--site", "湖口县", "--unit", "县民政局", "--domain", "养老服务", "--dry-run"], dir)
        #expect(dry.status == 0 && dry.out.contains("2个事项") && dry.out.contains("试运行，未写入任何内容"))
        #expect(dry.out.contains("第5行 2. 最低生活保障 › 审核信息"))

        let broken = try Self.run(["catalog", "import", Self.fixtures.appendingPathComponent("broken.xlsx").path,
                                   "--unit", "湖口县民政局", "--domain", "养老服务"], dir)
        #expect(broken.status != 0)
        #expect(broken.err.contains("导入失败，未导入任何内容") && broken.err.contains("第5行 K列（公开方式：主动公开）：应为“√”或留空。（读到：“x”）"))

        let ambiguous = try Self.run(["catalog", "import", seed, "--unit", "县民政局", "--domain", "养老服务"], dir)
        #expect(ambiguous.status != 0 && ambiguous.err.contains("湖口县民政局（湖口县）") && ambiguous.err.contains("武定县民政局（武定县）"))
        let unknown = try Self.run(["catalog", "import", seed, "--unit", "湖口县民政局", "--domain", "不存在的领域"], dir)
        #expect(unknown.status != 0 && unknown.err.contains("可用的领域：重大建设项目"))

        let published = try Self.run(["catalog", "import", seed, "--unit", "湖口县民政局", "--domain", "养老服务", "--publish"], dir)
        #expect(published.status == 0 && published.out.contains("养老服务领域 县级目录第1版（已发布）"))

        let out = dir + "/export.xlsx"
        let export = try Self.run(["catalog", "export", "--unit", "湖口县民政局", "--domain", "养老服务", "--output", out], dir)
        #expect(export.status == 0 && export.out.contains("已导出1份目录、2个事项"))
        let original = try CatalogWorkbook.read(Data(contentsOf: URL(fileURLWithPath: seed)), defaultLevels: [.county]).entries
        let exported = try CatalogWorkbook.read(Data(contentsOf: URL(fileURLWithPath: out)), defaultLevels: [.county])
        #expect(exported.entries == original)
        #expect(exported.layout == .jiangxi, "exported in the template it came in (issue 18, item 15)")
        #expect(exported.title == "湖口县民政局养老服务领域基层政务公开标准目录")
        let withLevels = dir + "/export-yunnan.xlsx"
        #expect(try Self.run(["catalog", "export", "--unit", "湖口县民政局", "--domain", "养老服务", "--layout", "yunnan", "--output", withLevels], dir).status == 0)
        let other = try CatalogWorkbook.read(Data(contentsOf: URL(fileURLWithPath: withLevels)), defaultLevels: [.township])
        #expect(other.layout == .yunnan && other.entries == original, "the levels travel in the template that has them")
        let badLayout = try Self.run(["catalog", "export", "--unit", "湖口县民政局", "--layout", "guangdong", "--output", withLevels], dir)
        #expect(badLayout.status != 0 && badLayout.err.contains("应为 jiangxi 或 yunnan"))

        let json = dir + "/export.json"
        #expect(try Self.run(["catalog", "export", "--unit", "湖口县民政局", "--domain", "养老服务", "--format", "json", "--output", json], dir).status == 0)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let file = try decoder.decode(CatalogFileJSON.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(file.entries.map(\.entry) == original && file.entries[0].timeLimitRule.period == .workingDays(10))

        // A second import while nothing is open makes version 2 a draft; a third is refused until it is done.
        #expect(try Self.run(["catalog", "import", seed, "--unit", "湖口县民政局", "--domain", "养老服务"], dir).out.contains("第2版（草稿）"))
        let blocked = try Self.run(["catalog", "import", seed, "--unit", "湖口县民政局", "--domain", "养老服务"], dir)
        #expect(blocked.status != 0 && blocked.err.contains("已有未完成的第2版"))
        let none = try Self.run(["catalog", "export", "--unit", "湖口县财政局", "--output", dir + "/none.csv"], dir)
        #expect(none.status != 0 && none.err.contains("没有已发布的目录"))
    }

    @Test("a long import's dry run prints a summary, --verbose every row; no progress line when not on a terminal (issue 18, item 4)")
    func longDryRun() throws {
        let dir = CommandLineTests.freshDir()
        #expect(try Self.run(["demo", "load"], dir).status == 0)
        let seed = try CatalogWorkbook.read(Data(contentsOf: Self.fixtures.appendingPathComponent("seed-004-yunnan.xlsx")), defaultLevels: [.county])
        let entries = (1...25).map { n in
            var entry = seed.entries[n % 2]
            entry.number = String(n)
            entry.level2 += "（\(n)）"
            return entry
        }
        let file = dir + "/long.xlsx"
        try CatalogWorkbook.write([.init(name: "标准目录", title: "长目录", entries: entries)]).write(to: URL(fileURLWithPath: file))
        let dry = try Self.run(["catalog", "import", file, "--unit", "湖口县民政局", "--domain", "养老服务", "--dry-run"], dir)
        #expect(dry.status == 0 && dry.out.contains("25个事项") && dry.out.contains("……另有15个事项（加 --verbose 逐行列出全部）"))
        #expect(!dry.out.contains("第28行") && !dry.err.contains("\r"), "ten rows, and no progress line on a pipe")
        let verbose = try Self.run(["catalog", "import", file, "--unit", "湖口县民政局", "--domain", "养老服务", "--dry-run", "--verbose"], dir)
        #expect(verbose.out.contains("第28行") && !verbose.out.contains("另有"))
    }
}
