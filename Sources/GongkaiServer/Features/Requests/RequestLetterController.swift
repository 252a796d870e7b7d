import Fluent
import Foundation
import GongkaiCore
import Vapor

/// One letter as a printable page and as .docx, and the released files: for the handling unit (audited), and for
/// the applicant by the 查询码 (the code is the key; tries are rate-limited).
enum RequestLetterController {
    static func position(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("position").flatMap(Int.init) else { throw Abort(.notFound, reason: "没有这份告知书。") }
        return n
    }

    static func letterRow(_ record: DisclosureRequestRecord, position: Int, on db: any Database) async throws -> DisclosureRequestLetterRecord {
        guard let row = try await DisclosureRequestLetterRecord.query(on: db).filter(\.$request.$id == record.requireID())
            .filter(\.$eventPosition == position).first()
        else { throw Abort(.notFound, reason: "没有这份告知书。") }
        return row
    }

    static func fileRow(_ req: Request, record: DisclosureRequestRecord) async throws -> DisclosureRequestFileRecord {
        guard let id = req.parameters.get("file").flatMap(UUID.init(uuidString:)),
              let row = try await DisclosureRequestFileRecord.find(id, on: req.db), row.$request.id == record.id
        else { throw Abort(.notFound, reason: "没有这个文件。") }
        return row
    }

    static func page(_ req: Request, row: DisclosureRequestLetterRecord, chrome: PageChrome, docx: String, back: (String, String),
                     slug: String, code: String) -> Response {
        let tracking = req.application.gongkai.publicBaseURL + SiteURL.requestTrack(slug: slug, code: code).path
        return Response.html(RequestLetterPages.document(row.letter, docx: docx, back: back, tracking: tracking, chrome: chrome))
    }

    // MARK: Staff

    @Sendable static func staffLetter(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        let row = try await letterRow(record, position: try position(req), on: req.db)
        let id = try record.requireID()
        return page(req, row: row, chrome: PageChrome(req: req, title: "\(row.title) \(record.number)", area: .backOffice),
                    docx: SiteURL.adminRequestLetterFile(id, position: row.eventPosition).path, back: (SiteURL.adminRequest(id).path, "返回申请 \(record.number)"),
                    slug: staff.siteSlug, code: record.code)
    }

    @Sendable static func staffLetterFile(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        return try RequestLetters.docx(try await letterRow(record, position: try position(req), on: req.db), number: record.number)
    }

    @Sendable static func staffFile(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let record = try await RequestAdmin.find(req, staff: staff)
        let row = try await fileRow(req, record: record)
        return Downloads.response(try req.storedFiles.read(row.sha256), fileName: row.fileName, contentType: row.contentType, asciiName: "file")
    }

    // MARK: The applicant, by code

    static func publicRecord(_ req: Request) async throws -> (SiteRecord, DisclosureRequestRecord) {
        let site = try await InformationController.site(req)
        guard req.gongkai.limits.requestTracking.allow(req.clientAddress, now: req.now) else {
            throw Abort(.tooManyRequests, reason: "查询过于频繁，请稍后再试。")
        }
        let code = RequestStore.normaliseCode(req.parameters.get("code") ?? "")
        guard !code.isEmpty, let record = try await DisclosureRequestRecord.query(on: req.db).filter(\.$site.$id == site.requireID())
            .filter(\.$code == code).first()
        else { throw Abort(.notFound, reason: "没有这个查询码。") }
        return (site, record)
    }

    @Sendable static func publicLetter(req: Request) async throws -> Response {
        let (site, record) = try await publicRecord(req)
        let row = try await letterRow(record, position: try position(req), on: req.db)
        let chrome = PageChrome(req: req, title: row.title, area: .portal, site: PageChrome.SiteInfo(site))
        return page(req, row: row, chrome: chrome, docx: SiteURL.requestLetterFile(slug: site.slug, code: record.code, position: row.eventPosition).path,
                    back: (SiteURL.requestTrack(slug: site.slug, code: record.code).path, "返回办理进度"), slug: site.slug, code: record.code)
    }

    @Sendable static func publicLetterFile(req: Request) async throws -> Response {
        let (_, record) = try await publicRecord(req)
        return try RequestLetters.docx(try await letterRow(record, position: try position(req), on: req.db), number: record.number)
    }

    @Sendable static func publicFile(req: Request) async throws -> Response {
        let (_, record) = try await publicRecord(req)
        let row = try await fileRow(req, record: record)
        return Downloads.response(try req.storedFiles.read(row.sha256), fileName: row.fileName, contentType: row.contentType, asciiName: "file")
    }
}
