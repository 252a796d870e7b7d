import Foundation
import Testing

@testable import GongkaiServer

@Suite("Audit pages speak Chinese")
struct AuditLabelTests {
    /// Every action code written anywhere in the server, read from its sources (the catalog workflow's codes are
    /// built from its steps, so they are listed here by hand).
    static func codesInSources() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/GongkaiServer")
        var codes: Set<String> = ["catalog.submit", "catalog.approve", "catalog.return", "catalog.publish"]
        let pattern = try NSRegularExpression(pattern: #"action: (?:[a-z]+ \? )?"([a-z_]+\.[a-z_.]+)"(?: : "([a-z_]+\.[a-z_.]+)")?"#)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                for group in 1..<match.numberOfRanges {
                    if let range = Range(match.range(at: group), in: text) { codes.insert(String(text[range])) }
                }
            }
        }
        return codes
    }

    @Test("every action code the server records has a Chinese label (no request.view on the audit page; issue 18, item 9)")
    func everyCodeLabelled() throws {
        let codes = try Self.codesInSources()
        #expect(codes.count > 40 && codes.contains("request.view") && codes.contains("plan.return"), "the sources were read")
        let missing = codes.filter { AuditLog.actionLabels[$0] == nil }.sorted()
        #expect(missing.isEmpty, "no label for: \(missing.joined(separator: ", "))")
    }
}
