/// The smallest Hugo and Jekyll sites that `ccl10n init --layout` writes: the generator's configuration for
/// the project's languages and one page template with `lang`, `dir` and links to the page's other language
/// versions (`hreflang` alternates and a visible language switch), paired as the generator pairs them.
enum SiteTemplates {
    /// `hugo.yaml`: a language per target, each with its content folder when `byFolder`.
    static func hugoConfig(byFolder: Bool) -> String {
        func language(_ tag: String, _ name: String, _ weight: Int) -> String {
            "  \(tag):\n    languageName: \(name)\n    weight: \(weight)\n"
                + (byFolder ? "    contentDir: content/\(tag)\n" : "")
        }
        return """
            # Hugo's configuration for the pages ccl10n builds (written by ccl10n init; see ccl10n's README).
            title: My site
            defaultContentLanguage: en
            defaultContentLanguageInSubdir: true
            disableKinds: [taxonomy, term, RSS, sitemap]
            markup:
              goldmark:
                renderer:
                  unsafe: true   # ccl10n marks a sentence still in the source language with <span lang="…">
            languages:

            """ + language("en", "English", 1) + language("nl", "Nederlands", 2)
    }

    static let hugoPage = """
        <!DOCTYPE html>
        <html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
        <head>
        <meta charset="utf-8">
        <title>{{ .Title }}</title>
        {{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
        {{ end }}</head>
        <body>
        <nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
        <main>
        {{ .Content }}
        </main>
        </body>
        </html>

        """

    static let jekyllConfig = """
        # Jekyll's configuration for the pages ccl10n builds (written by ccl10n init; see ccl10n's README).
        title: My site
        defaults:
          - scope: { path: "" }
            values: { layout: page }

        """

    /// Pairs a page with its other language versions by the `translationKey` ccl10n writes in front matter.
    static let jekyllPage = """
        <!DOCTYPE html>
        <html lang="{{ page.lang }}" dir="{{ page.direction | default: 'ltr' }}">
        <head>
        <meta charset="utf-8">
        <title>{{ page.title }}</title>
        {% assign versions = site.pages | where: "translationKey", page.translationKey %}
        {% for version in versions %}{% if version.lang != page.lang %}<link rel="alternate" hreflang="{{ version.lang }}" href="{{ version.url | relative_url }}">
        {% endif %}{% endfor %}</head>
        <body>
        <nav>{% for version in versions %}{% if version.lang != page.lang %}<a href="{{ version.url | relative_url }}" hreflang="{{ version.lang }}">{{ version.lang }}</a> {% endif %}{% endfor %}</nav>
        <main>
        {{ content }}
        </main>
        </body>
        </html>

        """
}
