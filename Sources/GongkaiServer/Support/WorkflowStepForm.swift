import Vapor

/// A workflow button's form (catalogs, 清单): the step, the version it was read at, and a return's comment or a
/// discard's confirmation.
struct WorkflowStepForm: Content {
    var action: String
    var comment: String?
    var version: Int?
    var lock_version: Int?
    var confirm: String?
}
