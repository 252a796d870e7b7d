import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A year of applications for disclosure (示例) in each demo county, across the townships and departments, with
/// every outcome group and the tricky paths: 补正 once and twice, a third party consulted, an extension, a fee, a
/// 补正 never made, a reply after the due date, and open cases in the queue. Applicants are made up (“示例申请人”)
/// with ID numbers that pass the check digit. Made from a fixed seed, so every demo is the same.
enum DemoRequests {
    /// A valid 18-digit number (GB 11643 check digit) for made-up applicants.
    static func idNumber(_ i: Int) -> String {
        let body = String(format: "360429%04d%02d%02d%03d", 1960 + i % 40, 1 + i % 12, 1 + i % 28, 100 + i % 900)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    static let wanted = [
        "本村2025年低保对象名单及保障金额", "2025年城乡居民医疗保险财政补助资金使用情况", "某路段道路改造项目的立项批复和预算",
        "我家房屋所在地块的征收补偿方案", "2025年度农村危房改造补助对象名单", "辖区内某企业环境影响评价批复文件",
        "2025年乡镇财政预算执行情况", "本镇义务教育学校划片招生方案", "2025年食品安全监督抽检不合格产品处理情况",
        "村集体土地承包合同及租金收支情况",
    ]

    static func load(app: Application, perSite: Int = 48, only: String? = nil) async throws {
        let calendar = try await app.calendarService.calendar(on: app.db)
        let today = ChineseTime.today(app.gongkai.now)
        for site in try await SiteQueries.all(on: app.db) where site.isDemo && (only == nil || site.slug == only) {
            let siteID = try site.requireID()
            guard try await DisclosureRequestRecord.query(on: app.db).filter(\.$site.$id == siteID).count() == 0 else { continue }
            // Only administrative organs take applications (not village committees or public enterprises).
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == siteID).filter(\.$archivedAt == nil).sort(\.$sortOrder).all()
                .filter(\.unitKind.takesApplications)
            guard !units.isEmpty else { continue }
            // One transaction per county: a first start loads a year of cases in seconds, and never half of them.
            try await app.db.transaction { db in
                let actor = AuditActor(userID: nil, label: "示例数据", siteID: siteID, clientAddress: "")
                for i in 0..<perSite {
                    // Spread over the year before today, the newest still open.
                    // On a working day: the first one on or after the spread date.
                    guard let arrived = calendar.addingWorkingDays(1, to: today.adding(days: -366 + i * 365 / perSite)), arrived <= today else { continue }
                    let channel = ReceiptChannel.allCases[i % ReceiptChannel.allCases.count]
                    let applicant = i % 3 == 0 ? ApplicantType.allCases[1 + (i / 3) % 5] : .naturalPerson
                    let application = RequestApplication(
                        applicant: applicant, name: applicant.isOrganisation ? "示例\(applicant.label)\(i)号单位" : "示例申请人\(i)",
                        idNumber: applicant.isOrganisation ? String(format: "91360429MA35%05dK", i) : idNumber(i), contactPerson: applicant.isOrganisation ? "示例联系人" : "",
                        phone: String(format: "1380000%04d", i), information: wanted[i % wanted.count], form: .email, delivery: .email, needsHelp: i % 17 == 0)
                    var a = application
                    a.email = "applicant\(i)@example.com"
                    let confirmed = channel.needsConfirmation ? calendar.addingWorkingDays(1, to: arrived) : nil
                    let record = try await RequestStore.create(
                        .init(application: a, unitID: try units[(i * 7) % units.count].requireID(), channel: channel, arrivedOn: arrived,
                              confirmedOn: confirmed.flatMap { $0 <= today ? $0 : nil }),
                        siteID: siteID, actor: actor, now: app.gongkai.now, calendar: calendar, on: db)
                    guard let received = record.receivedOn.flatMap(CivilDate.init) else { continue }
                    for event in path(i, received: received, calendar: calendar) where event.on <= today {
                        let fresh = try await DisclosureRequestRecord.find(record.id, on: db) ?? record
                        try await RequestStore.append(event, to: fresh, expectedLock: fresh.lockVersion, actor: actor, now: app.gongkai.now, calendar: calendar, on: db)
                    }
                    // Table 四: two of the withheld replies are taken to 行政复议 (one decided), one to court.
                    if i % 10 == 3, let replied = try await DisclosureRequestRecord.find(record.id, on: db)?.repliedOn.flatMap(CivilDate.init),
                       let filed = calendar.addingWorkingDays(10, to: replied), filed <= today, i < 40 {
                        let kind: TableFour.Kind = i == 33 ? .litigationDirect : .review
                        try await RequestStore.fileAppeal(kind, filedOn: filed, note: "示例：申请人不服不予公开的答复", against: record, actor: actor, now: app.gongkai.now, on: db)
                        if i == 3, let decided = calendar.addingWorkingDays(40, to: filed), decided <= today {
                            try await DisclosureRequestAppealRecord.query(on: db).filter(\.$request.$id == record.requireID())
                                .set(\.$result, to: TableFour.Result.upheld.rawValue).set(\.$decidedOn, to: decided.description).update()
                        }
                    }
                }
            }
        }
    }

