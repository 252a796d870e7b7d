import Foundation
import GongkaiCore
import Plot

/// `/admin/requests`: the handling unit's (and the office's) applications, by due date, with the working lists
/// (overdue, due soon, waiting for the applicant …) and letters whose mail was given up on. Built by
/// `RequestAdmin.indexQuery`.
enum RequestQueuePage {
    /// A badge as text and kind (`danger`, `warning`), or plain text when `kind` is empty.
    struct Mark: Sendable, Equatable {
        var text: String
        var kind = ""
    }

    struct Model: Sendable {
        struct Row: Sendable {
            let number: String
            let href: String
            let unitName: String
            let receivedOn: String
            let stage: String
            let dueOn: String
            let mark: Mark
        }

        struct Queue: Sendable {
            let title: String
            /// Number, its page, the unit, the date the entry is about, and how urgent.
            let entries: [(number: String, href: String, unitName: String, date: String, mark: Mark)]
        }

        /// Only cases not yet replied to (`false`: all, with the replied ones).
        let openOnly: Bool
        let isOffice: Bool
        /// After a 转办 the handler lands here with a notice.
        /// Letters whose mail was given up on: the case, the subject and the relay's last words.
        let undelivered: [(number: String, href: String, subject: String, error: String)]
        let queues: [Queue]
        var paging = Paging()
        let rows: [Row]

        /// The 受理编号 looked up, how many cases match, and the links around this page ("all" only).
        struct Paging: Sendable {
            var search = ""
            var total = 0
            var newerHref: String?
            var olderHref: String?
            var firstHref: String?
        }
    }

    /// Cases a page of "all" shows.
    static let pageSize = 100

    static func render(_ m: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("依申请公开") }
            El("p", ["class": "lead"]) {
                T("本单位收到的政府信息公开申请，按答复期限排列。申请人的身份和联系方式只有受理单位和公开办可以查看，查看记入操作日志。")
            }
            El("p") {
                A("登记申请（当面、邮寄、传真）", href: SiteURL.adminRequestNew.path, class: "button")
                T("　")
                A("年度报告表三", href: SiteURL.adminRequestReport.path)
                T("　")
                if m.openOnly { A("显示全部（含已答复）", href: SiteURL.adminRequests.path(.showAll)) } else { A("只看未办结", href: SiteURL.adminRequests.path) }
                if m.isOffice {
                    T("　")
                    A("各单位办理情况", href: SiteURL.adminRequestOverview.path)
                    T("　")
                    A("告知书模板", href: SiteURL.adminRequestTemplates.path)
                }
            }
            if !m.undelivered.isEmpty {
                El("section", ["class": "card queue"]) {
                    El("h2") { T("告知书邮件未能发出，请另行送达或重新发送（\(m.undelivered.count)）") }
                    El("ul", ["class": "plain-list"]) {
                        for mail in m.undelivered {
                            El("li") { A(mail.number, href: mail.href); T("　\(mail.subject)　\(mail.error)") }
                        }
                    }
                }
            }
            for queue in m.queues {
                El("section", ["class": "card queue"]) {
                    El("h2") { T(queue.title) }
                    El("ul", ["class": "plain-list"]) {
                        for entry in queue.entries {
                            El("li") {
                                A(entry.number, href: entry.href)
                                T("　\(entry.unitName)　\(entry.date)　")
                                markView(entry.mark)
                            }
                        }
                    }
                }
            }
            El("form", ["method": "get", "action": SiteURL.adminRequests.path, "class": "filters", "role": "search", "aria-label": "查找申请"]) {
                if !m.openOnly { VoidEl("input", ["type": "hidden", "name": "show", "value": "all"]) }
                El("div", ["class": "filter-field"]) {
                    El("label", ["for": "q"]) { T("受理编号或查询码") }
                    VoidEl("input", ["type": "search", "id": "q", "name": "q", "value": m.paging.search, "placeholder": "如 2026-0007 或查询码"])
                }
                El("div", ["class": "filter-field filter-actions"]) {
                    El("button", ["type": "submit", "class": "button secondary"]) { T("查找") }
                    if !m.paging.search.isEmpty { A("清除", href: m.openOnly ? SiteURL.adminRequests.path : SiteURL.adminRequests.path(.showAll)) }
                }
            }
            if m.rows.isEmpty {
                if m.paging.search.isEmpty {
                    EmptyState(title: m.openOnly ? "没有未办结的申请" : "还没有申请", text: "公众在门户“依申请公开”在线提交的申请，和您登记的申请，会列在这里。")
                } else {
                    EmptyState(title: "没有找到", text: "没有受理编号或查询码为“\(m.paging.search)”的申请。")
                }
            } else {
                DataTable(headers: ["受理编号", "受理机关", "收到申请之日", "状态", "答复期限", "提示"]) {
                    for row in m.rows {
                        El("tr") {
                            El("td") { A(row.number, href: row.href) }
                            El("td") { T(row.unitName) }
                            El("td") { T(row.receivedOn) }
                            El("td") { T(row.stage) }
                            El("td") { T(row.dueOn) }
                            El("td") { markView(row.mark) }
                        }
                    }
                }
                if !m.openOnly && m.paging.total > m.rows.count {
                    El("p", ["class": "muted"]) { T("共\(m.paging.total)件，每页\(pageSize)件，按收到时间从新到旧排列。") }
                }
                KeysetPager(first: m.paging.firstHref, newer: m.paging.newerHref, older: m.paging.olderHref)
            }
        }
    }

    static func markView(_ mark: Mark) -> Component {
        mark.kind.isEmpty ? T(mark.text) : Badge(text: mark.text, kind: mark.kind)
    }

}

extension RequestQueuePage.Model {
    /// A township's queue: one case overdue, one due soon, a mail given up on, one replied case.
    static var mock: Self {
        let href = SiteURL.adminRequest(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).path
        return Self(
            openOnly: false, isOffice: false,
            undelivered: [("2026-0007", href, "【湖口县】政府信息公开申请答复书（受理编号 2026-0007）", "550 mailbox unavailable")],
            queues: [.init(title: "已超过答复期限（1）", entries: [("2026-0003", href, "湖口县双钟镇人民政府", "2026年11月30日", .init(text: "逾期4个工作日", kind: "danger"))])],
            rows: [
                .init(number: "2026-0003", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-10-30", stage: "办理中", dueOn: "2026-11-30",
                      mark: .init(text: "逾期4个工作日", kind: "danger")),
                .init(number: "2026-0005", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-11-06", stage: "办理中", dueOn: "2026-12-07",
                      mark: .init(text: "1个工作日内到期", kind: "warning")),
                .init(number: "2026-0001", href: href, unitName: "湖口县双钟镇人民政府", receivedOn: "2026-09-21", stage: "已答复", dueOn: "2026-10-26",
                      mark: .init(text: "予以公开")),
            ])
    }
}
