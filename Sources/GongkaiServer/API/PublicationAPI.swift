import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 集成发布 for departments' own systems: read published information (open), create a draft and publish it with a
/// bearer token that acts with its account's permissions. Publishing through the API runs the same content check:
/// findings are refused with 422 and listed, unless `overrideReason` is given by a reviewer's token.
enum PublicationAPI {
    struct ItemDTO: Content {
        let id: UUID
        let kind: String
        let title: String
        let indexNumber: String
        let documentNumber: String
        let theme: String
        let unit: String
        let unitID: UUID
        let publishedOn: String?
        let validity: String
        let version: Int?
        let url: String
    }

    struct DetailDTO: Content {
        let item: ItemDTO
        let writtenOn: String?
        let formedOn: String?
        let validityStatement: String
        let bodyHTML: String
        let bodyText: String
        let channels: [String]
        let catalogEntries: [EntryDTO]
        let attachments: [AttachmentDTO]
        let interprets: UUID?
        let versions: [VersionDTO]
    }

    struct EntryDTO: Content {
        let key: String
        let label: String
        let timeLimit: String
    }

    struct AttachmentDTO: Content {
        let fileName: String
        let size: Int
        let sha256: String
        let url: String
    }

    struct VersionDTO: Content {
        let number: Int
        let status: String
        let publishedOn: String?
        let changeNote: String
    }

    struct ListDTO: Content {
        let total: Int
        let page: Int
        let pageSize: Int
        let items: [ItemDTO]
    }

    static func dto(_ record: PublicationRecord, slug: String, base: String) -> ItemDTO {
        ItemDTO(id: record.id!, kind: record.kind, title: record.title, indexNumber: record.indexNumber, documentNumber: record.documentNumber,
                theme: record.theme, unit: record.$unit.value?.name ?? "", unitID: record.$unit.id, publishedOn: record.publishedOn,
                validity: record.validity, version: record.liveNumber, url: base + SiteURL.publication(slug: slug, record.id!).path)
    }

    static func site(_ req: Request) async throws -> SiteRecord {
        let slug = req.query[String.self, at: "site"]
        if let slug {
            guard let site = try await SiteRecord.query(on: req.db).filter(\.$slug == slug).first() else {
                throw APIError(.notFound, code: "not_found", message: "没有这个站点：\(slug)。", field: "site")
            }
            return site
        }
        let sites = try await SiteQueries.all(on: req.db)
        guard sites.count == 1 else { throw APIError(.badRequest, code: "site_required", message: "请用参数 site 指定站点（如 site=hukou）。", field: "site") }
        return sites[0]
    }

    @Sendable static func list(req: Request) async throws -> ListDTO {
        let site = try await site(req)
        let filters = InformationController.ListFilters(req)
        let size = max(1, min(100, req.query[Int.self, at: "pageSize"] ?? 20))
        let base = req.application.gongkai.publicBaseURL
        let total = try await InformationController.liveQuery(siteID: site.requireID(), filters: filters, on: req.db).count()
        let records = try await InformationController.liveQuery(siteID: site.requireID(), filters: filters, on: req.db).with(\.$unit)
            .sort(\.$publishedOn, .descending).sort(\.$firstPublishedAt, .descending)
            .range(((filters.page - 1) * size)..<(filters.page * size)).all()
        return ListDTO(total: total, page: filters.page, pageSize: size, items: records.map { dto($0, slug: site.slug, base: base) })
    }

    @Sendable static func show(req: Request) async throws -> DetailDTO {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let record = try await PublicationRecord.find(id, on: req.db),
              let site = try await SiteRecord.find(record.$site.id, on: req.db)
        else { throw APIError(.notFound, code: "not_found", message: "没有这条信息。") }
        let full = try await PublicationStore.load(id, siteID: site.requireID(), on: req.db)
        // Drafts are visible to staff of the unit through a token; the public sees live records only.
        let staffCanSee = PublicationActions.mayReadDrafts(full, by: req.staff?.acting(req, via: .api))
        guard let version = (staffCanSee ? full.working ?? full.live : full.live), staffCanSee || full.record.withdrawnAt == nil else {
            throw APIError(.notFound, code: "not_found", message: "没有这条信息。")
        }
        let base = req.application.gongkai.publicBaseURL
        _ = try await full.record.$unit.get(on: req.db)
        return DetailDTO(
            item: dto(full.record, slug: site.slug, base: base), writtenOn: version.writtenOn, formedOn: version.formedOn,
            validityStatement: version.validityValue.statement, bodyHTML: version.bodyHTML, bodyText: version.bodyText,
            channels: version.channelList.map(\.label), catalogEntries: (full.entries[version.id!] ?? []).map { EntryDTO(key: $0.entryKey, label: $0.label, timeLimit: $0.timeLimit) },
            attachments: (full.attachments[version.id!] ?? []).map {
                AttachmentDTO(fileName: $0.fileName, size: $0.size, sha256: $0.sha256,
                              url: base + SiteURL.publicationFile(slug: site.slug, id, attachment: $0.id!).path)
            },
            interprets: full.record.interpretsID,
            // The public sees the versions that were published, never a draft's status or note.
            versions: full.versions.filter { staffCanSee || $0.publishedOn != nil }
                .map { VersionDTO(number: $0.number, status: $0.status, publishedOn: $0.publishedOn, changeNote: $0.changeNote) })
    }

