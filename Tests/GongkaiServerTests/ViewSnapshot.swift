import Foundation
import GongkaiCore
import Testing

@testable import GongkaiServer

/// Stored text snapshots of pages rendered from a model (decision 0009): a page change shows in the diff of
/// `Tests/GongkaiServerTests/__Snapshots__/<name>.html`, one tag per line so that the diff reads. Only the page's
/// own part (`<main>`) is kept, unless `whole`: the frame around it is one snapshot of its own, so a change to the
/// layout changes one file, not all of them.
///
/// A missing snapshot is written and the test fails, so that it is looked at and committed; set
/// `GONGKAI_RECORD_SNAPSHOTS=1` to rewrite every snapshot after an intended change.
enum ViewSnapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static func check(_ html: String, named name: String, whole: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = lines(whole ? html : main(html))
        let file = directory.appendingPathComponent(name + ".html")
        let record = ProcessInfo.processInfo.environment["GONGKAI_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("snapshot \(name) recorded at \(file.path): look at it, commit it and run again", sourceLocation: sourceLocation)
            return
        }
        if stored != text {
            let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let was = first < a.count ? String(a[first]) : "(end)"
            let now = first < b.count ? String(b[first]) : "(end)"
            Issue.record("snapshot \(name) differs at line \(first + 1):\n  stored: \(was)\n  now:    \(now)\n(GONGKAI_RECORD_SNAPSHOTS=1 rewrites it)",
                         sourceLocation: sourceLocation)
        }
    }

    /// The `<main>` element of a page.
    static func main(_ html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>", range: start.upperBound..<html.endIndex) else { return html }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// One tag per line: a break before every tag that follows another tag.
    static func lines(_ html: String) -> String {
        html.replacingOccurrences(of: "><", with: ">\n<") + (html.hasSuffix("\n") ? "" : "\n")
    }
}

extension Staff {
    /// The office's administrator of a made-up county, for back-office pages rendered without a request.
    static var mock: Staff {
        Staff(userID: UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), name: "hukou-admin", displayName: "公开办（示例）",
              siteID: UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)), siteName: "湖口县", siteSlug: "hukou",
              unitID: UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3)), unitName: "湖口县人民政府办公室", roles: [.admin],
              csrfToken: "test-token", sessionID: nil)
    }
}

@Suite("Pages rendered from their models, against stored snapshots")
struct ViewSnapshotTests {
    @Test("staff sign-in: empty, refused with a message, and with the demo accounts exposed")
    func login() throws {
        let chrome = PageChrome(title: "工作人员登录", area: .backOffice)
        try ViewSnapshot.check(LoginPage.render(.init(name: "", next: nil, message: nil), chrome: chrome), named: "login", whole: true)
        var refused = LoginPage.Model(name: "hukou-admin", next: "/admin/requests", message: "登录名或密码不正确。再错2次，账号将被临时锁定。")
        refused.demoExposed = true
        try ViewSnapshot.check(LoginPage.render(refused, chrome: chrome), named: "login-refused")
    }

    @Test("the platform's front page lists the sites, or says none is set up")
    func sites() throws {
        let chrome = PageChrome(title: "政务公开平台", area: .portal)
        try ViewSnapshot.check(SitesIndex.render(.init(sites: []), chrome: chrome), named: "sites-empty")
        let sites = [PageChrome.SiteInfo(slug: "hukou", name: "湖口县", parentRegion: "江西省九江市", isDemo: true),
                     PageChrome.SiteInfo(slug: "wuding", name: "武定县", parentRegion: "云南省楚雄彝族自治州", isDemo: false)]
        try ViewSnapshot.check(SitesIndex.render(.init(sites: sites), chrome: chrome), named: "sites")
    }

    @Test("依申请公开办理情况: each unit's figures with badges for overdue and due soon, the total last; empty says so")
    func requestOverview() throws {
        let chrome = PageChrome(title: "依申请公开办理情况", area: .backOffice, staff: .mock)
        let html = RequestOverview.render(.mock, chrome: chrome)
        #expect(html.contains("湖口县双钟镇人民政府") && html.contains("88.9%") && html.contains("92.3%"))
        try ViewSnapshot.check(html, named: "request-overview")
        let empty = RequestOverview.Model(year: 2026, today: "2026年1月4日", lines: [], total: RequestOverview.Model.mock.total)
        try ViewSnapshot.check(RequestOverview.render(empty, chrome: chrome), named: "request-overview-empty")
    }

