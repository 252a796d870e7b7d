import Foundation

/// The OpenAPI description of the publications and search endpoints (merged into `OpenAPIDocument`).
enum PublicationOpenAPI {
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nullableString: [String: Any] = ["type": ["string", "null"]]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]

    nonisolated(unsafe) static let schemas: [String: Any] = [
        "Publication": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid"], "kind": ["type": "string", "enum": ["document", "interpretation", "news"]],
            "title": string, "indexNumber": string, "documentNumber": string, "theme": string, "unit": string,
            "unitID": ["type": "string", "format": "uuid"], "publishedOn": nullableString,
            "validity": ["type": "string", "enum": ["valid", "expired", "repealed"]], "version": ["type": ["integer", "null"]], "url": string,
        ]],
        "PublicationList": ["type": "object", "properties": [
            "total": integer, "page": integer, "pageSize": integer, "items": ["type": "array", "items": ["$ref": "#/components/schemas/Publication"]],
        ]],
        "PublicationDetail": ["type": "object", "properties": [
            "item": ["$ref": "#/components/schemas/Publication"], "writtenOn": nullableString, "formedOn": nullableString,
            "validityStatement": string, "bodyHTML": string, "bodyText": string, "channels": ["type": "array", "items": string],
            "catalogEntries": ["type": "array", "items": ["type": "object"]], "attachments": ["type": "array", "items": ["type": "object"]],
            "interprets": nullableString, "versions": ["type": "array", "items": ["type": "object"]],
        ]],
        "PublicationInput": ["type": "object", "required": ["title"], "properties": [
            "kind": string, "title": string, "documentNumber": string, "theme": string, "writtenOn": ["type": "string", "format": "date"],
            "formedOn": ["type": "string", "format": "date"], "attribute": ["type": "string", "enum": ["proactive", "on-request", "withheld"]],
            "reason": string, "explanation": string, "body": ["type": "string", "description": "正文：纯文本（每行一段）或 HTML（保存时清理）"],
            "channels": ["type": "array", "items": string],
            "catalogEntries": ["type": "array", "items": string, "description": "目录事项键：<目录ID>-<序号>"],
            "interprets": ["type": "string", "format": "uuid", "description": "政策解读所解读的文件"],
        ]],
        "SearchResult": ["type": "object", "properties": [
            "query": string, "total": integer,
            "totalIsEstimate": ["type": "boolean", "description": "匹配超过600条时 total 为估计数（两位有效数字）；最多列出前1000条"], "page": integer, "pageSize": integer, "sort": ["type": "string", "enum": ["relevance", "date"]],
            "rankedWindow": ["type": ["integer", "null"], "description": "匹配较多时只对最新的这么多条按相关度排序"],
            "suggestion": nullableString, "items": ["type": "array", "items": ["type": "object"]],
        ]],
    ]

    nonisolated(unsafe) static let filters: [[String: Any]] = [
        ["name": "site", "in": "query", "required": false, "schema": string, "description": "站点代码，如 hukou（只有一个站点时可省略）"],
        ["name": "unit", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"]],
        ["name": "domain", "in": "query", "required": false, "schema": string, "description": "领域代码"],
        ["name": "theme", "in": "query", "required": false, "schema": string, "description": "主题分类"],
        ["name": "year", "in": "query", "required": false, "schema": integer],
        ["name": "validity", "in": "query", "required": false, "schema": ["type": "string", "enum": ["valid", "expired", "repealed"]]],
        ["name": "kind", "in": "query", "required": false, "schema": string],
        ["name": "page", "in": "query", "required": false, "schema": integer],
    ]

    nonisolated(unsafe) static let paths: [String: Any] = [
        SiteURL.apiPublications.openAPIPath: [
            "get": [
                "summary": "已发布的政府信息（可按单位、领域、主题分类、年份、有效性筛选）", "operationId": "listPublications",
                "parameters": filters + [["name": "pageSize", "in": "query", "required": false, "schema": integer]],
                "responses": ["200": PlanOpenAPI.ok("信息列表", "PublicationList"), "400": PlanOpenAPI.error("参数无效")],
            ],
            "post": [
                "summary": "集成发布：本单位系统新建一条信息（草稿）", "operationId": "createPublication", "security": [["bearer": []]],
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/PublicationInput"]]]],
                "responses": ["201": PlanOpenAPI.ok("已建草稿", "Publication"), "400": PlanOpenAPI.error("请求体无效"),
                              "401": PlanOpenAPI.error("缺少或无效的令牌"), "403": PlanOpenAPI.error("无权为本单位录入"),
                              "422": PlanOpenAPI.error("字段不符合要求")],
            ],
        ],
        SiteURL.apiPublication(.key).openAPIPath: ["get": [
            "summary": "一条已发布的信息：元数据、正文、附件、对应目录事项和历史版本", "operationId": "getPublication",
            "parameters": [PlanOpenAPI.idParameter],
            "responses": ["200": PlanOpenAPI.ok("信息", "PublicationDetail"), "404": PlanOpenAPI.error("没有这条信息")],
        ]],
        SiteURL.apiPublicationPublish(.key).openAPIPath: ["post": [
            "summary": "提交、审核并发布（按令牌账号的权限；发布前检查个人信息和错敏词）", "operationId": "publishPublication",
            "security": [["bearer": []]], "parameters": [PlanOpenAPI.idParameter],
            "requestBody": ["required": false, "content": ["application/json": ["schema": ["type": "object", "properties": ["overrideReason": string]]]]],
            "responses": ["200": PlanOpenAPI.ok("已发布", "Publication"), "401": PlanOpenAPI.error("缺少或无效的令牌"),
                          "403": PlanOpenAPI.error("无权审核或发布"), "404": PlanOpenAPI.error("没有这条信息"),
                          "409": PlanOpenAPI.error("状态不允许或已被他人处理"), "422": PlanOpenAPI.error("发布前检查未通过")],
        ]],
        SiteURL.apiSearch.openAPIPath: ["get": [
            "summary": "检索政府信息（标题、正文、文号、索引号和附件文字；中文按二元分词）", "operationId": "search",
            "parameters": [["name": "q", "in": "query", "required": true, "schema": string],
                           ["name": "sort", "in": "query", "required": false, "schema": ["type": "string", "enum": ["relevance", "date"]]]] + filters,
            "description": "检索一个站点；有多个站点时必须用 site 指定（否则 400 site_required），不会默默选一个。",
            "responses": ["200": PlanOpenAPI.ok("检索结果", "SearchResult"), "400": PlanOpenAPI.error("缺少检索词，或有多个站点而未给出 site"),
                          "404": PlanOpenAPI.error("没有这个站点")],
        ]],
    ]
}
