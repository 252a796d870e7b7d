import Foundation
@testable import GongkaiServer
import Testing
import Vapor

/// Every path is written once, in `SiteURL`: the router is built from it, links are built from it, and the OpenAPI
/// document's keys come from it. These tests hold the three together without a database.
@Suite("One source for paths")
struct SiteURLTests {
    static let id = UUID(uuidString: "0A1B2C3D-0000-4000-8000-000000000001")!
    static let other = UUID(uuidString: "0A1B2C3D-0000-4000-8000-000000000002")!

    /// One of each case (two for the feeds, whose scopes take different routes, and for the sections, where
    /// 依申请公开 has a page of its own). `listed(_:)` below does not compile until a new case is added to it, as a
    /// reminder to add it here.
    static let examples: [SiteURL] = [
        .home, .site(slug: "hukou"), .section(slug: "hukou", .guide), .section(slug: "hukou", .apply),
        .textSize(large: true, back: "/sites/hukou/"), .adminLogin(next: "/admin"), .adminLogout, .admin,
        .adminUnits, .adminUnitNew(parent: id), .adminUnitEdit(id), .adminUnitArchive(id),
        .adminUsers, .adminUserNew, .adminUser(id), .adminTokens, .adminTokenRevoke(id), .adminAudit, .adminAuditExport,
        .adminCalendar, .adminCalendarYear(2026), .adminCalendarNew(year: 2027), .adminCalendarUpload, .adminCalendarRestore(2026),
        .publicDeadlines(slug: "hukou", year: 2026),
        .adminCatalogs, .adminCatalogNew, .adminCatalogImport, .adminCatalogDomains, .adminCatalog(id), .adminCatalogEntryNew(id),
        .adminCatalogEntry(id, entry: other), .adminCatalogEntryAction(id, entry: other, action: "remove"), .adminCatalogAction(id),
        .adminCatalogDownload(id, version: 3, format: "xlsx"), .publicCatalogDownload(slug: "hukou", catalog: id, format: "csv"),
        .adminLists, .adminListImport, .adminList(id), .adminListAction(id), .adminListDownload(id, version: 2, format: "csv"),
        .adminListRowNew(id), .adminListRow(id, position: 3), .adminListRowRemove(id, position: 3),
        .section(slug: "hukou", .services), .publicLists(slug: "hukou", kind: .power), .publicList(slug: "hukou", kind: .service, id),
        .publicListDownload(slug: "hukou", kind: .power, id, format: "xlsx"), .apiDutyLists,
        .adminServices, .adminServiceNew, .adminService(id), .adminServiceEdit(id), .adminServiceAction(id), .publicService(slug: "hukou", id),
        .adminPlans, .adminPlanImport, .adminPlan(id), .adminPlanTimeline(id), .adminPlanMatrix(id), .adminPlanEvents(id),
        .adminPlanArchive(id), .adminPlanExport(id), .adminPlanItem(id, number: 4), .adminPlanItemReport(id, number: 4),
        .adminPlanItemReview(id, number: 4), .adminPlanEvidence(id, evidence: other),
        .adminNotifications, .adminNotificationsRead, .adminContentCheck, .adminSensitiveWords, .adminSensitiveWordRemove(id),
        .adminPublications, .adminPublicationNew, .adminPublication(id), .adminPublicationEdit(id), .adminPublicationAction(id),
        .adminPublicationAttachments(id), .adminPublicationAttachmentRemove(id, attachment: other),
        .adminPublicationFile(id, attachment: other), .adminPublicationMask(id),
        .adminSubscriptions, .adminOutboxRetry(id), .adminWebhookHosts, .adminGuide, .adminSite,
        .siteContact(slug: "hukou"), .siteMap(slug: "hukou"),
        .publications(slug: "hukou"), .publication(slug: "hukou", id, version: 2), .publicationFile(slug: "hukou", id, attachment: other),
        .search(slug: "hukou"), .unitPage(slug: "hukou", id), .entryPage(slug: "hukou", key: "\(id.uuidString)-3"),
        .subscribe(slug: "hukou"), .subscriptionCancel(token: "ab12"), .subscriptionConfirm(token: "ab12"),
        .requestApply(slug: "hukou"), .requestTrack(slug: "hukou", code: "K7QX-2M4P"),
        .requestLetter(slug: "hukou", code: "K7QX-2M4P", position: 2), .requestLetterFile(slug: "hukou", code: "K7QX-2M4P", position: 2),
        .requestFile(slug: "hukou", code: "K7QX-2M4P", file: other),
        .adminRequests, .adminRequestNew, .adminRequestReport, .adminRequestReportFile, .adminRequestOverview,
        .adminRequestTemplates, .adminRequestTemplate(key: "reply.disclosed"), .adminRequest(id), .adminRequestEvents(id),
        .adminRequestLetter(id, position: 2), .adminRequestLetterFile(id, position: 2), .adminRequestFile(id, file: other),
        .adminRequestProactive(id), .adminRequestAppeals(id), .adminRequestAppeal(id, appeal: other),
        .adminRequestMailResend(id, mail: other),
        .feed(slug: "hukou", scope: .site), .feed(slug: "hukou", scope: .unit(id)), .feedAllSites, .sitemap, .asset("gongkai.css"),
        .healthz, .metrics, .apiOpenAPI, .apiSites, .apiSiteUnits(slug: "hukou"), .apiMe, .apiCalendarDays, .apiDeadline,
        .apiTimeLimit, .apiCatalogs, .apiCatalog(id), .apiCatalogEntries, .apiPublications, .apiPublication(id),
        .apiPublicationPublish(id), .apiSearch, .apiRequests, .apiRequestTrack(code: "K7QX-2M4P"), .apiRequest(id),
        .apiRequestEvents(id), .apiPlans, .apiPlan(id), .apiPlanReports(id, item: 4),
    ]