    @Test("依申请公开 queue: given-up mails, the working lists, every case with its due date and how urgent")
    func requestQueue() throws {
        let chrome = PageChrome(title: "依申请公开", area: .backOffice, staff: .mock)
        let html = RequestQueuePage.render(.mock, chrome: chrome)
        #expect(html.contains("badge-danger") && html.contains("告知书邮件未能发出"))
        try ViewSnapshot.check(html, named: "request-queue")
        let empty = RequestQueuePage.Model(openOnly: true, isOffice: true, undelivered: [], queues: [], rows: [])
        try ViewSnapshot.check(RequestQueuePage.render(empty, chrome: chrome), named: "request-queue-empty")
    }

    @Test("a catalog version: its review progress, the steps this person may take, entries, the diff, versions and reviews")
    func catalogVersion() throws {
        let chrome = PageChrome(title: "标准目录", area: .backOffice, staff: .mock)
        let html = CatalogPages.show(.mock, chrome: chrome)
        #expect(html.contains("审核进度：本单位审核已通过") && html.contains("来自湖口县人民政府办公室第3版"))
        try ViewSnapshot.check(html, named: "catalog-version")
        var draft = CatalogPages.ShowModel.mock
        draft = .init(catalogID: draft.catalogID, label: draft.label, siteSlug: draft.siteSlug, problem: "这一版已被他人修改，请刷新后重试。",
                      shown: .init(number: 2, status: "draft", statusLabel: "草稿", createdAt: "2026年11月20日 10:02", createdBy: "双钟镇编辑",
                                   publishedAt: nil, publishedBy: "", supersededAt: nil, previous: 1),
                      lockVersion: 1, reviewProgress: nil,
                      steps: [.init(action: "submit", title: "提交审核")],
                      discard: .init(action: "discard", title: "放弃第2版", secondary: true, extra: .confirmDiscard),
                      editable: true, entries: [], diff: nil, versions: draft.versions, reviews: [])
        try ViewSnapshot.check(CatalogPages.show(draft, chrome: chrome), named: "catalog-version-empty-draft")
    }

    @Test("an application's case page: applicant, dates, history, letters with a given-up mail, the event form, finds and appeals")
    func requestCase() throws {
        let chrome = PageChrome(title: "申请 2026-0007", area: .backOffice, staff: .mock)
        let html = RequestCasePage.render(.mock, chrome: chrome)
        #expect(html.contains("重新发送") && html.contains("拟作主动公开") && html.contains("湖口县财政局"))
        try ViewSnapshot.check(html, named: "request-case")
        var refused = RequestCasePage.FormState()
        refused.errors = ValidationErrors(field: "days", message: "延长答复期限最长20个工作日。")
        refused.input = RequestEventForm.Input(kind: "extended", on: "2026-12-04", days: 30, text: "需要调取档案")
        refused.preview = RequestLetter.Letter(title: "延长答复期限告知书", reference: "湖口县民政局 依申请公开〔2026〕0007号", salutation: "张三：",
                                               paragraphs: ["本机关于2026年11月2日收到您的政府信息公开申请。"], signature: "湖口县民政局", date: "2026年12月4日")
        try ViewSnapshot.check(RequestCasePage.render(.mock, form: refused, chrome: chrome), named: "request-case-refused")
    }

    @Test("following an application by its code: found with the first-visit notice, and not found")
    func requestTracking() throws {
        let chrome = PageChrome(title: "查询申请办理进度", area: .portal)
        let found = RequestPages.PublicCase(
            code: "K7QM-3XHD-9PRT", dates: .mock,
            letters: [.init(title: "征求意见告知书", href: "/letter", date: "2026年11月10日", wordHref: "/letter.docx")],
            files: [.init(name: "低保资金分配表.pdf", href: "/file", size: "120 KB")],
            information: "湖口县2025年城乡低保资金分配文件",
            history: [("2026年11月2日", "收到申请。")])
        let html = RequestPortal.trackView(.init(slug: "hukou", typed: "k7qm3xhd9prt", justSubmitted: true, found: found), chrome: chrome)
        #expect(html.contains("申请已提交") && !html.contains("张三"))
        try ViewSnapshot.check(html, named: "request-track")
        try ViewSnapshot.check(RequestPortal.trackView(.init(slug: "hukou", typed: "AAAA", justSubmitted: false, found: nil), chrome: chrome),
                               named: "request-track-missing")
    }

    @Test("the application form: agencies indented under their parents, the problems beside their fields")
    func requestApply() throws {
        let chrome = PageChrome(title: "申请政府信息公开", area: .portal)
        var errors = ValidationErrors()
        errors.add("idNumber", "身份证号码“36042919900101123”应为18位。")
        let form = RequestPortal.Form(unit: "u2", applicantType: "naturalPerson", name: "张三", idKind: "居民身份证", idNumber: "36042919900101123")
        let model = RequestPortal.ApplyModel(slug: "hukou", units: [("u1", "湖口县人民政府"), ("u2", "　湖口县民政局")],
                                             publicInstitutions: [("湖口县自来水公司", "湖口县人民政府", "0792-6321203")], form: form, errors: errors,
                                             challenge: ("signed", "3 加 4 等于几？"))
        let html = RequestPortal.applyView(model, chrome: chrome)
        #expect(html.contains("应为18位") && html.contains("3 加 4 等于几"))
        try ViewSnapshot.check(html, named: "request-apply")
    }

