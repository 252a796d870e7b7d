/// One thing that happened to an application for disclosure. The history is append-only: a mistake is corrected
/// by a later event, never by editing one, and every date shown (the reply due date above all) is computed from
/// the whole history and the working-day calendar.
public struct RequestEvent: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// 收到申请之日 (第三十一条: for letters, online and fax the day both sides confirmed).
        case received
        /// 补正告知 (第三十条): one notice listing everything to fix and a reasonable period (`until`).
        case correctionRequested = "correction-requested"
        /// The corrected application arrived: the 20 working days run anew from this day.
        case correctionReceived = "correction-received"
        /// 征求第三方意见 (第三十二条) or another agency's (第三十四条): the time is not counted (第三十三条第三款).
        case consultationSent = "consultation-sent"
        /// The consulted party answered, or its 15 working days ran out.
        case consultationClosed = "consultation-closed"
        /// 延长答复期限 (第三十三条第二款): the office head's consent, the reason and the notice; at most 20 working days, once.
        case extended
        /// 第三十五条: the applicant is asked to explain an evidently excessive number or frequency of applications.
        case reasonsRequested = "reasons-requested"
        /// 第三十五条: the reasons were found reasonable but the usual period is not enough: a reasonable later date.
        case replyDelayed = "reply-delayed"
        /// 收费通知 (信息处理费管理办法): amount and method; the applicant pays within 20 working days of the next day.
        case feeNoticed = "fee-noticed"
        case feePaid = "fee-paid"
        /// The decision and its letter. Ends the case (另见 `outcome`).
        case replied
        /// A note for the handlers (never shown to the applicant).
        case note
        /// 转办: the case moves to the unit of the site that holds the information (`text` names it). The clock
        /// runs on: the site received the application.
        case transferred
        /// 送达: the reply (and released files) went out by the form the applicant chose (`text` says how).
        case delivered
    }

    public var kind: Kind
    public var on: CivilDate
    /// Working days (延期).
    public var days: Int?
    /// A date the event sets: the 补正 period's end, the delayed reply date.
    public var until: CivilDate?
    public var outcome: RequestOutcome?
    /// Yuan (收费通知).
    public var amount: Int?
    public var text: String

    public init(_ kind: Kind, on: CivilDate, days: Int? = nil, until: CivilDate? = nil, outcome: RequestOutcome? = nil, amount: Int? = nil,
                text: String = "") {
        self.kind = kind
        self.on = on
        self.days = days
        self.until = until
        self.outcome = outcome
        self.amount = amount
        self.text = text
    }
}

/// Where a case stands, computed from its history: the stage, the reply clock with every segment, and the other
/// statutory dates (补正告知 within 7 working days, third parties' 15, payment within 20).
public struct RequestTimeline: Sendable, Equatable {
    public enum Stage: String, CaseIterable, Sendable {
        case awaitingReceipt = "awaiting-receipt"
        case handling
        case awaitingCorrection = "awaiting-correction"
        case consulting
        case awaitingPayment = "awaiting-payment"
        case replied

        public var label: String {
            switch self {
            case .awaitingReceipt: "待确认收到"
            case .handling: "办理中"
            case .awaitingCorrection: "待申请人补正"
            case .consulting: "征求意见中"
            case .awaitingPayment: "待缴纳信息处理费"
            case .replied: "已答复"
            }
        }
    }

    /// Every stage but 已答复 (for finding open cases by an index rather than a "not replied" scan).
    public static let openStages = Stage.allCases.filter { $0 != .replied }

    public struct Rules: Sendable, Equatable {
        /// Whether the days between a fee notice and payment are not counted. The national text saying so was not
        /// seen (DOMAIN.md "Not confirmed"); on by default, as the county's practice decides.
        public var feePeriodPausesClock = true

        public init(feePeriodPausesClock: Bool = true) { self.feePeriodPausesClock = feePeriodPausesClock }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notReceived
        case notYetReplied
        case afterReply(RequestEvent.Kind)
        case secondExtension
        case extensionTooLong(Int)
        case nothingToClose(RequestEvent.Kind)
        case outOfOrder(CivilDate)
        case clock(ReplyClock.Failure)

