/// Entry points for the fuzz targets (`Sources/ccl10n-fuzz`): the internal readers, reached from outside
/// (`package`: the fuzz target is in this package, library users do not see them).
package enum FuzzEntry {
    /// Scans text for values and checks each; returns how many were found.
    package static func values(_ text: String) -> Int {
        ValueScanner.scan(Array(text.utf8)).count
    }

    /// Reads XLIFF as build does (streaming) and as extract does (tree); returns the units found.
    package static func readXLIFF(_ bytes: [UInt8]) -> Int {
        let streamed = (try? XLIFFFile.streamStoredUnits(bytes, path: "fuzz.xlf"))?.count ?? 0
        let tree = (try? XLIFFFile.parse(bytes, path: "fuzz.xlf"))?.storedUnits().count ?? 0
        return streamed + tree
    }
}

extension FuzzEntry {
    /// Finds and parses front matter as the Markdown reader does; returns whether there was any.
    package static func readFrontMatter(_ bytes: [UInt8]) -> Bool {
        ((try? FrontMatter.find(in: bytes, at: 0)) ?? nil) != nil
    }

    /// Reads a translation memory as extract does; returns its entries.
    package static func readTMX(_ bytes: [UInt8]) -> Int {
        (try? TranslationMemory.read(bytes, path: "fuzz.tmx", source: .english, target: .dutch))?.entries.count ?? 0
    }
}

extension LocaleTag {
    /// English, for the fuzz targets.
    package static var fuzzLocale: LocaleTag { .english }
}
