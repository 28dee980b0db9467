import ArgumentParser
import L10nPipeline
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `--verbose` and `--quiet`, for the commands that write files: by default a one-line summary (and, on a
/// terminal, a progress line while they work); each file with `--verbose`; errors only with `--quiet`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Also list every file written.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print errors only: no summary, no progress, no warnings.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    /// Prints diagnostics: errors always, warnings unless quiet.
    func report(_ diagnostics: [Diagnostic]) {
        Console.report(quiet ? diagnostics.filter { $0.severity == .error } : diagnostics)
    }

    /// A summary line (unless quiet).
    func summary(_ line: String) {
        if !quiet { print(line) }
    }

    /// A line about one file (only when verbose).
    func detail(_ line: String) {
        if verbose { print(line) }
    }

    /// The progress line for a run, when standard error is a terminal and the run is not quiet.
    func progress(_ verb: String) -> ProgressLine? {
        quiet || isatty(2) != 1 ? nil : ProgressLine(verb: verb)
    }
}

/// One line on the terminal (standard error), redrawn as documents are done: `extract  [412/1000] news/a.md`.
/// Redrawn at most every 50 ms, so a run of cached documents is not slowed down by its own progress.
final class ProgressLine: Sendable {
    private let verb: String
    private let state = Mutex<(drawn: ContinuousClock.Instant?, visible: Bool)>((nil, false))

    init(verb: String) {
        self.verb = verb
    }

    /// Called once per document, from any worker.
    var handler: ProgressHandler {
        { [self] done, total, path in update(done: done, total: total, path: path) }
    }

    private func update(done: Int, total: Int, path: String) {
        // A worker that finds another drawing skips its update rather than wait: a terminal that blocks the
        // writer (a full pipe, a paused scroll) then stalls one worker, not all of them.
        guard done == total else {
            _ = state.withLockIfAvailable { draw(&$0, done: done, total: total, path: path) }
            return
        }
        state.withLock { draw(&$0, done: done, total: total, path: path) }
    }

    private func draw(
        _ state: inout (drawn: ContinuousClock.Instant?, visible: Bool), done: Int, total: Int, path: String
    ) {
        let now = ContinuousClock.now
        if let drawn = state.drawn, done < total, now - drawn < .milliseconds(50) { return }
        state.drawn = now
        state.visible = true
        let head = verb.padding(to: 8) + " [\(done)/\(total)] "
        let room = max(8, Self.columns() - head.count - 1)
        let shown = path.count <= room ? path : String(path.prefix(room - 1)) + "…"
        Self.write("\r\u{1B}[2K" + head + shown)
    }

    /// Clears the line, before the summary is printed.
    func finish() {
        state.withLock { state in
            if state.visible { Self.write("\r\u{1B}[2K") }
            state.visible = false
        }
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// The terminal's width (80 when it cannot tell).
    private static func columns() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}

extension String {
    /// The string with spaces added up to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
