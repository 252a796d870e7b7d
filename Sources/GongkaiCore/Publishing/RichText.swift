import Foundation

/// The body of a record as safe rich text. What an editor pastes (HTML from a word processor, or plain text) is
/// reduced on input to a small whitelist — paragraphs, headings, lists, tables, links, bold/italic — written back
/// well-formed and escaped, so the stored HTML can be put on a page as it is. Scripts, styles, event handlers,
/// `javascript:` links and unknown tags never survive; their text does (except inside script/style).
public struct RichText: Hashable, Sendable {
    /// Sanitised HTML.
    public let html: String
    /// The readable text (for search, the personal data check and feeds), blocks separated by new lines.
    public let text: String

    public static let empty = RichText(html: "", text: "")

    /// Plain text (no tag) becomes paragraphs, one per non-empty line; anything else is sanitised as HTML.
    public static func sanitize(_ input: String) -> RichText {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .empty }
        if !looksLikeHTML(trimmed) {
            // Text copied from a page's source carries entities ("&amp;", "&nbsp;") without any tag: they are read
            // as the characters they stand for, not escaped a second time (issue 16).
            let lines = decodeEntities(trimmed).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let html = lines.map { "<p>\(Markup.escape($0))</p>" }.joined(separator: "\n")
            return RichText(html: html, text: lines.joined(separator: "\n"))
        }
        var writer = Writer()
        for token in tokenize(trimmed) { writer.take(token) }
        return writer.finish()
    }

    static func looksLikeHTML(_ text: String) -> Bool {
        guard let range = text.range(of: "<") else { return false }
        let after = text[range.upperBound...].prefix(12).lowercased()
        return after.first.map { $0.isLetter || $0 == "/" || $0 == "!" } ?? false
    }

    // MARK: Tokens

    enum Token: Equatable {
        case text(String)
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(String)
    }

    /// A forgiving tag scanner: enough for what editors paste, never an error.
    static func tokenize(_ input: String) -> [Token] {
        let chars = Array(input)
        var tokens: [Token] = []
        var text = ""
        var i = 0
        var skipUntil: String?
        func flushText() {
            if !text.isEmpty { tokens.append(.text(decodeEntities(text))); text = "" }
        }
        while i < chars.count {
            if chars[i] == "<" {
                // Comments and declarations are dropped.
                if chars[i...].starts(with: Array("<!--")) {
                    var j = i + 4
                    while j < chars.count, !chars[j...].starts(with: Array("-->")) { j += 1 }
                    i = min(chars.count, j + 3)
                    continue
                }
                guard let end = chars[i...].firstIndex(of: ">") else { text.append(chars[i]); i += 1; continue }
                let inner = String(chars[(i + 1)..<end])
                i = end + 1
                if inner.hasPrefix("!") || inner.hasPrefix("?") { continue }
                if inner.hasPrefix("/") {
                    let name = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces).lowercased()
                    if let skip = skipUntil {
                        if name == skip { skipUntil = nil }
                        continue
                    }
                    flushText()
                    tokens.append(.close(name))
                    continue
                }
                if skipUntil != nil { continue }
                guard let (name, attributes, selfClosing) = parseTag(inner) else { text += "<" + inner + ">"; continue }
                if ["script", "style", "template", "iframe", "object", "noscript"].contains(name) {
                    if !selfClosing { skipUntil = name }
                    continue
                }
                flushText()
                tokens.append(.open(name: name, attributes: attributes, selfClosing: selfClosing))
            } else {
                if skipUntil == nil { text.append(chars[i]) }
                i += 1
            }
        }
        flushText()
        return tokens
    }

    static func parseTag(_ inner: String) -> (String, [String: String], Bool)? {
        var body = inner.trimmingCharacters(in: .whitespacesAndNewlines)
        let selfClosing = body.hasSuffix("/")
        if selfClosing { body.removeLast() }
        let chars = Array(body)
        var i = 0
        var name = ""
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == ":" || chars[i] == "-" { name.append(chars[i]); i += 1 }
        guard !name.isEmpty, name.first!.isASCII, name.first!.isLetter else { return nil }
        var attributes: [String: String] = [:]
        while i < chars.count {
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            var key = ""
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "=" { key.append(chars[i]); i += 1 }
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    while i < chars.count, chars[i] != quote { value.append(chars[i]); i += 1 }
                    i += 1
                } else {
                    while i < chars.count, !chars[i].isWhitespace { value.append(chars[i]); i += 1 }
                }
            }
            if !key.isEmpty { attributes[key.lowercased()] = decodeEntities(value) }
        }
        return (name.lowercased(), attributes, selfClosing)
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
                let name = String(text[text.index(after: i)..<semi])
                if let decoded = entity(name) {
                    out += decoded
                    i = text.index(after: semi)
                    continue
                }
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        return out
    }

    static func entity(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp", "#160": return " "
        case "ldquo": return "“"
        case "rdquo": return "”"
        case "mdash": return "—"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(code) {
                return String(Character(s))
            }
            if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let s = Unicode.Scalar(code) { return String(Character(s)) }
            return nil
        }
    }

    // MARK: Writer

    /// The whitelist: what a tag becomes (nil = dropped, its text kept).
    static func mapped(_ name: String) -> String? {
        switch name {
        case "p", "div", "section", "article": "p"
        case "h1", "h2": "h2"
        case "h3": "h3"
        case "h4", "h5", "h6": "h4"
        case "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "a", "br": name
        case "strong", "b": "strong"
        case "em", "i": "em"
        default: nil
        }
    }

    static let blocks: Set<String> = ["p", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote"]

    public static func safeLink(_ href: String) -> String? {
        let value = href.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = value.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return value }
        if value.hasPrefix("/"), !value.hasPrefix("//") { return value }
        return nil
    }

    struct Writer {
        var html = ""
        var text = ""
        var stack: [String] = []

        mutating func take(_ token: Token) {
            switch token {
            case .text(let raw):
                let collapsed = raw.replacingOccurrences(of: "\r", with: "").split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
                guard !collapsed.trimmingCharacters(in: .whitespaces).isEmpty || !(stack.last.map(blocks.contains) ?? true) else { return }
                // Loose text at the top level goes into a paragraph.
                if stack.isEmpty { open("p", attributes: "") }
                html += Markup.escape(collapsed)
                text += collapsed
            case .open(let name, let attributes, let selfClosing):
                guard let tag = RichText.mapped(name) else { return }
                if tag == "br" {
                    html += "<br>"
                    text += "\n"
                    return
                }
                var attributeText = ""
                if tag == "a" {
                    guard let href = attributes["href"].flatMap(RichText.safeLink) else { return }
                    attributeText = " href=\"\(Markup.escape(href))\" rel=\"noopener noreferrer\""
                }
                if tag == "td" || tag == "th" {
                    for key in ["colspan", "rowspan"] {
                        if let n = attributes[key].flatMap({ Int($0) }), (2...100).contains(n) { attributeText += " \(key)=\"\(n)\"" }
                    }
                }
                // A paragraph or heading cannot hold another block: close it first.
                if RichText.blocks.contains(tag), let top = stack.last, ["p", "h2", "h3", "h4"].contains(top) { close(top) }
                if tag == "li", let top = stack.last, top == "li" { close("li") }
                if tag == "p", stack.last == "a" || stack.last == "strong" || stack.last == "em" { return }
                open(tag, attributes: attributeText)
                if selfClosing { close(tag) }
            case .close(let name):
                guard let tag = RichText.mapped(name), tag != "br", stack.contains(tag) else { return }
                close(tag)
            }
        }

        mutating func open(_ tag: String, attributes: String) {
            if RichText.blocks.contains(tag), !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            html += "<\(tag)\(attributes)>"
            stack.append(tag)
        }

        /// Closes `tag` and everything opened inside it.
        mutating func close(_ tag: String) {
            while let top = stack.popLast() {
                html += "</\(top)>"
                if RichText.blocks.contains(top) {
                    if top == "td" || top == "th" { text += " " } else if !text.hasSuffix("\n") { text += "\n" }
                    if ["p", "h2", "h3", "h4", "ul", "ol", "table", "blockquote"].contains(top) { html += "\n" }
                }
                if top == tag { break }
            }
        }

        mutating func finish() -> RichText {
            while let top = stack.last { close(top) }
            // Empty blocks left by stripped content are removed.
            var cleaned = html
            for tag in ["p", "h2", "h3", "h4", "strong", "em"] {
                cleaned = cleaned.replacingOccurrences(of: "<\(tag)></\(tag)>\n", with: "").replacingOccurrences(of: "<\(tag)></\(tag)>", with: "")
            }
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return RichText(html: cleaned.trimmingCharacters(in: .whitespacesAndNewlines), text: lines.joined(separator: "\n"))
        }
    }
}
