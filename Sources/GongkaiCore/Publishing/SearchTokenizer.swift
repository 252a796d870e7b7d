/// The Chinese search tokenizer of DESIGN.md "Search": NFKC and lower case; runs of Han characters become
/// overlapping bigrams plus a unigram of the run's last character (so a one-character query, searched as a prefix,
/// finds every occurrence); a run of letters and digits is one token; everything else separates. Documents and
/// queries use the same rules, so 低保 and 医保 (two characters) are found, and 国发〔2012〕45号 becomes 国发, 发,
/// 2012wh45 (the whole number, see `documentNumberToken`), 2012, 45, 号.
public enum SearchTokenizer {
    enum Run: Equatable {
        case han([Character])
        case word([Character])
        /// The 〔year〕sequence号 part of a 文号, in any of the usual brackets.
        case documentNumber(year: Int, sequence: Int)
    }

    /// The single token that stands for 〔2020〕12号 (letters and digits only, so both indexes keep it whole).
    /// Documents carry it right after the issuer's characters, so a 文号 query is the phrase 湖府 府办 办发 发
    /// 2020wh12 — one rare token instead of the common 2020, 12 and 号.
    static func documentNumberToken(year: Int, sequence: Int) -> String { "\(year)wh\(sequence)" }

    /// - query: a 文号 stands only for itself (its year, sequence and 号 are not also separate runs).
    static func runs(_ text: String, query: Bool = false) -> [Run] {
        let chars = Array(text.precomposedStringWithCompatibilityMapping.lowercased())
        var runs: [Run] = []
        var han: [Character] = []
        var word: [Character] = []
        func flush() {
            if !han.isEmpty { runs.append(.han(han)); han = [] }
            if !word.isEmpty { runs.append(.word(word)); word = [] }
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if DocumentNumber.openers.contains(c), let (year, sequence, end) = documentNumberTail(chars, from: i) {
                flush()
                runs.append(.documentNumber(year: year, sequence: sequence))
                if query { i = end; continue }
            }
            if isHan(c) {
                if !word.isEmpty { flush() }
                han.append(c)
            } else if c.isLetter || c.isNumber {
                if !han.isEmpty { flush() }
                word.append(c)
            } else {
                flush()
            }
            i += 1
        }
        flush()
        return runs
    }

    /// 〔2020〕12号 starting at `start` (an opening bracket): the year, the sequence and the index after it.
    static func documentNumberTail(_ chars: [Character], from start: Int) -> (Int, Int, Int)? {
        let close = start + 5
        guard close < chars.count, DocumentNumber.closers.contains(chars[close]),
              chars[(start + 1)..<close].allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(String(chars[(start + 1)..<close])), (1949...2100).contains(year)
        else { return nil }
        var end = close + 1
        while end < chars.count, chars[end].isASCII, chars[end].isNumber, end - close <= 6 { end += 1 }
        guard end > close + 1, let sequence = Int(String(chars[(close + 1)..<end])), sequence > 0 else { return nil }
        if end < chars.count, chars[end] == "号" { end += 1 }
        return (year, sequence, end)
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
            case .documentNumber(let year, let sequence):
                tokens.append(documentNumberToken(year: year, sequence: sequence))
            }
        }
        return tokens
    }
}
