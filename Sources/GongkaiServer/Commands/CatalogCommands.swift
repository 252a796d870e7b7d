import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// `gongkai catalog import|export` — standard catalogs in and out as the official xlsx template.
struct CatalogCommands: AsyncCommandGroup {
    var help: String { "政务公开事项标准目录：导入、导出" }
    var commands: [String: any AnyAsyncCommand] { ["import": Import(), "export": Export()] }

    static func domain(_ text: String, site: UUID, on db: any Database) async throws -> CatalogDomain {
        let domains = try await CatalogStore.domains(siteID: site, on: db)
        guard let domain = CatalogDomain.find(text, in: domains) else {
            throw CommandFailure("没有领域“\(text)”。可用的领域：\(domains.map(\.name).joined(separator: "、"))")
        }
        return domain
    }

    static func level(_ text: String?, unit: OrgUnitRecord) throws -> CatalogLevel {
        guard let text else { return unit.unitKind == .township ? .township : .county }
        guard let levels = CatalogLevel.parse(text) ?? CatalogLevel(rawValue: text).map({ [$0] }), levels.count == 1 else {
            throw CommandFailure("--level 的值“\(text)”应为 县级、乡级 或 村级。")
        }
        return levels.first!
    }

    /// `gongkai catalog import FILE.xlsx --unit 湖口县民政局 --domain 社会救助 [--level 乡级] [--dry-run] [--publish]`
    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "目录工作簿（.xlsx，按附件2格式模板填写）") var file: String
            @Option(name: "unit", help: "单位全称，如 湖口县民政局；或配合 --site 使用简称") var unit: String?
            @Option(name: "site", help: "站点名称或代码，如 湖口县、hukou") var site: String?
            @Option(name: "domain", help: "领域，如 社会救助") var domain: String?
            @Option(name: "level", help: "目录层级：县级、乡级（默认按单位类型）") var level: String?
            @Flag(name: "dry-run", help: "只检查并显示将导入的内容，不写入") var dryRun: Bool
            @Flag(name: "publish", help: "导入后立即发布（以公开办管理员身份）") var publish: Bool
            @Flag(name: "verbose", help: "试运行时逐行列出全部事项（默认只列前10个）") var verbose: Bool
        }

        /// Rows listed by a dry run unless `--verbose`: enough to see the columns were understood.
        static let sampleRows = 10

        var help: String { "从 xlsx 导入目录，作为新的草稿版本（--publish 立即发布）；有任何错误则不导入" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let unitName = signature.unit else { throw CommandFailure("请用 --unit 指定单位，如 --unit 湖口县民政局。") }
            guard let domainName = signature.domain else { throw CommandFailure("请用 --domain 指定领域，如 --domain 社会救助。") }
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let url = URL(fileURLWithPath: signature.file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure("文件不存在：\(signature.file)") }
            let unit = try await CommandSupport.findUnit(unitName, site: signature.site, on: app.db)
            let domain = try await CatalogCommands.domain(domainName, site: unit.$site.id, on: app.db)
            let level = try CatalogCommands.level(signature.level, unit: unit)
            let progress = ProgressLine()
            defer { progress.finish() }
            progress.show("正在读取 \(url.lastPathComponent)…", force: true)
            let result: CatalogImport
            do {
                result = try CatalogWorkbook.read(try Data(contentsOf: url), defaultLevels: [level])
            } catch let failure as CatalogImportFailure {
                progress.finish()
                throw CommandFailure(failure.description)
            }
            progress.finish()
            var lines = ["工作表“\(result.sheetName)”（\(result.layout.label)），表头第\(result.headerRows.lowerBound)–\(result.headerRows.upperBound)行，\(result.rows.count)个事项。"]
            lines.append("列：" + result.columns.map { "\($0.letter)=\($0.meaning)" }.joined(separator: "，"))
            if !result.ignoredColumns.isEmpty { lines.append("未导入的列：" + result.ignoredColumns.joined(separator: "、")) }
            let unparsed = result.rows.filter { $0.entry.timeLimit.kind == .unparsed }
            if !unparsed.isEmpty {
                lines.append("公开时限无法自动计算（将原样保留）：" + unparsed.map { "第\($0.sheetRow)行“\($0.entry.timeLimit.text)”" }.joined(separator: "、"))
            }
            if signature.dryRun {
                let listed = signature.verbose ? result.rows : Array(result.rows.prefix(Self.sampleRows))
                for row in listed {
                    let e = row.entry
                    lines.append("  第\(row.sheetRow)行 \(e.number.isEmpty ? "" : e.number + ". ")\(e.key)｜\(e.timeLimit.summary)｜\(e.channels.required.map(e.channels.name).joined(separator: "、"))｜\(e.levels.sorted().map(\.label).joined(separator: "、"))")
                }
                if listed.count < result.rows.count {
                    lines.append("  ……另有\(result.rows.count - listed.count)个事项（加 --verbose 逐行列出全部）")
                }
                lines.append("（试运行，未写入任何内容）")
                context.console.print(lines.joined(separator: "\n"))
                return
            }
            do {
                let choice = CatalogActions.Choice(unit: try unit.requireID().uuidString, domain: domain.code, level: level.rawValue)
                let version = try await CatalogActions.importEntries(
                    result.entries, fileName: url.lastPathComponent, layout: result.layout, into: choice, publish: signature.publish,
                    by: .commandLine(siteID: unit.$site.id), at: app.gongkai.now, on: app.db,
                    progress: { progress.count("正在写入事项", $0, of: result.rows.count) })
                progress.finish()
                lines.append("已导入\(unit.name) \(domain.title) \(level.label)目录第\(version.number)版（\(version.catalogStatus.label)）。")
            } catch let refusal as ActionError {
                throw CommandFailure(refusal.reason)
            }
            context.console.print(lines.joined(separator: "\n"))
        }
    }

    /// `gongkai catalog export --unit 湖口县民政局 [--domain 社会救助] --format xlsx --output FILE`
    struct Export: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "unit", help: "单位全称，或配合 --site 使用简称") var unit: String?
            @Option(name: "site", help: "站点名称或代码") var site: String?
            @Option(name: "domain", help: "领域（不写则导出该单位全部目录）") var domain: String?
            @Option(name: "level", help: "目录层级：县级、乡级") var level: String?
            @Option(name: "format", help: "xlsx、csv 或 json（默认按输出文件扩展名）") var format: String?
            @Option(name: "output", help: "输出文件") var output: String?
            @Flag(name: "draft", help: "导出正在编辑的版本，而不是已发布版本") var draft: Bool
            @Option(name: "layout", help: "xlsx 的格式模板：jiangxi（不含公开层级）或 yunnan（含公开层级）；默认按目录导入时的格式") var layout: String?
        }

        var help: String { "导出单位的目录：xlsx（附件2格式模板）、csv 或 json" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let unitName = signature.unit else { throw CommandFailure("请用 --unit 指定单位。") }
            guard let output = signature.output else { throw CommandFailure("请用 --output 指定输出文件，如 --output 目录.xlsx。") }
            let formatText = signature.format ?? URL(fileURLWithPath: output).pathExtension
            guard let format = CatalogExport.Format(argument: formatText) else {
                throw CommandFailure("--format 的值“\(formatText)”应为 xlsx、csv 或 json。")
            }
            let layout = try signature.layout.map { text in
                guard let layout = CatalogLayout(argument: text) else { throw CommandFailure("--layout 的值“\(text)”应为 jiangxi 或 yunnan。") }
                return layout
            }
            let app = context.application
            try await Startup.migrateIfSQLite(app)
            let unit = try await CommandSupport.findUnit(unitName, site: signature.site, on: app.db)
            let unitID = try unit.requireID()
            var query = CatalogRecord.query(on: app.db).filter(\.$unit.$id == unitID)
            if let domainName = signature.domain {
                query = query.filter(\.$domainCode == (try await CatalogCommands.domain(domainName, site: unit.$site.id, on: app.db)).code)
            }
            if let levelText = signature.level { query = query.filter(\.$level == (try CatalogCommands.level(levelText, unit: unit)).rawValue) }
            var items: [CatalogExport.Item] = []
            var skipped: [String] = []
            for record in try await query.sort(\.$domainCode).all() {
                let loaded = try await CatalogActions.find(record.id, by: .commandLine(siteID: unit.$site.id), on: app.db)
                guard let version = signature.draft ? loaded.open : loaded.published else {
                    skipped.append(loaded.label)
                    continue
                }
                var item = try await CatalogExport.item(loaded, version: version, on: app.db)
                if let layout { item.layout = layout }
                items.append(item)
            }
            guard !items.isEmpty else {
                throw CommandFailure("\(unit.name)没有\(signature.draft ? "正在编辑的" : "已发布的")目录可以导出"
                    + (skipped.isEmpty ? "。" : "（\(skipped.joined(separator: "、"))\(signature.draft ? "没有草稿" : "尚未发布，可加 --draft 导出草稿")）。"))
            }
            let data = try CatalogExport.data(items, format: format)
            do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CommandFailure("无法写入 \(output)：\(error.localizedDescription)")
            }
            context.console.print("已导出\(items.count)份目录、\(items.map(\.entries.count).reduce(0, +))个事项到 \(output)"
                + (skipped.isEmpty ? "。" : "；未发布而未导出：\(skipped.joined(separator: "、"))。"))
        }
    }
}
