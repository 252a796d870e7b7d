import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The reads of 依申请公开's back office that depend on who asks: which units' applications the actor handles,
/// and what the case page may offer. Pages ask here, so that they offer what the actions allow.
enum RequestQuery {
    /// The units whose applications the actor may handle (its own; all of the site for the office).
    static func handledUnits(by acting: Acting, on db: any Database) async throws -> [UUID] {
        try await handledUnits(access: acting.access, on: db)
    }

    static func handledUnits(access: AccessActor<UUID>, on db: any Database) async throws -> [UUID] {
        let units = try await UnitQueries.forSite(access.siteID, includeArchived: true, on: db).compactMap(\.id)
        return units.filter { AccessRules.can(access, .handleRequest, AccessTarget(siteID: access.siteID, unitID: $0)) }
    }

    static func isOffice(_ acting: Acting) -> Bool { acting.may(.manageSite, acting.site) }

    /// The office's pages (every unit's figures, the letters' wording): 403 for anyone else.
    static func requireOffice(_ acting: Acting) throws { try acting.authorize(.manageSite, acting.site) }

    /// What the case page offers on a case of `unitID`.
    struct Abilities: Sendable {
        var extend: Bool
        var chargeFee: Bool
        var draft: Bool
    }

    static func abilities(on record: DisclosureRequestRecord, by acting: Acting) -> Abilities {
        let target = AccessTarget(siteID: record.$site.id, unitID: record.$unit.id)
        return Abilities(extend: acting.may(.extendRequest, target), chargeFee: acting.may(.chargeFee, target), draft: acting.may(.editContent, target))
    }

    // MARK: - The case page (query → model, decision 0009)

    /// Everything the case page shows of `record`, as display values; the applicant's details are shown only here,
    /// to those who handle the case (reading them is audited by `RequestCaseActions.view`).
    static func casePage(_ record: DisclosureRequestRecord, query: String?, today: CivilDate, calendar: WorkingCalendar,
                         by acting: Acting, on db: any Database) async throws -> RequestCasePage.Model {
        let fresh = try await DisclosureRequestRecord.query(on: db).filter(\.$id == record.requireID()).with(\.$unit).first() ?? record
        let loaded = try await RequestStore.load(fresh, calendar: calendar, on: db)
        let r = loaded.record
        let id = try r.requireID()
        async let letters = RequestLetters.letters(of: id, on: db)
        async let files = RequestLetters.files(of: id, on: db)
        async let appeals = DisclosureRequestAppealRecord.query(on: db).filter(\.$request.$id == id).sort(\.$createdAt).all()
        async let related = RequestRelated.find(for: r, query: query, by: acting, on: db)
        async let units = UnitQueries.forSite(acting.siteID, includeArchived: false, on: db)
        async let mails = ApplicantMailRecord.query(on: db).filter(\.$request.$id == id).all()
        let may = abilities(on: r, by: acting)
        let mailList = try await mails
        let kinds = nextKinds(loaded.timeline.stage).filter { ($0 != .extended || may.extend) && ($0 != .feeNoticed || may.chargeFee) }
        return RequestCasePage.Model(
            id: id, number: r.number, repeatOfHref: r.repeatOf.map { SiteURL.adminRequest($0).path }, needsHelp: r.needsHelp,
            lapsed: lapsed(loaded.timeline, today: today), dates: RequestPages.Dates(loaded),
            applicant: [
                ("申请人类型", r.applicant.formLabel),
                (r.applicant.isOrganisation ? "单位名称" : "姓名", r.name),
                (r.idKind, r.idNumber),
            ] + (r.contactPerson.isEmpty ? [] : [("联系人", r.contactPerson)]) + [
                ("联系方式", [r.phone, r.email, r.address].filter { !$0.isEmpty }.joined(separator: "；")),
                ("获取形式和途径", RequestLetters.provision(r)),
                ("查询码", r.code),
            ],
            information: r.information,
            history: loaded.events.map { row in
                .init(heading: row.onDate + "　" + RequestTimeline.label(RequestEvent.Kind(rawValue: row.kind) ?? .note),
                      text: row.event.map { $0.kind == .note ? $0.text : RequestPages.publicText($0) } ?? row.text,
                      recorded: "（\(row.createdByLabel) 记录于 \(ChineseTime.dateTime(row.createdAt))）")
            },
            letters: try await letters.map { letter in
                .init(title: letter.title, date: letter.dateText,
                      viewHref: SiteURL.adminRequestLetter(id, position: letter.eventPosition).path,
                      wordHref: SiteURL.adminRequestLetterFile(id, position: letter.eventPosition).path,
                      template: letter.templateNumber == 0 ? "（默认模板）" : "（模板第\(letter.templateNumber)版）",
                      mail: mailList.first { $0.eventPosition == letter.eventPosition }.map { mailStatus($0, request: id) })
            },
            files: try await files.map { .init(name: $0.fileName, href: SiteURL.adminRequestFile(id, file: $0.id!).path, size: PublicationPages.byteSize($0.size)) },
            lockVersion: r.lockVersion, kinds: kinds.map { ($0.rawValue, RequestTimeline.label($0)) },
            transferUnits: try await units.filter { $0.id != r.$unit.id }.map { ($0.id!.uuidString, $0.name) },
            today: today.description, query: query ?? "", related: try await related, canDraft: may.draft,
            appeals: try await appeals.map { appeal in
                .init(kind: TableFour.Kind(rawValue: appeal.kind)?.label ?? appeal.kind,
                      summary: "　\(appeal.filedOn) 提出　" + (TableFour.Result(rawValue: appeal.result)?.label ?? appeal.result)
                          + (appeal.decidedOn.map { "（\($0)）" } ?? ""),
                      note: appeal.note, action: SiteURL.adminRequestAppeal(id, appeal: appeal.id!).path, lockVersion: appeal.lockVersion,
                      result: appeal.result, decidedOn: appeal.decidedOn ?? "")
            })
    }

