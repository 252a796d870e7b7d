import GongkaiCore

/// Reads a 任务分工及进度安排 table into a `WorkPlanDraft`, by the rules the seeds follow:
/// - the header row is the one with 具体事项; columns are found by their names (主体单位 or 主体责任单位, …);
///   a 具体事项 header spanning two columns, or a 领域 column, carries the domain breakdown;
/// - a repeated task number (the table broke across pages) continues the same task;
/// - a merged or blank 单位 or 完成时间 cell means "same as above";
/// - a row with a domain but no item text adds a domain group to the item above.
/// All-or-nothing: every problem is collected with its row and column, and no plan is given if there is one.
public enum WorkPlanTable {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public let location: String
        public let message: String
        public var description: String { location.isEmpty ? message : "\(location)：\(message)" }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let problems: [Problem]
        /// What could be read despite the problems, so that later checks (unit names) can add theirs.
        public var partial: WorkPlanDraft?

        public init(problems: [Problem], partial: WorkPlanDraft? = nil) {
            self.problems = problems
            self.partial = partial
        }

        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    enum Column: Equatable {
        case taskNumber, taskTitle, itemText, domain, deadline
        case party(PlanRole)
        case ignored(String)

        var label: String {
            switch self {
            case .taskNumber: "序号"
            case .taskTitle: "工作任务"
            case .itemText: "具体事项"
            case .domain: "领域"
            case .deadline: "完成时间"
            case .party(let role): role.label
            case .ignored(let name): name
            }
        }
    }

    static func column(named raw: String) -> Column? {
        let name = PlanText.compact(raw)
        switch name {
        case "序号", "编号": return .taskNumber
        case "工作任务", "任务", "重点任务", "主要任务": return .taskTitle
        case "具体事项", "工作内容", "具体工作", "具体任务", "工作措施": return .itemText
        case "领域", "具体领域", "试点领域", "公开领域": return .domain
        case "主管责任单位", "主管单位": return .party(.supervising)
        case "主体单位", "主体责任单位", "责任单位", "牵头单位", "承办单位": return .party(.responsible)
        case "指导单位", "指导责任单位", "指导部门": return .party(.guiding)
        case "完成时间", "完成时限", "时间安排", "时限要求", "完成期限": return .deadline
        case "": return nil
        default: return .ignored(raw)
        }
    }

