/// A site's address segment (`/sites/hukou/`). Lower-case ASCII letters, digits and hyphens, so links stay
/// readable when pasted into a chat or printed on a notice.
public enum SiteSlug {
    public static func validate(_ text: String) -> String? {
        let chars = Array(text)
        guard (2...40).contains(chars.count) else { return "站点标识应为2到40个字符，现为\(chars.count)个。" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard chars.allSatisfy({ allowed.contains($0) }) else {
            return "站点标识“\(text)”只能使用小写英文字母、数字和“-”，例如 hukou。"
        }
        guard chars.first != "-", chars.last != "-" else { return "站点标识不能以“-”开头或结尾。" }
        guard !reserved.contains(text) else { return "站点标识“\(text)”是系统保留字，请换一个。" }
        return nil
    }

    static let reserved: Set<String> = ["admin", "api", "assets", "sites", "feeds", "healthz", "metrics"]
}
