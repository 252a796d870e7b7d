import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on a work plan's progress: a unit's report on its line, the guiding unit's acceptance or return.
/// The page, the API and any script call these and get the same answer for the same input: each asks the
/// permission rules, runs `ScheduleRules`, then writes through `PlanProgress` in one transaction with its audit event.
enum PlanActions {
    /// Which line of the item: the page names it by key, the API by unit (and domain group where the item has them).
    enum LineChoice: Sendable {
        case key(String)
        case unit(UUID, group: String?)
    }

    struct ReportInput: Sendable {
        var itemNumber: Int
        var line: LineChoice
        /// The lock version the reporter last saw (0 before the first report); nil reports over whatever is there.
        var lockVersion: Int?
        /// `not-started`, `in-progress`, `completed`, or the Chinese label.
        var status: String?
        /// As typed: empty means "derive from the status".
        var percent: String?
        var note: String = ""
        /// Links to the unit's own published work in Gongkai (the paths `evidenceOptions` offers).
        var links: [String] = []
        var files: [(name: String, data: Data)] = []
    }

    struct ReviewInput: Sendable {
        var itemNumber: Int
        var lineKey: String
        var lockVersion: Int?
        /// `accept` or `return`.
        var decision: String?
        var comment: String = ""
    }

    /// The line as it stands after the write.
    struct Outcome: Sendable {
        let itemNumber: Int
        let line: PlanSnapshot.Line
        let unitName: String
        let status: String
        let percent: Int
        let lockVersion: Int
    }

    static func report(_ input: ReportInput, in s: PlanSnapshot, by acting: Acting, at now: Date, files storedFiles: StoredFiles,
                       on db: any Database) async throws -> Outcome {
        let item = try inForce(s, item: input.itemNumber, by: acting)
        let line = try choose(input.line, in: item, s)
        try acting.authorize(.reportProgress, PlanProgress.target(line, siteID: s.siteID))

        var errors = ValidationErrors()
        var evidence: [PlanProgress.Evidence] = []
        if !input.links.isEmpty {
            let options = try await evidenceOptions([line.unitID], siteID: s.siteID, on: db)[line.unitID] ?? []
            for href in input.links where !href.isEmpty {
                if let option = options.first(where: { $0.href == href }) {
                    evidence.append(.init(kind: .link, title: option.title, href: option.href, file: nil))
                } else {
                    errors.add("link", "所选成果不属于\(s.unitName(line.unitID))或已不存在，请重新选择（读到：\(href)）。")
                }
            }
        }
        for file in input.files where !file.data.isEmpty {
            do {
                let stored = try storedFiles.store(file.data, fileName: file.name)
                evidence.append(.init(kind: .file, title: file.name, href: nil, file: stored))
            } catch let refusal as any AbortError {
                errors.add("file", refusal.reason)
            }
        }
        let statusText = (input.status ?? "").trimmingCharacters(in: .whitespaces)
        let status = ReportedStatus(rawValue: statusText) ?? ReportedStatus(label: statusText)
        if status == nil { errors.add("status", "请选择状态：未开始、进行中或已完成。") }
        let percentText = (input.percent ?? "").trimmingCharacters(in: .whitespaces)
        let percent = percentText.isEmpty ? nil : Int(percentText)
        if !percentText.isEmpty && percent == nil { errors.add("percent", "完成比例应为0到100之间的整数（读到：“\(percentText)”）。") }
        guard errors.isEmpty, let status else { throw ActionError.invalid(errors) }

        let report = ProgressReport(status: status, percent: percent, note: input.note, evidenceCount: evidence.count)
        if case .failure(let problems) = try await PlanProgress.report(
            report, line: line, expected: input.lockVersion ?? line.lockVersion, evidence: evidence, snapshot: s,
            actor: acting.audit, via: acting.via.rawValue, now: now, on: db) {
            throw ActionError.invalid(problems, code: "invalid_report")
        }
        return try await outcome(line, item: item, in: s, on: db)
    }

    static func review(_ input: ReviewInput, in s: PlanSnapshot, by acting: Acting, at now: Date, on db: any Database) async throws -> Outcome {
        let item = try inForce(s, item: input.itemNumber, by: acting)
        let line = try choose(.key(input.lineKey), in: item, s)
        try acting.authorize(.acceptProgress, PlanProgress.target(line, siteID: s.siteID))
        guard let decision = input.decision, ["accept", "return"].contains(decision) else {
            throw ActionError.invalid(field: "decision", "请选择“验收通过”或“退回”。")
        }
        if case .failure(let problems) = try await PlanProgress.review(
            accept: decision == "accept", comment: input.comment, line: line, expected: input.lockVersion ?? line.lockVersion,
            snapshot: s, actor: acting.audit, via: acting.via.rawValue, now: now, on: db) {
            throw ActionError.invalid(problems, code: "invalid_review")
        }
        return try await outcome(line, item: item, in: s, on: db)
    }

