import GongkaiCore
import Foundation

/// The sections of a site's public portal: the 政府信息公开 column set of 国办公开办函〔2019〕61号 and the
/// entries the seeds ask for (统一的办事服务入口和互动交流入口). Path segments follow the pinyin
/// abbreviations Chinese government sites use.
package enum PortalSection: String, CaseIterable, Sendable {
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

/// Every path of the application, written once: a case's `parts` give both the link (`path`) and the route that
/// answers it (`pattern`, registered in `routes.swift`), and the API's are the OpenAPI document's keys
/// (`openAPIPath`). `SiteURLTests` checks every case against the router. A link's query is typed (`QueryItem`).
package enum SiteURL: Sendable, Hashable {
    case home
    case site(slug: String)
    /// A portal section; 依申请公开 has a page of its own, the others share one route.
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
    case adminAudit
    case adminAuditExport
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
    case adminCatalog(UUID)
    case adminCatalogEntryNew(UUID)
    case adminCatalogEntry(UUID, entry: UUID)
    case adminCatalogEntryAction(UUID, entry: UUID, action: String)
    case adminCatalogAction(UUID)
    case adminCatalogDownload(UUID, version: Int, format: String)
    case publicCatalogDownload(slug: String, catalog: UUID, format: String)
    case adminLists
    case adminListImport
    case adminList(UUID)
    case adminListAction(UUID)
    case adminListDownload(UUID, version: Int, format: String)
    case adminListRowNew(UUID)
    case adminListRow(UUID, position: Int)
    case adminListRowRemove(UUID, position: Int)
    case publicLists(slug: String, kind: DutyListKind)
    case publicList(slug: String, kind: DutyListKind, UUID)
    case publicListDownload(slug: String, kind: DutyListKind, UUID, format: String)
    case apiDutyLists
    case adminServices
    case adminServiceNew
    case adminService(UUID)
    case adminServiceEdit(UUID)
    case adminServiceAction(UUID)
    case publicService(slug: String, UUID)
    case adminPlans
    case adminPlanImport
    case adminPlan(UUID)
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
    case adminNotificationsRead
    case adminContentCheck
    case adminSensitiveWords
    case adminSensitiveWordRemove(UUID)
    case adminPublications
    case adminPublicationNew
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
    case adminSite
    case publications(slug: String)
    case publication(slug: String, UUID, version: Int? = nil)
    case publicationFile(slug: String, UUID, attachment: UUID)
    case search(slug: String)
    case unitPage(slug: String, UUID)
    case entryPage(slug: String, key: String)
    case subscribe(slug: String)
    /// 联系我们 and 网站地图, linked from every portal page's footer.
    case siteContact(slug: String)
    case siteMap(slug: String)
    case subscriptionCancel(token: String)
    case subscriptionConfirm(token: String)
    case requestApply(slug: String)
    case requestTrack(slug: String, code: String?)
    case requestLetter(slug: String, code: String, position: Int)
    case requestLetterFile(slug: String, code: String, position: Int)
    case requestFile(slug: String, code: String, file: UUID)
    case adminRequests
    case adminRequestNew
    case adminRequestReport
    case adminRequestReportFile
    case adminRequestOverview
    case adminRequestTemplates
    case adminRequestTemplate(key: String)
    case adminRequest(UUID)
    case adminRequestEvents(UUID)
    case adminRequestLetter(UUID, position: Int)
    case adminRequestLetterFile(UUID, position: Int)
    case adminRequestFile(UUID, file: UUID)
    case adminRequestProactive(UUID)
    case adminRequestAppeals(UUID)
    case adminRequestAppeal(UUID, appeal: UUID)
    case adminRequestMailResend(UUID, mail: UUID)
    case feed(slug: String, scope: FeedScope)
    /// Every site's latest, for the platform's front page.
    case feedAllSites
    case sitemap
    case asset(String)
    case healthz
    case metrics
    case apiOpenAPI
    case apiSites
    case apiSiteUnits(slug: String)
    case apiMe
    case apiCalendarDays
    case apiDeadline
    case apiTimeLimit
    case apiCatalogs
    case apiCatalog(UUID)
    case apiCatalogEntries
    case apiPublications
    case apiPublication(UUID)
    case apiPublicationPublish(UUID)
    case apiSearch
    case apiRequests
    case apiRequestTrack(code: String)
    case apiRequest(UUID)
    case apiRequestEvents(UUID)
    case apiPlans
    case apiPlan(UUID)
    case apiPlanReports(UUID, item: Int)

    /// The path, segment by segment: text, or a value the route reads as a named parameter.
    var parts: [PathPart] {
        switch self {
        case .home: []
        case .site(let slug): ["sites", .slug(slug)]
        case .section(let slug, .apply): ["sites", .slug(slug), "yishenqing"]
        case .section(let slug, .services): ["sites", .slug(slug), "banshi"]
        case .section(let slug, let section): ["sites", .slug(slug), .value(section.rawValue, named: "section")]
        case .textSize: ["prefs", "text-size"]
        case .adminLogin: ["admin", "login"]
        case .adminLogout: ["admin", "logout"]
        case .admin: ["admin"]
        case .adminUnits: ["admin", "units"]
        case .adminUnitNew: ["admin", "units", "new"]
        case .adminUnitEdit(let id): ["admin", "units", .id(id)]
        case .adminUnitArchive(let id): ["admin", "units", .id(id), "archive"]
        case .adminUsers: ["admin", "users"]
        case .adminUserNew: ["admin", "users", "new"]
        case .adminUser(let id): ["admin", "users", .id(id)]
        case .adminTokens: ["admin", "tokens"]
        case .adminTokenRevoke(let id): ["admin", "tokens", .id(id), "revoke"]
        case .adminAudit: ["admin", "audit"]
        case .adminAuditExport: ["admin", "audit", "export.csv"]
        case .adminCalendar: ["admin", "calendar"]
        case .adminCalendarYear(let year): ["admin", "calendar", .value(year, named: "year")]
        case .adminCalendarNew: ["admin", "calendar", "new"]
        case .adminCalendarUpload: ["admin", "calendar", "upload"]
        case .adminCalendarRestore(let year): ["admin", "calendar", .value(year, named: "year"), "restore"]
        case .publicDeadlines(let slug, _): ["sites", .slug(slug), "gongzuori"]
        case .adminCatalogs: ["admin", "catalogs"]
        case .adminCatalogNew: ["admin", "catalogs", "new"]
        case .adminCatalogImport: ["admin", "catalogs", "import"]
        case .adminCatalogDomains: ["admin", "catalogs", "domains"]
        case .adminCatalog(let id): ["admin", "catalogs", .id(id)]
        case .adminCatalogEntryNew(let id): ["admin", "catalogs", .id(id), "entries", "new"]
        case .adminCatalogEntry(let id, let entry): ["admin", "catalogs", .id(id), "entries", .value(entry, named: "entry")]
        case .adminCatalogEntryAction(let id, let entry, let action):
            ["admin", "catalogs", .id(id), "entries", .value(entry, named: "entry"), .value(action, named: "action")]
        case .adminCatalogAction(let id): ["admin", "catalogs", .id(id), "actions"]
        case .adminCatalogDownload(let id, let version, let format):
            ["admin", "catalogs", .id(id), "versions", .value(version, named: "number"), .value("download.\(format)", named: "file")]
        case .publicCatalogDownload(let slug, let catalog, let format):
            ["sites", .slug(slug), "mulu", .value("\(catalog.uuidString).\(format)", named: "file")]
        case .adminLists: ["admin", "lists"]
        case .adminListImport: ["admin", "lists", "import"]
        case .adminList(let id): ["admin", "lists", .id(id)]
        case .adminListAction(let id): ["admin", "lists", .id(id), "actions"]
        case .adminListDownload(let id, let version, let format):
            ["admin", "lists", .id(id), "versions", .value(version, named: "number"), .value("download.\(format)", named: "file")]
        case .adminListRowNew(let id): ["admin", "lists", .id(id), "rows", "new"]
        case .adminListRow(let id, let position): ["admin", "lists", .id(id), "rows", .value(position, named: "position")]
        case .adminListRowRemove(let id, let position): ["admin", "lists", .id(id), "rows", .value(position, named: "position"), "remove"]
        case .publicLists(let slug, let kind): ["sites", .slug(slug), "banshi", "qingdan", .value(kind.pathName, named: "kind")]
        case .publicList(let slug, let kind, let id): ["sites", .slug(slug), "banshi", "qingdan", .value(kind.pathName, named: "kind"), .id(id)]
        case .publicListDownload(let slug, let kind, let id, let format):
            ["sites", .slug(slug), "banshi", "qingdan", .value(kind.pathName, named: "kind"), .id(id), .value("download.\(format)", named: "file")]
        case .apiDutyLists: ["api", "v1", "power-lists"]
        case .adminServices: ["admin", "services"]
        case .adminServiceNew: ["admin", "services", "new"]
        case .adminService(let id): ["admin", "services", .id(id)]
        case .adminServiceEdit(let id): ["admin", "services", .id(id), "edit"]
        case .adminServiceAction(let id): ["admin", "services", .id(id), "actions"]
        case .publicService(let slug, let id): ["sites", .slug(slug), "banshi", "zhinan", .id(id)]
        case .adminPlans: ["admin", "plans"]
        case .adminPlanImport: ["admin", "plans", "import"]
        case .adminPlan(let id): ["admin", "plans", .id(id)]
        case .adminPlanTimeline(let id): ["admin", "plans", .id(id), "timeline"]
        case .adminPlanMatrix(let id): ["admin", "plans", .id(id), "matrix"]
        case .adminPlanEvents(let id): ["admin", "plans", .id(id), "events"]
        case .adminPlanArchive(let id): ["admin", "plans", .id(id), "archive"]
        case .adminPlanExport(let id): ["admin", "plans", .id(id), "export.xlsx"]
        case .adminPlanItem(let id, let number): ["admin", "plans", .id(id), "items", .value(number, named: "number")]
        case .adminPlanItemReport(let id, let number): ["admin", "plans", .id(id), "items", .value(number, named: "number"), "report"]
        case .adminPlanItemReview(let id, let number): ["admin", "plans", .id(id), "items", .value(number, named: "number"), "review"]
        case .adminPlanEvidence(let id, let evidence): ["admin", "plans", .id(id), "evidence", .value(evidence, named: "evidence")]
        case .adminNotifications: ["admin", "notifications"]
        case .adminNotificationsRead: ["admin", "notifications", "read"]
        case .adminContentCheck: ["admin", "content-check"]
        case .adminSensitiveWords: ["admin", "content-check", "words"]
        case .adminSensitiveWordRemove(let id): ["admin", "content-check", "words", .id(id), "remove"]
        case .adminPublications: ["admin", "publications"]
        case .adminPublicationNew: ["admin", "publications", "new"]
        case .adminPublication(let id): ["admin", "publications", .id(id)]
        case .adminPublicationEdit(let id): ["admin", "publications", .id(id), "edit"]
        case .adminPublicationAction(let id): ["admin", "publications", .id(id), "actions"]
        case .adminPublicationAttachments(let id): ["admin", "publications", .id(id), "attachments"]
        case .adminPublicationAttachmentRemove(let id, let attachment):
            ["admin", "publications", .id(id), "attachments", .value(attachment, named: "attachment"), "remove"]
        case .adminPublicationFile(let id, let attachment): ["admin", "publications", .id(id), "files", .value(attachment, named: "attachment")]
        case .adminPublicationMask(let id): ["admin", "publications", .id(id), "mask"]
        case .adminSubscriptions: ["admin", "subscriptions"]
        case .adminOutboxRetry(let id): ["admin", "subscriptions", "outbox", .id(id), "retry"]
        case .adminWebhookHosts: ["admin", "subscriptions", "allowed-hosts"]
        case .adminGuide: ["admin", "guide"]
        case .adminSite: ["admin", "site"]
        case .publications(let slug): ["sites", .slug(slug), "xinxi"]
        case .publication(let slug, let id, _): ["sites", .slug(slug), "xinxi", .id(id)]
        case .publicationFile(let slug, let id, let attachment): ["sites", .slug(slug), "xinxi", .id(id), "fujian", .value(attachment, named: "attachment")]
        case .search(let slug): ["sites", .slug(slug), "sousuo"]
        case .unitPage(let slug, let id): ["sites", .slug(slug), "danwei", .id(id)]
        case .entryPage(let slug, let key): ["sites", .slug(slug), "shixiang", .value(key, named: "key")]
        case .subscribe(let slug): ["sites", .slug(slug), "dingyue"]
        case .siteContact(let slug): ["sites", .slug(slug), "lianxi"]
        case .siteMap(let slug): ["sites", .slug(slug), "wzdt"]
        case .subscriptionCancel(let token): ["dingyue", .value(token, named: "token"), "cancel"]
        case .subscriptionConfirm(let token): ["dingyue", .value(token, named: "token"), "confirm"]
        case .requestApply(let slug): ["sites", .slug(slug), "yishenqing", "shenqing"]
        case .requestTrack(let slug, _): ["sites", .slug(slug), "yishenqing", "chaxun"]
        case .requestLetter(let slug, let code, let position):
            ["sites", .slug(slug), "yishenqing", "dahan", .value(code, named: "code"), .value(position, named: "position")]
        case .requestLetterFile(let slug, let code, let position):
            ["sites", .slug(slug), "yishenqing", "dahan", .value(code, named: "code"), .value(position, named: "position"), "docx"]
        case .requestFile(let slug, let code, let file):
            ["sites", .slug(slug), "yishenqing", "wenjian", .value(code, named: "code"), .value(file, named: "file")]
        case .adminRequests: ["admin", "requests"]
        case .adminRequestNew: ["admin", "requests", "new"]
        case .adminRequestReport: ["admin", "requests", "report"]
        case .adminRequestReportFile: ["admin", "requests", "report.xlsx"]
        case .adminRequestOverview: ["admin", "requests", "overview"]
        case .adminRequestTemplates: ["admin", "requests", "templates"]
        case .adminRequestTemplate(let key): ["admin", "requests", "templates", .value(key, named: "kind")]
        case .adminRequest(let id): ["admin", "requests", .id(id)]
        case .adminRequestEvents(let id): ["admin", "requests", .id(id), "events"]
        case .adminRequestLetter(let id, let position): ["admin", "requests", .id(id), "letters", .value(position, named: "position")]
        case .adminRequestLetterFile(let id, let position): ["admin", "requests", .id(id), "letters", .value(position, named: "position"), "docx"]
        case .adminRequestFile(let id, let file): ["admin", "requests", .id(id), "files", .value(file, named: "file")]
        case .adminRequestProactive(let id): ["admin", "requests", .id(id), "proactive"]
        case .adminRequestAppeals(let id): ["admin", "requests", .id(id), "appeals"]
        case .adminRequestAppeal(let id, let appeal): ["admin", "requests", .id(id), "appeals", .value(appeal, named: "appeal")]
        case .adminRequestMailResend(let id, let mail): ["admin", "requests", .id(id), "mails", .value(mail, named: "mail"), "resend"]
        // The whole site's feed is one segment (`all.atom`); a unit's, domain's or entry's is two (`unit/{id}.atom`).
        case .feed(let slug, .site): ["feeds", .slug(slug), .value("all.atom", named: "scope")]
        case .feedAllSites: ["feeds", "all.atom"]
        case .feed(let slug, let scope):
            ["feeds", .slug(slug), .value(scope.stored.0, named: "scope"), .value("\(scope.stored.1).atom", named: "file")]
        case .sitemap: ["sitemap.xml"]
        case .asset(let name): ["assets", .value(name, named: "name")]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .apiOpenAPI: ["api", "v1", "openapi.json"]
        case .apiSites: ["api", "v1", "sites"]
        case .apiSiteUnits(let slug): ["api", "v1", "sites", .slug(slug), "units"]
        case .apiMe: ["api", "v1", "me"]
        case .apiCalendarDays: ["api", "v1", "calendar", "days"]
        case .apiDeadline: ["api", "v1", "deadline"]
        case .apiTimeLimit: ["api", "v1", "timelimit"]
        case .apiCatalogs: ["api", "v1", "catalogs"]
        case .apiCatalog(let id): ["api", "v1", "catalogs", .id(id)]
        case .apiCatalogEntries: ["api", "v1", "catalog-entries"]
        case .apiPublications: ["api", "v1", "publications"]
        case .apiPublication(let id): ["api", "v1", "publications", .id(id)]
        case .apiPublicationPublish(let id): ["api", "v1", "publications", .id(id), "publish"]
        case .apiSearch: ["api", "v1", "search"]
        case .apiRequests: ["api", "v1", "requests"]
        case .apiRequestTrack(let code): ["api", "v1", "requests", "track", .value(code, named: "code")]
        case .apiRequest(let id): ["api", "v1", "requests", .id(id)]
        case .apiRequestEvents(let id): ["api", "v1", "requests", .id(id), "events"]
        case .apiPlans: ["api", "v1", "plans"]
        case .apiPlan(let id): ["api", "v1", "plans", .id(id)]
        case .apiPlanReports(let id, let item): ["api", "v1", "plans", .id(id), "items", .value(item, named: "number"), "reports"]
        }
    }

    /// The query items a case carries itself (a page's own options); others are added with `path(_:)`.
    var ownItems: [QueryItem] {
        switch self {
        case .textSize(let large, let back): [.largeText(large), .back(back)]
        case .adminLogin(let next): next.map { [.next($0)] } ?? []
        case .adminUnitNew(let parent): parent.map { [.parent($0)] } ?? []
        case .adminCalendarNew(let year), .publicDeadlines(_, let year): year.map { [.year($0)] } ?? []
        case .publication(_, _, let version): version.map { [.version($0)] } ?? []
        case .requestTrack(_, let code): code.map { [.code($0)] } ?? []
        default: []
        }
    }

    /// The link: `/sites/hukou/xinxi`, with the case's own query items.
    package var path: String { path([]) }

    /// The link with query items (empty ones left out, each escaped) and an optional `#fragment`.
    package func path(_ items: [QueryItem], fragment: String? = nil) -> String {
        let base = "/" + parts.map(\.text).joined(separator: "/") + (isDirectory ? "/" : "")
        let pairs = (ownItems + items).flatMap(\.pairs).filter { !$0.1.isEmpty }
        let query = pairs.isEmpty ? "" : "?" + pairs.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        return base + query + (fragment.map { "#" + $0 } ?? "")
    }

    package func path(_ items: QueryItem..., fragment: String? = nil) -> String { path(items, fragment: fragment) }

    /// A site's home is written with a trailing slash, as the portal has always linked it.
    private var isDirectory: Bool { if case .site = self { true } else { false } }

    /// The route's path as the router spells it: constants and `:name` parameters.
    var pattern: [PathPartPattern] { parts.map(\.pattern) }

    /// The path as the OpenAPI document keys it: `/api/v1/plans/{id}`.
    var openAPIPath: String {
        "/" + parts.map { part in
            switch part {
            case .text(let text): text
            case .value(_, let name): "{\(name)}"
            }
        }.joined(separator: "/")
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

/// One segment of a path: fixed text, or a value that the route reads back by name (`req.parameters.get(name)`).
enum PathPart: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    case value(String, named: String)

    init(stringLiteral text: String) { self = .text(text) }

    static func value(_ number: Int, named name: String) -> PathPart { .value(String(number), named: name) }
    static func value(_ id: UUID, named name: String) -> PathPart { .value(id.uuidString, named: name) }
    static func id(_ id: UUID) -> PathPart { .value(id.uuidString, named: "id") }
    static func slug(_ slug: String) -> PathPart { .value(slug, named: "slug") }

    var text: String {
        switch self {
        case .text(let text): text
        case .value(let value, _): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
        }
    }

    var pattern: PathPartPattern {
        switch self {
        case .text(let text): .constant(text)
        case .value(_, let name): .parameter(name)
        }
    }
}

/// A segment of a route: what Vapor's `PathComponent` says, without importing Vapor here.
enum PathPartPattern: Sendable, Hashable {
    case constant(String)
    case parameter(String)
}

/// Placeholders for a route's parameters when a `SiteURL` registers it (`.adminPlan(.key)`): the value is never
/// read, only the parameter's name.
extension UUID { static let key = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) }
extension Int { static let key = 0 }
extension String { static let key = "key" }

/// One query item of a link, typed: each key is spelled once, here, with the kind of value it takes.
package enum QueryItem: Sendable, Hashable {
    case notice(Notice)
    case page(Int)
    case version(Int)
    case compare(Int)
    case unit(UUID)
    case domain(String)
    case theme(String)
    case year(Int)
    case validity(String)
    case kind(String)
    case text(String)
    case sort(String)
    case interprets(UUID)
    case subscribeTo(FeedScope)
    case showAll
    case next(String)
    case parent(UUID)
    case code(String)
    case largeText(Bool)
    case back(String)
    case action(String)
    case actor(String)
    case target(String)
    case from(String)
    case to(String)
    case site(String)
    case level(String)
    /// The tracking page right after the application was sent (it says so, once).
    case justSubmitted
    /// A long list's page after (older than) or before (newer than) a row: `KeysetCursor.text`.
    case after(String)
    case before(String)
    case state(String)
    /// A new catalog entry's 二级事项, offered from the unit's 清单.
    case level2(String)

    /// As written in the address (a scope is two items: `scope=unit&id=…`).
    var pairs: [(String, String)] {
        switch self {
        case .notice(let notice): [("notice", notice.rawValue)]
        case .page(let page): page > 1 ? [("page", String(page))] : []
        case .version(let version): [("version", String(version))]
        case .compare(let version): [("compare", String(version))]
        case .unit(let id): [("unit", id.uuidString)]
        case .domain(let code): [("domain", code)]
        case .theme(let theme): [("theme", theme)]
        case .year(let year): [("year", String(year))]
        case .validity(let validity): [("validity", validity)]
        case .kind(let kind): [("kind", kind)]
        case .text(let text): [("q", text)]
        case .sort(let sort): [("sort", sort)]
        case .interprets(let id): [("interprets", id.uuidString)]
        case .subscribeTo(let scope): [("scope", scope.stored.0), ("id", scope.stored.1)]
        case .showAll: [("show", "all")]
        case .next(let path): [("next", path)]
        case .parent(let id): [("parent", id.uuidString)]
        case .code(let code): [("code", code)]
        case .largeText(let large): [("large", large ? "1" : "0")]
        case .back(let path): [("back", path)]
        case .action(let action): [("action", action)]
        case .actor(let actor): [("actor", actor)]
        case .target(let target): [("target", target)]
        case .from(let date): [("from", date)]
        case .to(let date): [("to", date)]
        case .site(let slug): [("site", slug)]
        case .level(let level): [("level", level)]
        case .justSubmitted: [("new", "1")]
        case .after(let cursor): [("after", cursor)]
        case .before(let cursor): [("before", cursor)]
        case .state(let state): [("state", state)]
        case .level2(let name): [("level2", name)]
        }
    }
}

/// What an Atom feed follows: the whole site, a unit, a domain or a catalog entry (精准推送).
package enum FeedScope: Sendable, Hashable {
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
