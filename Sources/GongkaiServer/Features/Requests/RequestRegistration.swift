import Fluent
import Foundation
import GongkaiCore
import Plot
import Vapor

/// `/admin/requests/new`: staff register an application that came in person (or was told and written down for the
/// applicant, 第二十九条), by post or by fax. The date of receipt follows 第三十一条 by channel: a letter that needs
/// no signature, and a fax, count from the day both sides confirmed.
enum RequestRegistration {
    struct Form: Content {
        var unit: String?
        var channel: String?
        var arrivedOn: String?
        var confirmedOn: String?
        var writtenForApplicant: String?
        var applicantType: String?
        var name: String?
        var idKind: String?
        var idNumber: String?
        var contactPerson: String?
        var phone: String?
        var email: String?
        var address: String?
        var information: String?
        var form: String?
        var delivery: String?
        var needsHelp: String?

        var portalForm: RequestPortal.Form {
            RequestPortal.Form(unit: unit, applicantType: applicantType, name: name, idKind: idKind, idNumber: idNumber, contactPerson: contactPerson,
                               phone: phone, email: email, address: address, information: information, form: form, delivery: delivery, needsHelp: needsHelp)
        }
    }

    static let staffChannels: [ReceiptChannel] = [.inPerson, .signedPost, .ordinaryLetter, .fax]

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = Form(unit: staff.unitID.uuidString, channel: ReceiptChannel.inPerson.rawValue, arrivedOn: req.today.description,
                        applicantType: ApplicantType.naturalPerson.rawValue, idKind: "居民身份证")
        return try await page(req, staff: staff, form: form, errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(Form.self)
        let registration = RequestIntakeActions.Registration(application: form.portalForm.application, unit: form.unit, channel: form.channel,
                                                             arrivedOn: form.arrivedOn, confirmedOn: form.confirmedOn,
                                                             writtenForApplicant: form.writtenForApplicant == "1")
        let record: DisclosureRequestRecord
        do {
            record = try await RequestIntakeActions.register(registration, by: staff.acting(req, via: .web), at: req.now,
                                                             calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, staff: staff, form: form, errors: errors, status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path(.notice(.requestRegistered)))
    }

    static func page(_ req: Request, staff: Staff, form: Form, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let visible = Set(try await RequestQuery.handledUnits(access: staff.actor, on: req.db))
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)).filter { visible.contains($0.unit.id!) }
        let chrome = PageChrome(req: req, title: "登记政府信息公开申请", area: .backOffice)
        let isOrganisation = ApplicantType(rawValue: form.applicantType ?? "")?.isOrganisation ?? false
        let html = Layout.render(chrome) {
            El("h1") { T("登记政府信息公开申请") }
            El("p", ["class": "lead"]) {
                T("当面、邮寄或传真提交的申请在这里登记。收到申请之日按条例第三十一条确定：当面提交以提交之日为准；需签收的邮件以签收之日为准；平常信函和传真以双方确认之日为准（尚未确认的，确认后在申请页面记录“收到申请”）。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminRequestNew.path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "受理单位", name: "unit", options: units.map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) },
                          selected: form.unit ?? "", errors: errors?.messages(for: "unit") ?? [])
                SelectRow(label: "提交方式", name: "channel", options: staffChannels.map { ($0.rawValue, "\($0.label)：\($0.rule)") },
                          selected: form.channel ?? ReceiptChannel.inPerson.rawValue, errors: errors?.messages(for: "channel") ?? [])
                FieldRow(label: "提交、签收或收到的日期", name: "arrivedOn", value: form.arrivedOn ?? "", type: "date", errors: errors?.messages(for: "arrivedOn") ?? [])
                FieldRow(label: "与申请人确认的日期（平常信函、传真）", name: "confirmedOn", value: form.confirmedOn ?? "", type: "date",
                         errors: errors?.messages(for: "confirmedOn") ?? [], hint: "还没有确认的留空。")
                CheckboxGroup(legend: "代为填写", name: "writtenForApplicant", options: [("1", "申请人书写确有困难，口头提出，由工作人员代为填写（第二十九条）")],
                              checked: form.writtenForApplicant == "1" ? ["1"] : [])
                SelectRow(label: "申请人", name: "applicantType", options: ApplicantType.allCases.map { ($0.rawValue, $0.formLabel) },
                          selected: form.applicantType ?? ApplicantType.naturalPerson.rawValue, errors: [])
                FieldRow(label: isOrganisation ? "单位名称" : "姓名或单位名称", name: "name", value: form.name ?? "", errors: errors?.messages(for: "name") ?? [], required: true)
                SelectRow(label: "身份证明", name: "idKind", options: RequestApplication.idKinds.map { ($0, $0) }, selected: form.idKind ?? "居民身份证", errors: [])
                FieldRow(label: "证件号码或统一社会信用代码", name: "idNumber", value: form.idNumber ?? "", errors: errors?.messages(for: "idNumber") ?? [], required: true)
                FieldRow(label: "联系人（法人或其他组织）", name: "contactPerson", value: form.contactPerson ?? "", errors: errors?.messages(for: "contactPerson") ?? [])
                FieldRow(label: "联系电话", name: "phone", value: form.phone ?? "", errors: errors?.messages(for: "phone") ?? [])
                FieldRow(label: "电子邮箱", name: "email", value: form.email ?? "", errors: errors?.messages(for: "email") ?? [])
                FieldRow(label: "通信地址", name: "address", value: form.address ?? "", errors: errors?.messages(for: "address") ?? [])
                TextAreaRow(label: "所需政府信息的名称、文号或者特征性描述", name: "information", value: form.information ?? "",
                            errors: errors?.messages(for: "information") ?? [], required: true, rows: 4)
                SelectRow(label: "获取信息的形式", name: "form", options: [("", "请选择")] + RequestApplication.ProvisionForm.allCases.map { ($0.rawValue, $0.label) },
                          selected: form.form ?? "", errors: errors?.messages(for: "form") ?? [])
                SelectRow(label: "获取信息的途径", name: "delivery", options: [("", "请选择")] + RequestApplication.Delivery.allCases.map { ($0.rawValue, $0.label) },
                          selected: form.delivery ?? "", errors: errors?.messages(for: "delivery") ?? [])
                CheckboxGroup(legend: "需要帮助", name: "needsHelp", options: [("1", "申请人有阅读困难或者视听障碍（第四十三条）")], checked: form.needsHelp == "1" ? ["1"] : [])
                SubmitRow(title: "登记并生成查询码")
            }
        }
        return Response.html(html, status: status)
    }
}
