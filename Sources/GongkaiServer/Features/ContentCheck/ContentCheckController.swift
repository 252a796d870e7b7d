import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/content-check`: the checks run before publishing — personal data (居民身份证号码, 手机号码, 银行卡号) and the
/// site's 错敏词 — on any text, with a masked copy in one click; and the admin's 错敏词 list.
enum ContentCheckController {
    struct CheckForm: Content {
        var text: String?
    }

    struct Result: Sendable {
        let text: String
        let personal: [PersonalDataScanner.Finding]
        let words: [SensitiveWords.Match]
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try await page(req, staff: staff, result: nil, errors: nil, status: .ok)
    }

    @Sendable static func check(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let text = try req.content.decode(CheckForm.self).text ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await page(req, staff: staff, result: nil, errors: ValidationErrors(field: "text", message: "请粘贴要检查的文字。"),
                                  status: .unprocessableEntity)
        }
        guard text.count <= 200_000 else {
            return try await page(req, staff: staff, result: nil,
                                  errors: ValidationErrors(field: "text", message: "一次最多检查20万字（现有\(text.count)字），请分段检查。"),
                                  status: .unprocessableEntity)
        }
        let words = try await SensitiveWordRecord.matcher(siteID: staff.siteID, on: req.db)
        let result = Result(text: text, personal: PersonalDataScanner.scan(text), words: words.matches(in: text))
        return try await page(req, staff: staff, result: result, errors: nil, status: .ok)
    }

    static func page(_ req: Request, staff: Staff, result: Result?, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let canManage = SensitiveWordsActions.mayManage(staff.acting(req, via: .web))
        let words = try await SensitiveWordRecord.query(on: req.db).filter(\.$site.$id == staff.siteID).filter(\.$removedAt == nil)
            .sort(\.$word).all()
        let model = ContentCheckPage.Model(result: result, canManage: canManage, words: words.map {
            .init(word: $0.word, note: $0.note, removeAction: canManage ? SiteURL.adminSensitiveWordRemove($0.id!).path : nil)
        })
        return Response.html(ContentCheckPage.render(model, errors: errors, chrome: PageChrome(req: req, title: "内容检查", area: .backOffice)),
                             status: status)
    }

    struct WordsForm: Content {
        var words: String?
    }

    @Sendable static func addWords(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let added: Int
        do {
            added = try await SensitiveWordsActions.add(try req.content.decode(WordsForm.self).words ?? "", by: staff.acting(req, via: .web),
                                                        at: req.now, on: req.db)
        } catch ActionError.invalid(let errors, _) {
            return try await page(req, staff: staff, result: nil, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.adminContentCheck.path(.notice(added == 0 ? .wordsUnchanged : .wordsAdded)))
    }

    @Sendable static func removeWord(req: Request) async throws -> Response {
        try await SensitiveWordsActions.remove(req.parameters.get("id").flatMap(UUID.init(uuidString:)),
                                               by: try req.requireStaff().acting(req, via: .web), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.adminContentCheck.path(.notice(.wordsRemoved)))
    }
}
