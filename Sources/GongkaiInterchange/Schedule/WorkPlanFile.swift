import Foundation
import GongkaiCore

/// The ways a work plan reaches Gongkai: the Word table it is usually issued as, a workbook, or the CSV tables
/// bundled for the demo counties (made from the seeds by scripts/fixtures/make_plan_seeds.py).
public enum WorkPlanFile {
    public enum Format: String, Sendable, CaseIterable {
        case docx, xlsx, csv

        /// By content first: both Office formats are zip files, told apart by their main part.
        public static func detect(_ data: Data, fileName: String) -> Format? {
            let ext = (fileName as NSString).pathExtension.lowercased()
            if data.starts(with: [0x50, 0x4B]) {
                let head = data.prefix(4096)
                if head.range(of: Data("word/".utf8)) != nil { return .docx }
                if head.range(of: Data("xl/".utf8)) != nil { return .xlsx }
                return ext == "docx" ? .docx : ext == "xlsx" ? .xlsx : nil
            }
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return ext == "doc" || ext == "wps" ? .docx : .xlsx }
            return ext == "csv" ? .csv : nil
        }
    }

    public static func read(_ data: Data, fileName: String) -> Result<WorkPlanDraft, WorkPlanTable.Failure> {
        let title = ((fileName as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let format = Format.detect(data, fileName: fileName) else {
            return failure("无法识别文件“\(fileName)”：请上传 Word（.docx）或 Excel（.xlsx）格式的任务分工表。")
        }
        switch grid(data, format: format) {
        case .success(let grid): return WorkPlanTable.read(grid, fallbackTitle: title)
        case .failure(let failure): return .failure(failure)
        }
    }

    static func grid(_ data: Data, format: Format) -> Result<PlanGrid, WorkPlanTable.Failure> {
        switch format {
        case .docx:
            do { return .success(try WordTableReader.read(data, tableContaining: "具体事项")) } catch {
                return failure(error.message)
            }
        case .xlsx:
            let sheets: [Worksheet]
            do { sheets = try XLSXReader.read(data) } catch { return failure(error.message) }
            // The first sheet with a 具体事项 header; a 说明 sheet before it is skipped.
            let grids = sheets.map(PlanGrid.init(sheet:))
            let chosen = grids.first { g in g.rows.contains { row in row.contains { PlanText.compact($0.text) == "具体事项" } } }
            return .success(chosen ?? grids[0])
        case .csv:
            guard let text = String(data: data, encoding: .utf8) else { return failure("CSV 文件应为 UTF-8 编码。") }
            do { return .success(PlanGrid(fields: try CSVReader.read(text).map(\.fields))) } catch {
                return failure("第\(error.line)行：\(error.message)")
            }
        }
    }

    private static func failure<T>(_ message: String) -> Result<T, WorkPlanTable.Failure> {
        .failure(WorkPlanTable.Failure(problems: [.init(location: "", message: message)]))
    }

    /// The demo county's plan, bundled with the program.
    public static func bundled(_ slug: String) -> Result<WorkPlanDraft, WorkPlanTable.Failure> {
        guard let url = Bundle.module.url(forResource: slug, withExtension: "csv", subdirectory: "Resources/plans")
                ?? Bundle.module.url(forResource: slug, withExtension: "csv", subdirectory: "plans"),
              let data = try? Data(contentsOf: url)
        else { return failure("程序包中缺少示例工作方案 \(slug).csv。") }
        return read(data, fileName: "\(slug).csv")
    }
}
