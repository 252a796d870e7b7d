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

extension DutyListAPI {
    struct RowInput: Content {
        var code: String?
        var powerType: String?
        var name: String?
        var subItem: String?
        var basis: String?
        var subject: String?
        var duties: String?
        var accountability: String?
        var audience: String?
        var content: String?
        var timeLimit: String?
        var fee: String?
        var phone: String?
        var level: String?
        var note: String?
    }

    struct ImportInput: Content {
        var unit: String?
        var kind: String?
        var rows: [RowInput]?
        /// Also submit the draft for the unit's check.
        var submit: Bool?
    }

    struct ImportResult: Content {
        let id: UUID
        let version: Int
        let status: String
        let statusLabel: String
        let rowCount: Int
    }

    /// `POST /api/v1/power-lists`: a unit's system sends its list as rows; they become the unit's draft (and, with
    /// `submit`, go to the unit's check) through the same actions as the import page. Nothing is stored if any
    /// row is wrong; the answer names the row and field.
    @Sendable static func importRows(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let acting = staff.acting(req, via: .api)
        let input: ImportInput
        do { input = try req.content.decode(ImportInput.self) } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "请求体应为 JSON：{\"unit\": \"单位id或全称\", \"kind\": \"power\", \"rows\": [{…}]}。")
        }
        let unitText = input.unit ?? staff.actor.unitID.uuidString
        let unitID = try await UnitQueries.forSite(acting.siteID, on: req.db)
            .first { $0.id?.uuidString.lowercased() == unitText.lowercased() || $0.name == unitText }?.id
        let kindText = DutyListKind(argument: input.kind ?? "power")?.rawValue ?? (input.kind ?? "")
        let (unit, kind) = try await DutyListActions.resolve(unit: unitID?.uuidString ?? unitText, kind: kindText, by: acting, on: req.db)
        guard let inputs = input.rows, !inputs.isEmpty else {
            throw APIError(.unprocessableEntity, code: "invalid_input", message: "rows 不能为空。", field: "rows")
        }
        var rows: [DutyListRow] = []
        for (i, r) in inputs.enumerated() {
            var row = DutyListRow(code: r.code ?? "", name: r.name ?? "", subItem: r.subItem ?? "", basis: r.basis ?? "", subject: r.subject ?? "",
                                  duties: r.duties ?? "", accountability: r.accountability ?? "", audience: r.audience ?? "",
                                  content: r.content ?? "", timeLimit: r.timeLimit ?? "", fee: r.fee ?? "", phone: r.phone ?? "", note: r.note ?? "")
            if let written = r.powerType, !written.isEmpty {
                guard let type = PowerType(written: written) else {
                    throw APIError(.unprocessableEntity, code: "invalid_input", message: "第\(i + 1)项：职权类型应为\(PowerType.expected)之一，读到“\(written)”。",
                                   field: "rows[\(i)].powerType")
                }
                row.powerType = type
            }
            if kind == .service {
                let written = (r.level ?? "").replacingOccurrences(of: "（社区）", with: "")
                if written.isEmpty { row.level = unit.unitKind.listLevel }
                else if let levels = CatalogLevel.parse(written), levels.count == 1 { row.level = levels.first }
                else {
                    throw APIError(.unprocessableEntity, code: "invalid_input", message: "第\(i + 1)项：实施层级应为县级、乡镇级或村（社区）级，读到“\(r.level ?? "")”。",
                                   field: "rows[\(i)].level")
                }
            }
            rows.append(row)
        }
        var version = try await DutyListActions.importRows(rows, kind: kind, unit: unit, sourceName: "API导入（\(staff.displayName)）", publish: false,
                                                           by: acting, at: req.now, on: req.db)
        let listID = version.$list.id
        if input.submit == true {
            try await DutyListActions.perform(.submit, on: listID, version: version.number, lockVersion: version.lockVersion, by: acting,
                                              at: req.now, on: req.db)
            guard let submitted = try await DutyListEditing.load(listID, on: req.db)?.open else { throw Abort(.internalServerError) }
            version = submitted
        }
        let response = Response(status: .created)
        try response.content.encode(ImportResult(id: listID, version: version.number, status: version.listStatus.rawValue,
                                                 statusLabel: version.listStatus.label, rowCount: rows.count))
        return response
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
        "DutyListImportResult": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid"], "version": ["type": "integer"], "status": text, "statusLabel": text, "rowCount": ["type": "integer"],
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
        ], "post": [
            "summary": "单位系统报送本单位清单：成为草稿（submit=true 时同时提交本单位审核）；任何一项有误都不保存",
            "operationId": "importDutyList", "security": [["bearer": []]],
            "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": "object", "required": ["rows"], "properties": [
                "unit": ["type": "string", "description": "单位 id 或全称；不填为令牌所属单位"],
                "kind": ["type": "string", "enum": ["power", "service"]], "submit": ["type": "boolean"],
                "rows": ["type": "array", "items": ["$ref": "#/components/schemas/DutyListRow"]],
            ]]]]],
            "responses": ["201": PlanOpenAPI.ok("已保存为草稿", "DutyListImportResult"), "401": PlanOpenAPI.error("缺少或无效的令牌"),
                          "403": PlanOpenAPI.error("不是本单位的清单"), "409": PlanOpenAPI.error("清单正在审核中，不能导入"),
                          "422": PlanOpenAPI.error("某一项有误（field 指出第几项的哪个字段）")],
        ]],
    ]
}
