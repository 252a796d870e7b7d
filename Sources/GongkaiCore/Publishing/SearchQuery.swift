import Foundation

/// A search box's text as the index understands it. Words typed apart (spaces, punctuation) must all be found;
/// a run of Han characters must be found as typed (a phrase of its bigrams, so 社会救助 does not match 社会…救助
/// elsewhere); a lone character matches every word that contains it; letters and digits match whole; a 文号 is
/// found as written, whichever brackets were typed.
public struct SearchQuery: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        /// Consecutive bigrams of one Han run.
        case phrase([String])
        /// A single Han character: every token starting with it.
        case prefix(String)
        case term(String)
    }

    public let text: String
    public let parts: [Part]
    /// The pieces to highlight in snippets, normalised as the tokenizer normalises.
    public let highlights: [String]

    public init(_ text: String) {
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts: [Part] = []
        var highlights: [String] = []
        let runs = SearchTokenizer.runs(String(self.text.prefix(100)), query: true)
        var i = 0
        while i < runs.count {
            switch runs[i] {
            case .word(let chars):
                parts.append(.term(String(chars)))
                highlights.append(String(chars))
            case .han(let chars):
                highlights.append(String(chars))
                var grams = chars.count == 1 ? [] : (0..<(chars.count - 1)).map { String(chars[$0...$0 + 1]) }
                // 湖府办发〔2020〕12号: the issuer and the number are one phrase, as the document has them.
                if i + 1 < runs.count, case .documentNumber(let year, let sequence) = runs[i + 1] {
                    grams += [String(chars[chars.count - 1]), SearchTokenizer.documentNumberToken(year: year, sequence: sequence)]
                    highlights.append("〔\(year)〕\(sequence)号")
                    i += 1
                }
                parts.append(grams.isEmpty ? .prefix(String(chars)) : .phrase(grams))
            case .documentNumber(let year, let sequence):
                parts.append(.term(SearchTokenizer.documentNumberToken(year: year, sequence: sequence)))
                highlights.append("〔\(year)〕\(sequence)号")
            }
            i += 1
        }
        var seen = Set<Part>()
        self.parts = Array(parts.filter { seen.insert($0).inserted }.prefix(12))
        self.highlights = highlights
    }

    public var isEmpty: Bool { parts.isEmpty }

    /// Characters in the query's Han runs and words: 1, 2, 3 … (for the benchmark's query kinds).
    public var length: Int { highlights.reduce(0) { $0 + $1.count } }

    /// The SQLite FTS5 MATCH expression (tokens hold only letters, digits and Han, so quoting is safe).
    /// Each part is one FTS5 "phrase", in order (the ranking function takes one document frequency per phrase).
    public var fts5Expression: String { fts5Parts.joined(separator: " AND ") }

    public var fts5Parts: [String] {
        parts.map { part -> String in
            switch part {
            case .phrase(let grams): "\"\(grams.joined(separator: " "))\""
            case .prefix(let c): "\"\(c)\"*"
            case .term(let t): "\"\(t)\""
            }
        }
    }

    /// The PostgreSQL tsquery text (phrase operator `<->`, prefix `:*`).
    public var tsquery: String {
        parts.map { part -> String in
            switch part {
            case .phrase(let grams): "(" + grams.map { "'\($0)'" }.joined(separator: " <-> ") + ")"
            case .prefix(let c): "'\(c)':*"
            case .term(let t): "'\(t)'"
            }
        }.joined(separator: " & ")
    }

    /// The 文号 the user probably meant when typed with ordinary brackets ([2020] or (2020) for 〔2020〕).
    public var documentNumberSuggestion: String? { DocumentNumber.suggestion(for: text) }
}

/// A stretch of original text with the query's words marked, for result lists. The view escapes each piece.
public struct Snippet: Hashable, Sendable {
    public struct Piece: Hashable, Sendable {
        public let text: String
        public let marked: Bool
    }

    public let pieces: [Piece]

    public var plain: String { pieces.map(\.text).joined() }

    /// Up to `width` characters around the first match (the start of the text when nothing matches).
    public static func make(_ text: String, query: SearchQuery, width: Int = 90) -> Snippet {
        let chars = Array(text.replacingOccurrences(of: "\n", with: " "))
        let folded = chars.map { Character(String($0).precomposedStringWithCompatibilityMapping.lowercased().first.map(String.init) ?? String($0)) }
        let needles = query.highlights.map(Array.init).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var marks = [Bool](repeating: false, count: chars.count)
        var first: Int?
        if !needles.isEmpty, !folded.isEmpty {
            for i in 0..<folded.count {
                for needle in needles where i + needle.count <= folded.count && Array(folded[i..<(i + needle.count)]) == needle {
                    for k in i..<(i + needle.count) { marks[k] = true }
                    if first == nil { first = i }
                    break
                }
            }
        }
        let start = max(0, min((first ?? 0) - width / 4, chars.count - width))
        let end = min(chars.count, start + width)
        var pieces: [Piece] = []
        if start > 0 { pieces.append(Piece(text: "…", marked: false)) }
        var i = start
        while i < end {
            var j = i
            while j < end, marks[j] == marks[i] { j += 1 }
            pieces.append(Piece(text: String(chars[i..<j]), marked: marks[i]))
            i = j
        }
        if end < chars.count { pieces.append(Piece(text: "…", marked: false)) }
        return Snippet(pieces: pieces)
    }
}
