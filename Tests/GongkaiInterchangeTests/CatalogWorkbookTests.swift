import Foundation
import GongkaiCore
@testable import GongkaiInterchange
import Testing

/// Fixture workbooks written by openpyxl and re-saved by LibreOffice Calc (scripts/fixtures/); read only.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/catalogs")

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    static func read(_ name: String, levels: Set<CatalogLevel> = [.county]) throws -> CatalogImport {
        try CatalogWorkbook.read(try data(name), defaultLevels: levels)
    }
}

@Suite("Catalog workbooks")
struct CatalogWorkbookTests {
    @Test("the Jiangxi template (000): merged header, empty 一级事项 means above, '(' read as an unticked box")
    func jiangxiSeed() throws {
        let result = try Fixtures.read("seed-000-jiangxi.xlsx", levels: [.township])
        #expect(result.title == "江西省基层政务公开事项标准目录格式模板")
        #expect(result.headerRows == 2...3)
        #expect(result.rows.map(\.sheetRow) == [4, 5])
        let (first, second) = (result.entries[0], result.entries[1])
        #expect(first.number == "1")
        #expect(first.level1 == "最低生活保障" && first.level2 == "办事指南")
        #expect(second.level1 == "最低生活保障" && second.level2 == "审核信息")
        #expect(first.elements.count == 7)
        #expect(first.references.first?.documentNumber == "国发〔2012〕45号")
        #expect(first.timeLimit.period == .workingDays(10))
        #expect(first.channels.required == [.governmentWebsite, .readingPoint, .serviceCenter])
        #expect(first.channels.optional.contains(.print))
        #expect(first.audience == Audience(everyone: true, specificGroup: nil))
        #expect(first.methods == DisclosureMethods(proactive: true, onRequest: false))
        // No 公开层级 columns in this template: the level given on import applies.
        #expect(first.levels == [.township])
    }

    @Test("the Yunnan template (004): 公开层级 columns, 特定群体（请写明）, 主动/依申请, written by two programs")
    func yunnanSeed() throws {
        for name in ["seed-004-yunnan.xlsx", "seed-004-yunnan-libreoffice.xlsx"] {
            let result = try Fixtures.read(name)
            #expect(result.entries.count == 2, "\(name)")
            let second = result.entries[1]
            #expect(second.level1 == "行政审批")
            #expect(second.level2 == "食品生产经营许可基本信息")
            #expect(second.channels.required == [.governmentWebsite, .serviceCenter, .doorToDoor])
            #expect(second.levels == [.county])
            #expect(second.timeLimit.period == .workingDays(20))
            #expect(result.columns.map(\.meaning).contains("公开层级：乡级"))
        }
        #expect(try Fixtures.read("seed-004-yunnan.xlsx").entries == Fixtures.read("seed-004-yunnan-libreoffice.xlsx").entries)
    }

    @Test("real-catalog variants: 三级事项, 特定群众, 区级 and 乡、村级, Wingdings boxes, √ channels, 同上, notes")
    func variants() throws {
        for name in ["variants-district.xlsx", "variants-district-libreoffice.xlsx"] {
            let result = try Fixtures.read(name)
            #expect(result.sheetName == "目录", "the 填表说明 sheet is skipped")
            #expect(result.entries.count == 3, "the 注 line is not an entry")
            #expect(result.ignoredColumns == ["P列（备注）"])
            let (a, b, c) = (result.entries[0], result.entries[1], result.entries[2])
            #expect(a.level3 == "申请")
            #expect(a.channels.required == [.governmentWebsite, .serviceCenter, .noticeBoard])
            #expect(a.levels == [.county, .township, .village])
            #expect(b.level1 == "特困人员救助供养", "merged over two rows")
            #expect(b.basis == a.basis && b.timeLimit == a.timeLimit, "同上")
            #expect(b.audience == Audience(everyone: false, specificGroup: "申请人"))
            #expect(b.methods == DisclosureMethods(proactive: true, onRequest: true))
            #expect(b.channels.required == [.governmentWebsite, .noticeBoard, .hotline12345])
            #expect(b.levels == [.township, .village])
            #expect(c.channels.required == [.governmentWebsite, .other])
            #expect(c.channels.others == ["信用中国网站"])
            #expect(c.timeLimit.kind == .realtime)
        }
    }

