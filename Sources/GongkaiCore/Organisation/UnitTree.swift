/// Ancestry questions over a site's unit tree, given as child → parent links.
/// Pure and cycle-safe: a corrupt parent chain stops instead of looping.
public struct UnitTree<ID: Hashable & Sendable>: Sendable {
    public let parentOf: [ID: ID]

    public init(parentOf: [ID: ID]) {
        self.parentOf = parentOf
    }

    /// The unit's ancestors, nearest first.
    public func ancestors(of id: ID) -> [ID] {
        var result: [ID] = []
        var seen: Set<ID> = [id]
        var current = id
        while let parent = parentOf[current], seen.insert(parent).inserted {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// True when `id` is `ancestor` itself or lies below it.
    public func isWithin(_ id: ID, ancestor: ID) -> Bool {
        id == ancestor || ancestors(of: id).contains(ancestor)
    }

    /// Whether giving `id` the parent `newParent` would make the tree cyclic.
    public func wouldCreateCycle(moving id: ID, under newParent: ID) -> Bool {
        isWithin(newParent, ancestor: id)
    }

    public func depth(of id: ID) -> Int {
        ancestors(of: id).count
    }
}
