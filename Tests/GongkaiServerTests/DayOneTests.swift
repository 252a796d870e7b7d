import Foundation
import Testing
import Vapor

@testable import GongkaiServer

@Suite("What a clerk and a resident hit on day one (issue 18)")
struct DayOneTests {
    @Test("the portal's year filter offers no year still to come (item 9)")
    func yearFilter() async throws {
        try await TestApp.run { app, _ in
            let page = try await Browser(app).get(SiteURL.publications(slug: "hukou").path)
            let year = ChineseTime.today(app.gongkai.now).year
            #expect(page.text.contains(#"<option value="\#(year)">\#(year)年</option>"#))
            #expect(!page.text.contains(#"value="\#(year + 1)""#))
        }
    }
}