    struct CreateInput: Content {
        var kind: String?
        var title: String
        var documentNumber: String?
        var theme: String?
        var writtenOn: String?
        var formedOn: String?
        var attribute: String?
        var reason: String?
        var explanation: String?
        var body: String?
        var channels: [String]?
        /// Catalog entry keys ("<catalog id>-<序号>") from `GET /api/v1/catalog-entries` or the portal.
        var catalogEntries: [String]?
        var interprets: UUID?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let input: CreateInput
        do { input = try req.content.decode(CreateInput.self) } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON，至少包含 title：{\"title\": \"…\", \"body\": \"…\", \"formedOn\": \"2020-09-21\"}。")
        }
        let draft = PublicationDraft(
            kind: input.interprets != nil ? .interpretation : PublicationKind(rawValue: input.kind ?? "") ?? .document, title: input.title,
            documentNumber: input.documentNumber ?? "", theme: input.theme ?? "综合政务", writtenOn: input.writtenOn ?? "", formedOn: input.formedOn ?? "",
            determination: DisclosureDetermination(attribute: DisclosureAttribute(rawValue: input.attribute ?? "proactive") ?? .proactive,
                                                   reason: input.reason.flatMap(WithholdingReason.init(rawValue:)), explanation: input.explanation ?? ""),
            body: input.body ?? "", channels: (input.channels ?? ["government-website"]).compactMap(DisclosureChannel.init(rawValue:)))
        let id = try await PublicationActions.create(draft, entryKeys: input.catalogEntries ?? [], interprets: input.interprets,
                                                     by: staff.acting(req, via: .api), at: req.now, on: req.db)
        let record = try await PublicationRecord.find(id, on: req.db)!
        _ = try await record.$unit.get(on: req.db)
        let site = try await SiteRecord.find(staff.siteID, on: req.db)!
        let response = Response(status: .created)
        try response.content.encode(dto(record, slug: site.slug, base: req.application.gongkai.publicBaseURL))
        response.headers.replaceOrAdd(name: .location, value: SiteURL.apiPublication(id).path)
        return response
    }

    struct PublishInput: Content {
        var overrideReason: String?
    }

    /// Submits, approves and publishes in one call — for a reviewer's token (the same rules as the pages: an
    /// editor's token can only submit).
    @Sendable static func publish(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError(.notFound, code: "not_found", message: "没有这条信息。") }
        // No body publishes as far as the roles allow; a body that is not the documented JSON changes nothing.
        let input: PublishInput
        if let body = req.body.data, body.readableBytes > 0 {
            guard let decoded = try? req.content.decode(PublishInput.self) else {
                throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON 对象，如 {\"overrideReason\": \"…\"}，或不带请求体。未做任何改动。")
            }
            input = decoded
        } else {
            input = PublishInput()
        }
        let full: PublicationStore.Full
        do {
            full = try await PublicationActions.publishAsFarAsAllowed(
                id, overrideReason: input.overrideReason ?? "", by: staff.acting(req, via: .api), at: req.now,
                setting: try await PublicationController.setting(req, staff: staff), on: req.db)
        } catch let blocked as PublicationActions.Blocked {
            throw APIError(.unprocessableEntity, code: "content_check_failed",
                           message: "发布前检查发现：\(ContentSafety.summary(blocked.findings))。请修改后再发布，或由审核人员在 overrideReason 中说明理由。",
                           field: "overrideReason")
        }
        let site = try await SiteRecord.find(staff.siteID, on: req.db)!
        _ = try await full.record.$unit.get(on: req.db)
        let response = Response(status: .ok)
        try response.content.encode(dto(full.record, slug: site.slug, base: req.application.gongkai.publicBaseURL))
        return response
    }
}
