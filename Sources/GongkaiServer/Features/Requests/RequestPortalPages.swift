import Foundation
import GongkaiCore
import Plot

/// The public pages of 依申请公开 as display values: the application form and the tracking page.
extension RequestPortal {
    /// The application form as display values: the agencies (indented under their parents), what was typed, the problems
    /// and a fresh arithmetic question.
    struct ApplyModel: Sendable {
        let slug: String
        /// The administrative organs that take applications, indented under their parents.
        let units: [(value: String, label: String)]
        /// 公共企事业单位 (name, 主管部门, phone): listed apart, since they disclose under 第五十五条's own rules.
        let publicInstitutions: [(name: String, supervisor: String, phone: String)]
        let form: Form
        let errors: ValidationErrors?
        let challenge: (token: String, question: String)
    }

    static func applyView(_ m: ApplyModel, chrome: PageChrome) -> String {
        let (form, errors, challenge) = (m.form, m.errors, m.challenge)
        let isOrganisation = ApplicantType(rawValue: form.applicantType ?? "")?.isOrganisation ?? false
        return Layout.render(chrome) {
            El("h1") { T("申请政府信息公开") }
            El("p", ["class": "lead"]) {
                T("公民、法人或者其他组织可以向行政机关申请获取政府信息（条例第二十七条）。在线提交无需注册；提交后会得到一个查询码，凭查询码查看办理进度、答复期限和答复文书。")
            }
            El("p", ["class": "hint"]) {
                T("书写有困难的，可以到受理机构口头提出，由工作人员代为填写（第二十九条）；有阅读困难或者视听障碍的，请在下面勾选，工作人员会提供必要的帮助（第四十三条）。受理机构的地址和电话见")
                A("政府信息公开指南", href: SiteURL.section(slug: m.slug, .guide).path)
                T("。")
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.requestApply(slug: m.slug).path, csrfToken: chrome.csrfToken) {
                SelectRow(label: "向哪个行政机关申请", name: "unit",
                          options: [("", "请选择")] + m.units,
                          selected: form.unit ?? "", errors: errors?.messages(for: "unit") ?? [])
                SelectRow(label: "申请人", name: "applicantType", options: ApplicantType.allCases.map { ($0.rawValue, $0.formLabel) },
                          selected: form.applicantType ?? ApplicantType.naturalPerson.rawValue, errors: [])
                FieldRow(label: isOrganisation ? "单位名称" : "姓名（法人或其他组织填写单位名称）", name: "name", value: form.name ?? "",
                         errors: errors?.messages(for: "name") ?? [], required: true)
                SelectRow(label: "身份证明", name: "idKind", options: RequestApplication.idKinds.map { ($0, $0) }, selected: form.idKind ?? "居民身份证",
                          errors: [], hint: "法人或其他组织请在下一栏填写统一社会信用代码。")
                FieldRow(label: "证件号码或统一社会信用代码", name: "idNumber", value: form.idNumber ?? "", errors: errors?.messages(for: "idNumber") ?? [],
                         required: true, autocomplete: "off")
                FieldRow(label: "联系人（法人或其他组织填写）", name: "contactPerson", value: form.contactPerson ?? "", errors: errors?.messages(for: "contactPerson") ?? [])
                FieldRow(label: "联系电话", name: "phone", value: form.phone ?? "", type: "tel", errors: errors?.messages(for: "phone") ?? [], autocomplete: "tel")
                FieldRow(label: "电子邮箱", name: "email", value: form.email ?? "", type: "email", errors: errors?.messages(for: "email") ?? [], autocomplete: "email")
                FieldRow(label: "通信地址", name: "address", value: form.address ?? "", errors: errors?.messages(for: "address") ?? [],
                         hint: "选择邮寄的必填。", autocomplete: "address-line1")
                TextAreaRow(label: "所需政府信息的名称、文号或者特征性描述", name: "information", value: form.information ?? "",
                            errors: errors?.messages(for: "information") ?? [], hint: "例如：湖口县2025年城乡低保资金分配文件（湖府办发〔2025〕12号）。", required: true, rows: 5)
                SelectRow(label: "获取信息的形式", name: "form", options: [("", "请选择")] + RequestApplication.ProvisionForm.allCases.map { ($0.rawValue, $0.label) },
                          selected: form.form ?? "", errors: errors?.messages(for: "form") ?? [])
                SelectRow(label: "获取信息的途径", name: "delivery", options: [("", "请选择")] + RequestApplication.Delivery.allCases.map { ($0.rawValue, $0.label) },
                          selected: form.delivery ?? "", errors: errors?.messages(for: "delivery") ?? [])
                CheckboxGroup(legend: "需要帮助", name: "needsHelp", options: [("1", "我有阅读困难或者视听障碍，需要工作人员帮助")],
                              checked: form.needsHelp == "1" ? ["1"] : [])
                VoidEl("input", ["type": "hidden", "name": "challenge", "value": challenge.token])
                FieldRow(label: "验证题：\(challenge.question)", name: "answer", value: "", type: "text", errors: errors?.messages(for: "answer") ?? [],
                         hint: "请填写计算结果（阿拉伯数字），用于防止自动程序大量提交。", required: true, autocomplete: "off")
                PersonalDataNotice(purpose: "办理您的政府信息公开申请、与您联系和送达答复文书",
                                   keeping: "证件号码在办理页面上遮盖显示，工作人员查看完整信息时留有记录；申请材料作为政府信息公开工作档案保存，除法律、法规另有规定外不向第三方提供。")
                SubmitRow(title: "提交申请")
            }
            El("p", ["class": "muted"]) {
                T("在线提交的申请，以受理机构与您确认之日为收到申请之日（条例第三十一条）；答复期限为收到申请之日起20个工作日。")
            }
            if !m.publicInstitutions.isEmpty {
                El("section", ["class": "card", "aria-labelledby": "public-institutions"]) {
                    El("h2", ["id": "public-institutions"]) { T("公共企事业单位的信息") }
                    El("p") {
                        T("教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等公共企事业单位在提供社会公共服务过程中制作、获取的信息，按照其主管部门制定的规定公开；对其公开工作有意见的，可以向主管部门申诉（条例第五十五条）。它们不是行政机关，不在上面的受理机关之列，请直接联系：")
                    }
                    DataTable(headers: ["单位", "主管部门", "联系电话"], class: "stack") {
                        for row in m.publicInstitutions {
                            El("tr") {
                                El("td", ["data-label": "单位"]) { T(row.name) }
                                El("td", ["data-label": "主管部门"]) { T(row.supervisor.isEmpty ? "—" : row.supervisor) }
                                El("td", ["data-label": "联系电话"]) { T(row.phone.isEmpty ? "—" : row.phone) }
                            }
                        }
                    }
                }
            }
        }
    }

