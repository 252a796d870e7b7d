import Foundation

/// The OpenAPI 3.1 description of `/api/v1`. `APIDocumentTests` checks that every API route is described here
/// and that every path described here is routed.
enum OpenAPIDocument {
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
            "creditCode": ["type": "string", "description": "统一社会信用代码（或组织机构代码），索引号以它开头；未登记时为空"],
            "takesApplications": ["type": "boolean", "description": "是否受理政府信息公开申请：只有行政机关受理；村（居）委会和公共企事业单位（条例第五十五条）不受理"],
            "contact": ["$ref": "#/components/schemas/Contact"],
        ]]
        func list(_ ref: String) -> [String: Any] {
            ["type": "object", "properties": ["total": ["type": "integer"],
                                              "items": ["type": "array", "items": ["$ref": "#/components/schemas/\(ref)"]]]]
        }
        func errorResponse(_ text: String) -> [String: Any] {
            ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        }
        func query(_ name: String, _ text: String, required: Bool = false, type: String = "string") -> [String: Any] {
            ["name": name, "in": "query", "required": required, "description": text, "schema": ["type": type]]
        }
        let unitEnum: [String: Any] = ["type": "string", "enum": ["working-days", "calendar-days", "months"]]
        let day: [String: Any] = ["type": "object", "required": ["date", "kind", "confirmed"], "properties": [
            "date": ["type": "string", "format": "date"],
            "kind": ["type": "string", "enum": ["workday", "weekend", "holiday", "makeup-workday"]],
            "confirmed": ["type": "boolean", "description": "该年是否已录入国务院办公厅节假日安排"],
        ]]
        let deadline: [String: Any] = ["type": "object", "required": ["start", "due", "confirmed"], "properties": [
            "start": ["type": "string", "format": "date"], "amount": ["type": "integer"], "unit": unitEnum,
            "due": ["type": "string", "format": "date"], "confirmed": ["type": "boolean"],
            "unconfirmedYears": ["type": "array", "items": ["type": "integer"]],
            "movedFrom": ["type": ["string", "null"], "format": "date", "description": "按日计算时，顺延前的届满日"],
        ]]
        let timeLimit: [String: Any] = ["type": "object", "required": ["text", "kind", "summary", "computable"], "properties": [
            "text": ["type": "string"],
            "kind": ["type": "string", "enum": ["period", "realtime", "prompt", "permanent", "annual", "same-as-above", "unparsed"]],
            "triggers": ["type": "array", "items": ["type": "string"], "description": "起算事件，如 形成、变更、制定、获取"],
            "amount": ["type": "integer"], "unit": unitEnum,
            "stages": ["type": "array", "items": ["type": "object", "properties": [
                "label": ["type": "string"], "amount": ["type": "integer"], "unit": unitEnum]]],
            "month": ["type": "integer"], "day": ["type": "integer"], "summary": ["type": "string"],
            "computable": ["type": "boolean"], "note": ["type": "string", "description": "如“无法自动计算”"],
        ]]
        let catalogFilters: [[String: Any]] = [
            query("site", "站点标识，如 hukou（只有一个站点时可省略）"), query("unit", "单位ID或全称"),
            query("domain", "领域代码、名称或别名，如 社会救助"), query("level", "公开层级：county/township/village 或 县级/乡级/村级"),
        ]
        let string: [String: Any] = ["type": "string"]
        let strings: [String: Any] = ["type": "array", "items": string]
        let catalogEntry: [String: Any] = ["type": "object", "properties": [
            "catalogID": ["type": "string", "format": "uuid"], "number": string, "level1": string, "level2": string,
            "level3": string, "content": string, "elements": strings, "basis": string,
            "references": ["type": "array", "items": ["type": "object", "properties": [
                "title": ["type": ["string", "null"]], "documentNumber": ["type": ["string", "null"]]]]],
            "timeLimit": string, "timeLimitRule": ["$ref": "#/components/schemas/TimeLimitRule"],
            "body": string, "bodies": strings, "channelsRequired": strings, "channelsOptional": strings,
            "channelsOther": strings, "audienceEveryone": ["type": "boolean"], "audienceGroup": ["type": ["string", "null"]],
            "proactive": ["type": "boolean"], "onRequest": ["type": "boolean"], "levels": strings,
        ]]
        let catalog: [String: Any] = ["type": "object", "required": ["id", "unit", "domain", "level", "version"], "properties": [
            "id": ["type": "string", "format": "uuid"], "site": string, "unitID": ["type": "string", "format": "uuid"],
            "unit": string, "domainCode": string, "domain": string, "level": string, "levelLabel": string,
            "version": ["type": "integer"], "publishedAt": ["type": "string", "format": "date-time"],
            "entryCount": ["type": "integer"],
            "entries": ["type": "array", "items": ["$ref": "#/components/schemas/CatalogEntry"]],
        ]]
        func ok(_ text: String, _ schema: [String: Any]) -> [String: Any] {
            ["description": text, "content": ["application/json": ["schema": schema]]]
        }
        var document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Gongkai 政务公开 API", "version": "1.0.0",
                     "description": "县级政务公开平台的 JSON 接口。错误统一为 {\"error\": {\"code\", \"message\", \"field\"}}。"],
            "servers": [["url": "/"]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer",
                                               "description": "在工作平台“API令牌”页面创建的个人令牌"]],
                "schemas": ["Error": error, "Contact": contact, "Site": site, "Unit": unit,
                            "SiteList": list("Site"), "UnitList": list("Unit"), "Day": day, "DayList": list("Day"),
                            "Deadline": deadline, "TimeLimitRule": timeLimit, "Catalog": catalog,
                            "CatalogEntry": catalogEntry, "CatalogList": list("Catalog"), "CatalogEntryList": list("CatalogEntry"),
                            "Me": ["type": "object", "properties": [
                                "name": ["type": "string"], "displayName": ["type": "string"], "site": ["type": "string"],
                                "unitID": ["type": "string", "format": "uuid"], "unit": ["type": "string"],
                                "roles": ["type": "array", "items": ["type": "string",
                                                                     "enum": ["editor", "reviewer", "guide", "admin"]]],
                            ]]],
            ],
            "paths": [
                SiteURL.apiOpenAPI.openAPIPath: ["get": ["summary": "本文档", "operationId": "openAPI",
                                                 "responses": ["200": ["description": "OpenAPI 3.1 文档"]]]],
                SiteURL.apiSites.openAPIPath: ["get": ["summary": "站点（县级人民政府）列表", "operationId": "listSites",
                                          "responses": ["200": ok("站点列表", ["$ref": "#/components/schemas/SiteList"])]]],
                SiteURL.apiSiteUnits(slug: .key).openAPIPath: ["get": [
                    "summary": "站点的单位及其政府信息公开工作机构联系方式", "operationId": "listUnits",
                    "parameters": [["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": ["200": ok("单位列表（树的先序）", ["$ref": "#/components/schemas/UnitList"]),
                                  "404": errorResponse("没有这个站点")],
                ]],
                SiteURL.apiMe.openAPIPath: ["get": [
                    "summary": "令牌所属账号", "operationId": "me", "security": [["bearer": []]],
                    "responses": ["200": ok("账号信息", ["$ref": "#/components/schemas/Me"]),
                                  "401": errorResponse("缺少或无效的令牌")],
                ]],
                SiteURL.apiCalendarDays.openAPIPath: ["get": [
                    "summary": "工作日日历（按日）", "operationId": "calendarDays",
                    "parameters": [query("from", "起始日期", required: true), query("to", "结束日期（一次最多约3年）", required: true)],
                    "responses": ["200": ok("每日类型", ["$ref": "#/components/schemas/DayList"]),
                                  "400": errorResponse("日期无效或范围过大")],
                ]],
                SiteURL.apiDeadline.openAPIPath: ["get": [
                    "summary": "计算期限届满日（起算日当日不计入）", "operationId": "deadline",
                    "parameters": [query("start", "起算日", required: true), query("working_days", "N个工作日", type: "integer"),
                                   query("calendar_days", "N日，届满日为休息日的顺延", type: "integer"),
                                   query("months", "N个月", type: "integer")],
                    "responses": ["200": ok("届满日", ["$ref": "#/components/schemas/Deadline"]),
                                  "400": errorResponse("参数缺失或无效")],
                ]],
                SiteURL.apiTimeLimit.openAPIPath: ["get": [
                    "summary": "解析公开时限原文", "operationId": "parseTimeLimit",
                    "parameters": [query("text", "公开时限原文，如 信息形成或者变更之日起20个工作日内", required: true)],
                    "responses": ["200": ok("解析结果；无法识别的为 kind=unparsed", ["$ref": "#/components/schemas/TimeLimitRule"]),
                                  "400": errorResponse("缺少 text")],
                ]],
                SiteURL.apiCatalogs.openAPIPath: ["get": [
                    "summary": "已发布的政务公开事项标准目录", "operationId": "listCatalogs", "parameters": catalogFilters,
                    "responses": ["200": ok("目录列表（不含事项）", ["$ref": "#/components/schemas/CatalogList"]),
                                  "400": errorResponse("参数无效"), "404": errorResponse("没有这个站点")],
                ]],
                SiteURL.apiCatalog(.key).openAPIPath: ["get": [
                    "summary": "一个目录的已发布版本及其全部事项", "operationId": "getCatalog",
                    "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                    "responses": ["200": ok("目录", ["$ref": "#/components/schemas/Catalog"]),
                                  "404": errorResponse("没有这个目录或尚未发布")],
                ]],
                SiteURL.apiCatalogEntries.openAPIPath: ["get": [
                    "summary": "已发布目录中的事项（可检索）", "operationId": "listCatalogEntries",
                    "parameters": catalogFilters + [query("q", "在事项名称、公开内容、公开依据、公开主体中检索")],
                    "responses": ["200": ok("事项列表", ["$ref": "#/components/schemas/CatalogEntryList"]),
                                  "400": errorResponse("参数无效")],
                ]],
            ],
        ]
        // The rollout schedule's part lives in its own file.
        var components = document["components"] as! [String: Any]
        components["schemas"] = (components["schemas"] as! [String: Any]).merging(PlanOpenAPI.schemas) { a, _ in a }
            .merging(PublicationOpenAPI.schemas) { a, _ in a }
            .merging(RequestOpenAPI.schemas) { a, _ in a }
            .merging(DutyListOpenAPI.schemas) { a, _ in a }
        document["components"] = components
        document["paths"] = (document["paths"] as! [String: Any]).merging(PlanOpenAPI.paths) { a, _ in a }
            .merging(PublicationOpenAPI.paths) { a, _ in a }
            .merging(RequestOpenAPI.paths) { a, _ in a }
            .merging(DutyListOpenAPI.paths) { a, _ in a }
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }()
}
