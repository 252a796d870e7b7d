import GongkaiCore
import Plot

/// A POST form that carries the CSRF token.
struct PostForm: Component {
    let action: String
    let csrfToken: String
    let className: String
    let content: ContentProvider

    init(action: String, csrfToken: String, class className: String = "form",
         @ComponentBuilder content: @escaping ContentProvider) {
        self.action = action
        self.csrfToken = csrfToken
        self.className = className
        self.content = content
    }

    var body: Component {
        El("form", ["method": "post", "action": action, "class": className, "accept-charset": "UTF-8"]) {
            VoidEl("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": csrfToken])
            content()
        }
    }
}

/// A labelled input with its hint and its error messages, linked for screen readers.
struct FieldRow: Component {
    let label: String
    let name: String
    let value: String
    var type = "text"
    var errors: [String] = []
    var hint: String?
    var required = false
    var autocomplete: String?
    /// The element id, when two forms on one page have a field of the same name.
    var id: String?

    var body: Component {
        let key = id ?? name
        let describedBy = [hint == nil ? nil : "\(key)-hint", errors.isEmpty ? nil : "\(key)-error"]
            .compactMap { $0 }.joined(separator: " ")
        return El("div", ["class": errors.isEmpty ? "field" : "field field-invalid"]) {
            El("label", ["for": key]) {
                T(label)
                if required { El("span", ["class": "required", "aria-hidden": "true"]) { T(" *") } }
            }
            if let hint { El("p", ["class": "hint", "id": "\(key)-hint"]) { T(hint) } }
            for error in errors {
                El("p", ["class": "error", "id": "\(key)-error"]) { T(error) }
            }
            VoidEl("input", [
                "type": type, "id": key, "name": name, "value": type == "password" ? nil : value,
                "required": required ? "required" : nil,
                "aria-invalid": errors.isEmpty ? nil : "true",
                "aria-describedby": describedBy.isEmpty ? nil : describedBy,
                "autocomplete": autocomplete,
            ])
        }
    }
}

/// A labelled `<select>`.
struct SelectRow: Component {
    let label: String
    let name: String
    let options: [(value: String, label: String)]
    let selected: String
    var errors: [String] = []
    var hint: String?
    /// The element id, when two forms on one page have a field of the same name.
    var id: String?
    var required = false

    var body: Component {
        El("div", ["class": errors.isEmpty ? "field" : "field field-invalid"]) {
            El("label", ["for": id ?? name]) {
                T(label)
                if required { El("span", ["class": "required", "aria-hidden": "true"]) { T(" *") } }
            }
            if let hint { El("p", ["class": "hint"]) { T(hint) } }
            for error in errors { El("p", ["class": "error"]) { T(error) } }
            El("select", ["id": id ?? name, "name": name]) {
                for option in options {
                    if option.value == selected {
                        El("option", ["value": option.value, "selected": "selected"]) { T(option.label) }
                    } else {
                        El("option", ["value": option.value]) { T(option.label) }
                    }
                }
            }
        }
    }
}

/// A group of checkboxes sharing one name (`roles[]`).
struct CheckboxGroup: Component {
    let legend: String
    let name: String
    let options: [(value: String, label: String)]
    let checked: Set<String>
    var errors: [String] = []

    var body: Component {
        El("fieldset", ["class": errors.isEmpty ? "field" : "field field-invalid"]) {
            El("legend") { T(legend) }
            for error in errors { El("p", ["class": "error"]) { T(error) } }
            for option in options {
                El("label", ["class": "check"]) {
                    VoidEl("input", ["type": "checkbox", "name": name, "value": option.value,
                                     "checked": checked.contains(option.value) ? "checked" : nil])
                    T(" " + option.label)
                }
            }
        }
    }
}

/// The summary at the top of a form that failed validation.
struct ErrorSummary: Component {
    let errors: ValidationErrors?

    var body: Component {
        if let errors, !errors.isEmpty {
            El("div", ["class": "error-summary", "role": "alert"]) {
                El("h2") { T("提交的内容有\(errors.problems.count)处需要修改") }
                El("ul") {
                    for problem in errors.problems {
                        El("li") { A(problem.message, href: "#\(problem.field)") }
                    }
                }
            }
        } else {
            EmptyComponent()
        }
    }
}

