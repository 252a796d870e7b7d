import Foundation

/// The OpenAPI description of `/api/v1/plans` (merged into `OpenAPIDocument`).
enum PlanOpenAPI {
    // Immutable literals; `[String: Any]` is not Sendable, so the compiler is told they are never written.
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let strings: [String: Any] = ["type": "array", "items": string]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]

    nonisolated(unsafe) static let schemas: [String: Any] = [
        "PlanProgress": ["type": "object", "description": "由各责任单位的进度汇总", "properties": [
            "lines": integer, "percent": integer, "completed": integer, "inProgress": integer, "notStarted": integer,
            "overdue": integer, "accepted": integer, "awaitingAcceptance": integer,
        ]],
        "PlanSummary": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid"], "title": string, "taskCount": integer, "itemCount": integer,
            "progress": ["$ref": "#/components/schemas/PlanProgress"],
        ]],
        "PlanList": ["type": "object", "properties": ["total": integer,
                                                      "items": ["type": "array", "items": ["$ref": "#/components/schemas/PlanSummary"]]]],
        "PlanDeadline": ["type": "object", "required": ["kind", "text"], "properties": [
            "kind": ["type": "string", "enum": ["date", "after-event", "after-item", "none"]],
            "text": ["type": "string", "description": "完成时间原文，如 2020年9月底前"],
            "date": ["type": ["string", "null"], "format": "date", "description": "到期日；按事件或前序事项起算且尚未确定时为 null"],
            "event": ["type": ["string", "null"]], "afterItem": ["type": ["integer", "null"]], "period": ["type": ["string", "null"]],
        ]],
        "PlanLine": ["type": "object", "description": "一个责任单位（按领域分工时为一个领域）的进度", "properties": [
            "unitID": ["type": "string", "format": "uuid"], "unit": string, "group": ["type": ["string", "null"]],
            "status": ["type": "string", "enum": ["not-started", "in-progress", "completed", "overdue"], "description": "已逾期由系统计算"],
            "statusLabel": string, "reported": ["type": "string", "enum": ["not-started", "in-progress", "completed"]],
            "percent": integer, "acceptance": ["type": ["string", "null"], "enum": ["pending", "accepted", "returned", NSNull()]],
            "alert": ["type": ["string", "null"], "enum": ["overdue-not-started", "overdue", "due-soon", NSNull()]], "note": string,
            "lockVersion": ["type": "integer", "description": "报告进度时原样带回（尚未报告过为0）"],
        ]],
        "PlanItem": ["type": "object", "required": ["number", "text", "units", "deadline"], "properties": [
            "number": integer, "text": string,
            "units": ["type": "object", "properties": ["supervising": strings, "responsible": strings, "guiding": strings]],
            "groups": ["type": "array", "items": ["type": "object", "properties": ["name": string, "guiding": strings]]],
            "deadline": ["$ref": "#/components/schemas/PlanDeadline"],
            "progress": ["$ref": "#/components/schemas/PlanProgress"],
            "lines": ["type": "array", "items": ["$ref": "#/components/schemas/PlanLine"]],
        ]],
        "Plan": ["type": "object", "required": ["id", "title", "tasks"], "properties": [
            "id": ["type": "string", "format": "uuid"], "title": string, "source": string,
            "asOf": ["type": "string", "format": "date"], "progress": ["$ref": "#/components/schemas/PlanProgress"],
            "tasks": ["type": "array", "items": ["type": "object", "properties": [
                "number": integer, "title": string, "progress": ["$ref": "#/components/schemas/PlanProgress"],
                "items": ["type": "array", "items": ["$ref": "#/components/schemas/PlanItem"]],
            ]]],
            "events": ["type": "array", "items": ["type": "object", "properties": [
                "name": string, "occurredOn": ["type": ["string", "null"], "format": "date"]]]],
        ]],
        "PlanReport": ["type": "object", "required": ["status"], "properties": [
            "status": ["type": "string", "enum": ["not-started", "in-progress", "completed"]],
            "percent": ["type": "integer", "minimum": 0, "maximum": 100], "note": string,
            "unitID": ["type": "string", "format": "uuid", "description": "报告的单位，默认为令牌所属单位"],
            "group": ["type": "string", "description": "按领域分工的事项须指定领域"],
            "lockVersion": ["type": "integer", "description": "上次读取时的版本号（首次报告为0）；省略则不做并发检查"],
            "links": ["type": "array", "items": string, "description": "平台内成果的路径，如已发布的目录"],
        ]],
        "PlanReportResult": ["type": "object", "properties": [
            "item": integer, "unit": string, "group": ["type": ["string", "null"]], "status": string, "percent": integer,
            "lockVersion": integer,
        ]],
    ]

    static func error(_ text: String) -> [String: Any] {
        ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }

    static func ok(_ text: String, _ ref: String) -> [String: Any] {
        ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(ref)"]]]]
    }

    nonisolated(unsafe) static let idParameter: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]

    nonisolated(unsafe) static let paths: [String: Any] = [
        SiteURL.apiPlans.openAPIPath: ["get": [
            "summary": "本站点的工作方案（任务分工及进度安排）", "operationId": "listPlans", "security": [["bearer": []]],
            "responses": ["200": ok("方案列表", "PlanList"), "401": error("缺少或无效的令牌")],
        ]],
        SiteURL.apiPlan(.key).openAPIPath: ["get": [
            "summary": "一个工作方案：工作任务、具体事项、责任单位、完成时间和各单位进度", "operationId": "getPlan",
            "security": [["bearer": []]],
            "parameters": [idParameter,
                           ["name": "unit", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"],
                            "description": "只返回该单位的进度行"],
                           ["name": "lines", "in": "query", "required": false, "schema": ["type": "string", "enum": ["none"]],
                            "description": "none：不返回各单位进度行，只返回汇总"]],
            "responses": ["200": ok("方案", "Plan"), "401": error("缺少或无效的令牌"), "404": error("本站点没有这个方案")],
        ]],
        SiteURL.apiPlanReports(.key, item: .key).openAPIPath: ["post": [
            "summary": "责任单位报告一个具体事项的进度", "operationId": "reportPlanProgress", "security": [["bearer": []]],
            "parameters": [idParameter, ["name": "number", "in": "path", "required": true, "schema": ["type": "integer"],
                                         "description": "具体事项序号，如 4 表示 (4)"]],
            "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/PlanReport"]]]],
            "responses": ["201": ok("已记录", "PlanReportResult"), "400": error("请求体无效或须指定领域"),
                          "401": error("缺少或无效的令牌"), "403": error("不是本单位负责的事项"),
                          "404": error("没有这个方案、事项或该单位不是责任单位"), "409": error("进度已被他人更新"),
                          "422": error("进度内容不符合要求")],
        ]],
    ]
}
