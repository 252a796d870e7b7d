import Foundation

/// Every problem found in one piece of input, each tied to the field it concerns, so a form can show the
/// messages beside the fields and an API can name the first field.
public struct ValidationErrors: Error, Equatable, Sendable {
    public struct Problem: Equatable, Sendable {
        public let field: String
        public let message: String
    }

    public private(set) var problems: [Problem] = []

    public init() {}

    public init(field: String, message: String) {
        add(field, message)
    }

    public mutating func add(_ field: String, _ message: String) {
        problems.append(Problem(field: field, message: message))
    }

    public var isEmpty: Bool { problems.isEmpty }

    public func messages(for field: String) -> [String] {
        problems.filter { $0.field == field }.map(\.message)
    }

    /// All messages joined for places that show one line, such as the command line.
    public var summary: String {
        problems.map(\.message).joined(separator: "\n")
    }
}