struct SubmitRow: Component {
    let title: String
    var cancelHref: String?

    var body: Component {
        El("div", ["class": "actions"]) {
            El("button", ["type": "submit", "class": "button"]) { T(title) }
            if let cancelHref { A("取消", href: cancelHref, class: "button secondary") }
        }
    }
}

/// What a section shows while it has nothing yet, saying what will appear there.
struct EmptyState: Component {
    let title: String
    let text: String

    var body: Component {
        El("div", ["class": "empty"]) {
            El("p", ["class": "empty-title"]) { T(title) }
            El("p") { T(text) }
        }
    }
}

struct Badge: Component {
    let text: String
    var kind = "info"

    var body: Component {
        El("span", ["class": "badge badge-\(kind)"]) { T(text) }
    }
}

/// A table of rows under one line of column headers, in the wrapper that scrolls it sideways on a phone (focusable,
/// so that it can be scrolled from the keyboard). The rows are the caller's `<tr>`s.
struct DataTable: Component {
    let headers: [String]
    var `class`: String?
    let rows: ContentProvider

    init(headers: [String], class: String? = nil, @ComponentBuilder rows: @escaping ContentProvider) {
        self.headers = headers
        self.class = `class`
        self.rows = rows
    }

    var body: Component {
        El("div", ["class": "table-wrap", "tabindex": "0"]) {
            El("table", optional: ["class": `class`]) {
                El("thead") { El("tr") { for h in headers { El("th", ["scope": "col"]) { T(h) } } } }
                El("tbody") { rows() }
            }
        }
    }
}

/// Where a portal page sits: the site's home, the columns above it, and the page itself (not a link), so that a
/// reader who arrived from a search engine or a shared link can go up a level.
struct Breadcrumb: Component {
    let home: String
    /// Title and address of each level between the home and this page.
    var trail: [(title: String, href: String)] = []
    let current: String

    var body: Component {
        El("nav", ["class": "breadcrumb", "aria-label": "当前位置"]) {
            A("首页", href: home)
            for step in trail {
                T(" › ")
                A(step.title, href: step.href)
            }
            T(" › ")
            El("span", ["aria-current": "page"]) { T(current) }
        }
    }
}

/// Why a public form asks for personal data and how it is kept (个人信息保护法 第十七条: purpose, how it is
/// handled, how long it is kept), shown beside every form that asks for a name, a number or an address.
struct PersonalDataNotice: Component {
    let purpose: String
    let keeping: String

    var body: Component {
        El("details", ["class": "personal-data-notice"]) {
            El("summary") { T("个人信息保护说明") }
            El("p") { T("您填写的个人信息只用于\(purpose)。\(keeping)") }
            El("p") { T("本平台不使用外部统计或广告服务，不向第三方传送您的信息。查询、更正您提交的个人信息，请通过页面底部的“联系我们”与我们联系。") }
        }
    }
}

/// The links around one page of a long list paged by position: 第一页, 上一页 (newer), 下一页 (older); nothing
/// when the list fits on one page.
struct KeysetPager: Component {
    var label = "分页"
    let first: String?
    let newer: String?
    let older: String?

    var body: Component {
        if first == nil && newer == nil && older == nil { return EmptyComponent() }
        return El("nav", ["class": "pager", "aria-label": label]) {
            if let first { A("第一页", href: first) }
            if let newer { A("上一页", href: newer) }
            if let older { A("下一页", href: older) }
        }
    }
}

/// The problems of a refused upload, every one listed: nothing was imported.
struct ImportProblems: Component {
    let fileName: String
    let problems: [String]

    var body: Component {
        if problems.isEmpty { return EmptyComponent() }
        return El("div", ["class": "error-summary", "role": "alert"]) {
            El("h3") { T("“\(fileName)”未导入，请修改后重新上传：") }
            El("ul") { for p in problems { El("li") { T(p) } } }
        }
    }
}

/// The .xlsx file input of an import form, with its messages.
struct XLSXFileField: Component {
    let label: String
    let errors: [String]

    var body: Component {
        El("div", ["class": errors.isEmpty ? "field" : "field field-invalid"]) {
            El("label", ["for": "file"]) { T(label) }
            for message in errors { El("p", ["class": "error"]) { T(message) } }
            VoidEl("input", ["type": "file", "id": "file", "name": "file",
                             "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
        }
    }
}
