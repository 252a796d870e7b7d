import Foundation
import GongkaiCore
import Plot

/// Views of one application shared by the tracking page and the back office: the dates with how they were
/// computed, and the history.
enum RequestPages {
    static func stageText(_ t: RequestTimeline) -> String {
        switch t.stage {
        case .awaitingReceipt: "待受理机构确认收到申请（确认之日为收到申请之日）"
        case .awaitingCorrection: "待申请人补正" + (t.correctionUntil.map { "（补正期限：\($0.chinese)）" } ?? "")
        case .consulting: "正在征求第三方或者其他机关意见，所需时间不计算在答复期限内"
        case .awaitingPayment: "待缴纳信息处理费" + (t.paymentDue.map { "（缴费期限：\($0.chinese)）" } ?? "")
        case .handling: "办理中"
        case .replied: "已答复" + (t.outcome.map { "：\($0.shortName)" } ?? "")
        }
    }

    /// When the reply came, and whether in time (nil before the reply).
    static func replyText(_ t: RequestTimeline) -> String? {
        t.repliedOn.map { "\($0.chinese)" + (t.repliedOnTime.map { $0 ? "（在答复期限内）" : "（超过答复期限）" } ?? "") }
    }

    static func dueText(_ t: RequestTimeline) -> String {
        if let due = t.due { return due.chinese + "（" + due.weekdayName + "）" + (t.delayedTo != nil ? "，按条例第三十五条确定的延迟答复期限" : "") }
        return switch t.stage {
        case .awaitingReceipt: "确认收到申请后开始计算"
        case .awaitingCorrection: "收到补正后的申请之日起重新计算20个工作日"
        case .consulting: "征求意见结束后继续计算"
        case .awaitingPayment: "缴费后继续计算"
        default: "—"
        }
    }

    /// The public text of an event: what the applicant may read (third parties and internal notes are not named).
    static func publicText(_ e: RequestEvent) -> String {
        switch e.kind {
        case .received: "收到申请。" + e.text
        case .correctionRequested: "告知补正：" + e.text + (e.until.map { "（请于\($0.chinese)前补正）" } ?? "")
        case .correctionReceived: "收到补正后的申请，答复期限重新计算。"
        case .consultationSent: "征求第三方或者其他机关意见（所需时间不计算在答复期限内）。"
        case .consultationClosed: "征求意见结束。"
        case .extended: "经政府信息公开工作机构负责人同意，答复期限延长\(e.days ?? 0)个工作日。" + (e.text.isEmpty ? "" : "理由：" + e.text)
        case .reasonsRequested: "请申请人说明理由（条例第三十五条）。" + e.text
        case .replyDelayed: "确定延迟答复期限至\(e.until?.chinese ?? "")（条例第三十五条）。" + e.text
        case .feeNoticed: "发出收费通知：信息处理费\(e.amount ?? 0)元，请于收到通知次日起20个工作日内缴纳。"
        case .feePaid: "已缴纳信息处理费。"
        case .replied: "作出答复：" + (e.outcome?.shortName ?? "") + "。"
        case .note: ""
        case .transferred: transferText(e.text)
        case .delivered: "答复已送达（\(e.text)）。"
        }
    }

    /// "湖口县民政局；信息由县民政局掌握" → 转由湖口县民政局办理（信息由县民政局掌握）。
    static func transferText(_ text: String) -> String {
        let parts = text.split(separator: "；", maxSplits: 1).map(String.init)
        return "转由\(parts.first ?? "")办理" + (parts.count > 1 ? "（\(parts[1])）" : "") + "。"
    }

    /// A case's dates as display text: what the tracking page and the case page show above the history.
    struct Dates: Sendable {
        struct Segment: Sendable {
            let period: String
            let from: String
            let through: String
            let workingDays: String
            let note: String
        }

        let number: String
        let unitName: String
        let channel: String
        let received: String
        let stage: String
        let due: String
        let replied: String?
        /// How the due date was computed (empty before the clock starts).
        let segments: [Segment]
        /// "2027、2028" when the due date falls in years whose holidays are not yet published.
        let unconfirmedYears: String?
    }

    /// What the applicant sees of a case (no identity, no internal notes).
    struct PublicCase: Sendable {
        struct Letter: Sendable {
            let title: String
            let href: String
            let date: String
            let wordHref: String
        }

        struct File: Sendable {
            let name: String
            let href: String
            let size: String
        }

        let code: String
        let dates: Dates
        let letters: [Letter]
        let files: [File]
        let information: String
        /// Date and public text of each event the applicant may read.
        let history: [(on: String, text: String)]
    }

    @ComponentBuilder
    static func dates(_ d: Dates) -> Component {
        El("dl", ["class": "kv card"]) {
            El("dt") { T("受理编号") }
            El("dd") { T(d.number) }
            El("dt") { T("受理机关") }
            El("dd") { T(d.unitName) }
            El("dt") { T("提交方式") }
            El("dd") { T(d.channel) }
            El("dt") { T("收到申请之日") }
            El("dd") { T(d.received) }
            El("dt") { T("办理状态") }
            El("dd") { T(d.stage) }
            El("dt") { T("答复期限") }
            El("dd") { El("strong") { T(d.due) } }
            if let replied = d.replied {
                El("dt") { T("答复日期") }
                El("dd") { T(replied) }
            }
        }
        if !d.segments.isEmpty {
            El("details", ["class": "computation"]) {
                El("summary") { T("答复期限是怎样算出的") }
                El("p", ["class": "hint"]) {
                    T("自收到申请之日的次日起算20个工作日（条例第三十三条）；工作日按国务院办公厅节假日安排确定。")
                }
                DataTable(headers: ["期间", "从", "到", "工作日", "说明"]) {
                    for segment in d.segments {
                        El("tr") {
                            El("td") { T(segment.period) }
                            El("td") { T(segment.from) }
                            El("td") { T(segment.through) }
                            El("td") { T(segment.workingDays) }
                            El("td") { T(segment.note) }
                        }
                    }
                }
                if let years = d.unconfirmedYears {
                    El("p", ["class": "notice"]) { T("\(years)年的节假日安排尚未公布，期限按周末推算，公布后自动更正。") }
                }
            }
        }
    }

    /// The tracking page's view: dates, the letters and released files, and the public history; of the applicant
    /// nothing but what they asked for.
    @ComponentBuilder
    static func publicCase(_ c: PublicCase) -> Component {
        dates(c.dates)
        if !c.letters.isEmpty || !c.files.isEmpty {
            El("h2") { T("告知书和提供的信息") }
            El("ul", ["class": "plain-list"]) {
                for letter in c.letters {
                    El("li") {
                        A(letter.title, href: letter.href)
                        T("　\(letter.date)　")
                        A("下载 Word", href: letter.wordHref)
                    }
                }
                for file in c.files {
                    El("li") {
                        A(file.name, href: file.href)
                        El("span", ["class": "muted"]) { T("（\(file.size)）") }
                    }
                }
            }
        }
        El("h2") { T("所申请的信息") }
        El("p") { T(c.information) }
        El("h2") { T("办理经过") }
        El("ol", ["class": "history"]) {
            for row in c.history {
                El("li") { El("strong") { T(row.on + "　") }; T(row.text) }
            }
            if c.history.isEmpty { El("li") { T("已提交，等待受理机构确认收到。") } }
        }
    }
}
