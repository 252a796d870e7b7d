import Foundation
import GongkaiCore

/// The OpenAPI description of the 依申请公开 endpoints (merged into `OpenAPIDocument`).
enum RequestOpenAPI {
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nullableString: [String: Any] = ["type": ["string", "null"]]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]
    nonisolated(unsafe) static let codeParameter: [String: Any] = ["name": "code", "in": "path", "required": true, "schema": string,
                                                                    "description": "查询码，如 K7QM-3XHD-9PRT（不区分大小写，可省略连字符）"]

    nonisolated(unsafe) static let schemas: [String: Any] = [
        "RequestInput": ["type": "object", "required": ["unit", "name", "idNumber", "information", "form", "delivery"], "properties": [
            "site": ["type": "string", "description": "站点代码（只有一个站点时可省略）"], "unit": ["type": "string", "format": "uuid", "description": "受理申请的行政机关"],
            "applicantType": ["type": "string", "enum": ApplicantType.allCases.map(\.rawValue)], "name": string,
            "idKind": ["type": "string", "enum": RequestApplication.idKinds], "idNumber": ["type": "string", "description": "证件号码；法人或其他组织填写统一社会信用代码"],
            "contactPerson": string, "phone": string, "email": string, "address": string,
            "information": ["type": "string", "description": "所需政府信息的名称、文号或者特征性描述"],
            "form": ["type": "string", "enum": RequestApplication.ProvisionForm.allCases.map(\.rawValue)],
            "delivery": ["type": "string", "enum": RequestApplication.Delivery.allCases.map(\.rawValue)], "needsHelp": ["type": "boolean"],
        ]],
        "RequestCreated": ["type": "object", "properties": ["code": string, "number": string, "stage": string, "trackURL": string]],
        "RequestTracking": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid", "description": "仅本单位申请列表（令牌）中有：记录办理事项时用的 id"],
            "code": ["type": "string", "description": "仅本单位申请列表中有：查询码"],
            "lockVersion": ["type": "integer", "description": "仅本单位申请列表中有：记录办理事项时原样带回"],
            "number": string, "unit": string, "channel": string, "receivedOn": nullableString, "stage": string, "stageLabel": string,
            "dueOn": nullableString, "dueExplanation": string,
            "computation": ["type": "array", "description": "答复期限的计算：计入、不计入、已重新起算的各段", "items": ["type": "object", "properties": [
                "kind": ["type": "string", "enum": ["counting", "paused", "superseded"]], "from": string, "through": string, "workingDays": integer, "note": string,
            ]]],
            "outcome": ["type": ["string", "null"], "enum": RequestOutcome.allCases.map(\.rawValue) + [NSNull()]], "outcomeLabel": nullableString,
            "repliedOn": nullableString,
            "history": ["type": "array", "items": ["type": "object", "properties": ["on": string, "kind": string, "text": string]]],
            "letters": ["type": "array", "description": "已发出的告知书（补正、延期、收费、说明理由、答复），全文及网页、Word 地址（凭查询码）",
                        "items": ["type": "object", "properties": ["position": integer, "kind": string, "title": string, "date": string, "text": string,
                                                                   "url": string, "docxURL": string]]],
            "files": ["type": "array", "description": "随答复提供的文件", "items": ["type": "object", "properties": [
                "id": ["type": "string", "format": "uuid"], "fileName": string, "contentType": string, "size": integer, "url": string]]],
        ]],
        "RequestDetail": ["type": "object", "properties": [
            "id": ["type": "string", "format": "uuid"], "code": string, "lockVersion": integer,
            "applicant": ["type": "object", "description": "申请人信息（仅受理单位和公开办可读，读取记入操作日志）"], "information": string,
            "tracking": ["$ref": "#/components/schemas/RequestTracking"],
        ]],
        "RequestEventInput": ["type": "object", "required": ["kind"], "properties": [
            "kind": ["type": "string", "enum": RequestEvent.Kind.allCases.map(\.rawValue)], "on": ["type": "string", "format": "date"],
            "days": ["type": "integer", "description": "延长的工作日数（extended，最长20，只能一次）"],
            "until": ["type": "string", "format": "date", "description": "补正期限或延迟答复日期"],
            "outcome": ["type": "string", "enum": RequestOutcome.allCases.map(\.rawValue), "description": "答复结果（replied），即年度报告表三的行"],
            "feeMethod": ["type": "string", "enum": ProcessingFee.Method.allCases.map(\.rawValue), "description": "收费通知（fee-noticed，仅审核人员）：按件或按量"],
            "feeCount": ["type": "integer", "description": "本申请的件数（按件，与本月此前的申请累计）或页数（按量）；金额按超额累进计算"],
            "publication": ["type": "string", "description": "答复时：所申请信息已主动公开的，该信息的索引号"],
            "transferTo": ["type": "string", "format": "uuid", "description": "转办（transferred）：接收的单位"], "text": string,
            "lockVersion": ["type": "integer", "description": "读取时的 lockVersion；已被他人办理则 409"],
        ]],
    ]

    nonisolated(unsafe) static let paths: [String: Any] = [
        SiteURL.apiRequests.openAPIPath: [
            "post": [
                "summary": "提交政府信息公开申请（无需令牌；返回查询码）", "operationId": "createRequest",
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/RequestInput"]]]],
                "responses": ["201": PlanOpenAPI.ok("已提交", "RequestCreated"), "400": PlanOpenAPI.error("请求体无效"),
                              "422": PlanOpenAPI.error("字段不符合要求"), "429": PlanOpenAPI.error("提交过于频繁")],
            ],
            "get": [
                "summary": "本单位的申请（令牌账号的受理单位；公开办为全部），每项带 id、查询码和 lockVersion", "operationId": "listRequests",
                "security": [["bearer": []]],
                "description": "申请人报来查询码时，用 ?code= 找到这份申请，再用其 id 记录办理事项（POST /api/v1/requests/{id}/events）。",
                "parameters": [["name": "code", "in": "query", "required": false, "schema": ["type": "string"], "description": "查询码，如 K7QM-3XHD-9PRT（不区分大小写，可不带连字符）"]],
                "responses": ["200": ["description": "申请列表", "content": ["application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/RequestTracking"]]]]],
                              "401": PlanOpenAPI.error("缺少或无效的令牌"), "422": PlanOpenAPI.error("查询码格式不对")],
            ],
        ],
        SiteURL.apiRequestTrack(code: .key).openAPIPath: ["get": [
            "summary": "凭查询码查询办理进度、答复期限及其计算", "operationId": "trackRequest", "parameters": [codeParameter],
            "responses": ["200": PlanOpenAPI.ok("办理进度", "RequestTracking"), "404": PlanOpenAPI.error("没有这个查询码"), "429": PlanOpenAPI.error("查询过于频繁")],
        ]],
        SiteURL.apiRequest(.key).openAPIPath: ["get": [
            "summary": "一份申请（含申请人信息；读取记入操作日志）", "operationId": "getRequest", "security": [["bearer": []]], "parameters": [PlanOpenAPI.idParameter],
            "responses": ["200": PlanOpenAPI.ok("申请", "RequestDetail"), "401": PlanOpenAPI.error("缺少或无效的令牌"),
                          "403": PlanOpenAPI.error("不是受理单位"), "404": PlanOpenAPI.error("没有这份申请")],
        ]],
        SiteURL.apiRequestEvents(.key).openAPIPath: ["post": [
            "summary": "记录办理事项（确认收到、补正、征求意见、延期、收费、答复等），按办理经过重新计算答复期限", "operationId": "addRequestEvent",
            "security": [["bearer": []]], "parameters": [PlanOpenAPI.idParameter],
            "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/RequestEventInput"]]]],
            "responses": ["200": PlanOpenAPI.ok("记录后的申请", "RequestDetail"), "401": PlanOpenAPI.error("缺少或无效的令牌"),
                          "403": PlanOpenAPI.error("无权办理或延期"), "404": PlanOpenAPI.error("没有这份申请"),
                          "409": PlanOpenAPI.error("已被他人办理"), "422": PlanOpenAPI.error("与办理经过不符（如第二次延期）")],
        ]],
    ]
}
