import Foundation

/// The sections of a site's public portal: the 政府信息公开 column set of 国办公开办函〔2019〕61号 and the
/// entries the seeds ask for (统一的办事服务入口和互动交流入口). Path segments follow the pinyin
/// abbreviations Chinese government sites use.
enum PortalSection: String, CaseIterable, Sendable {
    case guide = "zhinan"
    case system = "zhidu"
    case statutory = "fdzdgknr"
    case annualReports = "nianbao"
    case apply = "yishenqing"
    case services = "banshi"
    case interaction = "hudong"

    var title: String {
        switch self {
        case .guide: "政府信息公开指南"
        case .system: "政府信息公开制度"
        case .statutory: "法定主动公开内容"
        case .annualReports: "政府信息公开年报"
        case .apply: "依申请公开"
        case .services: "办事服务"
        case .interaction: "互动交流"
        }
    }

    /// The four columns of the 政府信息公开 platform, in their official order.
    static let disclosureColumns: [PortalSection] = [.guide, .system, .statutory, .annualReports]
    static let entries: [PortalSection] = [.apply, .services, .interaction]
}

/// Every path of the application, so that a link can only name a route that exists (`PortalAndAPITests`,
/// "every SiteURL names a route that exists", checks each against the router).
enum SiteURL: Sendable {
    case home
    case site(slug: String)
    case section(slug: String, PortalSection)
    case textSize(large: Bool, back: String)
    case adminLogin(next: String?)
    case adminLogout
    case admin
    case adminUnits
    case adminUnitNew(parent: UUID?)
    case adminUnitEdit(UUID)
    case adminUnitArchive(UUID)
    case adminUsers
    case adminUserNew
    case adminUser(UUID)
    case adminTokens
    case adminTokenRevoke(UUID)
    case adminAudit(query: String?)
    case adminAuditExport(query: String?)
    case adminCalendar
    case adminCalendarYear(Int)
    case adminCalendarNew(year: Int?)
    case adminCalendarUpload
    case adminCalendarRestore(Int)
    case publicDeadlines(slug: String, year: Int?)
    case adminCatalogs
    case adminCatalogNew
    case adminCatalogImport
    case adminCatalogDomains
    case adminCatalog(UUID, query: String? = nil)
    case adminCatalogEntryNew(UUID)
    case adminCatalogEntry(UUID, entry: UUID)
    case adminCatalogEntryAction(UUID, entry: UUID, action: String)
    case adminCatalogAction(UUID)
    case adminCatalogDownload(UUID, version: Int, format: String)
    case publicCatalogDownload(slug: String, catalog: UUID, format: String)
    case adminPlans
    case adminPlanImport
    case adminPlan(UUID, query: String? = nil)
    case adminPlanTimeline(UUID)
    case adminPlanMatrix(UUID)
    case adminPlanEvents(UUID)
    case adminPlanArchive(UUID)
    case adminPlanExport(UUID)
    case adminPlanItem(UUID, number: Int)
    case adminPlanItemReport(UUID, number: Int)
    case adminPlanItemReview(UUID, number: Int)
    case adminPlanEvidence(UUID, evidence: UUID)
    case adminNotifications
    case adminContentCheck
    case adminSensitiveWords
    case adminSensitiveWordRemove(UUID)
    case adminNotificationsRead
    case apiPlans
    case apiPlan(UUID)
    case apiPlanReports(UUID, item: Int)
    case adminPublications(query: String? = nil)
    case adminPublicationNew(query: String? = nil)
    case adminPublication(UUID)
    case adminPublicationEdit(UUID)
    case adminPublicationAction(UUID)
    case adminPublicationAttachments(UUID)
    case adminPublicationAttachmentRemove(UUID, attachment: UUID)
    case adminPublicationFile(UUID, attachment: UUID)
    case adminPublicationMask(UUID)
    case adminSubscriptions
    case adminOutboxRetry(UUID)
    case adminWebhookHosts
    case adminGuide
    case publications(slug: String, query: String? = nil)
    case publication(slug: String, UUID, version: Int? = nil)
    case publicationFile(slug: String, UUID, attachment: UUID)
    case search(slug: String, query: String? = nil)
    case unitPage(slug: String, UUID)
    case entryPage(slug: String, key: String)
    case subscribe(slug: String, query: String? = nil)
    case subscriptionCancel(token: String)
    case subscriptionConfirm(token: String)
    case requestApply(slug: String)
    case requestTrack(slug: String, code: String?)
    case adminRequests(query: String? = nil)
    case adminRequestNew
    case adminRequestReport(query: String?)
    case adminRequestReportFile(query: String?)
    case adminRequest(UUID)
    case adminRequestEvents(UUID)
    case adminRequestLetter(UUID, position: Int)
    case adminRequestLetterFile(UUID, position: Int)
    case adminRequestFile(UUID, file: UUID)
    case adminRequestProactive(UUID)
    case adminRequestAppeals(UUID)
    case adminRequestAppeal(UUID, appeal: UUID)
    case adminRequestMailResend(UUID, mail: UUID)
    case adminRequestTemplates
    case adminRequestTemplate(key: String)
    case adminRequestOverview
    case requestLetter(slug: String, code: String, position: Int)
    case requestLetterFile(slug: String, code: String, position: Int)
    case requestFile(slug: String, code: String, file: UUID)
    case feed(slug: String, scope: FeedScope)
    case sitemap
    case apiPublications(query: String? = nil)
    case apiPublication(UUID)
    case apiPublicationPublish(UUID)
    case apiSearch(query: String? = nil)
    case asset(String)
    case healthz
    case metrics
    case apiOpenAPI
    case apiSites
    case apiSiteUnits(slug: String)
    case apiMe

