function __ccl10n_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccl10n_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccl10n_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccl10n_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccl10n_parse_tokens -S
    set -l unparsed_tokens (__ccl10n_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccl10n'
        __ccl10n_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __ccl10n_parse_subcommand 0 'root=' 'layout=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'extract'
            __ccl10n_parse_subcommand 0 'root=' 'v/verbose' 'q/quiet' 'shard=' 'check' 'accept-filled' 'xliff-version=' 'version' 'h/help'
        case 'build'
            __ccl10n_parse_subcommand 0 'root=' 'v/verbose' 'q/quiet' 'shard=' 'locale=' 'format=' 'min-state=' 'version' 'h/help'
        case 'status'
            __ccl10n_parse_subcommand 0 'root=' 'locale=' 'json' 'version' 'h/help'
        case 'check'
            __ccl10n_parse_subcommand 0 'root=' 'locale=' 'json' 'strict' 'version' 'h/help'
        case 'report'
            __ccl10n_parse_subcommand 0 'root=' 'version' 'h/help'
        case 'tm'
            __ccl10n_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __ccl10n_parse_subcommand 1 'root=' 'version' 'h/help'
            end
        case 'validate'
            __ccl10n_parse_subcommand -r 1 'root=' 'prefixes=' 'version' 'h/help'
        case 'help'
            __ccl10n_parse_subcommand -r 1 'version'
        end
    end
end

function __ccl10n_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccl10n_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __ccl10n_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccl10n_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccl10n_tokens -p)
    if test -z "$(__ccl10n_tokens -t)"
        set -l index (count (__ccl10n_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccl10n' -f
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'init' -d 'Create a content project here: ccl10n.yml, Sources-EN/, Sources-NL/ and Locales/, with a sample page.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'extract' -d 'Create or update the XLIFF file of every document for every target locale.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'build' -d 'Write every document in a locale, with its values formatted by ICU, to Bundles/<locale>/.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'status' -d 'Show where each locale stands: units and words by state, and what would publish.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'check' -d 'Check every translation: codes and values, numbers, whitespace, punctuation, length, glossary, markup.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'report' -d 'Write a self-contained dashboard of where every locale stands to Bundles/report/index.html.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'tm' -d 'Work with the translation memory (TMX files in Locales/tm/).'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'validate' -d 'Check XLIFF files: well-formed XML and a sound XLIFF structure, each problem with its position.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" root' -l 'root' -d 'The folder to create the project in.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" layout' -l 'layout' -d 'Where build puts the documents: plain (Bundles/<locale>/), hugo (content/<locale>/), hugo-suffix (<name>.<locale>.md) or jekyll (<locale>/).' -rfka 'plain hugo hugo-suffix jekyll'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" v verbose' -l 'verbose' -s 'v' -d 'Also list every file written.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no summary, no progress, no warnings.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" v verbose' -l 'verbose' -s 'v' -d 'Also list every file written.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no summary, no progress, no warnings.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" shard' -l 'shard' -d 'Work on one shard of the documents, i/n (1-based), to run n jobs side by side.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" check' -l 'check' -d 'Write nothing; exit 1 when any XLIFF file is out of date.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" accept-filled' -l 'accept-filled' -d 'Accept targets a tool filled without confirming them (state new, text other than the source): mark them translated.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" xliff-version' -l 'xliff-version' -d 'The XLIFF version of new files (default: the configuration\'s, else 1.2). Existing files keep theirs.' -rfka '1.2 2.1'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n extract" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" v verbose' -l 'verbose' -s 'v' -d 'Also list every file written.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no summary, no progress, no warnings.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" shard' -l 'shard' -d 'Work on one shard of the documents, i/n (1-based), to run n jobs side by side.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" locale' -l 'locale' -d 'The locale to build: a target locale, \'all\' for every one, or a pseudo-locale (en-XA, ar-XB).' -rfka '(__ccl10n_custom_completion ---completion build -- --locale (count (__ccl10n_tokens -pc)) (__ccl10n_tokens -tC))'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" format' -l 'format' -d 'Output: md (the documents as written) or html (also a standalone page of each Markdown document, and an index).' -rfka 'md html'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" min-state' -l 'min-state' -d 'Publish only translations in this state or above (default: the configuration\'s).' -rfka 'translated signed-off final'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n status" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n status" locale' -l 'locale' -d 'Only this target locale.' -rfka '(__ccl10n_custom_completion ---completion status -- --locale (count (__ccl10n_tokens -pc)) (__ccl10n_tokens -tC))'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n status" json' -l 'json' -d 'Print JSON for machines.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n status" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" locale' -l 'locale' -d 'Only this target locale.' -rfka '(__ccl10n_custom_completion ---completion check -- --locale (count (__ccl10n_tokens -pc)) (__ccl10n_tokens -tC))'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" json' -l 'json' -d 'Print JSON for machines.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" strict' -l 'strict' -d 'Fail on warnings too.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n report" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n report" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n tm" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n tm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_positional "ccl10n tm" -eq 1' -fa 'import' -d 'Bring an agency\'s TMX memory into the project\'s memories.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n tm import" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n tm import" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n tm import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n validate" root' -l 'root' -d 'The project folder.' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n validate" prefixes' -l 'prefixes' -d 'XLIFF 2 fragment-identifier prefixes of extension namespaces: a file of \'namespace=prefix\' lines (Java properties, \'\\:\' for \':\').' -rfka ''
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n validate" version' -l 'version' -d 'Show the version.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccl10n' -n '__ccl10n_should_offer_completions_for_flags_or_options "ccl10n help" version' -l 'version' -d 'Show the version.'
