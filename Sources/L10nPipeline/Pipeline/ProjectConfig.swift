/// The settings of a content project, read from `ccl10n.yml`; every key is optional.
public struct ProjectConfig: Sendable {
    /// A folder of documents written in one locale.
    public struct SourceRoot: Sendable, Hashable {
        public var path: String
        public var locale: LocaleTag
    }

    public var sources: [SourceRoot]
    public var targets: [LocaleTag]
    public var xliffVersion = XLIFFVersion.v12
    public var segmentation = MarkdownReader.Segmentation.sentence
    public var frontMatter = ["title", "description", "summary"]
    /// The share of words (0…1) that must be usable for a document to publish in a locale.
    public var publishThreshold = 0.8
    /// Thresholds for single locales, overriding ``publishThreshold``.
    public var localeThresholds: [String: Double] = [:]

    /// The publishing threshold for a locale.
    public func threshold(for locale: LocaleTag) -> Double {
        localeThresholds[locale.tag] ?? publishThreshold
    }

    /// The lowest target state build uses: translated, signed-off or final.
    public var minState = TranslationState.translated

    static let keys: Set<String> = ["sources", "targets", "xliff_version", "segmentation", "front_matter", "publish"]
    static let states: [TranslationState] = [.translated, .signedOff, .final]

    /// The defaults: English from `Sources-EN`, Dutch from `Sources-NL`, each translated into the other.
    public static var standard: ProjectConfig {
        let english = LocaleTag.english
        let dutch = LocaleTag.dutch
        return ProjectConfig(sources: [SourceRoot(path: "Sources-EN", locale: english), SourceRoot(path: "Sources-NL", locale: dutch)],
                             targets: [english, dutch])
    }

    /// Reads a configuration file; a malformed file, an unknown key or an invalid locale is an error at its
    /// line and column. Problems that do not stop the run come back as warnings.
    public static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> (ProjectConfig, [Diagnostic]) {
        let lines = LineIndex(bytes)
        var problems: [Diagnostic] = []
        func report(_ offset: Int, _ message: String, _ severity: Diagnostic.Severity = .error) {
            let position = lines.position(of: offset)
            problems.append(Diagnostic(severity, path: path, line: position.line, column: position.column, message))
        }
        let root: YAMLNode?
        do throws(PositionedError) {
            root = try YAMLReader.parse(bytes)
        } catch {
            report(error.offset, error.message)
            throw DiagnosticError(problems)
        }
        var config = ProjectConfig.standard
        guard let root else { return (config, []) }
        guard case .mapping(let pairs, _) = root else {
            report(root.start, "the configuration must be a mapping of keys (sources, targets, …)")
            throw DiagnosticError(problems)
        }
        func locale(_ node: YAMLNode) -> LocaleTag? {
            guard case .scalar(let scalar) = node else {
                report(node.start, "expected a locale such as en or nl")
                return nil
            }
            guard let tag = LocaleTag(scalar.value) else {
                report(scalar.range.lowerBound, "'\(scalar.value)' is not a locale ICU knows (write a BCP 47 tag such as en, nl, pt-BR)")
                return nil
            }
            return tag
        }
        func scalar(_ node: YAMLNode, _ what: String) -> String? {
            if case .scalar(let scalar) = node { return scalar.value }
            report(node.start, "expected \(what)")
            return nil
        }
        func list(_ node: YAMLNode, _ what: String) -> [YAMLNode] {
            if case .sequence(let items, _) = node { return items }
            report(node.start, "expected a list of \(what)")
            return []
        }
        for (key, value) in pairs {
            switch key.value {
            case "sources":
                config.sources = list(value, "source folders").compactMap { item in
                    guard let path = item["path"].flatMap({ scalar($0, "a folder path") }), let tag = item["locale"].flatMap(locale) else {
                        report(item.start, "each source needs 'path' and 'locale'")
                        return nil
                    }
                    if !Path.staysInside(path) { report(item.start, "source path '\(path)' leads outside the project") }
                    return SourceRoot(path: path, locale: tag)
                }
            case "targets":
                config.targets = list(value, "locales").compactMap(locale)
            case "xliff_version":
                if let text = scalar(value, "\"1.2\" or \"2.1\"") {
                    if let version = XLIFFVersion(rawValue: text) {
                        config.xliffVersion = version
                    } else {
                        report(value.start, "xliff_version must be \"1.2\" or \"2.1\", not '\(text)'")
                    }
                }
            case "segmentation":
                if let mode = scalar(value, "sentence or paragraph") {
                    if let chosen = MarkdownReader.Segmentation(rawValue: mode) {
                        config.segmentation = chosen
                    } else {
                        report(value.start, "segmentation must be 'sentence' or 'paragraph', not '\(mode)'")
                    }
                }
            case "front_matter":
                config.frontMatter = list(value, "front-matter keys").compactMap { scalar($0, "a key") }
            case "publish":
                guard case .mapping(let settings, _) = value else {
                    report(value.start, "publish takes { threshold: 0.8, min_state: translated }")
                    continue
                }
                for (setting, node) in settings {
                    switch setting.value {
                    case "threshold":
                        if case .mapping(let perLocale, _) = node {
                            // threshold: { default: 0.8, nl: 1.0, de: 0.5 }
                            for (name, value) in perLocale {
                                guard let text = scalar(value, "a number from 0 to 1"), let number = Double(text), (0...1).contains(number) else {
                                    report(value.start, "threshold must be a number from 0 to 1")
                                    continue
                                }
                                if name.value == "default" {
                                    config.publishThreshold = number
                                } else if let tag = LocaleTag(name.value) {
                                    config.localeThresholds[tag.tag] = number
                                } else {
                                    report(name.range.lowerBound, "'\(name.value)' is not a locale ICU knows")
                                }
                            }
                        } else if let text = scalar(node, "a number from 0 to 1"), let number = Double(text), (0...1).contains(number) {
                            config.publishThreshold = number
                        } else {
                            report(node.start, "threshold must be a number from 0 to 1")
                        }
                    case "min_state":
                        if let text = scalar(node, "a state"), let state = TranslationState(rawValue: text), states.contains(state) {
                            config.minState = state
                        } else {
                            report(node.start, "min_state must be one of \(states.map(\.rawValue).joined(separator: ", "))")
                        }
                    default:
                        report(setting.range.lowerBound, "unknown publish setting '\(setting.value)' (threshold, min_state)")
                    }
                }
            default:
                report(key.range.lowerBound, "unknown key '\(key.value)' (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        if problems.contains(where: { $0.severity == .error }) { throw DiagnosticError(problems) }
        return (config, problems)
    }
}

extension LocaleTag {
    static let english = LocaleTag(known: "en", icuID: "en")
    static let dutch = LocaleTag(known: "nl", icuID: "nl")
}
