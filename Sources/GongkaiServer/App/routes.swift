import Vapor

/// The sitemap of Gongkai. Every path here has its case in `SiteURL`.
func routes(_ app: Application) throws {
    // Public portal
    app.get(use: PortalController.root)
    app.get("sites", ":slug", use: PortalController.siteHome)
    app.get("sites", ":slug", "gongzuori", use: CalendarController.publicPage)
    app.get("sites", ":slug", ":section", use: PortalController.section)
    app.get("prefs", "text-size", use: PortalController.textSize)

    // Operations and assets
    app.get("healthz", use: OperationsController.health)
    app.get("metrics", use: OperationsController.metrics)
    app.get("assets", ":name", use: AssetsController.show)

    // Back office
    let admin = app.grouped("admin")
    admin.get("login", use: LoginController.show)
    admin.post("login", use: LoginController.login)
    admin.post("logout", use: LoginController.logout)
    let staff = admin.grouped(RequireStaffMiddleware())
    staff.get(use: DashboardController.show)
    staff.get("units", use: UnitsController.index)
    staff.get("units", "new", use: UnitsController.new)
    staff.post("units", "new", use: UnitsController.create)
    staff.get("units", ":id", use: UnitsController.edit)
    staff.post("units", ":id", use: UnitsController.update)
    staff.post("units", ":id", "archive", use: UnitsController.archive)
    staff.get("users", use: UsersController.index)
    staff.get("users", "new", use: UsersController.new)
    staff.post("users", "new", use: UsersController.create)
    staff.get("users", ":id", use: UsersController.show)
    staff.post("users", ":id", use: UsersController.update)
    staff.get("tokens", use: TokensController.index)
    staff.post("tokens", use: TokensController.create)
    staff.post("tokens", ":id", "revoke", use: TokensController.revoke)
    staff.get("audit", use: AuditController.index)
    staff.get("audit", "export.csv", use: AuditController.export)
    staff.get("calendar", use: CalendarController.index)
    staff.get("calendar", "new", use: CalendarController.new)
    staff.post("calendar", "new", use: CalendarController.create)
    staff.on(.POST, "calendar", "upload", body: .collect(maxSize: "1mb"), use: CalendarController.upload)
    staff.get("calendar", ":year", use: CalendarController.year)
    staff.post("calendar", ":year", "restore", use: CalendarController.restore)

    // JSON API
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: APIController.openAPI)
    api.get("sites", use: APIController.sites)
    api.get("sites", ":slug", "units", use: APIController.units)
    let authed = api.grouped(BearerTokenMiddleware())
    authed.get("me", use: APIController.me)
    api.get("calendar", "days", use: CalendarAPI.days)
    api.get("deadline", use: CalendarAPI.deadline)
    api.get("timelimit", use: CalendarAPI.timeLimit)
    api.get("catalogs", use: CatalogAPI.list)
    api.get("catalogs", ":id", use: CatalogAPI.show)
    api.get("catalog-entries", use: CatalogAPI.entries)
    // Unknown API paths answer in JSON, not with the HTML 404 page.
    api.get("**") { _ -> Response in throw APIError(.notFound, code: "not_found", message: "没有这个 API 接口。") }
}
