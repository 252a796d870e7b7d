import Foundation
import GongkaiCore
import Plot

enum UsersPages {
    struct Row {
        let id: UUID
        let name: String
        let displayName: String
        let unit: String
        let roles: String
        let active: Bool
        let locked: Bool
        let isDemo: Bool
    }

    struct Detail {
        let id: UUID
        let name: String
        let displayName: String
        let unit: String
        let roles: Set<Role>
        let active: Bool
        let deactivation: (date: String, reason: String)?
        let locked: Bool
        let isSelf: Bool
    }

    static let roleOptions: [(value: String, label: String)] = Role.allCases.map { ($0.rawValue, $0.label) }

    static func index(_ rows: [Row], chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("账号") }
            El("p", ["class": "muted"]) { T("每个账号属于一个单位，可以同时担任多个角色。账号不会被删除：人员调离时停用，记录保留。") }
            El("p") { A("新建账号", href: SiteURL.adminUserNew.path, class: "button") }
            DataTable(headers: ["登录名", "姓名", "单位", "角色", "状态"]) {
                for row in rows {
                    El("tr") {
                        El("td") {
                            A(row.name, href: SiteURL.adminUser(row.id).path)
                            if row.isDemo { Badge(text: "示例", kind: "demo") }
                        }
                        El("td") { T(row.displayName) }
                        El("td") { T(row.unit) }
                        El("td") { T(row.roles) }
                        El("td") {
                            if !row.active { Badge(text: "已停用", kind: "bad") } else if row.locked {
                                Badge(text: "临时锁定", kind: "bad")
                            } else { Badge(text: "在用", kind: "ok") }
                        }
                    }
                }
            }
        }
    }

    static func new(form: UsersController.UserForm, units: [(value: String, label: String)], errors: ValidationErrors?,
                    chrome: PageChrome) -> String {
        let e = errors ?? ValidationErrors()
        return Layout.render(chrome) {
            El("p") { A("← 返回账号列表", href: SiteURL.adminUsers.path) }
            El("h1") { T("新建账号") }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.adminUserNew.path, csrfToken: chrome.csrfToken) {
                FieldRow(label: "登录名", name: "name", value: form.name ?? "", errors: e.messages(for: "name"),
                         hint: "英文字母、数字和 . _ -，例如 shuangzhong-editor。", required: true, autocomplete: "off")
                FieldRow(label: "姓名", name: "displayName", value: form.displayName ?? "", errors: e.messages(for: "displayName"))
                SelectRow(label: "所属单位", name: "unit", options: [("", "请选择")] + units, selected: form.unit ?? "",
                          errors: e.messages(for: "unit"))
                CheckboxGroup(legend: "角色", name: "roles[]", options: roleOptions, checked: Set(form.roles ?? []),
                              errors: e.messages(for: "roles"))
                FieldRow(label: "初始密码", name: "password", value: "", type: "password", errors: e.messages(for: "password"),
                         hint: "至少\(PasswordPolicy.minimumLength)个字符，不能包含登录名。请通过安全的方式告知本人。",
                         required: true, autocomplete: "new-password")
                SubmitRow(title: "创建账号", cancelHref: SiteURL.adminUsers.path)
            }
        }
    }

    static func detail(_ model: Detail, errors: ValidationErrors?, chrome: PageChrome) -> String {
        let e = errors ?? ValidationErrors()
        let action = SiteURL.adminUser(model.id).path
        return Layout.render(chrome) {
            El("p") { A("← 返回账号列表", href: SiteURL.adminUsers.path) }
            El("h1") { T("\(model.displayName)（\(model.name)）") }
            ErrorSummary(errors: errors)
            El("dl", ["class": "kv card"]) {
                El("dt") { T("所属单位") }
                El("dd") { T(model.unit) }
                El("dt") { T("状态") }
                El("dd") {
                    if let deactivation = model.deactivation {
                        T("已于\(deactivation.date)停用。原因：\(deactivation.reason)")
                    } else {
                        T(model.locked ? "在用，但因连续登录失败被临时锁定" : "在用")
                    }
                }
            }
            El("h2") { T("姓名和角色") }
            PostForm(action: action, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "op", "value": "roles"])
                FieldRow(label: "姓名", name: "displayName", value: model.displayName, errors: e.messages(for: "displayName"))
                CheckboxGroup(legend: "角色", name: "roles[]", options: roleOptions,
                              checked: Set(model.roles.map(\.rawValue)), errors: e.messages(for: "roles"))
                SubmitRow(title: "保存")
            }
            El("h2") { T("重设密码") }
            PostForm(action: action, csrfToken: chrome.csrfToken) {
                VoidEl("input", ["type": "hidden", "name": "op", "value": "password"])
                FieldRow(label: "新密码", name: "password", value: "", type: "password", errors: e.messages(for: "password"),
                         hint: "重设后，该账号已登录的浏览器都会退出。", autocomplete: "new-password")
                SubmitRow(title: "重设密码")
            }
            if model.locked {
                El("h2") { T("解除登录锁定") }
                PostForm(action: action, csrfToken: chrome.csrfToken) {
                    VoidEl("input", ["type": "hidden", "name": "op", "value": "unlock"])
                    SubmitRow(title: "解除锁定")
                }
            }
            if model.active && !model.isSelf {
                El("h2") { T("停用账号") }
                PostForm(action: action, csrfToken: chrome.csrfToken) {
                    VoidEl("input", ["type": "hidden", "name": "op", "value": "deactivate"])
                    FieldRow(label: "停用原因", name: "reason", value: "", errors: e.messages(for: "reason"), required: true)
                    El("div", ["class": "actions"]) { El("button", ["type": "submit", "class": "button danger"]) { T("停用") } }
                }
            } else if !model.active {
                PostForm(action: action, csrfToken: chrome.csrfToken) {
                    VoidEl("input", ["type": "hidden", "name": "op", "value": "reactivate"])
                    SubmitRow(title: "恢复账号")
                }
            }
        }
    }
}
