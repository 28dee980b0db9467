internal import FoundationEssentials

/// What a previous run found for each document, kept in `.ccl10n/` (git-ignored, safe to delete), so a
/// document whose inputs did not change is skipped. An entry is valid only for the exact inputs it was made
/// from: the key holds a hash of every input byte, so a stale or foreign cache is simply not used.
struct RunCache<Value: Codable & Sendable>: Sendable {
    /// The version of ccl10n's output: bump it when a change of code changes what a run writes.
    static var formatVersion: String { "ccl10n-cache-3" }

    private(set) var entries: [String: Entry] = [:]
    /// Where the cache lives; nil when the path gate refused it (`.ccl10n` linked elsewhere): no cache then.
    let path: String?
    /// Why the cache is not used, when the path gate refused it: a warning for the run's report.
    let problem: Diagnostic?
    /// Whether an entry was added, changed or pruned since loading: a run that changed nothing does not
    /// encode and rewrite the cache.
    private var changed = false

    struct Entry: Codable, Sendable {
        var inputs: String
        var value: Value
    }

    /// Loads `.ccl10n/<name>.json` (`<name>.shard-<i>-of-<n>.json` for a shard's run); a missing or
    /// unreadable file is an empty cache.
    init(project: Project, name: String, shard: Project.Shard?) {
        do throws(DiagnosticError) {
            path = try project.contained(".ccl10n/\(name)" + (shard.map { ".shard-\($0)" } ?? "") + ".json")
            problem = nil
        } catch {
            path = nil
            problem = error.diagnostics.first.map {
                Diagnostic(.warning, path: $0.path, $0.message + " (the run goes on without a cache)")
            }
        }
        if let path, let bytes = FileStore.readIfReadable(path),
            let decoded = try? JSONDecoder().decode([String: Entry].self, from: Data(bytes))
        {
            entries = decoded
        }
    }

    /// The value stored for `key` when it was made from exactly `inputs`.
    func value(for key: String, inputs: String) -> Value? {
        guard let entry = entries[key], entry.inputs == inputs else { return nil }
        return entry.value
    }

    /// Keeps `value` for `key`; an entry already made from the same inputs holds the same value.
    mutating func store(_ value: Value, for key: String, inputs: String) {
        guard entries[key]?.inputs != inputs else { return }
        entries[key] = Entry(inputs: inputs, value: value)
        changed = true
    }

    /// Drops the entries of documents that are gone: those not among `documents` (keyed by project path).
    mutating func prune(keeping documents: [Project.DocumentRef]) {
        let keys = Set(documents.map(\.projectPath))
        let before = entries.count
        entries = entries.filter { keys.contains($0.key) }
        changed = changed || entries.count != before
    }

    /// Writes the cache when it changed; a failure to write only costs speed next time.
    func save() {
        guard changed, let path else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entries) else { return }
        _ = try? FileStore.writeIfChanged(Array(data), to: path)
    }

    /// The key of a document's inputs: a fingerprint of this cache format and every input's bytes.
    static func hash(_ parts: [[UInt8]]) -> String {
        ContentHash.fingerprint([Array(formatVersion.utf8)] + parts)
    }
}