    /// The history of the i-th demo case after receipt (events past today are left out: the case stays open).
    static func path(_ i: Int, received r: CivilDate, calendar: WorkingCalendar) -> [RequestEvent] {
        func day(_ n: Int) -> CivilDate { calendar.addingWorkingDays(n, to: r) ?? r }
        switch i % 10 {
        case 0: return [RequestEvent(.replied, on: day(8), outcome: .disclosed, text: "已通过电子邮件提供")]
        case 1: return [RequestEvent(.correctionRequested, on: day(3), until: day(13), text: "请写明所需信息的年度和地块位置"),
                        RequestEvent(.correctionReceived, on: day(7)), RequestEvent(.replied, on: day(20), outcome: .partlyDisclosed, text: "涉及个人信息的部分已作区分处理")]
        case 2: return [RequestEvent(.correctionRequested, on: day(2), until: day(10), text: "请写明所需信息的名称或文号"),
                        RequestEvent(.correctionReceived, on: day(6)),
                        RequestEvent(.correctionRequested, on: day(9), until: day(16), text: "补正后仍不明确：请写明具体项目名称"),
                        RequestEvent(.correctionReceived, on: day(12)), RequestEvent(.replied, on: day(25), outcome: .unavailableUnclearAfterCorrection)]
        case 3: return [RequestEvent(.consultationSent, on: day(4), text: "征求第三方（相关企业）意见"),
                        RequestEvent(.consultationClosed, on: day(15), text: "第三方书面答复不同意公开"),
                        RequestEvent(.replied, on: day(22), outcome: .withheldThirdParty, text: "第三方不同意公开且理由合理")]
        case 4: return [RequestEvent(.extended, on: day(18), days: 20, text: "需调取档案资料，经公开办负责人同意延长"),
                        RequestEvent(.replied, on: day(36), outcome: .disclosed)]
        case 5: return [RequestEvent(.feeNoticed, on: day(5), amount: ProcessingFee.byPages(120), text: "按量计收：120页"),
                        RequestEvent(.feePaid, on: day(9)), RequestEvent(.replied, on: day(19), outcome: .disclosed)]
        case 6: return [RequestEvent(.correctionRequested, on: day(4), until: day(14), text: "请提供身份证明复印件"),
                        RequestEvent(.replied, on: day(16), outcome: .otherNotCorrected, text: "申请人无正当理由逾期不补正")]
        case 7: return [RequestEvent(.note, on: day(2), text: "与档案室核实中"), RequestEvent(.replied, on: day(24), outcome: .unavailableNotHeld, text: "本机关不掌握，已告知负责公开的机关")]
        case 8: return [RequestEvent(.replied, on: day(5), outcome: .notProcessedRepeat, text: "已就相同内容作出答复")]
        default: return [RequestEvent(.replied, on: day(12), outcome: .withheldProcessInformation)]
        }
    }
}
