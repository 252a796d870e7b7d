import Foundation

/// A new staff account as entered in the back office or on the command line.
public struct StaffAccountDraft: Equatable, Sendable {
    public var name: String
    public var displayName: String
    public var roles: Set<Role>
    public var password: String

    public init(name: String, displayName: String, roles: Set<Role>, password: String) {
        self.name = name
        self.displayName = displayName
        self.roles = roles
        self.password = password
    }

    public func validated() -> Result<StaffAccountDraft, ValidationErrors> {
        var errors = ValidationErrors()
        var clean = self
        clean.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if clean.displayName.isEmpty { clean.displayName = clean.name }
        if let problem = Self.loginNameProblem(clean.name) { errors.add("name", problem) }
        if clean.displayName.count > 30 { errors.add("displayName", "姓名不能超过30个字。") }
        if clean.roles.isEmpty { errors.add("roles", "请至少选择一个角色。") }
        for problem in PasswordPolicy.problems(password: password, loginName: clean.name) {
            errors.add("password", problem)
        }
        return errors.isEmpty ? .success(clean) : .failure(errors)
    }

    /// Login names are typed on every device, including ones without a Chinese input method.
    public static func loginNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "请填写登录名。" }
        guard (3...40).contains(name.count) else { return "登录名应为3到40个字符，现为\(name.count)个。" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard name.allSatisfy({ allowed.contains($0) }) else {
            return "登录名“\(name)”只能使用英文字母、数字和 . _ -，例如 shuangzhong-editor。"
        }
        return nil
    }
}
