/// A work plan (方案 附件1: 任务分工及进度安排) as read from a table, before its unit names are looked up.
/// Where a value came from is kept as a label ("第5行 E列（主体单位）") so that later problems can say so.
public struct WorkPlanDraft: Hashable, Sendable {
    public var title: String
    public var tasks: [Task]

    public init(title: String, tasks: [Task] = []) {
        self.title = title
        self.tasks = tasks
    }

    /// 工作任务: numbered; the table may repeat the number when it breaks across pages.
    public struct Task: Hashable, Sendable {
        public var number: Int
        public var title: String
        public var items: [Item]

        public init(number: Int, title: String, items: [Item] = []) {
            self.number = number
            self.title = title
            self.items = items
        }
    }

    /// 具体事项 (1)…(28).
    public struct Item: Hashable, Sendable {
        public var number: Int
        public var text: String
        public var parties: [Cell]
        /// The domain breakdown (武定县 item (1): 18 groups of domains, each with its guiding unit).
        public var groups: [Group]
        public var deadlineText: String
        public var deadline: PlanDeadline
        public var source: String

        public init(number: Int, text: String, parties: [Cell], groups: [Group] = [], deadlineText: String,
                    deadline: PlanDeadline, source: String = "") {
            self.number = number
            self.text = text
            self.parties = parties
            self.groups = groups
            self.deadlineText = deadlineText
            self.deadline = deadline
            self.source = source
        }

        public func cells(_ role: PlanRole) -> [Cell] { parties.filter { $0.role == role } }
    }

    /// One responsibility cell, as written.
    public struct Cell: Hashable, Sendable {
        public var role: PlanRole
        public var text: String
        public var source: String

        public init(role: PlanRole, text: String, source: String = "") {
            self.role = role
            self.text = text
            self.source = source
        }
    }

    /// A domain group of an item: its name as written ("社会救助、养老服务") and its own cells (usually the guide).
    public struct Group: Hashable, Sendable {
        public var name: String
        public var parties: [Cell]

        public init(name: String, parties: [Cell]) {
            self.name = name
            self.parties = parties
        }
    }

    public var items: [Item] { tasks.flatMap(\.items) }
}

/// Item numbers as the seeds write them: "(1)", "（25）", "1.", "1、".
public enum PlanItemNumber {
    /// The number and the text after it, or nil when the text does not start with a number.
    public static func split(_ text: String) -> (number: Int, text: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var rest = Substring(trimmed)
        let bracketed = rest.first == "(" || rest.first == "（"
        if bracketed { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        if bracketed {
            guard rest.first == ")" || rest.first == "）" else { return nil }
        } else {
            guard rest.first == "." || rest.first == "、" || rest.first == "．" else { return nil }
        }
        rest = rest.dropFirst()
        return (number, rest.trimmingCharacters(in: .whitespaces))
    }

    /// How the plan shows it: (1).
    public static func label(_ number: Int) -> String { "(\(number))" }
}

/// Structural checks of a read plan, in the plan's own words.
public enum WorkPlanChecks {
    public static func problems(_ plan: WorkPlanDraft) -> [String] {
        var problems: [String] = []
        if plan.tasks.isEmpty { problems.append("没有读到任何工作任务。") }
        var seenItems: [Int: String] = [:]
        var seenTasks = Set<Int>()
        for task in plan.tasks {
            if !seenTasks.insert(task.number).inserted { problems.append("工作任务序号\(task.number)出现了两次（不相邻）。") }
            if task.items.isEmpty { problems.append("工作任务\(task.number)“\(task.title)”没有具体事项。") }
            for item in task.items {
                if let earlier = seenItems[item.number] {
                    problems.append("\(item.source)：事项序号\(PlanItemNumber.label(item.number))与\(earlier)重复。")
                }
                seenItems[item.number] = item.source
            }
        }
        return problems
    }
}

import Foundation