    public static func read(_ grid: PlanGrid, fallbackTitle: String) -> Result<WorkPlanDraft, Failure> {
        var problems: [Problem] = []
        guard let headerIndex = grid.rows.firstIndex(where: { row in row.contains { PlanText.compact($0.text) == "具体事项" } })
                ?? grid.rows.firstIndex(where: { row in row.contains { column(named: $0.text) == .itemText } })
        else {
            return .failure(Failure(problems: [Problem(location: "", message: "没有找到表头：任务分工表应有“具体事项”“主体单位”“完成时间”等列。")]))
        }
        // Map the grid columns; a header cell spanning two columns over 具体事项 gives the domain column.
        var columns: [Column?] = []
        for cell in grid.rows[headerIndex] {
            if cell.continuesLeft, let previous = columns.last, previous == .itemText {
                columns.append(.domain)
            } else {
                columns.append(cell.continuesLeft ? nil : column(named: cell.text))
            }
        }
        let headerRowNumber = grid.firstRowNumber + headerIndex
        func index(_ wanted: Column) -> Int? { columns.firstIndex { $0 == wanted } }
        for required in [Column.itemText, .deadline] where index(required) == nil {
            problems.append(Problem(location: "第\(headerRowNumber)行（表头）", message: "缺少“\(required.label)”列。"))
        }
        if index(.party(.responsible)) == nil && index(.party(.supervising)) == nil {
            problems.append(Problem(location: "第\(headerRowNumber)行（表头）", message: "缺少“主体单位（主体责任单位）”列。"))
        }
        guard problems.isEmpty, let itemColumn = index(.itemText), let deadlineColumn = index(.deadline) else {
            return .failure(Failure(problems: problems))
        }
        let taskNumberColumn = index(.taskNumber), taskTitleColumn = index(.taskTitle), domainColumn = index(.domain)
        let partyColumns = PlanRole.allCases.compactMap { role in index(.party(role)).map { (role, $0) } }

        func location(_ r: Int, _ c: Int) -> String {
            "\(grid.addressing.label(row: grid.firstRowNumber + r, column: c + 1))（\(columns[c]?.label ?? "")）"
        }
        /// A cell's own text: empty when merged from above or the left.
        func own(_ r: Int, _ c: Int) -> String {
            let cell = grid.cell(r, c)
            return cell.continuesAbove || cell.continuesLeft ? "" : cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var plan = WorkPlanDraft(title: title(grid.preamble + grid.rows[..<headerIndex].flatMap { $0.map(\.text) }) ?? fallbackTitle)
        var above: [Int: (text: String, location: String)] = [:]  // last non-empty value per column
        var lastTaskNumber: Int?
        var r = headerIndex + 1
        while r < grid.rows.count {
            defer { r += 1 }
            let itemText = own(r, itemColumn)
            let domain = domainColumn.map { own(r, $0) } ?? ""
            // A header repeated on each printed page, and notes under the table, are not rows of the plan.
            if PlanText.compact(itemText) == "具体事项" { continue }
            let rowTexts = (0..<grid.columnCount).map { own(r, $0) }
            if rowTexts.allSatisfy(\.isEmpty) { continue }
            if let first = rowTexts.first(where: { !$0.isEmpty }), first.hasPrefix("注") || first.hasPrefix("说明"), itemText.isEmpty { continue }

            // Task: a number starts a task unless it repeats the current one (a page break).
            let numberText = taskNumberColumn.map { own(r, $0) } ?? ""
            let titleText = PlanText.joinedLines(taskTitleColumn.map { own(r, $0) } ?? "")
            if !numberText.isEmpty {
                guard let number = ChineseNumerals.value(PlanText.compact(numberText).trimmingCharacters(in: CharacterSetLite.punctuation)) else {
                    problems.append(Problem(location: location(r, taskNumberColumn!), message: "序号应为数字（读到：“\(numberText)”）。"))
                    continue
                }
                if number != lastTaskNumber {
                    if plan.tasks.contains(where: { $0.number == number }) {
                        problems.append(Problem(location: location(r, taskNumberColumn!),
                                                message: "工作任务序号\(number)在前面已经用过，且不在相邻行（读到：“\(numberText)”）。"))
                    }
                    if titleText.isEmpty {
                        problems.append(Problem(location: location(r, taskTitleColumn ?? taskNumberColumn!), message: "新的工作任务（序号\(number)）没有填写任务名称。"))
                    }
                    plan.tasks.append(.init(number: number, title: titleText))
                    lastTaskNumber = number
                } else if !titleText.isEmpty, titleText != plan.tasks.last?.title {
                    problems.append(Problem(location: location(r, taskTitleColumn!),
                                            message: "序号\(number)重复出现，但任务名称不同（读到：“\(titleText)”，前面是：“\(plan.tasks.last?.title ?? "")”）。"))
                }
            } else if !titleText.isEmpty, titleText != plan.tasks.last?.title {
                let number = (plan.tasks.last?.number ?? 0) + 1
                plan.tasks.append(.init(number: number, title: titleText))
                lastTaskNumber = number
            }

            // Blank means above, for the units and the deadline.
            func value(_ c: Int) -> (text: String, location: String)? {
                let text = own(r, c)
                if !text.isEmpty {
                    above[c] = (text, location(r, c))
                    return above[c]
                }
                return above[c]
            }

            if !itemText.isEmpty {
                guard !plan.tasks.isEmpty else {
                    problems.append(Problem(location: location(r, itemColumn), message: "具体事项前没有工作任务（序号和工作任务列为空）。"))
                    continue
                }
                guard let (number, text) = PlanItemNumber.split(itemText) else {
                    problems.append(Problem(location: location(r, itemColumn),
                                            message: "具体事项应以序号开头，如“(1)”（读到：“\(String(itemText.prefix(30)))”）。"))
                    continue
                }
                var parties: [WorkPlanDraft.Cell] = []
                var groupParties: [WorkPlanDraft.Cell] = []
                for (role, c) in partyColumns {
                    guard let v = value(c) else { continue }
                    if role == .guiding && !domain.isEmpty {
                        // With a domain breakdown the guiding cell on this row belongs to the first domain group.
                        if !own(r, c).isEmpty { groupParties.append(.init(role: role, text: v.text, source: v.location)) }
                    } else {
                        parties.append(.init(role: role, text: v.text, source: v.location))
                    }
                }
                let deadlineValue = value(deadlineColumn)
                let deadlineText = PlanText.joinedLines(deadlineValue?.text ?? "")
                guard let deadline = PlanDeadline.parse(deadlineText) else {
                    problems.append(Problem(location: deadlineValue?.location ?? location(r, deadlineColumn), message: deadlineMessage(deadlineText)))
                    continue
                }
                var item = WorkPlanDraft.Item(number: number, text: PlanText.joinedLines(text), parties: parties,
                                              deadlineText: deadlineText, deadline: deadline,
                                              source: grid.addressing.label(row: grid.firstRowNumber + r, column: itemColumn + 1))
                if !domain.isEmpty { item.groups.append(.init(name: PlanText.joinedLines(domain), parties: groupParties)) }
                plan.tasks[plan.tasks.count - 1].items.append(item)
            } else if !domain.isEmpty {
                guard !plan.tasks.isEmpty, !plan.tasks[plan.tasks.count - 1].items.isEmpty else {
                    problems.append(Problem(location: location(r, domainColumn!), message: "领域“\(domain)”前没有具体事项。"))
                    continue
                }
                var groupParties: [WorkPlanDraft.Cell] = []
                for (role, c) in partyColumns {
                    let text = own(r, c)
                    if !text.isEmpty {
                        above[c] = (text, location(r, c))
                        groupParties.append(.init(role: role, text: text, source: location(r, c)))
                    } else if role == .guiding, let v = above[c] {
                        groupParties.append(.init(role: role, text: v.text, source: v.location))
                    }
                }
                let t = plan.tasks.count - 1
                plan.tasks[t].items[plan.tasks[t].items.count - 1].groups.append(.init(name: PlanText.joinedLines(domain), parties: groupParties))
            } else if rowTexts.enumerated().contains(where: { c, text in !text.isEmpty && c != taskNumberColumn && c != taskTitleColumn }) {
                problems.append(Problem(location: grid.addressing.label(row: grid.firstRowNumber + r, column: itemColumn + 1),
                                        message: "这一行有内容，但“具体事项”为空。"))
            }
        }
        for message in WorkPlanChecks.problems(plan) { problems.append(Problem(location: "", message: message)) }
        return problems.isEmpty ? .success(plan) : .failure(Failure(problems: problems, partial: plan))
    }

    static func deadlineMessage(_ text: String) -> String {
        "读不懂完成时间，应写成“2020年9月底前”“（某事件）出台2个月内”“（某事项）完成1个月内”或留空（读到：“\(text)”）。"
    }

    /// The plan's title from the lines above the table: those after the last "附件1" line, or else the last two
    /// (a whole 方案 may come before its 附件1), without "附件1：" itself.
    static func title(_ lines: [String]) -> String? {
        let all = lines.map(PlanText.joinedLines).filter { !$0.isEmpty }
        let isAttachmentLine: (String) -> Bool = { $0.hasPrefix("附件") && $0.count <= 5 }
        let kept: [String]
        if let marker = all.lastIndex(where: isAttachmentLine) {
            kept = Array(all[(marker + 1)...])
        } else {
            kept = Array(all.suffix(2))
        }
        let title = kept.filter { !isAttachmentLine($0) && $0.count <= 80 }.joined()
        return title.isEmpty ? nil : title
    }
}

/// Characters trimmed around a task number ("1.", "一、").
enum CharacterSetLite {
    static let punctuation = Foundation.CharacterSet(charactersIn: ".、．。:：")
}

import Foundation