    /// The tracking page's case: dates, letters, files and the public history, nothing of the applicant.
    static func publicCase(_ record: DisclosureRequestRecord, slug: String, calendar: WorkingCalendar, on db: any Database) async throws -> RequestPages.PublicCase {
        let loaded = try await RequestStore.load(record, calendar: calendar, on: db)
        let id = try record.requireID()
        let code = record.code
        return RequestPages.PublicCase(
            code: code, dates: RequestPages.Dates(loaded),
            letters: try await RequestLetters.letters(of: id, on: db).map {
                .init(title: $0.title, href: SiteURL.requestLetter(slug: slug, code: code, position: $0.eventPosition).path, date: $0.dateText,
                      wordHref: SiteURL.requestLetterFile(slug: slug, code: code, position: $0.eventPosition).path)
            },
            files: try await RequestLetters.files(of: id, on: db).map {
                .init(name: $0.fileName, href: SiteURL.requestFile(slug: slug, code: code, file: $0.id!).path, size: PublicationPages.byteSize($0.size))
            },
            information: record.information,
            history: loaded.events.compactMap { row in
                guard let event = row.event, event.kind != .note else { return nil }
                return (event.on.chinese, RequestPages.publicText(event))
            })
    }

    /// The events that may be recorded at a stage (before the actor's own abilities are applied).
    static func nextKinds(_ stage: RequestTimeline.Stage) -> [RequestEvent.Kind] {
        switch stage {
        case .awaitingReceipt: [.received, .transferred, .note]
        case .replied: [.delivered, .note]
        default:
            [
                .correctionRequested, .correctionReceived, .consultationSent, .consultationClosed, .extended,
                .reasonsRequested, .replyDelayed,
                .feeNoticed, .feePaid, .replied, .transferred, .note,
            ]
        }
    }


    /// A period the applicant let pass: the reply the law then allows, as a suggestion.
    static func lapsed(_ t: RequestTimeline, today: CivilDate) -> [String] {
        var found: [String] = []
        if t.stage == .awaitingCorrection, let until = t.correctionUntil, until < today {
            found.append("补正期限（\(until.chinese)）已过，申请人未补正。无正当理由逾期不补正的，视为放弃申请（条例第三十条），可以答复“其他处理：申请人无正当理由逾期不补正”。")
        }
        if t.stage == .awaitingPayment, let due = t.paymentDue, due < today {
            found.append("缴费期限（\(due.chinese)）已过，申请人未缴纳信息处理费，视为放弃申请，可以答复“其他处理：申请人逾期未按收费通知要求缴纳费用”。")
        }
        return found
    }

    /// Where the e-mail of a letter stands (the applicant chose e-mail), with the address masked.
    static func mailStatus(_ mail: ApplicantMailRecord, request id: UUID) -> RequestCasePage.Model.Mail {
        let to = PersonalDataScanner.maskEmail(mail.toAddress)
        if let delivered = mail.deliveredAt { return .init(text: "已发送至 \(to)（\(ChineseTime.dateTime(delivered))）", kind: "info", resendAction: nil) }
        if mail.abandonedAt != nil {
            return .init(text: "邮件未能发送至 \(to)，已停止重试：\(mail.lastError)；请另行送达", kind: "danger",
                         resendAction: SiteURL.adminRequestMailResend(id, mail: mail.id!).path)
        }
        return .init(text: "邮件待发送至 \(to)" + (mail.lastError.isEmpty ? "" : "（\(mail.lastError)，将自动重试）"), kind: "warning", resendAction: nil)
    }
}

extension RequestPages.Dates {
    init(_ loaded: RequestStore.Loaded) {
        let t = loaded.timeline
        let r = loaded.record
        self.init(
            number: r.number, unitName: r.unit.name, channel: r.channelValue.label,
            received: t.received.map { "\($0.chinese)（\(r.channelValue.rule)）" } ?? "待确认",
            stage: RequestPages.stageText(t), due: RequestPages.dueText(t), replied: RequestPages.replyText(t),
            segments: (t.clock?.segments ?? []).map { segment in
                .init(period: segment.kind == .counting ? "计入" : segment.kind == .paused ? "不计入" : "已重新起算",
                      from: segment.from.description, through: segment.through.description,
                      workingDays: String(segment.workingDays), note: segment.note)
            },
            unconfirmedYears: (t.clock?.unconfirmedYears).flatMap { $0.isEmpty ? nil : $0.map(String.init).joined(separator: "、") })
    }
}
