/// The admin's list of 错敏词 (wrong or sensitive wording), matched in one pass over the text however long the list
/// is (Aho–Corasick over Characters). Latin letters match regardless of case.
public struct SensitiveWords: Sendable {
    public struct Match: Hashable, Sendable {
        public let word: String
        /// Offset in Characters of the matched text.
        public let start: Int
    }

    private struct Node: Sendable {
        var next: [Character: Int] = [:]
        var fail = 0
        /// Words ending here (indices into `words`), including those reached through failure links.
        var output: [Int] = []
    }

    private var nodes = [Node()]
    public let words: [String]

    public init(_ words: [String]) {
        let cleaned = Array(Set(words.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })).sorted()
        self.words = cleaned
        for (index, word) in cleaned.enumerated() {
            var state = 0
            for c in Self.fold(word) {
                if let next = nodes[state].next[c] {
                    state = next
                } else {
                    nodes.append(Node())
                    nodes[state].next[c] = nodes.count - 1
                    state = nodes.count - 1
                }
            }
            nodes[state].output.append(index)
        }
        // Breadth-first failure links.
        var queue = Array(nodes[0].next.values)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (c, child) in nodes[state].next {
                queue.append(child)
                var f = nodes[state].fail
                while f != 0 && nodes[f].next[c] == nil { f = nodes[f].fail }
                let target = nodes[f].next[c].flatMap { $0 == child ? nil : $0 } ?? 0
                nodes[child].fail = target
                nodes[child].output += nodes[target].output
            }
        }
    }

    static func fold(_ text: String) -> [Character] {
        text.map { $0.isASCII ? Character($0.lowercased()) : $0 }
    }

    public func matches(in text: String) -> [Match] {
        var result: [Match] = []
        var state = 0
        for (offset, c) in Self.fold(text).enumerated() {
            while state != 0 && nodes[state].next[c] == nil { state = nodes[state].fail }
            state = nodes[state].next[c] ?? 0
            for index in nodes[state].output {
                result.append(Match(word: words[index], start: offset - words[index].count + 1))
            }
        }
        return result.sorted { ($0.start, $0.word) < ($1.start, $1.word) }
    }
}

import Foundation