    /// Fails to compile when `SiteURL` gains a case: add it here and to `examples`.
    static func listed(_ url: SiteURL) {
        switch url {
        case .home, .site, .section, .textSize, .adminLogin, .adminLogout, .admin, .adminUnits, .adminUnitNew, .adminUnitEdit,
             .adminUnitArchive, .adminUsers, .adminUserNew, .adminUser, .adminTokens, .adminTokenRevoke, .adminAudit,
             .adminAuditExport, .adminCalendar, .adminCalendarYear, .adminCalendarNew, .adminCalendarUpload, .adminCalendarRestore,
             .publicDeadlines, .adminCatalogs, .adminCatalogNew, .adminCatalogImport, .adminCatalogDomains, .adminCatalog,
             .adminCatalogEntryNew, .adminCatalogEntry, .adminCatalogEntryAction, .adminCatalogAction, .adminCatalogDownload,
             .publicCatalogDownload, .adminLists, .adminListImport, .adminList, .adminListAction, .adminListDownload, .adminListRowNew, .adminListRow, .adminListRowRemove,
             .publicLists, .publicList, .publicListDownload, .apiDutyLists,
             .adminServices, .adminServiceNew, .adminService, .adminServiceEdit, .adminServiceAction, .publicService, .adminPlans, .adminPlanImport, .adminPlan, .adminPlanTimeline, .adminPlanMatrix,
             .adminPlanEvents, .adminPlanArchive, .adminPlanExport, .adminPlanItem, .adminPlanItemReport, .adminPlanItemReview,
             .adminPlanEvidence, .adminNotifications, .adminNotificationsRead, .adminContentCheck, .adminSensitiveWords,
             .adminSensitiveWordRemove, .adminPublications, .adminPublicationNew, .adminPublication, .adminPublicationEdit,
             .adminPublicationAction, .adminPublicationAttachments, .adminPublicationAttachmentRemove, .adminPublicationFile,
             .adminPublicationMask, .adminSubscriptions, .adminOutboxRetry, .adminWebhookHosts, .adminGuide, .adminSite, .siteContact, .siteMap, .publications,
             .publication, .publicationFile, .search, .unitPage, .entryPage, .subscribe, .subscriptionCancel,
             .subscriptionConfirm, .requestApply, .requestTrack, .requestLetter, .requestLetterFile, .requestFile,
             .adminRequests, .adminRequestNew, .adminRequestReport, .adminRequestReportFile, .adminRequestOverview,
             .adminRequestTemplates, .adminRequestTemplate, .adminRequest, .adminRequestEvents, .adminRequestLetter,
             .adminRequestLetterFile, .adminRequestFile, .adminRequestProactive, .adminRequestAppeals, .adminRequestAppeal,
             .adminRequestMailResend, .feed, .feedAllSites, .sitemap, .asset, .healthz, .metrics, .apiOpenAPI, .apiSites, .apiSiteUnits,
             .apiMe, .apiCalendarDays, .apiDeadline, .apiTimeLimit, .apiCatalogs, .apiCatalog, .apiCatalogEntries,
             .apiPublications, .apiPublication, .apiPublicationPublish, .apiSearch, .apiRequests, .apiRequestTrack,
             .apiRequest, .apiRequestEvents, .apiPlans, .apiPlan, .apiPlanReports:
            break
        }
    }

