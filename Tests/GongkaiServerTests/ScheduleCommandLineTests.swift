import Foundation
import Testing

/// `gongkai schedule import|remind` as a county's office (and its timer) runs them.
@Suite("Command line: work plans and reminders", .serialized)
struct ScheduleCommandLineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/plans")

    @Test("remind records each reminder once, notifies, and --dry-run changes nothing")
    func remind() throws {
        let dir = CommandLineTests.freshDir()
        #expect(try CommandLineTests.run(["demo", "load"], dataDir: dir).status == 0)
        let dry = try CommandLineTests.run(["schedule", "remind", "--site", "湖口县", "--dry-run"], dataDir: dir)
        #expect(dry.status == 0 && dry.out.contains("将发出提醒560条") && dry.out.contains("试运行"), "\(dry.out)\(dry.err)")
        let first = try CommandLineTests.run(["schedule", "remind", "--site", "湖口县"], dataDir: dir)
        #expect(first.status == 0 && first.out.contains("新记录提醒560条"), "\(first.out)\(first.err)")
        // 双钟镇 has an editor and a reviewer: each gets one notification for the run.
        #expect(first.out.contains("湖口县双钟镇人民政府（28项）") && first.out.contains("逾期未启动："))
        let again = try CommandLineTests.run(["schedule", "remind", "--site", "湖口县"], dataDir: dir)
        #expect(again.status == 0 && again.out.contains("新记录提醒0条") && again.out.contains("本次跳过560条"), "\(again.out)")
        let unknown = try CommandLineTests.run(["schedule", "remind", "--site", "不存在县"], dataDir: dir)
        #expect(unknown.status != 0 && unknown.err.contains("可用的站点：湖口县（hukou）"))
    }

    @Test("import: a Word table and a workbook; a broken file names rows and columns and stores nothing")
    func importPlans() throws {
        let dir = CommandLineTests.freshDir()
        #expect(try CommandLineTests.run(["demo", "load"], dataDir: dir).status == 0)
        let docx = Self.fixtures.appendingPathComponent("wuding-plan-libreoffice.docx").path
        let dry = try CommandLineTests.run(["schedule", "import", docx, "--site", "wuding", "--dry-run"], dataDir: dir)
        #expect(dry.status == 0 && dry.out.contains("9项工作任务，16个具体事项") && dry.out.contains("分18个领域"), "\(dry.out)\(dry.err)")
        let broken = try CommandLineTests.run(["schedule", "import", Self.fixtures.appendingPathComponent("hukou-plan-broken.xlsx").path,
                                               "--site", "湖口县"], dataDir: dir)
        #expect(broken.status != 0 && broken.err.contains("3处问题，未导入") && broken.err.contains("第7行 D列（主体责任单位）：本站点没有单位“县发改局”"),
                "\(broken.err)")
        let ok = try CommandLineTests.run(["schedule", "import", Self.fixtures.appendingPathComponent("hukou-plan.xlsx").path, "--site", "湖口县"], dataDir: dir)
        #expect(ok.status == 0 && ok.out.contains("12项工作任务，28个具体事项"), "\(ok.out)\(ok.err)")
        // 武定县's units do not include 湖口县's: the same file is refused there.
        let wrongSite = try CommandLineTests.run(["schedule", "import", Self.fixtures.appendingPathComponent("hukou-plan.xlsx").path, "--site", "武定县"], dataDir: dir)
        #expect(wrongSite.status != 0 && wrongSite.err.contains("本站点没有单位“县行政服务中心”"))
    }
}
