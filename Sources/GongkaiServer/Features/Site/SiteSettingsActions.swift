import Crypto
import Fluent
import Foundation
import GongkaiCore

/// The office's settings of its site: the footer's 主办单位 and registration numbers, the 索引号 pattern and the
/// 联系我们 note. One save, one audit event with the old and new values.
enum SiteSettingsActions {
    static func current(by acting: Acting, on db: any Database) async throws -> SiteRecord {
        try acting.authorize(.manageSite, acting.site)
        guard let site = try await SiteRecord.find(acting.siteID, on: db) else { throw ActionError.notFound("没有这个站点。") }
        return site
    }

    /// A short digest of the settings as a form showed them: a save from a form read before someone else's save
    /// is refused (and the typed values kept), instead of silently undoing the other change.
    static func fingerprint(_ identity: SiteIdentity) -> String {
        let text = [identity.sponsor, identity.siteCode, identity.icpNumber, identity.policeRecord, identity.partyMarkURL,
                    identity.errorReportURL, identity.indexPattern, identity.contactNote, identity.hotline, identity.serviceURL]
            .joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func save(_ typed: SiteIdentity, basedOn: String, by acting: Acting, at now: Date, on db: any Database) async throws {
        let site = try await current(by: acting, on: db)
        let clean: SiteIdentity
        switch typed.validated() {
        case .failure(let errors): throw ActionError.invalid(errors)
        case .success(let value): clean = value
        }
        guard fingerprint(site.identity) == basedOn else {
            throw ActionError.conflictWithFields(ValidationErrors(
                field: "sponsor", message: "站点设置已被他人修改。您填写的内容仍在下面，请对照当前设置后再保存。"))
        }
        guard clean != site.identity else { return }
        let before = site.identityAuditFields
        try await db.transaction { tx in
            site.identity = clean
            try await site.save(on: tx)
            try await AuditLog.record(on: tx, actor: acting.audit, siteID: acting.siteID, action: "site.settings",
                                      target: .init(type: "site", id: acting.siteID.uuidString, label: site.name),
                                      before: before, after: site.identityAuditFields, at: now)
        }
    }
}