    @Test("more variants: 镇级/村级 and 县级 columns, one-row headers with 公开对象/公开方式/公开层级 written as text")
    func moreVariants() throws {
        var sheet = WorksheetDraft(name: "目录")
        let style = CellStyle()
        let top = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级", "公开层级"]
        let sub = ["", "一级事项", "二级事项", "", "", "", "", "", "", "", "县级", "镇级/村级"]
        let row = ["1", "低保", "名单", "姓名、金额", "《社会救助暂行办法》", "每月10日前", "县民政局", "■政府网站", "特定群众：本村村民", "主动、依申请", "", "√"]
        for (c, text) in top.enumerated() { sheet.set(1, c + 1, .text(text), style) }
        for (c, text) in sub.enumerated() { sheet.set(2, c + 1, .text(text), style) }
        for (c, text) in row.enumerated() { sheet.set(3, c + 1, .text(text), style) }
        sheet.merges = [CellRange(reference: "B1:C1")!, CellRange(reference: "K1:L1")!]
        let entry = try CatalogWorkbook.read(try XLSXWriter.write([sheet]), defaultLevels: [.county]).entries[0]
        #expect(entry.levels == [.township, .village])
        #expect(entry.audience == Audience(everyone: false, specificGroup: "本村村民"))
        #expect(entry.methods == DisclosureMethods(proactive: true, onRequest: true))
        #expect(entry.timeLimit.kind == .unparsed, "kept as written, marked 无法自动计算")
    }

    @Test("a broken file reports every problem with row, column and the text found, and imports nothing")
    func brokenFile() throws {
        let data = try Fixtures.data("broken.xlsx")
        do {
            _ = try CatalogWorkbook.read(data, defaultLevels: [.county])
            Issue.record("should have failed")
        } catch {
            let text = error.problems.map(\.description)
            #expect(text.contains("第3行 B列（一级事项）：第一个事项的一级事项不能为空。"))
            #expect(text.contains("第3行 E列（公开依据）：第一个事项不能写“同上”。（读到：“同上”）"))
            #expect(text.contains("第4行 E列（公开依据）：请填写公开依据。"))
            #expect(text.contains("第4行 I列（公开对象：全社会）：应为“√”或留空。（读到：“是的”）"))
            #expect(text.contains("第5行 K列（公开方式：主动公开）：应为“√”或留空。（读到：“x”）"))
            #expect(text.contains { $0.hasPrefix("第5行 H列（公开渠道和载体）：请至少选择一个必选的公开渠道和载体") })
            #expect(error.description.hasPrefix("导入失败，未导入任何内容。"))
        }
    }

    @Test("files that are not a filled-in template are refused with a reason")
    func notATemplate() throws {
        func message(_ data: Data) -> String {
            do { _ = try CatalogWorkbook.read(data, defaultLevels: [.county]); return "" } catch { return error.description }
        }
        #expect(message(Data("序号,公开事项".utf8)).contains("不是 .xlsx 工作簿"))
        #expect(message(Data([0xD0, 0xCF, 0x11, 0xE0, 0, 0])).contains("另存为"))
        #expect(message(Data([0x50, 0x4B, 3, 4, 0, 0])).contains("损坏"))
        let empty = try CatalogWorkbook.write([.init(name: "空", title: "只有表头", entries: [])])
        #expect(message(empty).contains("表头下面没有任何事项"))
        var sheet = WorksheetDraft(name: "S")
        sheet.set(1, 1, .text("公开内容"), CellStyle())
        sheet.set(1, 2, .text("公开依据"), CellStyle())
        let missing = message(try XLSXWriter.write([sheet]))
        #expect(missing.contains("缺少“一级事项”列") && missing.contains("缺少“公开方式”列"))
    }

    @Test("export → import gives back the same entries; the header is merged as in the template")
    func roundTrip() throws {
        for name in ["seed-000-jiangxi.xlsx", "seed-004-yunnan.xlsx", "variants-district.xlsx"] {
            let original = try Fixtures.read(name).entries
            let data = try CatalogWorkbook.write([.init(name: "标准目录", title: "测试目录", entries: original)])
            let again = try CatalogWorkbook.read(data, defaultLevels: [.county])
            #expect(again.entries == original, "\(name)")
            #expect(again.title == "测试目录")
            let sheet = try XLSXReader.read(data)[0]
            let merges = Set(sheet.merges.map(\.reference))
            #expect(merges.contains("B2:C2") || merges.contains("B2:D2"), "公开事项 over 一级/二级事项")
            #expect(merges.contains("A2:A3"))
        }
    }

