import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `/admin/requests/new`: staff register an application that came in person (or was told and written down for the
/// applicant, 第二十九条), by post or by fax. The date of receipt follows 第三十一条 by channel: a letter that needs
/// no signature, and a fax, count from the day both sides confirmed.
enum RequestRegistration {
    struct Form: Content {
        var unit: String?
        var channel: String?
        var arrivedOn: String?
        var confirmedOn: String?
        var writtenForApplicant: String?
        var applicantType: String?
        var name: String?
        var idKind: String?
        var idNumber: String?
        var contactPerson: String?
        var phone: String?
        var email: String?
        var address: String?
        var information: String?
        var form: String?
        var delivery: String?
        var needsHelp: String?

        var portalForm: RequestPortal.Form {
            RequestPortal.Form(unit: unit, applicantType: applicantType, name: name, idKind: idKind, idNumber: idNumber, contactPerson: contactPerson,
                               phone: phone, email: email, address: address, information: information, form: form, delivery: delivery, needsHelp: needsHelp)
        }
    }

    static let staffChannels: [ReceiptChannel] = [.inPerson, .signedPost, .ordinaryLetter, .fax]

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = Form(unit: staff.unitID.uuidString, channel: ReceiptChannel.inPerson.rawValue, arrivedOn: req.today.description,
                        applicantType: ApplicantType.naturalPerson.rawValue, idKind: "居民身份证")
        return try await page(req, staff: staff, form: form, errors: nil, status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.content.decode(Form.self)
        let registration = RequestIntakeActions.Registration(application: form.portalForm.application, unit: form.unit, channel: form.channel,
                                                             arrivedOn: form.arrivedOn, confirmedOn: form.confirmedOn,
                                                             writtenForApplicant: form.writtenForApplicant == "1")
        let record: DisclosureRequestRecord
        do {
            record = try await RequestIntakeActions.register(registration, by: staff.acting(req, via: .web), at: req.now,
                                                             calendar: try await req.calendarService.calendar(on: req.db), on: req.db)
        } catch let refusal as ActionError {
            guard let errors = refusal.fieldErrors else { throw refusal }
            return try await page(req, staff: staff, form: form, errors: errors, status: refusal.status)
        }
        return req.redirect(to: SiteURL.adminRequest(try record.requireID()).path(.notice(.requestRegistered)))
    }

    static func page(_ req: Request, staff: Staff, form: Form, errors: ValidationErrors?, status: HTTPResponseStatus) async throws -> Response {
        let visible = Set(try await RequestQuery.handledUnits(by: staff.acting(req, via: .web), on: req.db))
        let units = UnitQueries.ordered(try await UnitQueries.forSite(staff.siteID, includeArchived: false, on: req.db)).filter { visible.contains($0.unit.id!) && $0.unit.unitKind.takesApplications }
        let model = RequestRegistrationPage.Model(
            units: units.map { ($0.unit.id!.uuidString, String(repeating: "　", count: $0.depth) + $0.unit.name) }, form: form, errors: errors)
        return Response.html(RequestRegistrationPage.render(model, chrome: PageChrome(req: req, title: "登记政府信息公开申请", area: .backOffice)),
                             status: status)
    }
}
