import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The writes on an application for disclosure that the back office's form and the API share: recording one event
/// of a case. The action asks the permission rules (延期 and 收费 need a reviewer), looks up what the checks need,
/// runs `RequestEventRules` and `RequestTimeline`, then appends the event with its letter and audit event in one
/// transaction (`RequestStore.append`).
enum RequestActions {
    /// What the action needs from the running system besides the database.
    struct Setting: Sendable {
        let calendar: WorkingCalendar
        let baseURL: String
        let files: StoredFiles
    }

    static let staleMessage = "这份申请刚被他人办理过，请看最新的办理经过后再记录。"

    /// The case as the actor may handle it (the applicant's identity is visible only to the handling unit and
    /// the office): not found outside the actor's site, forbidden to other units. Pages and the API both use it.
    static func find(_ id: UUID?, by acting: Acting, on db: any Database) async throws -> DisclosureRequestRecord {
        guard let id, let record = try await DisclosureRequestRecord.query(on: db).filter(\.$id == id).with(\.$unit).first(),
              record.$site.id == acting.access.siteID
        else { throw ActionError.notFound("没有这份申请。") }
        try acting.authorize(.handleRequest, AccessTarget(siteID: record.$site.id, unitID: record.$unit.id))
        return record
    }

    /// Whether the actor may still handle a case now with `unitID` (after a 转办 it may be out of reach).
    static func handles(unitID: UUID?, by acting: Acting) -> Bool {
        acting.may(.handleRequest, AccessTarget(siteID: acting.siteID, unitID: unitID))
    }

    /// The event checked, with what comes with it worked out, without recording anything (the letter preview uses it).
    static func prepare(_ d: RequestEventDraft, for record: DisclosureRequestRecord, by acting: Acting, at now: Date, setting: Setting,
                        on db: any Database) async throws -> (RequestEvent, RequestStore.Extras) {
        let target = AccessTarget(siteID: record.$site.id, unitID: record.$unit.id)
        try acting.authorize(.handleRequest, target)
        switch d.eventKind {
        case .extended?: try acting.authorize(.extendRequest, target)
        case .feeNoticed?: try acting.authorize(.chargeFee, target)
        default: break
        }
        var facts = RequestEventFacts(provision: RequestLetters.provision(record))
        var extras = RequestStore.Extras(baseURL: setting.baseURL)
        switch d.eventKind {
        case .feeNoticed?:
            if let method = d.method, let count = d.feeCount, count > 0 {
                let fee = try await RequestFees.compute(method: method, count: count, for: record, on: db)
                facts.fee = (fee.amount, fee.lines)
            }
        case .replied?:
            if !d.publicationIndex.isEmpty,
               let found = try await RequestFees.publishedRecord(indexNumber: d.publicationIndex, siteID: record.$site.id, on: db) {
                facts.publicationFound = true
                extras.publicationID = found
            }
        case .transferred?:
            let units = try await UnitQueries.forSite(record.$site.id, includeArchived: false, on: db)
            if let id = d.transferTo.flatMap(UUID.init(uuidString:)), let unit = units.first(where: { $0.id == id }), id != record.$unit.id {
                facts.transferUnitName = unit.name
                extras.transferTo = id
            }
        default: break
        }
        switch RequestEventRules.check(d, today: ChineseTime.today(now), facts: facts) {
        case .failure(let errors): throw ActionError.invalid(errors, code: "invalid_field")
        case .success(let event): return (event, extras)
        }
    }

    /// Records one event of a case, with the files released to the applicant (a reply only).
    @discardableResult
    static func recordEvent(_ d: RequestEventDraft, files: [(name: String, data: Data)], lockVersion: Int?, for record: DisclosureRequestRecord,
                            by acting: Acting, at now: Date, setting: Setting, on db: any Database) async throws -> RequestEvent {
        var draft = d
        draft.files = files.count
        var (event, extras) = try await prepare(draft, for: record, by: acting, at: now, setting: setting, on: db)
        for file in files {
            let name = PublicationActions.cleanFileName(file.name)
            do {
                extras.files.append(.init(file: try setting.files.store(file.data, fileName: name), fileName: name))
            } catch let refusal as any AbortError {
                throw ActionError.fileRefused(refusal.reason, field: "files", status: refusal.status)
            }
        }
        do {
            try await RequestStore.append(event, to: record, expectedLock: lockVersion ?? record.lockVersion, actor: acting.audit, now: now,
                                          calendar: setting.calendar, extras: extras, on: db)
        } catch let abort as Abort where abort.status == .unprocessableEntity {
            // The history does not allow it (e.g. a reply before the 补正 came back).
            throw ActionError.invalid(ValidationErrors(field: "kind", message: abort.reason), code: "refused")
        } catch is OptimisticLock.Conflict {
            throw ActionError.conflict(staleMessage, code: "stale", field: "lockVersion")
        }
        return event
    }
}
