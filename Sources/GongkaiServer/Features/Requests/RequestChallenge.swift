import Foundation
import GongkaiCore
import Vapor

/// A simple question on the public application form (issue 7: rate limits and a simple challenge), without
/// JavaScript or an outside service: "7 加 5 等于几？", with the answer signed into a hidden field and valid for
/// two hours. It stops scripts that post blindly; it does not pretend to stop a determined person (the rate limit
/// and the repeat check do the rest).
enum RequestChallenge {
    struct Question {
        let question: String
        let token: String
    }

    static let lifetime: TimeInterval = 7_200

    static func make(secret: [UInt8], now: Date) -> Question {
        let a = Int.random(in: 2...9), b = Int.random(in: 2...9)
        let expires = Int(now.timeIntervalSince1970 + lifetime)
        let payload = "\(a + b).\(expires)"
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        return Question(question: "\(digits[a])加\(digits[b])等于几？", token: "\(expires).\(sign(payload, secret: secret))")
    }

    static func check(answer: String, token: String, secret: [UInt8], now: Date) -> Bool {
        let parts = token.split(separator: ".")
        guard parts.count == 2, let expires = Int(parts[0]), Double(expires) >= now.timeIntervalSince1970,
              let value = Int(ChineseNumerals.halfWidthDigits(answer).trimmingCharacters(in: .whitespaces))
        else { return false }
        return sign("\(value).\(expires)", secret: secret) == String(parts[1])
    }

    static func sign(_ payload: String, secret: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: secret)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
