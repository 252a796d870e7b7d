import Plot

enum LoginPage {
    struct Model {
        let name: String
        let next: String?
        let message: String?
        /// Demo accounts (with their published password) on a server others can reach.
        var demoExposed = false
    }

    static func render(_ model: Model, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("h1") { T("工作人员登录") }
            El("p", ["class": "muted"]) { T("政务公开工作平台供各单位编辑、审核人员和公开办使用。公众查阅信息无需登录。") }
            if model.demoExposed {
                El("div", ["class": "error-summary", "role": "note"]) {
                    El("p") { T("注意：本服务器可从其他计算机访问，且载有示例账号（密码公开）。正式使用前请停用全部示例账号，或改用 gongkai setup 建立的正式站点。") }
                }
            }
            if let message = model.message {
                El("div", ["class": "error-summary", "role": "alert"]) { El("p", ["class": "error"]) { T(message) } }
            }
            PostForm(action: SiteURL.adminLogin(next: nil).path, csrfToken: chrome.csrfToken) {
                if let next = model.next {
                    VoidEl("input", ["type": "hidden", "name": "next", "value": next])
                }
                FieldRow(label: "登录名", name: "name", value: model.name, required: true, autocomplete: "username")
                FieldRow(label: "密码", name: "password", value: "", type: "password", required: true,
                         autocomplete: "current-password")
                SubmitRow(title: "登录")
            }
            El("p", ["class": "muted"]) { T("忘记密码或账号被锁定，请联系本县公开办管理员。") }
        }
    }
}
