/// What a staff password must be. Kept modest on purpose (long beats complex), but never the login name,
/// never one repeated character, never a well-known default.
public enum PasswordPolicy {
    public static let minimumLength = 10

    public static func problems(password: String, loginName: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength {
            problems.append("密码至少需要\(minimumLength)个字符，现为\(password.count)个。")
        }
        if password.count > 200 {
            problems.append("密码不能超过200个字符。")
        }
        if !loginName.isEmpty && password.lowercased().contains(loginName.lowercased()) {
            problems.append("密码不能包含登录名。")
        }
        if let first = password.first, password.allSatisfy({ $0 == first }) {
            problems.append("密码不能由同一个字符重复组成。")
        }
        if commonPasswords.contains(password.lowercased()) {
            problems.append("这个密码过于常见，请换一个。")
        }
        return problems
    }

    static let commonPasswords: Set<String> = [
        "1234567890", "12345678910", "0123456789", "qwertyuiop", "password123", "admin12345", "a123456789",
        "abcdefghij", "1qaz2wsx3edc", "woaini1314", "iloveyou12",
    ]
}