    /// The application's routes, registered as `serve` registers them (no database is opened).
    static func routed() async throws -> [Route] {
        let app = try await Application.make(.testing)
        defer { Task { try? await app.asyncShutdown() } }
        try routes(app)
        return app.routes.all
    }

    static func pattern(_ route: Route) -> [PathPartPattern] {
        route.path.map { component in
            switch component {
            case .parameter(let name): .parameter(name)
            default: .constant(component.description)
            }
        }
    }

    @Test("every case's link is answered by the route registered from the same case, with its values read back")
    func everyCaseIsRouted() async throws {
        let routes = try await Self.routed()
        let patterns = Set(routes.map(Self.pattern))
        for url in Self.examples {
            #expect(patterns.contains(url.pattern), "no route for \(url.path)")
            // The link, split as the router splits it, puts each value where the route reads it by name.
            let segments = String(url.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            #expect(segments.count == url.pattern.count, "\(url.path) has \(segments.count) segments, its route \(url.pattern.count)")
            for (part, segment) in zip(url.parts, segments) {
                switch part {
                case .text(let text): #expect(segment == text, "\(url.path): \(segment) ≠ \(text)")
                case .value(let value, _): #expect(segment == value, "\(url.path): \(segment) ≠ \(value)")
                }
            }
        }
    }

    @Test("every route is one SiteURL's (nothing registered by hand but the API's JSON 404)")
    func everyRouteIsACase() async throws {
        let routes = try await Self.routed()
        let examples = Set(Self.examples.map(\.pattern))
        for route in routes where !route.path.contains(.catchall) {
            #expect(examples.contains(Self.pattern(route)), "\(route.method) \(route.path.string) has no SiteURL example")
        }
        #expect(routes.filter { $0.path.contains(.catchall) }.map(\.path.string) == ["api/v1/**"])
    }

    @Test("the OpenAPI document's keys are the API cases' paths")
    func openAPIKeys() throws {
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as! [String: Any]
        let keys = Set((document["paths"] as! [String: Any]).keys)
        let api = Set(Self.examples.map(\.openAPIPath).filter { $0.hasPrefix("/api/v1/") })
        #expect(keys == api)
        #expect(SiteURL.apiPlanReports(.key, item: .key).openAPIPath == "/api/v1/plans/{id}/items/{number}/reports")
    }

    @Test("query items are typed, escaped once, and empty ones left out")
    func queryItems() {
        #expect(SiteURL.search(slug: "hukou").path(.text("低保 & 救助"), .domain(""), .page(1))
                == "/sites/hukou/sousuo?q=%E4%BD%8E%E4%BF%9D%20%26%20%E6%95%91%E5%8A%A9")
        #expect(SiteURL.adminCatalog(Self.id).path(.version(2), .compare(1))
                == "/admin/catalogs/0A1B2C3D-0000-4000-8000-000000000001?version=2&compare=1")
        #expect(SiteURL.subscribe(slug: "hukou").path(.subscribeTo(.unit(Self.id)))
                == "/sites/hukou/dingyue?scope=unit&id=0A1B2C3D-0000-4000-8000-000000000001")
        #expect(SiteURL.adminPlanItem(Self.id, number: 4).path(.unit(Self.other), fragment: "report-a")
                == "/admin/plans/0A1B2C3D-0000-4000-8000-000000000001/items/4?unit=0A1B2C3D-0000-4000-8000-000000000002#report-a")
        #expect(SiteURL.requestTrack(slug: "hukou", code: "K7QX").path(.justSubmitted) == "/sites/hukou/yishenqing/chaxun?code=K7QX&new=1")
        #expect(SiteURL.textSize(large: true, back: "/sites/hukou/?a=1&b=2").path
                == "/prefs/text-size?large=1&back=/sites/hukou/%3Fa%3D1%26b%3D2")
        #expect(SiteURL.site(slug: "hukou").path == "/sites/hukou/")
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.feed(slug: "hukou", scope: .domain("ws")).path == "/feeds/hukou/domain/ws.atom")
    }

    @Test("a notice code in a link is one the page can show")
    func notices() {
        for notice in Notice.allCases {
            #expect(!notice.message.isEmpty)
            #expect(Notice(rawValue: notice.rawValue) == notice)
        }
        #expect(Set(Notice.allCases.map(\.rawValue)).count == Notice.allCases.count)
    }
}
