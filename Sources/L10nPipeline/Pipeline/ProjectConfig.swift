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

    /// Where build puts each document (`output: { layout: hugo, site: site }`).
    public var layout = SiteLayout.plain

    static let keys: Set<String> = [
        "sources", "targets", "xliff_version", "segmentation", "front_matter", "publish", "output",
    ]
    static let states: [TranslationState] = [.translated, .signedOff, .final]

    /// The defaults: English from `Sources-EN`, Dutch from `Sources-NL`, each translated into the other.
    public static var standard: ProjectConfig {
        let english = LocaleTag.english
        let dutch = LocaleTag.dutch
        return ProjectConfig(
            sources: [SourceRoot(path: "Sources-EN", locale: english), SourceRoot(path: "Sources-NL", locale: dutch)],
            targets: [english, dutch])
    }

    /// Reads a configuration file; a malformed file, an unknown key or an invalid locale is an error at its
    /// line and column. Problems that do not stop the run come back as warnings.
    public static func parse(_ bytes: [UInt8], path configPath: String) throws(DiagnosticError) -> (
        ProjectConfig, [Diagnostic]
    ) {
        let lines = LineIndex(bytes)
        var problems: [Diagnostic] = []
        func report(_ offset: Int, _ message: String, _ severity: Diagnostic.Severity = .error) {
            let position = lines.position(of: offset)
            problems.append(
                Diagnostic(severity, path: configPath, line: position.line, column: position.column, message))
        }
        let root: YAMLNode?
        do throws(YAMLError) {
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
                report(
                    scalar.range.lowerBound,
                    "'\(scalar.value)' is not a locale ICU knows (write a BCP 47 tag such as en, nl, pt-BR)")
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
                    guard let path = item["path"].flatMap({ scalar($0, "a folder path") }),
                        let tag = item["locale"].flatMap(locale)
                    else {
                        report(item.start, "each source needs 'path' and 'locale'")
                        return nil
                    }
                    if !Path.staysInside(path) {
                        report(item.start, "source path '\(path)' leads outside the project")
                    } else if !FileStore.isDirectory(Path.parent(of: configPath) + "/" + path) {
                        // A typo would otherwise give "0 documents" and success.
                        report(item["path"]?.start ?? item.start, "source folder '\(path)' does not exist")
                    }
                    return SourceRoot(path: path, locale: tag)
                }
            case "targets":
                config.targets = list(value, "locales").compactMap(locale)
            case "xliff_version":
                if let text = scalar(value, XLIFFVersion.choices) {
                    if let version = XLIFFVersion(rawValue: text) {
                        config.xliffVersion = version
                    } else {
                        report(value.start, "xliff_version must be \(XLIFFVersion.choices), not '\(text)'")
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
                                guard let text = scalar(value, "a number from 0 to 1"), let number = Double(text),
                                    (0...1).contains(number)
                                else {
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
                        } else if let text = scalar(node, "a number from 0 to 1"), let number = Double(text),
                            (0...1).contains(number)
                        {
                            config.publishThreshold = number
                        } else {
                            report(node.start, "threshold must be a number from 0 to 1")
                        }
                    case "min_state":
                        if let text = scalar(node, "a state"), let state = TranslationState(rawValue: text),
                            states.contains(state)
                        {
                            config.minState = state
                        } else {
                            report(
                                node.start, "min_state must be one of \(states.map(\.rawValue).joined(separator: ", "))"
                            )
                        }
                    default:
                        report(
                            setting.range.lowerBound,
                            "unknown publish setting '\(setting.value)' (threshold, min_state)")
                    }
                }
            case "output":
                config.layout = layout(value, report: report) ?? config.layout
            default:
                report(
                    key.range.lowerBound, "unknown key '\(key.value)' (known: \(keys.sorted().joined(separator: ", ")))"
                )
            }
        }
        if problems.contains(where: { $0.severity == .error }) { throw DiagnosticError(problems) }
        return (config, problems)
    }
}

extension ProjectConfig {
    /// Reads `output: { layout: hugo, site: site }`; nil (after reporting) when it is not valid.
    static func layout(_ node: YAMLNode, report: (Int, String, Diagnostic.Severity) -> Void) -> SiteLayout? {
        let kinds = SiteLayout.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .mapping(let settings, _) = node else {
            report(node.start, "output takes { layout: \(kinds), site: <folder> }", .error)
            return nil
        }
        var layout = SiteLayout.plain
        for (setting, value) in settings {
            guard case .scalar(let scalar) = value else {
                report(value.start, "expected a single value", .error)
                continue
            }
            switch setting.value {
            case "layout":
                guard let kind = SiteLayout.Kind(rawValue: scalar.value) else {
                    report(scalar.range.lowerBound, "layout must be one of \(kinds), not '\(scalar.value)'", .error)
                    continue
                }
                layout.kind = kind
            case "site":
                guard !scalar.value.isEmpty, Path.staysInside(scalar.value) else {
                    report(
                        scalar.range.lowerBound, "the site folder '\(scalar.value)' leads outside the project",
                        .error)
                    continue
                }
                layout.site = scalar.value
            default:
                report(setting.range.lowerBound, "unknown output setting '\(setting.value)' (layout, site)", .error)
            }
        }
        return layout
    }
}

extension LocaleTag {
    static let english = LocaleTag(known: "en", icuID: "en")
    static let dutch = LocaleTag(known: "nl", icuID: "nl")
}
