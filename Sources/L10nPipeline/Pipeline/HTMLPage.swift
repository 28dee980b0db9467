/// Standalone HTML pages for a bundle (`build --format html`): each built document's content (as its format
/// renders it) inside a page with its language, direction, title, `hreflang` alternates and a small built-in
/// stylesheet, and an index page per locale.
enum HTMLPage {
    static let stylesheet = """
        body{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
        h1,h2,h3{line-height:1.25}a{color:#0b5cad}code{background:#f2f4f7;padding:0 .2em;border-radius:3px}
        [lang]:not(html){background:#fff7d6;outline:1px dashed #e0b000}table{border-collapse:collapse}
        td,th{border:1px solid #d5dbe3;padding:.3em .6em}.meta{color:#5b6673;font-size:.9em}
        """

    /// The page of one built document: `content` is its HTML, `language` the language its text is in (the
    /// bundle's, or the source's for a document published untranslated).
    static func page(
        title: String?, content: String, language: LocaleTag,
        alternates: [(locale: LocaleTag, href: String)]
    ) -> [UInt8] {
        var head =
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        head += "<title>\(MarkupEscaping.escape(title ?? ""))</title>\n"
        for alternate in alternates {
            head +=
                "<link rel=\"alternate\" hreflang=\"\(alternate.locale.tag)\" href=\"\(MarkupEscaping.escape(alternate.href))\">\n"
        }
        head += "<style>\(stylesheet)</style>\n"
        return Array(document(head: head, body: "<main>\n\(content)</main>\n", language: language).utf8)
    }

    /// The index page of a bundle: every document with its title, link and completeness.
    static func index(_ manifest: Manifest, locale: LocaleTag, titles: [String: String]) -> [UInt8] {
        var rows = ""
        for entry in manifest.documents {
            let link = href(htmlPath(entry.path))
            let share = entry.words == 0 ? 100 : entry.translatedWords * 100 / entry.words
            let note =
                entry.fallback
                ? "in \(entry.sourceLocale): \(MarkupEscaping.escape(entry.fallbackReason ?? ""))"
                : entry.sourceLocale == locale.tag ? "written in \(entry.sourceLocale)" : "\(share)% translated"
            rows +=
                "<tr><td><a href=\"\(link)\">\(MarkupEscaping.escape(titles[entry.path] ?? entry.path))</a></td><td>\(note)</td></tr>\n"
        }
        let head =
            "<meta charset=\"utf-8\">\n<title>\(MarkupEscaping.escape(locale.tag))</title>\n<style>\(stylesheet)</style>\n"
        let body =
            "<main>\n<h1>\(MarkupEscaping.escape(locale.tag))</h1>\n<table>\n<tr><th>Document</th><th>Status</th></tr>\n\(rows)</table>\n</main>\n"
        return Array(document(head: head, body: body, language: locale).utf8)
    }

    static func document(head: String, body: String, language: LocaleTag) -> String {
        "<!DOCTYPE html>\n<html lang=\"\(language.tag)\" dir=\"\(language.isRightToLeft ? "rtl" : "ltr")\">\n<head>\n\(head)</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    /// A document's page path: `news/a.md` → `news/a.html` for a format with a standalone page; a document
    /// that is a page already (HTML) is its own.
    static func htmlPath(_ path: String) -> String {
        guard let format = ContentFormats.format(ofPath: path), format.hasStandalonePage else { return path }
        for ext in format.fileExtensions where path.hasSuffix("." + ext) {
            return String(path.dropLast(ext.count + 1)) + ".html"
        }
        return path
    }

    /// The relative link from one bundle page to the same document in another locale's bundle.
    static func alternateHref(for path: String, in locale: LocaleTag) -> String {
        let depth = path.split(separator: "/").count
        return String(repeating: "../", count: depth) + percentEncoded(locale.tag + "/" + htmlPath(path))
    }

    /// A relative link to a file from a path: every byte but letters, digits, `-._~` and `/` percent-encoded,
    /// so a file name never reads as a scheme, a fragment or a query (`javascript:x.md`, `a#b?c.md`); and
    /// `./` in front, so that no colon can start a scheme even where a reader decodes it.
    static func href(_ relative: String) -> String {
        "./" + percentEncoded(relative)
    }

    /// The UTF-8 bytes of a path, percent-encoded except letters, digits, `-._~` and `/`.
    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
            }
        }
        return result
    }
}
