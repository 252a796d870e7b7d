import Foundation

/// A plain-text e-mail as RFC 5322 / MIME (RFC 2045–2047) wants it on the wire: Chinese subjects and names as
/// UTF-8 encoded-words, the body in base64 (so no line is too long and none starts with a dot), CRLF line ends.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String
    /// RFC 2369/8058: mail clients show an unsubscribe button for this address.
    public var unsubscribeURL: String?

    public init(from: String, fromName: String, to: String, subject: String, body: String, date: Date, messageID: String,
                unsubscribeURL: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.unsubscribeURL = unsubscribeURL
    }

    /// The message as sent after SMTP DATA (without the terminating dot line).
    public var rendered: String {
        var headers = [
            "From: \(Self.encodedWord(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        if let unsubscribeURL { headers.append("List-Unsubscribe: <\(unsubscribeURL)>") }
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// `=?UTF-8?B?…?=` for anything not plain ASCII, in pieces short enough for a header line (RFC 2047 §2).
    static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy({ $0.isASCII && !$0.isNewline }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            if (chunk + String(character)).utf8.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk.utf8).base64EncodedString() + "?=")
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk.utf8).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// A plausible address (one @, a dot in the domain, no spaces or angle brackets); the confirmation mail is
    /// the real test.
    public static func isPlausibleAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              text.count <= 254
        else { return false }
        return text.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>()[],;:\\\"".contains($0) }
    }

    /// Reads a rendered message back (for tests and the admin's preview): the decoded subject and body.
    public static func decode(_ rendered: String) -> (subject: String, body: String)? {
        let unfolded = rendered.replacingOccurrences(of: "\r\n ", with: " ")
        guard let split = unfolded.range(of: "\r\n\r\n") else { return nil }
        let headerLines = unfolded[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let subjectLine = headerLines.first(where: { $0.hasPrefix("Subject: ") }) else { return nil }
        let subject = subjectLine.dropFirst("Subject: ".count).split(separator: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return String(word) }
            return String(decoding: data, as: UTF8.self)
        }.joined()
        let base64 = unfolded[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
        guard let body = Data(base64Encoded: base64) else { return nil }
        return (subject, String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }
}