    @Test("a catalog goes out in the template it came in, with the channel names the county wrote (issue 18, item 15)")
    func ownLayoutAndNames() throws {
        let jiangxi = try Fixtures.read("seed-000-jiangxi.xlsx")
        #expect(jiangxi.layout == .jiangxi)
        #expect(try Fixtures.read("seed-004-yunnan.xlsx").layout == .yunnan)
        #expect(jiangxi.entries[0].channels.writtenNames[.serviceCenter] == "行政服务中心")
        #expect(jiangxi.entries[0].channels.checklistText.contains("■行政服务中心"))
        let data = try CatalogWorkbook.write([.init(name: "标准目录", title: "测试目录", entries: jiangxi.entries, layout: .jiangxi)])
        let sheet = try XLSXReader.read(data)[0]
        let texts = (1...20).flatMap { c in (2...3).map { sheet.text(row: $0, column: c) } }
        #expect(texts.contains("主动公开") && texts.contains("依申请公开") && texts.contains("特定群体"))
        #expect(!texts.contains { $0.hasPrefix("公开层级") || $0 == "县级" }, "江西's template has no 公开层级")
        #expect((4...5).contains { sheet.text(row: $0, column: 8).contains("■行政服务中心") }, "the county's own channel name")
        let again = try CatalogWorkbook.read(data, defaultLevels: [.county])
        #expect(again.layout == .jiangxi && again.entries == jiangxi.entries)
        let yunnan = try CatalogWorkbook.write([.init(name: "标准目录", title: "测试目录", entries: jiangxi.entries, layout: .yunnan)])
        #expect(try CatalogWorkbook.read(yunnan, defaultLevels: [.county]).layout == .yunnan)
    }

    @Test("an entry whose content starts with 公开内容 is data, not a repeated header")
    func contentStartingWithHeaderWord() throws {
        var entries = try Fixtures.read("seed-000-jiangxi.xlsx").entries
        entries[0].content = "公开内容包括审核结果、保障人数"
        let data = try CatalogWorkbook.write([.init(name: "标准目录", title: "测试目录", entries: entries)])
        let again = try CatalogWorkbook.read(data, defaultLevels: [.county])
        #expect(again.entries.count == entries.count)
        #expect(again.entries.first?.content == "公开内容包括审核结果、保障人数")
    }

    @Test("an export re-saved by LibreOffice Calc keeps the merged header, and every entry")
    func exportOpensInLibreOffice() throws {
        let ours = try Fixtures.read("gongkai-export.xlsx")
        let saved = try Fixtures.read("gongkai-export-libreoffice.xlsx")
        #expect(ours.entries.count == 3 && saved.entries == ours.entries)
        #expect(saved.title == "武定县民政局养老服务领域基层政务公开标准目录")
        let a = try XLSXReader.read(try Fixtures.data("gongkai-export.xlsx"))[0]
        let b = try XLSXReader.read(try Fixtures.data("gongkai-export-libreoffice.xlsx"))[0]
        #expect(Set(a.merges.map(\.reference)) == Set(b.merges.map(\.reference)))
        #expect(Set(a.merges.map(\.reference)).isSuperset(of: ["A1:P1", "A2:A3", "B2:D2", "J2:K2", "L2:M2", "N2:P2"]))
    }

    @Test("the reader: shared and inline strings, entities, rich text, merged ranges")
    func reader() throws {
        var scanner = XMLScanner(Array(#"<a x="1 &amp; 2"><b>&lt;&#x4E2D;&#25991;&gt;</b><c/><![CDATA[<raw>]]></a>"#.utf8))
        var events: [String] = []
        while let e = try scanner.next() {
            switch e {
            case .start(let n, let attributes, let closing): events.append("<\(n)\(attributes["x"].map { " " + $0 } ?? "")\(closing ? "/" : "")>")
            case .end(let n): events.append("</\(n)>")
            case .text(let t): events.append(t)
            }
        }
        #expect(events == ["<a 1 & 2>", "<b>", "<中文>", "</b>", "<c/>", "<raw>", "</a>"])
        let strings = try XLSXReader.sharedStrings(Array(#"<sst><si><r><t>公开</t></r><r><t xml:space="preserve"> 目录</t></r><rPh><t>gongkai</t></rPh></si><si><t>a_x000D_&#10;b</t></si></sst>"#.utf8))
        #expect(strings == ["公开 目录", "a\nb"])
        #expect(CellPosition(reference: "AB12") == CellPosition(row: 12, column: 28))
        #expect(CellPosition.letters(28) == "AB")
    }
}
