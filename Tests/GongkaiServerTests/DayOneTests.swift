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

    @Test("gongkai --help lists our commands in Chinese, Vapor's too, one line each (item 4)")
    func help() throws {
        let commands = ["serve": "Begins serving the app over HTTP.", "routes": "Displays all registered routes.",
                        "migrate": "Prepare or revert your database migrations", "setup": "建立本县站点和第一个公开办管理员账号"]
        let text = try #require(Startup.commandList(["gongkai", "--help"], commands: commands))
        #expect(text.contains("启动门户和工作平台") && text.contains("执行数据库迁移") && text.contains("setup"))
        #expect(!text.contains("Begins") && !text.contains("routes") && !text.contains("Usage"))
        #expect(Startup.commandList(["gongkai", "serve", "--help"], commands: commands) == nil, "a command's own help is its own")
        #expect(SetupCommand.usage.contains("--slug"), "the start-up hint names every argument setup needs")
    }
}
