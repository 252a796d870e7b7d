import Vapor

/// The sitemap of Gongkai: every route is registered from the `SiteURL` that links to it, so a path is written once.
func routes(_ app: Application) throws {
    // Public portal
    app.get(.home, use: PortalController.root)
    app.get(.site(slug: .key), use: PortalController.siteHome)
    app.get(.publicDeadlines(slug: .key, year: nil), use: CalendarController.publicPage)
    app.get(.publications(slug: .key), use: InformationController.list)
    app.get(.publication(slug: .key, .key), use: InformationController.show)
    app.get(.publicationFile(slug: .key, .key, attachment: .key), use: InformationController.file)
    app.get(.unitPage(slug: .key, .key), use: InformationController.unit)
    app.get(.entryPage(slug: .key, key: .key), use: InformationController.entry)
    app.get(.search(slug: .key), use: SearchController.page)
    app.get(.siteContact(slug: .key), use: PortalController.contact)
    app.get(.siteMap(slug: .key), use: PortalController.siteMap)
    app.get(.subscribe(slug: .key), use: SubscriptionsController.form)
    app.post(.subscribe(slug: .key), use: SubscriptionsController.create)
    app.get(.subscriptionCancel(token: .key), use: SubscriptionsController.cancelForm)
    app.post(.subscriptionCancel(token: .key), use: SubscriptionsController.cancel)
    app.get(.subscriptionConfirm(token: .key), use: SubscriptionsController.confirmForm)
    app.post(.subscriptionConfirm(token: .key), use: SubscriptionsController.confirm)
    app.get(.section(slug: .key, .apply), use: PortalController.applySection)
    app.get(.section(slug: .key, .services), use: DutyListPortal.servicesSection)
    app.get(.publicLists(slug: .key, kind: .power), use: DutyListPortal.siteLists)
    app.get(.publicList(slug: .key, kind: .power, .key), use: DutyListPortal.unitList)
    app.get(.publicListDownload(slug: .key, kind: .power, .key, format: .key), use: DutyListPortal.download)
    app.get(.publicService(slug: .key, .key), use: ServiceGuidePortal.page)
    app.get(.requestApply(slug: .key), use: RequestPortal.form)
    app.post(.requestApply(slug: .key), use: RequestPortal.submit)
    app.get(.requestTrack(slug: .key, code: nil), use: RequestPortal.track)
    app.get(.requestLetter(slug: .key, code: .key, position: .key), use: RequestLetterController.publicLetter)
    app.get(.requestLetterFile(slug: .key, code: .key, position: .key), use: RequestLetterController.publicLetterFile)
    app.get(.requestFile(slug: .key, code: .key, file: .key), use: RequestLetterController.publicFile)
    app.get(.feedAllSites, use: FeedsController.allSitesFeed)
    app.get(.feed(slug: .key, scope: .site), use: FeedsController.siteFeed)
    app.get(.feed(slug: .key, scope: .unit(.key)), use: FeedsController.scopedFeed)
    app.get(.sitemap, use: FeedsController.sitemap)
    app.get(.section(slug: .key, .guide), use: PortalController.section) // every other section
    app.get(.publicCatalogDownload(slug: .key, catalog: .key, format: .key), use: CatalogController.publicDownload)
    app.get(.textSize(large: false, back: .key), use: PortalController.textSize)

    // Operations and assets
    app.get(.healthz, use: OperationsController.health)
    app.get(.metrics, use: OperationsController.metrics)
    app.get(.asset(.key), use: AssetsController.show)

    // Back office
    app.get(.adminLogin(next: nil), use: LoginController.show)
    app.post(.adminLogin(next: nil), use: LoginController.login)
    app.post(.adminLogout, use: LoginController.logout)
    let staff = app.grouped(RequireStaffMiddleware())
    staff.get(.admin, use: DashboardController.show)
    staff.get(.adminUnits, use: UnitsController.index)
    staff.get(.adminUnitNew(parent: nil), use: UnitsController.new)
    staff.post(.adminUnitNew(parent: nil), use: UnitsController.create)
    staff.get(.adminUnitEdit(.key), use: UnitsController.edit)
    staff.post(.adminUnitEdit(.key), use: UnitsController.update)
    staff.post(.adminUnitArchive(.key), use: UnitsController.archive)
    staff.get(.adminUsers, use: UsersController.index)
    staff.get(.adminUserNew, use: UsersController.new)
    staff.post(.adminUserNew, use: UsersController.create)
    staff.get(.adminUser(.key), use: UsersController.show)
    staff.post(.adminUser(.key), use: UsersController.update)
    staff.get(.adminTokens, use: TokensController.index)
    staff.post(.adminTokens, use: TokensController.create)
    staff.post(.adminTokenRevoke(.key), use: TokensController.revoke)
    staff.get(.adminAudit, use: AuditController.index)
    staff.get(.adminAuditExport, use: AuditController.export)
    staff.get(.adminCalendar, use: CalendarController.index)
    staff.get(.adminCalendarNew(year: nil), use: CalendarController.new)
    staff.post(.adminCalendarNew(year: nil), use: CalendarController.create)
    staff.on(.POST, .adminCalendarUpload, limit: "1mb", use: CalendarController.upload)
    staff.get(.adminCalendarYear(.key), use: CalendarController.year)
    staff.post(.adminCalendarRestore(.key), use: CalendarController.restore)
    staff.get(.adminCatalogs, use: CatalogController.index)
    staff.post(.adminCatalogNew, use: CatalogController.create)
    staff.on(.POST, .adminCatalogImport, limit: "20mb", use: CatalogController.importFile)
    staff.get(.adminCatalogDomains, use: CatalogDomainsController.index)
    staff.post(.adminCatalogDomains, use: CatalogDomainsController.update)
    staff.get(.adminCatalog(.key), use: CatalogController.show)
    staff.post(.adminCatalogAction(.key), use: CatalogController.action)
    staff.get(.adminCatalogEntryNew(.key), use: CatalogController.entryForm)
    staff.post(.adminCatalogEntryNew(.key), use: CatalogController.saveEntry)
    staff.get(.adminCatalogEntry(.key, entry: .key), use: CatalogController.entryForm)
    staff.post(.adminCatalogEntry(.key, entry: .key), use: CatalogController.saveEntry)
    staff.post(.adminCatalogEntryAction(.key, entry: .key, action: .key), use: CatalogController.entryAction)
    staff.get(.adminCatalogDownload(.key, version: .key, format: .key), use: CatalogController.download)
    staff.get(.adminLists, use: DutyListController.index)
    staff.on(.POST, .adminListImport, limit: "20mb", use: DutyListController.importFile)
    staff.get(.adminList(.key), use: DutyListController.show)
    staff.post(.adminListAction(.key), use: DutyListController.action)
    staff.get(.adminListDownload(.key, version: .key, format: .key), use: DutyListController.download)
    staff.get(.adminListRowNew(.key), use: DutyListController.rowForm)
    staff.on(.POST, .adminListRowNew(.key), limit: "1mb", use: DutyListController.saveRow)
    staff.get(.adminListRow(.key, position: .key), use: DutyListController.rowForm)
    staff.on(.POST, .adminListRow(.key, position: .key), limit: "1mb", use: DutyListController.saveRow)
    staff.post(.adminListRowRemove(.key, position: .key), use: DutyListController.removeRow)
    staff.get(.adminServices, use: ServiceGuideController.index)
    staff.get(.adminServiceNew, use: ServiceGuideController.new)
    staff.on(.POST, .adminServiceNew, limit: "1mb", use: ServiceGuideController.create)
    staff.get(.adminService(.key), use: ServiceGuideController.show)
    staff.get(.adminServiceEdit(.key), use: ServiceGuideController.edit)
    staff.on(.POST, .adminServiceEdit(.key), limit: "1mb", use: ServiceGuideController.update)
    staff.post(.adminServiceAction(.key), use: ServiceGuideController.action)
    staff.get(.adminPlans, use: PlanController.index)
    staff.on(.POST, .adminPlanImport, limit: "20mb", use: PlanController.importFile)
    staff.get(.adminPlan(.key), use: PlanController.show)
    staff.get(.adminPlanTimeline(.key), use: PlanController.timeline)
    staff.get(.adminPlanMatrix(.key), use: PlanController.matrix)
    staff.get(.adminPlanEvents(.key), use: PlanController.events)
    staff.post(.adminPlanEvents(.key), use: PlanController.recordEvent)
    staff.post(.adminPlanArchive(.key), use: PlanController.archive)
    staff.get(.adminPlanExport(.key), use: PlanController.export)
    staff.get(.adminPlanItem(.key, number: .key), use: PlanController.showItem)
    staff.on(.POST, .adminPlanItemReport(.key, number: .key), limit: "21mb", use: PlanController.report)
    staff.post(.adminPlanItemReview(.key, number: .key), use: PlanController.review)
    staff.get(.adminPlanEvidence(.key, evidence: .key), use: PlanController.evidence)
    staff.get(.adminRequests, use: RequestAdmin.index)
    staff.get(.adminRequestReport, use: RequestReport.show)
    staff.get(.adminRequestReportFile, use: RequestReport.file)
    staff.get(.adminRequestNew, use: RequestRegistration.new)
    staff.post(.adminRequestNew, use: RequestRegistration.create)
    staff.get(.adminRequestOverview, use: RequestOverview.show)
    staff.get(.adminRequestTemplates, use: RequestTemplatesAdmin.index)
    staff.get(.adminRequestTemplate(key: .key), use: RequestTemplatesAdmin.edit)
    staff.on(.POST, .adminRequestTemplate(key: .key), limit: "1mb", use: RequestTemplatesAdmin.save)
    staff.get(.adminRequest(.key), use: RequestAdmin.show)
    staff.on(.POST, .adminRequestEvents(.key), limit: "100mb", use: RequestEventForm.submit)
    staff.get(.adminRequestLetter(.key, position: .key), use: RequestLetterController.staffLetter)
    staff.get(.adminRequestLetterFile(.key, position: .key), use: RequestLetterController.staffLetterFile)
    staff.get(.adminRequestFile(.key, file: .key), use: RequestLetterController.staffFile)
    staff.post(.adminRequestProactive(.key), use: RequestProactive.create)
    staff.post(.adminRequestAppeals(.key), use: RequestAppeals.create)
    staff.post(.adminRequestAppeal(.key, appeal: .key), use: RequestAppeals.update)
    staff.post(.adminRequestMailResend(.key, mail: .key), use: RequestMail.resend)
    staff.get(.adminGuide, use: GuideController.show)
    staff.on(.POST, .adminGuide, limit: "1mb", use: GuideController.save)
    staff.get(.adminSite, use: SiteSettingsController.show)
    staff.post(.adminSite, use: SiteSettingsController.save)
    staff.get(.adminSubscriptions, use: SubscriptionsAdmin.show)
    staff.post(.adminOutboxRetry(.key), use: SubscriptionsAdmin.retry)
    staff.post(.adminWebhookHosts, use: SubscriptionsAdmin.saveAllowedHosts)
    staff.get(.adminContentCheck, use: ContentCheckController.show)
    staff.on(.POST, .adminContentCheck, limit: "2mb", use: ContentCheckController.check)
    staff.post(.adminSensitiveWords, use: ContentCheckController.addWords)
    staff.post(.adminSensitiveWordRemove(.key), use: ContentCheckController.removeWord)
    staff.get(.adminPublications, use: PublicationController.index)
    staff.get(.adminPublicationNew, use: PublicationController.new)
    staff.on(.POST, .adminPublicationNew, limit: "4mb", use: PublicationController.create)
    staff.get(.adminPublication(.key), use: PublicationController.show)
    staff.get(.adminPublicationEdit(.key), use: PublicationController.edit)
    staff.on(.POST, .adminPublicationEdit(.key), limit: "4mb", use: PublicationController.update)
    staff.post(.adminPublicationAction(.key), use: PublicationController.act)
    staff.on(.POST, .adminPublicationAttachments(.key), limit: "21mb", use: PublicationController.attach)
    staff.post(.adminPublicationAttachmentRemove(.key, attachment: .key), use: PublicationController.detach)
    staff.get(.adminPublicationFile(.key, attachment: .key), use: PublicationController.file)
    staff.post(.adminPublicationMask(.key), use: PublicationController.mask)
    staff.get(.adminNotifications, use: NotificationsController.index)
    staff.post(.adminNotificationsRead, use: NotificationsController.markRead)

    // JSON API
    app.get(.apiOpenAPI, use: APIController.openAPI)
    app.get(.apiSites, use: APIController.sites)
    app.get(.apiSiteUnits(slug: .key), use: APIController.units)
    let authed = app.grouped(BearerTokenMiddleware())
    authed.get(.apiMe, use: APIController.me)
    app.get(.apiCalendarDays, use: CalendarAPI.days)
    app.get(.apiDeadline, use: CalendarAPI.deadline)
    app.get(.apiTimeLimit, use: CalendarAPI.timeLimit)
    app.get(.apiCatalogs, use: CatalogAPI.list)
    app.get(.apiCatalog(.key), use: CatalogAPI.show)
    app.get(.apiCatalogEntries, use: CatalogAPI.entries)
    app.get(.apiDutyLists, use: DutyListAPI.list)
    authed.on(.POST, .apiDutyLists, limit: "4mb", use: DutyListAPI.importRows)
    app.get(.apiPublications, use: PublicationAPI.list)
    app.grouped(BearerTokenMiddleware(optional: true)).get(.apiPublication(.key), use: PublicationAPI.show)
    authed.on(.POST, .apiPublications, limit: "4mb", use: PublicationAPI.create)
    authed.post(.apiPublicationPublish(.key), use: PublicationAPI.publish)
    app.get(.apiSearch, use: SearchController.api)
    app.post(.apiRequests, use: RequestAPI.intake)
    app.get(.apiRequestTrack(code: .key), use: RequestAPI.track)
    authed.get(.apiRequests, use: RequestAPI.list)
    authed.get(.apiRequest(.key), use: RequestAPI.show)
    authed.post(.apiRequestEvents(.key), use: RequestAPI.addEvent)
    authed.get(.apiPlans, use: PlanAPI.list)
    authed.get(.apiPlan(.key), use: PlanAPI.show)
    authed.on(.POST, .apiPlanReports(.key, item: .key), limit: "1mb", use: PlanAPI.report)
    // Unknown API paths answer in JSON, not with the HTML 404 page (not a page anyone links to, so not a SiteURL).
    app.get("api", "v1", "**") { _ -> Response in throw APIError(.notFound, code: "not_found", message: "没有这个 API 接口。") }
}

/// The largest body a route takes, kept on the route so that `CSRFMiddleware` collects a form's body within the
/// same limit before it reads the token (collecting first with another limit would bypass the route's own).
enum BodyLimit {
    static func of(_ req: Request) -> Int {
        (req.route?.userInfo["gongkai.bodyLimit"] as? Int) ?? req.application.routes.defaultMaxBodySize.value
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.GET, url.routePath, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.POST, url.routePath, use: closure)
    }

    /// A route whose body is collected up to `limit` (uploads, long texts).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: SiteURL, limit: ByteCount,
                                              use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(method, url.routePath, limit: limit, use: closure)
    }

    /// A route whose body is collected up to `limit` (uploads, long texts).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: [PathComponent], limit: ByteCount,
                                              use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(method, path, body: .collect(maxSize: limit), use: closure)
        route.userInfo["gongkai.bodyLimit"] = limit.value
        return route
    }
}

extension SiteURL {
    /// The route's path components for Vapor's router.
    var routePath: [PathComponent] {
        pattern.map { part in
            switch part {
            case .constant(let text): .constant(text)
            case .parameter(let name): .parameter(name)
            }
        }
    }
}
