import Foundation
import GongkaiCore
import Plot

/// `/admin/requests/new`: the registration form for applications that came in person, by post or by fax.
enum RequestRegistrationPage {
    struct Model: Sendable {
        /// The units the person may register for, indented under their parents.
        let units: [(value: String, label: String)]
        let form: RequestRegistration.Form
        let errors: ValidationErrors?
    }

    static func render(_ m: Model, chrome: PageChrome) -> String {
        let (form, errors) = (m.form, m.errors)
        let isOrganisation = ApplicantType(rawValue: form.applicantType ?? "")?.isOrganisation ?? false
        return Layout.render(chrome) {
            El("h1") { T("登记政府信息公开申请") }
            El("p", ["class": "lead"]) {
                T("当面、邮寄或传真提交的申请在这里登记。收到申请之日按条例第三十一条确定：当面提交以提交之日为准；需签收的邮件以签收之日为准；平常信函和传真以双方确认之日为准（尚未确认的，确认后在申请页面记录“收到申请”）。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminRequestNew.path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "受理单位", name: "unit", options: m.units,
                          selected: form.unit ?? "", errors: errors?.messages(for: "unit") ?? [])
                SelectRow(label: "提交方式", name: "channel", options: RequestRegistration.staffChannels.map { ($0.rawValue, "\($0.label)：\($0.rule)") },
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
    }
}
