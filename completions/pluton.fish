# fish completion for pluton: storages, providers and their options come from pluton itself
# at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions fish > ~/.config/fish/completions/pluton.fish
#      or: pluton completions fish | source
function __pluton_complete
    set -l tokens (commandline -opc) (commandline -ct)
    _PLUTON_COMPLETE=fish command pluton -- $tokens 2>/dev/null
end
complete -c pluton -f -k -a '(__pluton_complete)'
