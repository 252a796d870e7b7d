import Fluent
import Foundation
import GongkaiCore

/// Who is making a change, as the audit trail records it.
package struct AuditActor: Sendable {
    let userID: UUID?
    let label: String
    let siteID: UUID?
    let clientAddress: String

    package static func commandLine(siteID: UUID? = nil) -> AuditActor {
        AuditActor(userID: nil, label: "命令行", siteID: siteID, clientAddress: "")
    }

    package static let system = AuditActor(userID: nil, label: "系统", siteID: nil, clientAddress: "")
}

/// Writes audit events. Callers pass the transaction's database so that the event commits or rolls back
/// with the change it describes.
enum AuditLog {
    struct Target {
        let type: String
        let id: String?
        let label: String
    }

    static func record(
        on db: any Database, actor: AuditActor, siteID: UUID?, action: String, target: Target,
        before: [(String, String)] = [], after: [(String, String)] = [], summary: String? = nil, at now: Date,
        deploymentWide: Bool = false
    ) async throws {
        let event = AuditEventRecord()
        event.occurredAt = now
        event.siteID = deploymentWide ? nil : siteID ?? actor.siteID
        event.actorUserID = actor.userID
        event.actorLabel = actor.label
        event.action = action
        event.targetType = target.type
        event.targetID = target.id
        event.targetLabel = target.label
        event.summary = summary ?? AuditDiff.summary(AuditDiff.changes(before: before, after: after))
        event.beforeJSON = encode(before)
        event.afterJSON = encode(after)
        event.clientAddress = actor.clientAddress
        try await event.create(on: db)
    }

    private static func encode(_ fields: [(String, String)]) -> String {
        guard !fields.isEmpty else { return "{}" }
        let object = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Human labels for action codes, for the audit page.
    static func label(for action: String) -> String {
        actionLabels[action] ?? action
    }

    static let actionLabels: [String: String] = [
        "auth.login": "登录", "auth.login_failed": "登录失败", "auth.logout": "退出登录", "auth.locked": "账号临时锁定",
        "site.create": "创建站点", "unit.create": "新增单位", "unit.update": "修改单位信息", "unit.archive": "撤销单位",
        "user.create": "创建账号", "user.update": "修改账号", "user.deactivate": "停用账号", "user.reactivate": "恢复账号",
        "user.unlock": "解除登录锁定", "user.password": "重设密码",
        "token.create": "创建API令牌", "token.revoke": "撤销API令牌", "demo.load": "加载示例数据",
        "calendar.year.save": "录入节假日安排",
        "plan.import": "导入工作方案", "plan.report": "报告工作进度", "plan.accept": "验收工作进度", "plan.return": "退回工作进度",
        "plan.event": "录入方案事件日期", "plan.remind": "发出工作任务提醒", "plan.archive": "撤销工作方案",
        "words.add": "添加错敏词", "words.remove": "移除错敏词",
        "publication.create": "新建政府信息", "publication.update": "修改政府信息", "publication.submit": "提交信息审核",
        "publication.approve": "审核通过信息", "publication.return": "退回信息", "publication.publish": "发布政府信息",
        "publication.withdraw": "撤回政府信息", "publication.override": "检查提示后仍发布", "publication.attach": "添加附件",
        "publication.detach": "删除附件", "publication.mask": "屏蔽个人信息", "subscription.create": "登记订阅",
        "subscription.cancel": "取消订阅", "search.reindex": "重建检索索引", "notification.read": "通知标为已读",
        "subscription.confirm": "确认订阅", "outbox.retry": "重新发送推送消息", "site.webhook_hosts": "修改允许推送的内网主机", "site.settings": "修改站点设置",
        "guide.update": "修改政府信息公开指南",
        "catalog.create": "新建标准目录", "catalog.import": "导入标准目录", "catalog.publish": "发布标准目录", "catalog.revise": "修订标准目录（新版本）",
        "catalog.submit": "提交目录审核", "catalog.approve": "目录审核通过", "catalog.return": "退回目录", "catalog.discard": "放弃目录草稿",
        "catalog.entry.save": "保存目录事项", "catalog.entry.remove": "删除目录事项", "catalog.entry.move": "调整目录事项顺序",
        "catalog.domains.save": "修改领域与指导单位",
        "list.import": "导入权责清单或公共服务清单", "list.submit": "提交清单审核", "list.approve": "清单本单位审核通过",
        "list.return": "退回清单", "list.publish": "发布清单", "list.revise": "修订清单（新版本）", "list.discard": "放弃清单草稿",
        "list.row.save": "保存清单事项", "list.row.remove": "删除清单事项",
        "service.create": "新建办事指南", "service.save": "保存办事指南", "service.submit": "提交办事指南审核",
        "service.publish": "发布办事指南", "service.return": "退回办事指南",
        "request.create": "登记政府信息公开申请", "request.view": "查看申请人信息", "request.event": "记录申请办理事项",
        "request.appeal": "记录行政复议、行政诉讼", "request.mail.resend": "重新发送告知书邮件", "request.template": "修改告知书模板",
    ]
}