    @Test("信息发布: the reviewer's queue first, then the unit's records with status and timeliness")
    func publicationList() throws {
        let chrome = PageChrome(title: "信息发布", area: .backOffice, staff: .mock)
        let html = PublicationPages.index(.mock, chrome: chrome)
        #expect(html.contains("待审核、待发布（1）") && html.contains("本单位信息（120）") && html.contains(">下一页</a>"))
        try ViewSnapshot.check(html, named: "publication-list")
        let editor = PublicationPages.IndexModel(portalHref: "/sites/hukou/xinxi", toReview: nil, heading: "本单位信息", rows: [], total: 0,
                                                 filters: .init(text: "", state: "", unit: "", units: [], isFiltered: false, clearHref: "/admin/publications"),
                                                 newerHref: nil, olderHref: nil, firstHref: nil)
        try ViewSnapshot.check(PublicationPages.index(editor, chrome: chrome), named: "publication-list-empty")
    }

    @Test("a record in the back office: the failed check with masking, the reviewer's steps, metadata, timeliness, files, history")
    func publicationRecord() throws {
        let chrome = PageChrome(title: "信息", area: .backOffice, staff: .mock)
        let html = PublicationPages.show(.mock, chrome: chrome)
        #expect(html.contains("发布前检查未通过") && html.contains("说明理由并发布") && !html.contains("上传附件"))
        try ViewSnapshot.check(html, named: "publication-record")
    }

    @Test("a published record on the portal: metadata, text, files, versions; an older version says so")
    func informationPage() throws {
        let site = PageChrome.SiteInfo(slug: "hukou", name: "湖口县", parentRegion: "江西省九江市", isDemo: true)
        let chrome = PageChrome(title: "信息", area: .portal, site: site)
        let model = InformationPages.ShowModel(
            site: site, unitName: "湖口县民政局", unitHref: "/sites/hukou/danwei/1", historic: (1, "/sites/hukou/xinxi/12"), notInForce: "已于2026年12月1日失效",
            metadata: .mock, title: "湖口县2026年城乡最低生活保障标准调整的通知", documentNumber: "湖民字〔2026〕12号",
            bodyHTML: "<p>各乡镇人民政府：</p>", attachments: [("低保标准表.xlsx", "/f", "12KB")],
            versions: [("第2版（2026-11-20发布）", "/v2", "更正附件", true), ("第1版（2026-11-05发布）", "/v1", "", false)],
            subscribeHref: "/sites/hukou/dingyue?unit=1")
        let html = InformationPages.show(model, chrome: chrome)
        #expect(html.contains("历史版本") && html.contains("本文件已于2026年12月1日失效"))
        try ViewSnapshot.check(html, named: "information-page")
    }

    @Test("the back office's home for the office: rights in words, to-dos, timeliness, the units' figures and recent operations")
    func dashboard() throws {
        let chrome = PageChrome(title: "工作平台首页", area: .backOffice, staff: .mock)
        let model = Dashboard.Model(
            displayName: "公开办管理员", siteName: "湖口县", unitName: "湖口县人民政府办公室", unitHref: "/admin/units/1/edit", roles: "管理员", isOffice: true,
            todos: [("有2份政务公开事项标准目录等待您审核、发布或修改。", "/admin/catalogs")],
            schedule: .init(parts: [], supervisor: true),
            publishing: .init(waiting: 1, lines: [.init(title: "双钟镇2026年临时救助对象公示", unitName: "湖口县双钟镇人民政府", label: "逾期未公开",
                                                        late: true, href: "/admin/publications/1")]),
            requests: .init(todos: [], lines: RequestOverview.Model.mock.lines),
            unitCounts: [("县政府部门", 22), ("乡镇", 12)], activeUsers: 40,
            recent: [.init(time: "2026-12-04 10:00", actor: "公开办管理员（hukou-admin）", action: "发布政府信息", target: "低保标准", summary: "第1版",
                           address: "10.0.0.8")],
            allowed: "进入工作平台、查看本单位数据、管理站点设置")
        let html = Dashboard.render(model, chrome: chrome)
        #expect(html.contains("在用账号") && html.contains("最近操作"))
        try ViewSnapshot.check(html, named: "dashboard-office")
    }

