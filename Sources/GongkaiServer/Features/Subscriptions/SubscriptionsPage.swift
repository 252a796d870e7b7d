import Foundation
import GongkaiCore
import Plot

/// The public pages of 精准推送: the subscription form with what the last submission did, and the confirm and
/// cancel pages reached from the links in the messages (no account needed).
enum SubscriptionsPage {
    struct FormModel: Sendable {
        enum Outcome: Sendable {
            /// A confirmation mail went out.
            case mailSent(to: String)
            /// A webhook was registered: the verification to come, its secret (shown once) and cancel link.
            case webhookRegistered(to: String, secret: String, cancelURL: String, cancelHref: String)
            /// The same subscription already stood (nothing new was sent).
            case repeated(scope: String, confirmed: Bool)
        }

        let slug: String
        let mailEnabled: Bool
        let scopes: [(value: String, label: String)]
        let selected: String
        let channel: String?
        let address: String
        let outcome: Outcome?
        let errors: ValidationErrors?

        var channels: [(String, String)] {
            mailEnabled ? [("email", "电子邮件"), ("webhook", "系统接收网址（Webhook）")] : [("webhook", "系统接收网址（Webhook）")]
        }
    }

    static func form(_ m: FormModel, chrome: PageChrome) -> String {
        let errors = m.errors
        return Layout.render(chrome) {
            El("h1") { T("订阅政府信息推送") }
            El("p", ["class": "lead"]) {
                T(m.mailEnabled
                  ? "选择关心的单位、领域或目录事项，有新信息发布时，平台会发邮件告诉您；部门的信息系统也可以填写接收网址（POST JSON，带 HMAC-SHA256 签名）。也可以直接用阅读器订阅各页面的 Atom 地址。"
                  : "选择关心的单位、领域或目录事项，有新信息发布时，平台会向您填写的网址推送（POST JSON，带 HMAC-SHA256 签名）。也可以直接用阅读器订阅各页面的 Atom 地址。")
            }
            switch m.outcome {
            case .mailSent(let to):
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T("还差一步：请到邮箱确认") }
                    El("p") { T("确认邮件已发往 \(to)。请打开邮件中的链接，点击“确认订阅”（7天内有效）。确认之前，平台不会发送任何信息。") }
                    El("p", ["class": "hint"]) { T("没有收到？请查看垃圾邮件文件夹，或几分钟后再看。") }
                }
            case .webhookRegistered(let to, let secret, let cancelURL, let cancelHref):
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T("订阅已登记，待验证") }
                    El("p") { T("平台将向 \(to) 发送一条验证消息（event 为 subscription.verify），接收方在响应正文中原样返回其中的 challenge 即完成验证，之后开始推送。") }
                    El("p") { T("签名密钥（只显示这一次，请妥善保存）：") }
                    El("pre") { T(secret) }
                    El("p") { T("取消订阅："); A(cancelURL, href: cancelHref) }
                }
            case .repeated(let scope, let confirmed):
                El("section", ["class": "card", "role": "status"]) {
                    El("h2") { T(confirmed ? "您已订阅过" : "这个订阅已登记，正在等待确认") }
                    El("p") {
                        T(confirmed
                          ? "“\(scope)”已经订阅，有新信息时会推送，无需重复订阅。"
                          : "“\(scope)”的订阅已登记，确认消息已发出，没有重复发送。请按确认消息操作。")
                    }
                }
            case nil:
                EmptyComponent()
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.subscribe(slug: m.slug).path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "订阅范围", name: "scope", options: m.scopes, selected: m.selected, errors: errors?.messages(for: "scope") ?? [])
                SelectRow(label: "接收方式", name: "channel", options: m.channels, selected: m.channel ?? m.channels[0].0,
                          errors: errors?.messages(for: "channel") ?? [])
                FieldRow(label: m.mailEnabled ? "电子邮箱或接收网址" : "接收推送的网址（Webhook）", name: "address", value: m.address, type: "text",
                         errors: errors?.messages(for: "address") ?? [],
                         hint: m.mailEnabled ? "邮件：如 zhangsan@example.com；系统接收：如 https://部门系统地址/gongkai/webhook" : "例如：https://部门系统地址/gongkai/webhook",
                         required: true)
                if !m.mailEnabled { El("p", ["class": "hint"]) { T("邮件订阅需要本平台配置邮件服务器，目前尚未开通。") } }
                PersonalDataNotice(purpose: "发送确认邮件和您所订阅范围的更新通知",
                                   keeping: "邮箱地址在工作平台上遮盖显示；每封邮件都附有退订链接，退订后不再向您发送。")
                SubmitRow(title: "订阅")
            }
        }
    }

    struct ConfirmModel: Sendable {
        enum State: Sendable {
            case cancelled, confirmed
            case expired(days: Int)
            case waiting(action: String)
        }

        let scope: String
        /// The address, masked.
        let email: String
        let state: State
        let cancelHref: String
    }

    static func confirm(_ m: ConfirmModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("确认订阅") }
            El("p") { T("订阅范围：\(m.scope)；邮箱：\(m.email)") }
            switch m.state {
            case .cancelled: El("p", ["class": "notice"]) { T("此订阅已取消。如需要，请重新订阅。") }
            case .confirmed: El("p", ["class": "notice"]) { T("订阅已确认，有新信息时会发邮件给您。") }
            case .expired(let days): El("p", ["class": "notice"]) { T("确认链接已超过\(days)天，已失效。请重新订阅。") }
            case .waiting(let action):
                PostForm(action: action, csrfToken: chrome.csrfToken) { SubmitRow(title: "确认订阅") }
            }
            El("p") { A("取消订阅", href: m.cancelHref) }
        }
    }

    struct CancelModel: Sendable {
        /// "订阅范围：…；邮箱：z***@example.cn".
        let subject: String
        /// When it was cancelled, if it was.
        let cancelled: String?
        let action: String
    }

    static func cancel(_ m: CancelModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("取消订阅") }
            El("p") { T(m.subject) }
            if let cancelled = m.cancelled {
                El("p", ["class": "notice"]) { T("此订阅已于\(cancelled)取消。") }
            } else {
                PostForm(action: m.action, csrfToken: chrome.csrfToken) { SubmitRow(title: "确认取消订阅") }
            }
        }
    }
}
