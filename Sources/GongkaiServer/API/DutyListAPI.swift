import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import Vapor

/// Published 权责清单 and 公共服务清单 for departments' own systems: `GET /api/v1/power-lists?site=&unit=&kind=`.
/// Only published versions; drafts never leave the back office.
enum DutyListAPI {
    struct ListDTO: Content {
        let id: UUID
        let site: String
        let unitID: UUID
        let unit: String
        let kind: String
        let kindLabel: String
        let version: Int
        let publishedAt: Date
        let rowCount: Int
        let rows: [DutyListRowJSON]
    }

    @Sendable static func list(req: Request) async throws -> APIController.ListDTO<ListDTO> {
        let site = try await CatalogAPI.site(req)
        var kind: DutyListKind?
        if let text = req.query[String.self, at: "kind"], !text.isEmpty {
            guard let parsed = DutyListKind(argument: text) else {
                throw APIError(.badRequest, code: "unknown_kind", message: "kind 应为 power（权责清单）或 service（公共服务清单），读到“\(text)”。", field: "kind")
            }
            kind = parsed
        }
        var lists = try await DutyListQuery.published(siteID: try site.requireID(), kind: kind, on: req.db)
        if let unit = req.query[String.self, at: "unit"], !unit.isEmpty {
            lists = lists.filter { $0.unitID.uuidString.lowercased() == unit.lowercased() || $0.unitName == unit }
        }
        let items = lists.map { list in
            ListDTO(id: list.listID, site: site.slug, unitID: list.unitID, unit: list.unitName, kind: list.kind.rawValue, kindLabel: list.kind.title,
                    version: list.versionNumber, publishedAt: list.publishedAt, rowCount: list.rows.count,
                    rows: list.rows.enumerated().map { DutyListRowJSON($1, position: $0 + 1, kind: list.kind) })
        }
        return .init(total: items.count, items: items)
    }
}

/// The OpenAPI description of `/api/v1/power-lists` (merged into `OpenAPIDocument`).
enum DutyListOpenAPI {
    nonisolated(unsafe) static let text: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let optionalText: [String: Any] = ["type": ["string", "null"]]

    nonisolated(unsafe) static let schemas: [String: Any] = [
        "DutyListRow": ["type": "object", "description": "清单的一项；权责清单有职权类型、子项、责任事项、追责情形，公共服务清单有服务对象、服务内容、办理时限、收费、咨询电话、实施层级",
                        "properties": [
                            "position": ["type": "integer"], "code": text, "name": text, "basis": text, "subject": text, "note": text,
                            "powerType": ["type": ["string", "null"], "enum": PowerType.allCases.map(\.label) + [NSNull()]],
                            "subItem": optionalText, "duties": optionalText, "accountability": optionalText, "audience": optionalText,
                            "content": optionalText, "timeLimit": optionalText, "fee": ["type": ["string", "null"], "description": "不收费的写“不收费”"],
                            "phone": optionalText, "level": ["type": ["string", "null"], "enum": ["县级", "乡镇级", "村（社区）级", NSNull()]],
                        ]],
        "DutyList": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid"], "site": text, "unitID": ["type": "string", "format": "uuid"], "unit": text,
            "kind": ["type": "string", "enum": ["power", "service"]], "kindLabel": text, "version": ["type": "integer"],
            "publishedAt": ["type": "string", "format": "date-time"], "rowCount": ["type": "integer"],
            "rows": ["type": "array", "items": ["$ref": "#/components/schemas/DutyListRow"]],
        ]],
        "DutyListList": ["type": "object", "properties": ["total": ["type": "integer"],
                                                          "items": ["type": "array", "items": ["$ref": "#/components/schemas/DutyList"]]]],
    ]

    nonisolated(unsafe) static let paths: [String: Any] = [
        SiteURL.apiDutyLists.openAPIPath: ["get": [
            "summary": "已发布的权责清单和公共服务清单（含全部事项）", "operationId": "listDutyLists",
            "parameters": [
                ["name": "site", "in": "query", "required": false, "schema": text, "description": "站点（如 hukou）；平台有多个站点时必填"],
                ["name": "unit", "in": "query", "required": false, "schema": text, "description": "单位 id 或全称"],
                ["name": "kind", "in": "query", "required": false, "schema": ["type": "string", "enum": ["power", "service"]],
                 "description": "power：权责清单；service：公共服务清单；不填为两种"],
            ],
            "responses": ["200": PlanOpenAPI.ok("清单列表", "DutyListList"), "400": PlanOpenAPI.error("参数无效"),
                          "404": PlanOpenAPI.error("没有这个站点")],
        ]],
    ]
}
