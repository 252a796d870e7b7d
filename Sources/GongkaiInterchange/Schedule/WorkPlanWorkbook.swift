import Foundation
import GongkaiCore

/// The plan with its progress as an .xlsx workbook. The first sheet keeps the seeds' column layout (序号, 工作任务,
/// 具体事项, the three responsibility columns, 完成时间), so `WorkPlanFile.read` takes it back; the progress
/// columns after it are listed as not imported. The second sheet has one row per unit and item.
public enum WorkPlanWorkbook {
    public struct ItemRow: Sendable {
        public var taskNumber: Int
        public var taskTitle: String
        public var number: Int
        public var text: String
        public var supervising: String
        public var responsible: String
        public var guiding: String
        public var groups: [(name: String, guiding: String)]
        public var deadlineText: String
        public var due: String
        public var summary: String
        public var percent: Int

        public init(taskNumber: Int, taskTitle: String, number: Int, text: String, supervising: String, responsible: String,
                    guiding: String, groups: [(name: String, guiding: String)], deadlineText: String, due: String,
                    summary: String, percent: Int) {
            self.taskNumber = taskNumber
            self.taskTitle = taskTitle
            self.number = number
            self.text = text
            self.supervising = supervising
            self.responsible = responsible
            self.guiding = guiding
            self.groups = groups
            self.deadlineText = deadlineText
            self.due = due
            self.summary = summary
            self.percent = percent
        }
    }

    public struct LineRow: Sendable {
        public var unit: String
        public var item: String
        public var group: String
        public var status: String
        public var percent: Int
        public var acceptance: String
        public var note: String

        public init(unit: String, item: String, group: String, status: String, percent: Int, acceptance: String, note: String) {
            self.unit = unit
            self.item = item
            self.group = group
            self.status = status
            self.percent = percent
            self.acceptance = acceptance
            self.note = note
        }
    }

    public static func write(title: String, asOf: String, items: [ItemRow], lines: [LineRow]) throws -> Data {
        try XLSXWriter.write([planSheet(title: title, asOf: asOf, items: items), lineSheet(asOf: asOf, lines: lines)], title: title)
    }

    static func planSheet(title: String, asOf: String, items: [ItemRow]) -> WorksheetDraft {
        let withGroups = items.contains { !$0.groups.isEmpty }
        var headers: [(String, Double)] = [("序号", 5), ("工作任务", 12), ("具体事项", 40)]
        if withGroups { headers.append(("领域", 16)) }
        headers += [("主管责任单位", 12), ("主体责任单位", 14), ("指导责任单位", 16), ("完成时间", 12),
                    ("到期日", 11), ("进度（截至\(asOf)）", 24), ("完成比例", 8)]
        let titleStyle = CellStyle(bold: true, fontSize: 14, horizontal: .center, vertical: .center, wrap: false, border: false)
        let headerStyle = CellStyle(bold: true, horizontal: .center, vertical: .center)
        let text = CellStyle(horizontal: .left, vertical: .center)
        let centred = CellStyle(horizontal: .center, vertical: .center)
        var ws = WorksheetDraft(name: "任务分工及进度")
        ws.set(1, 1, .text(title), titleStyle)
        ws.merge(CellPosition(row: 1, column: 1), CellPosition(row: 1, column: headers.count), style: titleStyle)
        for (c, header) in headers.enumerated() {
            ws.set(2, c + 1, .text(header.0), headerStyle)
            ws.columnWidths[c + 1] = header.1
        }
        if withGroups {
            // 具体事项 spans the domain column, as in 武定县's table.
            ws.merge(CellPosition(row: 2, column: 3), CellPosition(row: 2, column: 4), style: headerStyle)
        }
        let shift = withGroups ? 1 : 0
        var row = 3
        var taskStart: (number: Int, row: Int)?
        func closeTask(before end: Int) {
            guard let start = taskStart, end - 1 > start.row else { return }
            for column in 1...2 { ws.merge(CellPosition(row: start.row, column: column), CellPosition(row: end - 1, column: column), style: text) }
        }
        for item in items {
            if taskStart?.number != item.taskNumber {
                closeTask(before: row)
                taskStart = (item.taskNumber, row)
                ws.set(row, 1, .number(item.taskNumber), centred)
                ws.set(row, 2, .text(item.taskTitle), text)
            }
            let span = max(1, item.groups.count)
            ws.set(row, 3, .text("\(PlanItemNumber.label(item.number))\(item.text)"), text)
            let values: [String] = [item.supervising, item.responsible, item.groups.isEmpty ? item.guiding : item.groups[0].guiding,
                                    item.deadlineText, item.due, item.summary]
            if withGroups { ws.set(row, 4, .text(item.groups.first?.name ?? ""), text) }
            for (i, value) in values.enumerated() { ws.set(row, 5 + shift - 1 + i, .text(value), text) }
            ws.set(row, 5 + shift - 1 + values.count, .number(item.percent), centred)
            if item.groups.isEmpty, withGroups {
                ws.merge(CellPosition(row: row, column: 3), CellPosition(row: row, column: 4), style: text)
            }
            for (g, group) in item.groups.enumerated().dropFirst() {
                ws.set(row + g, 4, .text(group.name), text)
                ws.set(row + g, 7, .text(group.guiding), text)
            }
            if span > 1 {
                // The item's own cells run down beside its domain groups.
                for column in [3, 5, 6, 8, 9, 10, 11] {
                    ws.merge(CellPosition(row: row, column: column), CellPosition(row: row + span - 1, column: column), style: text)
                }
            }
            row += span
        }
        closeTask(before: row)
        ws.printTitleRows = 2...2
        ws.frozenRows = 2
        return ws
    }

    static func lineSheet(asOf: String, lines: [LineRow]) -> WorksheetDraft {
        let headerStyle = CellStyle(bold: true, horizontal: .center, vertical: .center)
        let text = CellStyle(horizontal: .left, vertical: .center)
        var ws = WorksheetDraft(name: "各单位进度")
        let headers: [(String, Double)] = [("单位", 20), ("具体事项", 36), ("领域", 14), ("状态（截至\(asOf)）", 12),
                                           ("完成比例", 8), ("验收", 8), ("说明", 40)]
        for (c, header) in headers.enumerated() {
            ws.set(1, c + 1, .text(header.0), headerStyle)
            ws.columnWidths[c + 1] = header.1
        }
        for (r, line) in lines.enumerated() {
            let values = [line.unit, line.item, line.group, line.status]
            for (c, value) in values.enumerated() { ws.set(r + 2, c + 1, .text(value), text) }
            ws.set(r + 2, 5, .number(line.percent), text)
            ws.set(r + 2, 6, .text(line.acceptance), text)
            ws.set(r + 2, 7, .text(line.note), text)
        }
        ws.printTitleRows = 1...1
        ws.frozenRows = 1
        return ws
    }
}