    /// The units' published catalogs, offered as evidence (e.g. for 编制26个领域政务公开事项目录).
    static func evidenceOptions(_ units: Set<UUID>, siteID: UUID, on db: any Database) async throws -> [UUID: [(title: String, href: String)]] {
        guard !units.isEmpty else { return [:] }
        let domains = try await CatalogStore.domains(siteID: siteID, on: db)
        let catalogs = try await CatalogRecord.query(on: db).filter(\.$unit.$id ~~ Array(units)).all()
        guard !catalogs.isEmpty else { return [:] }
        let published = try await CatalogVersionRecord.query(on: db).filter(\.$catalog.$id ~~ catalogs.compactMap(\.id))
            .filter(\.$status == CatalogStatus.published.rawValue).all()
        var result: [UUID: [(String, String)]] = [:]
        for version in published {
            guard let catalog = catalogs.first(where: { $0.id == version.$catalog.id }) else { continue }
            let domain = domains.first { $0.code == catalog.domainCode }?.name ?? catalog.domainCode
            result[catalog.$unit.id, default: []].append(("已发布的标准目录：\(domain)（\(catalog.catalogLevel.label)，第\(version.number)版）",
                                                          SiteURL.adminCatalog(catalog.id!).path(.version(version.number))))
        }
        return result.mapValues { $0.sorted { $0.0 < $1.0 }.map { (title: $0.0, href: $0.1) } }
    }

    // MARK: - Steps shared by the actions

    /// Whether `report` would let the actor report this line (for the page to offer its form).
    static func mayReport(_ line: PlanSnapshot.Line, in s: PlanSnapshot, by acting: Acting) -> Bool {
        acting.may(.reportProgress, PlanProgress.target(line, siteID: s.siteID))
    }

    /// Whether `review` would let the actor accept or return this line.
    static func mayAccept(_ line: PlanSnapshot.Line, in s: PlanSnapshot, by acting: Acting) -> Bool {
        acting.may(.acceptProgress, PlanProgress.target(line, siteID: s.siteID))
    }

    private static func inForce(_ s: PlanSnapshot, item number: Int, by acting: Acting) throws(ActionError) -> PlanSnapshot.Item {
        guard s.siteID == acting.access.siteID else { throw .notFound("本站点没有这个工作方案。") }
        if let archived = s.archived {
            throw .conflict("该工作方案已于\(ChineseTime.date(archived.at))撤销（\(archived.reason)），不能再报告或验收。", code: "plan_withdrawn")
        }
        guard let item = s.item(number: number) else { throw .notFound("本方案没有这个具体事项。") }
        return item
    }

    private static func choose(_ choice: LineChoice, in item: PlanSnapshot.Item, _ s: PlanSnapshot) throws(ActionError) -> PlanSnapshot.Line {
        switch choice {
        case .key(let key):
            guard let line = item.lines.first(where: { $0.key == key }) else { throw .notFound("本事项没有这条进度。") }
            return line
        case .unit(let unitID, let group):
            let candidates = item.lines.filter { $0.unitID == unitID && (group == nil || $0.groupName == group) }
            guard let line = candidates.first else {
                throw .notFound("\(s.unitName(unitID))不是该事项的责任单位" + (group.map { "（领域：\($0)）" } ?? "") + "。",
                                code: "line_not_found", field: "unitID")
            }
            guard candidates.count == 1 else {
                throw .invalid(ValidationErrors(field: "group", message: "该事项按领域分工，请用 group 指定领域："
                                                + candidates.compactMap(\.groupName).joined(separator: "、") + "。"), code: "group_required")
            }
            return line
        }
    }

    private static func outcome(_ line: PlanSnapshot.Line, item: PlanSnapshot.Item, in s: PlanSnapshot, on db: any Database) async throws -> Outcome {
        let row = try await PlanProgressRecord.query(on: db).filter(\.$lineKey == line.key).first()
        return Outcome(itemNumber: item.number, line: line, unitName: s.unitName(line.unitID), status: row?.status ?? line.state.reported.rawValue,
                       percent: row?.percent ?? 0, lockVersion: row?.lockVersion ?? 0)
    }
}
