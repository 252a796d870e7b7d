import Foundation
import Vapor

/// What every page's frame needs to know, taken from the request once.
struct PageChrome: Sendable {
    enum Area: Sendable { case portal, backOffice }

    struct SiteInfo: Sendable {
        let slug: String
        let name: String
        let parentRegion: String
        let isDemo: Bool
    }

    var title: String
    var area: Area
    var site: SiteInfo?
    var staff: Staff?
    var csrfToken: String
    var largeText: Bool
    var currentPath: String
    var flash: String?
    var feedURL: String?

    init(req: Request, title: String, area: Area, site: SiteInfo? = nil) {
        self.title = title
        self.area = area
        self.site = site
        self.staff = req.staff
        self.csrfToken = req.csrfToken
        self.largeText = req.cookies[GongkaiCookie.largeText]?.string == "1"
        self.currentPath = req.url.string
        self.flash = req.query[String.self, at: "notice"].flatMap(Flash.message(for:))
    }

    /// A chrome for rendering without a request (view tests, benchmarks).
    init(title: String, area: Area, site: SiteInfo? = nil, staff: Staff? = nil) {
        self.title = title
        self.area = area
        self.site = site
        self.staff = staff
        self.csrfToken = "test-token"
        self.largeText = false
        self.currentPath = "/"
    }
}

extension PageChrome.SiteInfo {
    init(_ record: SiteRecord) {
        self.init(slug: record.slug, name: record.name, parentRegion: record.parentRegion, isDemo: record.isDemo)
    }
}

/// Confirmation messages after a redirect (`?notice=saved`). Only known codes are shown, so a crafted link
/// cannot put arbitrary text on a government page.
enum Flash {
    static let messages: [String: String] = [
        "saved": "已保存。",
        "created": "已创建。",
        "archived": "已撤销，记录和原因已保留。",
        "deactivated": "账号已停用，记录已保留。",
        "reactivated": "账号已恢复。",
        "unlocked": "已解除登录锁定。",
        "revoked": "令牌已撤销，使用它的系统将无法再访问。",
        "logged-out": "您已安全退出。",
        "password": "密码已重设。",
        "calendar-saved": "节假日安排已保存。依赖该年份的期限已按新安排计算，原有版本保留在版本记录中。",
        "catalog-created": "目录已创建，第1版草稿可以开始编辑。",
        "catalog-imported": "已导入，成为新的草稿版本。请核对后提交审核。",
        "catalog-revision": "已新建修订版本（草稿），内容与已发布版本相同。已发布版本在新版本发布前继续有效。",
        "catalog-submitted": "已提交审核。",
        "catalog-approved": "审核已通过。",
        "catalog-returned": "已退回修改，意见已记录。",
        "catalog-published": "已发布。上一个发布版本已转为历史版本，仍可查看。",
        "catalog-discarded": "草稿已放弃，记录已写入操作日志。",
        "entry-removed": "事项已删除。",
        "domains-saved": "领域设置已保存。",
        "calendar-restored": "已恢复所选版本（作为新版本保存，原有记录均保留）。",
        "plan-imported": "工作方案已导入。各责任单位可以开始报告进度。",
        "plan-archived": "工作方案已撤销，方案和进度记录均已保留。",
        "plan-reported": "进度已报告，已记入该事项的进度记录。",
        "plan-accepted": "已验收通过，责任单位会收到通知。",
        "plan-returned": "已退回，意见已记录并通知责任单位。",
        "plan-event-saved": "事件日期已录入，依赖它的事项已算出到期日。",
        "notifications-read": "通知已全部标为已读。",
        "words-added": "错敏词已添加，发布前检查会立即使用。",
        "words-unchanged": "所填的词都已在列表中，没有新增。",
        "words-removed": "错敏词已移除，记录已写入操作日志。",
        "publication-created": "草稿已保存，索引号已生成。可以上传附件，完成后提交审核。",
        "publication-submit": "已提交审核。",
        "publication-approve": "审核已通过，可以发布。",
        "publication-return": "已退回修改，意见已记录。",
        "publication-publish": "已发布：门户、检索和订阅推送已同步更新。",
        "publication-withdraw": "已撤回，记录和理由已保留。",
        "attachment-added": "附件已上传。",
        "attachment-removed": "附件已删除。",
        "masked": "标题和正文中的个人信息已屏蔽。",
        "nothing-to-mask": "标题和正文中没有需要屏蔽的个人信息。",
        "request-registered": "申请已登记，受理编号和查询码已生成。请把查询码告知申请人（写在受理回执上）。",
        "request-event": "已记录。办理状态和答复期限已按办理经过重新计算。",
        "guide-saved": "政府信息公开指南已保存为新版本，门户已更新。",
        "outbox-retry": "已放回待发队列，将在半分钟内重新发送。",
    ]

    static func message(for code: String) -> String? { messages[code] }
}