    var path: String {
        switch self {
        case .home: "/"
        case .site(let slug): "/sites/\(slug)/"
        case .section(let slug, let section): "/sites/\(slug)/\(section.rawValue)"
        case .textSize(let large, let back): "/prefs/text-size?large=\(large ? 1 : 0)&back=\(Self.escape(back))"
        case .adminLogin(let next): "/admin/login" + (next.map { "?next=\(Self.escape($0))" } ?? "")
        case .adminLogout: "/admin/logout"
        case .admin: "/admin"
        case .adminUnits: "/admin/units"
        case .adminUnitNew(let parent): "/admin/units/new" + (parent.map { "?parent=\($0.uuidString)" } ?? "")
        case .adminUnitEdit(let id): "/admin/units/\(id.uuidString)"
        case .adminUnitArchive(let id): "/admin/units/\(id.uuidString)/archive"
        case .adminUsers: "/admin/users"
        case .adminUserNew: "/admin/users/new"
        case .adminUser(let id): "/admin/users/\(id.uuidString)"
        case .adminTokens: "/admin/tokens"
        case .adminTokenRevoke(let id): "/admin/tokens/\(id.uuidString)/revoke"
        case .adminAudit(let query): "/admin/audit" + (query.map { "?" + $0 } ?? "")
        case .adminAuditExport(let query): "/admin/audit/export.csv" + (query.map { "?" + $0 } ?? "")
        case .adminCalendar: "/admin/calendar"
        case .adminCalendarYear(let year): "/admin/calendar/\(year)"
        case .adminCalendarNew(let year): "/admin/calendar/new" + (year.map { "?year=\($0)" } ?? "")
        case .adminCalendarUpload: "/admin/calendar/upload"
        case .adminCalendarRestore(let year): "/admin/calendar/\(year)/restore"
        case .publicDeadlines(let slug, let year): "/sites/\(slug)/gongzuori" + (year.map { "?year=\($0)" } ?? "")
        case .adminCatalogs: "/admin/catalogs"
        case .adminCatalogNew: "/admin/catalogs/new"
        case .adminCatalogImport: "/admin/catalogs/import"
        case .adminCatalogDomains: "/admin/catalogs/domains"
        case .adminCatalog(let id, let query): "/admin/catalogs/\(id.uuidString)" + (query.map { "?" + $0 } ?? "")
        case .adminCatalogEntryNew(let id): "/admin/catalogs/\(id.uuidString)/entries/new"
        case .adminCatalogEntry(let id, let entry): "/admin/catalogs/\(id.uuidString)/entries/\(entry.uuidString)"
        case .adminCatalogEntryAction(let id, let entry, let action): "/admin/catalogs/\(id.uuidString)/entries/\(entry.uuidString)/\(action)"
        case .adminCatalogAction(let id): "/admin/catalogs/\(id.uuidString)/actions"
        case .adminCatalogDownload(let id, let version, let format): "/admin/catalogs/\(id.uuidString)/versions/\(version)/download.\(format)"
        case .publicCatalogDownload(let slug, let catalog, let format): "/sites/\(slug)/mulu/\(catalog.uuidString).\(format)"
        case .adminPlans: "/admin/plans"
        case .adminPlanImport: "/admin/plans/import"
        case .adminPlan(let id, let query): "/admin/plans/\(id.uuidString)" + (query.map { "?" + $0 } ?? "")
        case .adminPlanTimeline(let id): "/admin/plans/\(id.uuidString)/timeline"
        case .adminPlanMatrix(let id): "/admin/plans/\(id.uuidString)/matrix"
        case .adminPlanEvents(let id): "/admin/plans/\(id.uuidString)/events"
        case .adminPlanArchive(let id): "/admin/plans/\(id.uuidString)/archive"
        case .adminPlanExport(let id): "/admin/plans/\(id.uuidString)/export.xlsx"
        case .adminPlanItem(let id, let number): "/admin/plans/\(id.uuidString)/items/\(number)"
        case .adminPlanItemReport(let id, let number): "/admin/plans/\(id.uuidString)/items/\(number)/report"
        case .adminPlanItemReview(let id, let number): "/admin/plans/\(id.uuidString)/items/\(number)/review"
        case .adminPlanEvidence(let id, let evidence): "/admin/plans/\(id.uuidString)/evidence/\(evidence.uuidString)"
        case .adminNotifications: "/admin/notifications"
        case .adminContentCheck: "/admin/content-check"
        case .adminSensitiveWords: "/admin/content-check/words"
        case .adminSensitiveWordRemove(let id): "/admin/content-check/words/\(id.uuidString)/remove"
        case .adminNotificationsRead: "/admin/notifications/read"
        case .apiPlans: "/api/v1/plans"
        case .apiPlan(let id): "/api/v1/plans/\(id.uuidString)"
        case .apiPlanReports(let id, let item): "/api/v1/plans/\(id.uuidString)/items/\(item)/reports"
        case .adminPublications(let query): "/admin/publications" + (query.map { "?" + $0 } ?? "")
        case .adminPublicationNew(let query): "/admin/publications/new" + (query.map { "?" + $0 } ?? "")
        case .adminPublication(let id): "/admin/publications/\(id.uuidString)"
        case .adminPublicationEdit(let id): "/admin/publications/\(id.uuidString)/edit"
        case .adminPublicationAction(let id): "/admin/publications/\(id.uuidString)/actions"
        case .adminPublicationAttachments(let id): "/admin/publications/\(id.uuidString)/attachments"
        case .adminPublicationAttachmentRemove(let id, let attachment): "/admin/publications/\(id.uuidString)/attachments/\(attachment.uuidString)/remove"
        case .adminPublicationFile(let id, let attachment): "/admin/publications/\(id.uuidString)/files/\(attachment.uuidString)"
        case .adminPublicationMask(let id): "/admin/publications/\(id.uuidString)/mask"
        case .adminSubscriptions: "/admin/subscriptions"
        case .adminOutboxRetry(let id): "/admin/subscriptions/outbox/\(id.uuidString)/retry"
        case .adminWebhookHosts: "/admin/subscriptions/allowed-hosts"
        case .adminGuide: "/admin/guide"
        case .publications(let slug, let query): "/sites/\(slug)/xinxi" + (query.map { "?" + $0 } ?? "")
        case .publication(let slug, let id, let version): "/sites/\(slug)/xinxi/\(id.uuidString)" + (version.map { "?version=\($0)" } ?? "")
        case .publicationFile(let slug, let id, let attachment): "/sites/\(slug)/xinxi/\(id.uuidString)/fujian/\(attachment.uuidString)"
        case .search(let slug, let query): "/sites/\(slug)/sousuo" + (query.map { "?" + $0 } ?? "")
        case .unitPage(let slug, let id): "/sites/\(slug)/danwei/\(id.uuidString)"
        case .entryPage(let slug, let key): "/sites/\(slug)/shixiang/\(key)"
        case .subscribe(let slug, let query): "/sites/\(slug)/dingyue" + (query.map { "?" + $0 } ?? "")
        case .subscriptionCancel(let token): "/dingyue/\(token)/cancel"
        case .subscriptionConfirm(let token): "/dingyue/\(token)/confirm"
        case .requestApply(let slug): "/sites/\(slug)/yishenqing/shenqing"
        case .requestTrack(let slug, let code): "/sites/\(slug)/yishenqing/chaxun" + (code.map { "?code=" + $0 } ?? "")
        case .adminRequests(let query): "/admin/requests" + (query.map { "?" + $0 } ?? "")
        case .adminRequestNew: "/admin/requests/new"
        case .adminRequestReport(let query): "/admin/requests/report" + (query.map { "?" + $0 } ?? "")
        case .adminRequestReportFile(let query): "/admin/requests/report.xlsx" + (query.map { "?" + $0 } ?? "")
        case .adminRequest(let id): "/admin/requests/\(id.uuidString)"
        case .adminRequestEvents(let id): "/admin/requests/\(id.uuidString)/events"
        case .adminRequestLetter(let id, let position): "/admin/requests/\(id.uuidString)/letters/\(position)"
        case .adminRequestLetterFile(let id, let position): "/admin/requests/\(id.uuidString)/letters/\(position)/docx"
        case .adminRequestFile(let id, let file): "/admin/requests/\(id.uuidString)/files/\(file.uuidString)"
        case .adminRequestProactive(let id): "/admin/requests/\(id.uuidString)/proactive"
        case .adminRequestAppeals(let id): "/admin/requests/\(id.uuidString)/appeals"
        case .adminRequestAppeal(let id, let appeal): "/admin/requests/\(id.uuidString)/appeals/\(appeal.uuidString)"
        case .adminRequestMailResend(let id, let mail): "/admin/requests/\(id.uuidString)/mails/\(mail.uuidString)/resend"
        case .adminRequestTemplates: "/admin/requests/templates"
        case .adminRequestTemplate(let key): "/admin/requests/templates/\(key)"
        case .adminRequestOverview: "/admin/requests/overview"
        case .requestLetter(let slug, let code, let position): "/sites/\(slug)/yishenqing/dahan/\(code)/\(position)"
        case .requestLetterFile(let slug, let code, let position): "/sites/\(slug)/yishenqing/dahan/\(code)/\(position)/docx"
        case .requestFile(let slug, let code, let file): "/sites/\(slug)/yishenqing/wenjian/\(code)/\(file.uuidString)"
        case .feed(let slug, let scope): "/feeds/\(slug)/\(scope.pathPart).atom"
        case .sitemap: "/sitemap.xml"
        case .apiPublications(let query): "/api/v1/publications" + (query.map { "?" + $0 } ?? "")
        case .apiPublication(let id): "/api/v1/publications/\(id.uuidString)"
        case .apiPublicationPublish(let id): "/api/v1/publications/\(id.uuidString)/publish"
        case .apiSearch(let query): "/api/v1/search" + (query.map { "?" + $0 } ?? "")
        case .asset(let name): "/assets/\(name)"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .apiOpenAPI: "/api/v1/openapi.json"
        case .apiSites: "/api/v1/sites"
        case .apiSiteUnits(let slug): "/api/v1/sites/\(slug)/units"
        case .apiMe: "/api/v1/me"
        }
    }