    @Test("notifications: unread marked, with a way to mark all read; none says what will come here")
    func notifications() throws {
        let chrome = PageChrome(title: "通知", area: .backOffice, staff: .mock)
        let model = NotificationsPage.Model(items: [
            .init(time: "2026-12-04 09:00", title: "工作任务即将到期：（4）", href: "/admin/plans/1/items/4", body: "2026年12月10日前完成", unread: true),
            .init(time: "2026-12-01 09:00", title: "进度已验收：（2）", href: "/admin/plans/1/items/2", body: "县民政局已验收", unread: false)])
        try ViewSnapshot.check(NotificationsPage.render(model, chrome: chrome), named: "notifications")
        try ViewSnapshot.check(NotificationsPage.render(.init(items: []), chrome: chrome), named: "notifications-empty")
    }

    @Test("subscribing: a webhook registered (secret shown once), confirming by button, cancelling")
    func subscriptions() throws {
        let chrome = PageChrome(title: "订阅推送", area: .portal)
        let form = SubscriptionsPage.FormModel(
            slug: "hukou", mailEnabled: false, scopes: [("site:", "湖口县全部政府信息"), ("unit:1", "单位：湖口县民政局")], selected: "unit:1", channel: "webhook",
            address: "https://oa.example.cn/hook",
            outcome: .webhookRegistered(to: "https://oa.example.cn/hook", secret: "s3cr3t", cancelURL: "http://127.0.0.1:8080/dingyue/quxiao/t", cancelHref: "/dingyue/quxiao/t"),
            errors: nil)
        let html = SubscriptionsPage.form(form, chrome: chrome)
        #expect(html.contains("s3cr3t") && html.contains("邮件订阅需要本平台配置邮件服务器"))
        try ViewSnapshot.check(html, named: "subscribe-webhook")
        try ViewSnapshot.check(SubscriptionsPage.confirm(.init(scope: "单位：湖口县民政局", email: "z***@example.cn", state: .waiting(action: "/c"), cancelHref: "/x"),
                                                         chrome: chrome), named: "subscribe-confirm")
        try ViewSnapshot.check(SubscriptionsPage.cancel(.init(subject: "订阅范围：单位：湖口县民政局；邮箱：z***@example.cn", cancelled: "2026-12-04 10:00", action: "/x"),
                                                        chrome: chrome), named: "subscribe-cancelled")
    }

    @Test("年度报告表三 and 表四: the units to choose, the chosen one selected, the check of the columns")
    func requestReport() throws {
        let chrome = PageChrome(title: "年度报告表三", area: .backOffice, staff: .mock)
        let model = RequestReportPage.Model(year: 2026, scope: "湖口县民政局", units: [("u1", "湖口县人民政府办公室"), ("u2", "湖口县民政局")], chosenUnit: "u2",
                                            fileHref: "/admin/requests/report.xlsx?year=2026&unit=u2",
                                            table: TableThree(year: 2026, tallies: []), four: TableFour(year: 2026, cases: []))
        let html = RequestReportPage.render(model, chrome: chrome)
        #expect(html.contains(#"<option value="u2" selected="selected">"#) && html.contains("勾稽关系核对无误"))
        try ViewSnapshot.check(html, named: "request-report")
    }

    @Test("站点设置, 联系我们 and 网站地图 from plain values")
    func siteAbout() throws {
        let settings = SiteSettingsPage.render(.mock, errors: nil, chrome: PageChrome(title: "站点设置", area: .backOffice, staff: .mock))
        #expect(settings.contains(#"value="3604290001""#) && settings.contains("湖口县自来水公司"))
        try ViewSnapshot.check(settings, named: "site-settings")
        let site = PageChrome.SiteInfo(slug: "hukou", name: "湖口县", parentRegion: "江西省九江市", isDemo: false,
                                       identity: SiteIdentity(siteCode: "3604290001", icpNumber: "赣ICP备05003937号", partyMarkURL: "https://example.cn/mark"))
        let contact = SiteAboutPages.contact(.mock, chrome: PageChrome(title: "联系我们", area: .portal, site: site))
        #expect(contact.contains("网站标识码：3604290001") && contact.contains(#"class="party-mark""#) && contact.contains("网站运维电话"))
        try ViewSnapshot.check(contact, named: "site-contact")
        let map = SiteAboutPages.map(.init(slug: "hukou", units: [("湖口县人民政府", "/sites/hukou/danwei/1", 0), ("湖口县民政局", "/sites/hukou/danwei/2", 1)]),
                                     chrome: PageChrome(title: "网站地图", area: .portal, site: site))
        #expect(map.contains(#"<li class="depth-1"><a href="/sites/hukou/danwei/2">湖口县民政局</a>"#))
        try ViewSnapshot.check(map, named: "site-map")
    }
}