        public var description: String {
            switch self {
            case .notReceived: "尚未确认收到申请之日，不能办理。"
            case .notYetReplied: "尚未作出答复，不能记录送达。"
            case .afterReply(let kind): "申请已答复，不能再记录“\(RequestTimeline.label(kind))”。"
            case .secondExtension: "答复期限只能延长一次（条例第三十三条第二款）。"
            case .extensionTooLong(let days): "延长答复期限最长不得超过20个工作日（条例第三十三条第二款），填写的是\(days)个工作日。"
            case .nothingToClose(let kind): "没有可对应的在先事项，不能记录“\(RequestTimeline.label(kind))”。"
            case .outOfOrder(let date): "日期\(date)早于前一个已记录的事项。"
            case .clock(let failure): failure.description
            }
        }
    }

    public static func label(_ kind: RequestEvent.Kind) -> String {
        switch kind {
        case .received: "收到申请"
        case .correctionRequested: "告知补正"
        case .correctionReceived: "收到补正"
        case .consultationSent: "征求意见"
        case .consultationClosed: "征求意见结束"
        case .extended: "延长答复期限"
        case .reasonsRequested: "要求说明理由"
        case .replyDelayed: "确定延迟答复期限"
        case .feeNoticed: "发出收费通知"
        case .feePaid: "缴纳信息处理费"
        case .replied: "答复"
        case .note: "办理备注"
        case .transferred: "转办"
        case .delivered: "送达"
        }
    }

    public static let correctionNoticeWorkingDays = 7
    public static let consultationWorkingDays = 15

    public var stage: Stage
    public var received: CivilDate?
    /// The reply clock: nil before receipt; its `due` is nil while paused with no end (补正, open consultation,
    /// unpaid fee) — the page says why instead of a date.
    public var clock: ReplyClock.Outcome?
    /// 第三十五条: a date set in place of the clock's.
    public var delayedTo: CivilDate?
    /// 第三十条: a 补正 notice must go out within 7 working days of receipt (nil once sent, or when not relevant).
    public var correctionNoticeDue: CivilDate?
    /// The period the applicant was given to correct.
    public var correctionUntil: CivilDate?
    /// The consulted party's 15 working days (第三十二条、第三十四条), while a consultation is open.
    public var consultationDue: CivilDate?
    /// 收到收费通知次日起20个工作日内.
    public var paymentDue: CivilDate?
    public var outcome: RequestOutcome?
    public var repliedOn: CivilDate?
    /// The first 送达 recorded after the reply.
    public var deliveredOn: CivilDate?

    /// The due date as shown: the 第三十五条 date when set, else the clock's.
    public var due: CivilDate? { delayedTo ?? clock?.due }

    /// Whether a reply came by the due date (nil until replied, or when no due date could be computed).
    public var repliedOnTime: Bool? {
        guard let repliedOn, let due else { return nil }
        return repliedOn <= due
    }

