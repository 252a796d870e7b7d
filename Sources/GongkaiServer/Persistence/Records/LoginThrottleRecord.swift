import Fluent
import Foundation

/// Failed sign-ins per login name (whether or not such an account exists, so that the answer does not reveal
/// which names are real). The rules that read it are `LoginThrottlePolicy`.
final class LoginThrottleRecord: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    @ID(key: .id) var id: UUID?
    @Field(key: "login_name") var loginName: String
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "last_failure_at") var lastFailureAt: Date?

    init() {}

    init(loginName: String) {
        self.loginName = loginName
        self.failures = 0
    }
}
