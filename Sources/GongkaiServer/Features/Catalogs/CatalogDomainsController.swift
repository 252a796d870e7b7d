import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/catalogs/domains`: the 26 pilot domains and the site's 其他领域, each with its guiding unit (指导单位),
/// whose guide accounts review township catalogs of the domain. Everyone may look; the admin changes them.
enum CatalogDomainsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try await page(req, staff: staff, errors: nil, newName: "", status: .ok)
    }

    static func page(_ req: Request, staff: Staff, errors: ValidationErrors?, newName: String, status: HTTPResponseStatus) async throws -> Response {
        let domains = try await CatalogStore.domains(siteID: staff.siteID, on: req.db)
        let guides = try await DomainGuideRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).all()
        let units = try await UnitQueries.forSite(staff.siteID, on: req.db).filter { $0.archivedAt == nil && $0.unitKind != .township && $0.unitKind != .village }
        let canManage = staff.can(.manageSite, AccessTarget(siteID: staff.siteID))
        let unitOptions: [(value: String, label: String)] = [("", "（未指定）")] + units.map { ($0.id!.uuidString, $0.name) }
        let e = errors ?? ValidationErrors()
        let html = Layout.render(PageChrome(req: req, title: "领域与指导单位", area: .backOffice)) {
            El("p", ["class": "breadcrumb"]) { A("标准目录", href: SiteURL.adminCatalogs.path) }
            El("h1") { T("领域与指导单位") }
            El("p", ["class": "lead"]) {
                T("26个试点领域（国办发〔2019〕54号）和本县增加的其他领域。指导单位中具有“指导单位”角色的账号审核乡级目录。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminCatalogDomains.path, csrfToken: req.csrfToken) {
                El("div", ["class": "table-wrap", "tabindex": "0"]) {
                    El("table") {
                        El("thead") { El("tr") { for h in ["领域", "类别", "指导单位"] { El("th", ["scope": "col"]) { T(h) } } } }
                        El("tbody") {
                            for domain in domains {
                                let current = guides.first { $0.domainCode == domain.code }?.$unit.id.uuidString ?? ""
                                El("tr") {
                                    El("th", ["scope": "row"]) { T(domain.name) }
                                    El("td") { T(domain.isPilot ? "试点领域" : "其他领域") }
                                    El("td") {
                                        if canManage {
                                            El("label", ["class": "visually-hidden", "for": "guide-\(domain.code)"]) { T("\(domain.name)的指导单位") }
                                            El("select", ["id": "guide-\(domain.code)", "name": "guide[\(domain.code)]"]) {
                                                for option in unitOptions {
                                                    if option.value == current {
                                                        El("option", ["value": option.value, "selected": "selected"]) { T(option.label) }
                                                    } else {
                                                        El("option", ["value": option.value]) { T(option.label) }
                                                    }
                                                }
                                            }
                                        } else {
                                            T(unitOptions.first { $0.value == current }?.label ?? "（未指定）")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if canManage {
                    FieldRow(label: "增加其他领域", name: "newDomain", value: newName, errors: e.messages(for: "newDomain"),
                             hint: "如：政务服务、重大行政决策。不填则只保存指导单位。")
                    SubmitRow(title: "保存")
                }
            }
        }
        return PortalController.html(html, status: status)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        try staff.require(.manageSite, AccessTarget(siteID: staff.siteID))
        let guides = (try? req.content.get([String: String].self, at: "guide")) ?? [:]
        let newName = ((try? req.content.get(String.self, at: "newDomain")) ?? "").trimmingCharacters(in: .whitespaces)
        let domains = try await CatalogStore.domains(siteID: staff.siteID, on: req.db)
        let units = try await UnitQueries.forSite(staff.siteID, on: req.db)
        var errors = ValidationErrors()
        let name = newName.hasSuffix("领域") ? String(newName.dropLast(2)) : newName
        if !newName.isEmpty {
            if name.isEmpty || name.count > 30 { errors.add("newDomain", "领域名称应为1至30个字。") }
            if CatalogDomain.find(name, in: domains) != nil { errors.add("newDomain", "已有“\(name)”领域。") }
        }
        for (code, unit) in guides where !unit.isEmpty {
            if !domains.contains(where: { $0.code == code }) || !units.contains(where: { $0.id?.uuidString == unit }) {
                errors.add("guide", "所选的领域或单位不存在，请刷新页面后重试。")
                break
            }
        }
        guard errors.isEmpty else { return try await page(req, staff: staff, errors: errors, newName: newName, status: .badRequest) }
        let now = req.now
        let actor = staff.auditActor(req)
        try await req.db.transaction { tx in
            let existing = try await DomainGuideRecord.query(on: tx).filter(\.$site.$id == staff.siteID).all()
            var changes: [String] = []
            for domain in domains {
                let wanted = guides[domain.code].flatMap(UUID.init(uuidString:))
                let record = existing.first { $0.domainCode == domain.code }
                guard record?.$unit.id != wanted else { continue }
                let unitName = { (id: UUID?) in id.flatMap { id in units.first { $0.id == id }?.name } ?? "未指定" }
                changes.append("\(domain.name)：\(unitName(record?.$unit.id))→\(unitName(wanted))")
                if let record, let wanted {
                    record.$unit.id = wanted
                    record.updatedAt = now
                    try await record.save(on: tx)
                } else if let record {
                    try await record.delete(on: tx)
                } else if let wanted {
                    let new = DomainGuideRecord()
                    new.$site.id = staff.siteID
                    new.domainCode = domain.code
                    new.$unit.id = wanted
                    new.updatedAt = now
                    try await new.create(on: tx)
                }
            }
            if !newName.isEmpty {
                let record = CatalogDomainRecord()
                record.$site.id = staff.siteID
                record.code = "other-" + String(UUID().uuidString.prefix(8)).lowercased()
                record.name = name
                record.createdAt = now
                try await record.create(on: tx)
                changes.append("增加其他领域“\(name)”")
            }
            if !changes.isEmpty {
                try await AuditLog.record(on: tx, actor: actor, siteID: staff.siteID, action: "catalog.domains.save",
                                          target: .init(type: "catalog-domains", id: staff.siteID.uuidString, label: "领域与指导单位"),
                                          summary: changes.joined(separator: "；"), at: now)
            }
        }
        return req.redirect(to: SiteURL.adminCatalogDomains.path + "?notice=domains-saved")
    }
}
