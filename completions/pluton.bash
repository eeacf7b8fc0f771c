# bash completion for pluton: storages, providers and their options come from pluton itself
# at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions bash > ~/.local/share/bash-completion/completions/pluton
#      or: source <(pluton completions bash)
_pluton() {
    local reply
    COMPREPLY=()
    # pluton gets the line up to the cursor: bash's own words are split at `=` and `:`.
    while IFS= read -r reply; do
        COMPREPLY+=("$reply")
    done < <(_PLUTON_COMPLETE=bash _PLUTON_LINE="${COMP_LINE:0:COMP_POINT}" _PLUTON_WORD="$2" command pluton 2>/dev/null)
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=/] ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -F _pluton pluton
