import Foundation

/// The OpenAPI 3.1 description of `/api/v1`. `APIDocumentTests` checks that every API route is described here
/// and that every path described here is routed.
enum OpenAPIDocument {
    /// Paths as the router spells them (`:slug`), mapped to their OpenAPI form (`{slug}`).
    static let paths: [(method: String, path: String)] = [
        ("get", "/api/v1/openapi.json"),
        ("get", "/api/v1/sites"),
        ("get", "/api/v1/sites/{slug}/units"),
        ("get", "/api/v1/me"),
    ]

    static let json: String = {
        let error: [String: Any] = [
            "type": "object", "required": ["error"],
            "properties": ["error": ["type": "object", "required": ["code", "message"], "properties": [
                "code": ["type": "string"], "message": ["type": "string", "description": "中文说明"],
                "field": ["type": ["string", "null"]],
            ]]],
        ]
        let contact: [String: Any] = ["type": "object", "properties": [
            "address": ["type": "string"], "officeHours": ["type": "string"], "phone": ["type": "string"],
            "fax": ["type": "string"], "email": ["type": "string"], "postcode": ["type": "string"],
        ]]
        let site: [String: Any] = ["type": "object", "required": ["slug", "name"], "properties": [
            "slug": ["type": "string"], "name": ["type": "string"], "parentRegion": ["type": "string"],
            "isDemo": ["type": "boolean"], "portalURL": ["type": "string"],
        ]]
        let unit: [String: Any] = ["type": "object", "required": ["id", "name", "kind"], "properties": [
            "id": ["type": "string", "format": "uuid"], "parentID": ["type": ["string", "null"], "format": "uuid"],
            "kind": ["type": "string", "enum": ["county-government", "government-office", "department",
                                                "dispatched-agency", "township", "village", "public-institution"]],
            "kindLabel": ["type": "string"], "name": ["type": "string"], "shortName": ["type": "string"],
            "aliases": ["type": "array", "items": ["type": "string"]], "isExample": ["type": "boolean"],
            "contact": ["$ref": "#/components/schemas/Contact"],
        ]]
        func list(_ ref: String) -> [String: Any] {
            ["type": "object", "properties": ["total": ["type": "integer"],
                                              "items": ["type": "array", "items": ["$ref": "#/components/schemas/\(ref)"]]]]
        }
        func errorResponse(_ text: String) -> [String: Any] {
            ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        }
        func ok(_ text: String, _ schema: [String: Any]) -> [String: Any] {
            ["description": text, "content": ["application/json": ["schema": schema]]]
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Gongkai 政务公开 API", "version": "1.0.0",
                     "description": "县级政务公开平台的 JSON 接口。错误统一为 {\"error\": {\"code\", \"message\", \"field\"}}。"],
            "servers": [["url": "/"]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer",
                                               "description": "在工作平台“API令牌”页面创建的个人令牌"]],
                "schemas": ["Error": error, "Contact": contact, "Site": site, "Unit": unit,
                            "SiteList": list("Site"), "UnitList": list("Unit"),
                            "Me": ["type": "object", "properties": [
                                "name": ["type": "string"], "displayName": ["type": "string"], "site": ["type": "string"],
                                "unitID": ["type": "string", "format": "uuid"], "unit": ["type": "string"],
                                "roles": ["type": "array", "items": ["type": "string",
                                                                     "enum": ["editor", "reviewer", "guide", "admin"]]],
                            ]]],
            ],
            "paths": [
                "/api/v1/openapi.json": ["get": ["summary": "本文档", "operationId": "openAPI",
                                                 "responses": ["200": ["description": "OpenAPI 3.1 文档"]]]],
                "/api/v1/sites": ["get": ["summary": "站点（县级人民政府）列表", "operationId": "listSites",
                                          "responses": ["200": ok("站点列表", ["$ref": "#/components/schemas/SiteList"])]]],
                "/api/v1/sites/{slug}/units": ["get": [
                    "summary": "站点的单位及其政府信息公开工作机构联系方式", "operationId": "listUnits",
                    "parameters": [["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": ["200": ok("单位列表（树的先序）", ["$ref": "#/components/schemas/UnitList"]),
                                  "404": errorResponse("没有这个站点")],
                ]],
                "/api/v1/me": ["get": [
                    "summary": "令牌所属账号", "operationId": "me", "security": [["bearer": []]],
                    "responses": ["200": ok("账号信息", ["$ref": "#/components/schemas/Me"]),
                                  "401": errorResponse("缺少或无效的令牌")],
                ]],
            ],
        ]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }()
}
