import Fluent
import Foundation
import GongkaiCore

/// The site's list of 错敏词 that the content check flags, kept by the office. Removing a word keeps its record.
enum SensitiveWordsActions {
    static func mayManage(_ acting: Acting) -> Bool {
        acting.may(.manageSite, acting.site)
    }

    /// Adds the words of `text`, one per line, each optionally followed by "｜" and a note. Words already on the
    /// list are left as they are. Returns how many were added.
    @discardableResult
    static func add(_ text: String, by acting: Acting, at now: Date, on db: any Database) async throws -> Int {
        try acting.authorize(.manageSite, acting.site)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw ActionError.invalid(field: "words", "请至少填写一个错敏词。") }
        let existing = Set(try await SensitiveWordRecord.query(on: db).filter(\.$site.$id == acting.siteID)
            .filter(\.$removedAt == nil).all().map(\.word))
        var fresh: [(word: String, note: String)] = []
        for line in lines {
            let parts = line.split(separator: "｜", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let word = parts.first, !word.isEmpty, !existing.contains(word), !fresh.contains(where: { $0.word == word }) else { continue }
            fresh.append((word, parts.count > 1 ? parts[1] : ""))
        }
        let added = fresh
        guard !added.isEmpty else { return 0 }
        try await db.transaction { tx in
            for entry in added {
                let record = SensitiveWordRecord()
                record.$site.id = acting.siteID
                record.word = entry.word
                record.note = entry.note
                record.createdAt = now
                record.createdByLabel = acting.audit.label
                try await record.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "words.add",
                                      target: .init(type: "sensitive-words", id: nil, label: "错敏词"),
                                      summary: "添加错敏词\(added.count)个：\(added.map(\.word).joined(separator: "、"))", at: now)
        }
        return added.count
    }

    static func remove(_ id: UUID?, by acting: Acting, at now: Date, on db: any Database) async throws {
        try acting.authorize(.manageSite, acting.site)
        guard let id, let record = try await SensitiveWordRecord.find(id, on: db), record.$site.id == acting.siteID, record.removedAt == nil
        else { throw ActionError.notFound("没有这个错敏词，或它已被移除。") }
        try await db.transaction { tx in
            record.removedAt = now
            try await record.update(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "words.remove",
                                      target: .init(type: "sensitive-words", id: id.uuidString, label: record.word),
                                      summary: "移除错敏词“\(record.word)”（记录保留）", at: now)
        }
    }
}
