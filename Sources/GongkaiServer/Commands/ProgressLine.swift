import Foundation

/// One line on the terminal that a long command rewrites as it goes ("写入事项 1,200/5,003"), so a clerk sees it
/// is working. Nothing at all when standard error is not a terminal (a script, a log, CI): those get the summary.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var shown = false

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Shows `text`; at most ten redraws a second unless `force`.
    func show(_ text: String, force: Bool = false) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            shown = true
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }

    /// "写入事项 1,200/5,003（24%）".
    func count(_ label: String, _ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        show("\(label) \(done.formatted())/\(total.formatted())（\(done * 100 / total)%）", force: done == total)
    }

    /// Clears the line before the command prints its result.
    func finish() {
        guard enabled else { return }
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