    public static func evaluate(_ events: [RequestEvent], calendar: WorkingCalendar, rules: Rules = Rules()) throws(Failure) -> RequestTimeline {
        var timeline = RequestTimeline(stage: .awaitingReceipt)
        var clockEvents: [ReplyClock.Event] = []
        var clockStart: CivilDate?
        var openCorrection: CivilDate?
        var openConsultations: [CivilDate] = []
        var openFee: CivilDate?
        var extended = false
        var last: CivilDate?

        /// Pauses start no earlier than the first counting day (the clock counts from the day after it starts).
        func pauseStart(_ date: CivilDate) -> CivilDate { max(date, (clockStart ?? date).adding(days: 1)) }

        for event in events where event.kind != .note {
            if let last, event.on < last { throw .outOfOrder(event.on) }
            last = event.on
            if event.kind == .delivered {
                guard timeline.stage == .replied else { throw .notYetReplied }
                timeline.deliveredOn = timeline.deliveredOn ?? event.on
                continue
            }
            if timeline.stage == .replied { throw .afterReply(event.kind) }
            if event.kind != .received, event.kind != .transferred, timeline.received == nil { throw .notReceived }
            switch event.kind {
            case .received:
                timeline.received = event.on
                clockStart = event.on
                timeline.stage = .handling
            case .correctionRequested:
                openCorrection = event.on
                timeline.correctionUntil = event.until
            case .correctionReceived:
                guard openCorrection != nil else { throw .nothingToClose(event.kind) }
                openCorrection = nil
                timeline.correctionUntil = nil
                clockEvents.append(.restart(on: event.on, reason: "收到补正后的申请"))
                clockStart = event.on
            case .consultationSent:
                openConsultations.append(event.on)
            case .consultationClosed:
                guard !openConsultations.isEmpty else { throw .nothingToClose(event.kind) }
                let from = openConsultations.removeFirst()
                // Overlapping consultations: the time not counted runs until the last one closes.
                // Answered the day it was sent (before the first counting day): no day is lost.
                if openConsultations.isEmpty, event.on >= pauseStart(from) {
                    clockEvents.append(.pause(from: pauseStart(from), to: event.on, reason: event.text.isEmpty ? "征求意见" : event.text))
                } else if !openConsultations.isEmpty {
                    openConsultations[0] = min(openConsultations[0], from)
                }
            case .extended:
                guard !extended else { throw .secondExtension }
                let days = event.days ?? ReplyClock.maximumExtension
                guard (1...ReplyClock.maximumExtension).contains(days) else { throw .extensionTooLong(days) }
                extended = true
                clockEvents.append(.extend(workingDays: days, on: event.on, reason: event.text))
            case .reasonsRequested:
                break
            case .replyDelayed:
                timeline.delayedTo = event.until
            case .feeNoticed:
                openFee = event.on
                timeline.paymentDue = calendar.addingWorkingDays(ProcessingFee.paymentWorkingDays, to: event.on)
            case .feePaid:
                guard let noticed = openFee else { throw .nothingToClose(event.kind) }
                openFee = nil
                timeline.paymentDue = nil
                if rules.feePeriodPausesClock, event.on >= pauseStart(noticed) {
                    clockEvents.append(.pause(from: pauseStart(noticed), to: event.on, reason: "缴纳信息处理费期间"))
                }
            case .replied:
                timeline.stage = .replied
                timeline.outcome = event.outcome
                timeline.repliedOn = event.on
            case .note, .transferred, .delivered:
                break
            }
        }
        guard let received = timeline.received else { return timeline }

        // Still open at the end of the history: the clock waits (no due date) and the stage says for what.
        if timeline.stage != .replied {
            if let requested = openCorrection {
                timeline.stage = .awaitingCorrection
                clockEvents.append(.pause(from: pauseStart(requested), to: nil, reason: "等待申请人补正，答复期限自收到补正之日起重新计算"))
            } else if let sent = openConsultations.first {
                timeline.stage = .consulting
                timeline.consultationDue = calendar.addingWorkingDays(consultationWorkingDays, to: openConsultations.last ?? sent)
                clockEvents.append(.pause(from: pauseStart(sent), to: nil, reason: "征求意见，期间不计入答复期限"))
            } else if let noticed = openFee {
                timeline.stage = .awaitingPayment
                if rules.feePeriodPausesClock {
                    clockEvents.append(.pause(from: pauseStart(noticed), to: nil, reason: "等待缴纳信息处理费"))
                }
            }
        }
        // 第三十条: the 补正 notice is due within 7 working days of receipt, until one has gone out.
        if timeline.stage == .handling, !events.contains(where: { $0.kind == .correctionRequested }) {
            timeline.correctionNoticeDue = calendar.addingWorkingDays(correctionNoticeWorkingDays, to: received)
        }
        do {
            timeline.clock = try ReplyClock(received: received, events: clockEvents).evaluate(in: calendar)
        } catch {
            throw .clock(error)
        }
        return timeline
    }
}
