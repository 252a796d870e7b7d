/// The Chinese search tokenizer of DESIGN.md "Search": NFKC and lower case; runs of Han characters become
/// overlapping bigrams plus a unigram of the run's last character (so a one-character query, searched as a prefix,
/// finds every occurrence); a run of letters and digits is one token; everything else separates. Documents and
/// queries use the same rules, so 低保 and 医保 (two characters) are found, and 国发〔2012〕45号 becomes 国发, 发, 2012,
/// 45, 号.
public enum SearchTokenizer {
    public struct QueryToken: Hashable, Sendable {
        public let text: String
        /// A lone Han character: matches every bigram that starts with it.
        public let prefix: Bool
    }

    enum Run { case han([Character]), word([Character]) }

    static func runs(_ text: String) -> [Run] {
        let normal = text.precomposedStringWithCompatibilityMapping.lowercased()
        var runs: [Run] = []
        var han: [Character] = []
        var word: [Character] = []
        func flush() {
            if !han.isEmpty { runs.append(.han(han)); han = [] }
            if !word.isEmpty { runs.append(.word(word)); word = [] }
        }
        for c in normal {
            if isHan(c) {
                if !word.isEmpty { flush() }
                han.append(c)
            } else if c.isLetter || c.isNumber {
                if !han.isEmpty { flush() }
                word.append(c)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    static func isHan(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0xF900...0xFAFF, 0x3007: return true
        default: return false
        }
    }

    /// The tokens of a document, in order (repeats kept, for term frequency).
    public static func documentTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        for run in runs(text) {
            switch run {
            case .word(let chars): tokens.append(String(chars))
            case .han(let chars):
                if chars.count > 1 {
                    for i in 0..<(chars.count - 1) { tokens.append(String(chars[i...i + 1])) }
                }
                tokens.append(String(chars[chars.count - 1]))
            }
        }
        return tokens
    }

    /// The tokens a query must all match: bigrams for Han runs (a lone character as a prefix), words as they are.
    public static func queryTokens(_ text: String) -> [QueryToken] {
        var tokens: [QueryToken] = []
        for run in runs(text) {
            switch run {
            case .word(let chars): tokens.append(QueryToken(text: String(chars), prefix: false))
            case .han(let chars):
                if chars.count == 1 {
                    tokens.append(QueryToken(text: String(chars[0]), prefix: true))
                } else {
                    for i in 0..<(chars.count - 1) { tokens.append(QueryToken(text: String(chars[i...i + 1]), prefix: false)) }
                }
            }
        }
        var seen = Set<QueryToken>()
        return tokens.filter { seen.insert($0).inserted }
    }
}

import Foundation
