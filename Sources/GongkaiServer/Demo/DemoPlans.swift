import Fluent
import Foundation
import GongkaiInterchange

/// Each demo county's 附件1 as its work plan, from the tables bundled with the program (made from the seeds).
/// Idempotent: a county that already has the plan keeps it, with its progress.
enum DemoPlans {
    static func load(county: DemoCounties.County, siteID: UUID, now: Date, on db: any Database) async throws {
        let draft = WorkPlanFile.bundled(county.slug)
        let title = (try? draft.get().title) ?? ""
        guard try await WorkPlanRecord.query(on: db).filter(\.$site.$id == siteID).filter(\.$title == title).count() == 0 else { return }
        let result = try await PlanImport.importPlan(draft, siteID: siteID, sourceName: "《\(county.name)基层政务公开标准化规范化工作实施方案》附件1（示例）",
                                                     actor: .system, now: now, on: db)
        if case .failure(let failure) = result {
            // The bundled tables are tested; this only happens if the demo units were changed by hand.
            throw CommandFailure("示例工作方案无法加载（\(county.name)）：\n\(failure)")
        }
    }
}
