#compdef ccl10n

__ccl10n_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__ccl10n_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __ccl10n_complete "${completions[@]:0:-1}"
    fi
}

__ccl10n_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_ccl10n() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Create a content project here: ccl10n.yml, Sources-EN/, Sources-NL/ and Locales/, with a sample page.'
            'extract:Create or update the XLIFF file of every document for every target locale.'
            'build:Write every document in a locale, with its values formatted by ICU, to Bundles/<locale>/.'
            'status:Show where each locale stands: units and words by state, and what would publish.'
            'check:Check every translation: codes and values, numbers, whitespace, punctuation, length, glossary, markup.'
            'report:Write a self-contained dashboard of where every locale stands to Bundles/report/index.html.'
            'tm:Work with the translation memory (TMX files in Locales/tm/).'
            'validate:Check XLIFF files: well-formed XML and a sound XLIFF structure, each problem with its position.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|extract|build|status|check|report|tm|validate|help)
            "_ccl10n_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_ccl10n_init() {
    local -i ret=1
    local -ar ___layout=('plain' 'hugo' 'hugo-suffix' 'jekyll')
    local -ar arg_specs=(
        '--root[The folder to create the project in.]:root:'
        '--layout[Where build puts the documents\: plain (Bundles/<locale>/), hugo (content/<locale>/), hugo-suffix (<name>.<locale>.md) or jekyll (<locale>/).]:layout:{__ccl10n_complete "${___layout[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Also list every file written.]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no summary, no progress, no warnings.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_extract() {
    local -i ret=1
    local -ar ___xliff_version=('1.2' '2.1')
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '(--verbose -v)'{--verbose,-v}'[Also list every file written.]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no summary, no progress, no warnings.]'
        '--shard[Work on one shard of the documents, i/n (1-based), to run n jobs side by side.]:shard:'
        '--check[Write nothing; exit 1 when any XLIFF file is out of date.]'
        '--accept-filled[Accept targets a tool filled without confirming them (state new, text other than the source)\: mark them translated.]'
        '--xliff-version[The XLIFF version of new files (default\: the configuration'\''s, else 1.2). Existing files keep theirs.]:xliff-version:{__ccl10n_complete "${___xliff_version[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_build() {
    local -i ret=1
    local -ar ___format=('md' 'html')
    local -ar ___min_state=('translated' 'signed-off' 'final')
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '(--verbose -v)'{--verbose,-v}'[Also list every file written.]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no summary, no progress, no warnings.]'
        '--shard[Work on one shard of the documents, i/n (1-based), to run n jobs side by side.]:shard:'
        '--locale[The locale to build\: a target locale, '\''all'\'' for every one, or a pseudo-locale (en-XA, ar-XB).]:locale:{__ccl10n_custom_complete ---completion build -- --locale "${current_word_index}" "$(__ccl10n_cursor_index_in_current_word)"}'
        '--format[Output\: md (the documents as written) or html (also a standalone page of each Markdown document, and an index).]:format:{__ccl10n_complete "${___format[@]}"}'
        '--min-state[Publish only translations in this state or above (default\: the configuration'\''s).]:min-state:{__ccl10n_complete "${___min_state[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '--locale[Only this target locale.]:locale:{__ccl10n_custom_complete ---completion status -- --locale "${current_word_index}" "$(__ccl10n_cursor_index_in_current_word)"}'
        '--json[Print JSON for machines.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '--locale[Only this target locale.]:locale:{__ccl10n_custom_complete ---completion check -- --locale "${current_word_index}" "$(__ccl10n_cursor_index_in_current_word)"}'
        '--json[Print JSON for machines.]'
        '--strict[Fail on warnings too.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_tm() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Bring an agency'\''s TMX memory into the project'\''s memories.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import)
            "_ccl10n_tm_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_ccl10n_tm_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_validate() {
    local -i ret=1
    local -ar arg_specs=(
        '--root[The project folder.]:root:'
        '--prefixes[XLIFF 2 fragment-identifier prefixes of extension namespaces\: a file of '\''namespace=prefix'\'' lines (Java properties, '\''\\\:'\'' for '\''\:'\'').]:file:'
        '*:files:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_ccl10n_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _ccl10n ]]; then
    _ccl10n "${@}"
else
    compdef _ccl10n ccl10n
fi