    /// Builds a query string from the non-empty pairs, escaped.
    static func query(_ pairs: [(String, String?)]) -> String? {
        let parts = pairs.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(key)=\(escape(value))"
        }
        return parts.isEmpty ? nil : parts.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Only same-site relative paths may be used as a "come back here" target (no open redirects).
    static func safeBackPath(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.count <= 2000 else { return fallback }
        // Browsers drop tabs and line breaks inside a URL and read "\" as "/": "/\t/evil.example" becomes
        // "//evil.example", another site. Judge the text as written and once decoded, and refuse anything invisible.
        for text in [candidate, candidate.removingPercentEncoding ?? candidate] {
            let scalars = Array(text.unicodeScalars)
            guard scalars.first == "/", scalars.count < 2 || (scalars[1] != "/" && scalars[1] != "\\"),
                  !scalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
                      || $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
                      || $0.properties.generalCategory == .paragraphSeparator })
            else { return fallback }
        }
        return candidate
    }
}

/// What an Atom feed follows: the whole site, a unit, a domain or a catalog entry (精准推送).
enum FeedScope: Sendable, Hashable {
    case site
    case unit(UUID)
    case domain(String)
    case entry(String)

    var pathPart: String {
        switch self {
        case .site: "all"
        case .unit(let id): "unit/\(id.uuidString)"
        case .domain(let code): "domain/\(code)"
        case .entry(let key): "entry/\(key)"
        }
    }

    /// The subscription table's (scope, scope_id).
    var stored: (String, String) {
        switch self {
        case .site: ("site", "")
        case .unit(let id): ("unit", id.uuidString)
        case .domain(let code): ("domain", code)
        case .entry(let key): ("entry", key)
        }
    }

    init?(scope: String, id: String) {
        switch scope {
        case "site", "all": self = .site
        case "unit": guard let uuid = UUID(uuidString: id) else { return nil }; self = .unit(uuid)
        case "domain": guard !id.isEmpty, id.count < 60, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }; self = .domain(id)
        case "entry": guard id.count > 37, UUID(uuidString: String(id.prefix(36))) != nil, id.count < 60 else { return nil }; self = .entry(id)
        default: return nil
        }
    }
}