    struct TrackModel: Sendable {
        let slug: String
        /// The code as typed (kept in the box).
        let typed: String
        let justSubmitted: Bool
        let found: RequestPages.PublicCase?
    }

    static func trackView(_ m: TrackModel, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("查询申请办理进度") }
            El("form", ["method": "get", "action": SiteURL.requestTrack(slug: m.slug, code: nil).path, "class": "search-box"]) {
                El("label", ["for": "code", "class": "visually-hidden"]) { T("查询码") }
                VoidEl("input", ["type": "text", "id": "code", "name": "code", "value": m.typed, "placeholder": "输入查询码，如 K7QM-3XHD-9PRT", "autocomplete": "off"])
                El("button", ["type": "submit", "class": "button"]) { T("查询") }
            }
            if let found = m.found {
                if m.justSubmitted {
                    El("section", ["class": "card", "role": "status"]) {
                        El("h2") { T("申请已提交") }
                        El("p") { T("您的查询码是：") ; El("strong", ["class": "code"]) { T(found.code) } }
                        El("p") { T("请记下或截图保存查询码，凭它查看办理进度和答复。受理机构确认收到后，答复期限开始计算。") }
                    }
                }
                RequestPages.publicCase(found)
            } else if !m.typed.isEmpty {
                EmptyState(title: "没有找到这个查询码", text: "请核对查询码（12位字母和数字，不区分大小写）。当面、邮寄或传真提交的申请，查询码在受理回执上。")
            }
        }
    }
}
