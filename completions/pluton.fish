# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pluton_global_optspecs
    string join \n config-dir= rclone-config= rclone= password-command= no-input q/quiet v/verbose color= h/help V/version
end

function __fish_pluton_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pluton_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pluton_using_subcommand
    set -l cmd (__fish_pluton_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pluton -n "__fish_pluton_needs_command" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_needs_command" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_needs_command" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_needs_command" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_needs_command" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_needs_command" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pluton -n "__fish_pluton_needs_command" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "storage" -d 'Add, list, inspect and manage storages'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "doctor" -d 'Check rclone, pluton\'s files and every storage\'s section, and say what to fix'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "providers" -d 'List the storage providers (rclone backends) and their options'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "config" -d 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "rclone" -d 'Run rclone with pluton\'s rclone.conf'
complete -c pluton -n "__fish_pluton_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "add" -d 'Connect a new storage: verify it with rclone, then save it'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "list" -d 'List storages'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "show" -d 'Show one storage and its rclone options (secrets redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "test" -d 'Check that storages answer and accept their credentials'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "edit" -d 'Change a storage\'s rclone options (checked, and verified before they are saved)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "apply" -d 'Make this host\'s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "export" -d 'Print an apply file that reproduces the storages (secrets only by reference)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "reauth" -d 'Give an OAuth storage a new token (after it expired or was revoked)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "usage" -d 'Show a storage\'s total, used and free space'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "rename" -d 'Give a storage a new name (its rclone remote keeps its name)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "remove" -d 'Remove a storage and its rclone.conf section'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "import" -d 'Adopt remotes that already exist in rclone.conf as storages'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and not __fish_seen_subcommand_from add list show test edit apply export reauth usage rename remove import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l name -d 'The storage\'s name, as people see it (1-64 characters, unique regardless of case)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l remote -d 'The rclone remote (section) name [default: derived from the name, e.g. "My Box" → my-box]' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l path -d 'Default folder inside the storage for backups (e.g. backups/laptop)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l token-file -d 'Read the OAuth token from FILE, or from stdin with `-`: the token JSON, the whole output of `rclone authorize`, or its base64 form' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l client-id -d 'Your own OAuth app\'s client id' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l client-secret-file -d 'Read your own OAuth app\'s client secret from FILE, or stdin with `-` (or set PLUTON_CLIENT_SECRET)' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l set -d 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin), which keeps secrets out of your shell history and of `ps`' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l drive -d 'OneDrive: which kind of drive to use when the account has several (found after sign-in; one drive is picked by itself). sharepoint without --site is the root site\'s document library, as in rclone; --set drive_id=ID names one drive exactly' -r -f -a "personal\t''
business\t''
sharepoint\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l site -d 'OneDrive: the SharePoint site whose document library to use, by URL or name (e.g. https://contoso.sharepoint.com/sites/backups)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l timeout -d 'Seconds to wait for the connection check [default: 30], for the browser sign-in with --authorize [default: 300], or for the code\'s approval with --device [default: 900]' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l authorize -d 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l no-browser -d 'With --authorize: do not try to open a browser here, only print the link (open it on a machine whose browser can reach this one\'s port 53682, e.g. through `ssh -L 53682:127.0.0.1:53682`)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l device -d 'Sign in with a short code entered on any other device, a phone will do (put.io, OneDrive); needs no browser and no rclone here'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l client-credentials -d 'Sign in as your own app, with no browser and no user (OAuth client credentials flow; needs --client-id and --client-secret-file; OneDrive also --set tenant=…)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l no-test -d 'Save without checking the connection first'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l dry-run -d 'Show what would be written (secrets redacted) and change nothing'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l json -d 'Print the new storage as JSON'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array: [{"id","name","provider","remote","path","created_at"}]'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l json -d 'Print JSON: the list object plus "options" and "token"'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l timeout -d 'Seconds each storage may take' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l jobs -d 'How many storages to check at once [default: up to 8]' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l all -d 'Check every storage'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l json -d 'Print a JSON array: [{"name","remote","ok","status","message","duration_ms"}]'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l set -d 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l unset -d 'Remove an option (rclone then uses its default)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l timeout -d 'Seconds to wait for the connection check' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l no-test -d 'Save without checking the connection first'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l jobs -d 'How many storages to check at once' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l timeout -d 'Seconds each connection check may take' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l check -d 'Print what would change and exit 0; write nothing, check no connection'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l prune -d 'Remove the storages pluton manages that the file does not name (never other remotes)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l adopt -d 'Take over a remote already in rclone.conf that pluton does not manage, when an entry names it'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l replace-tokens -d 'Replace existing storages\' tokens with the declared ones'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l no-test -d 'Save without checking connections first'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l json -d 'Print JSON: {"changed", "created", "updated", "unchanged", "removed", "storages"}'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l secrets-dir -d 'Write each secret and token into a file in DIR and refer to it' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l json -d 'Print JSON instead of TOML'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l token-file -d 'Read the new token from FILE, or stdin with `-` (any format `storage add` accepts)' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l timeout -d 'Seconds to wait for the connection check [default: 30], or for the browser sign-in with --authorize [default: 300]' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l authorize -d 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l no-browser -d 'With --authorize: only print the link, do not try to open a browser here'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l device -d 'Sign in with a short code entered on any other device (put.io, OneDrive)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l no-test -d 'Save the new token without checking the connection first'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from reauth" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l timeout -d 'Seconds to wait for the provider' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l json -d 'Print JSON: {"total","used","free","trashed",…} in bytes'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from usage" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l keep-remote -d 'Keep the remote\'s section in rclone.conf; forget only pluton\'s metadata'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l all -d 'Import every remote that is not yet a storage'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "add" -d 'Connect a new storage: verify it with rclone, then save it'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "list" -d 'List storages'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one storage and its rclone options (secrets redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "test" -d 'Check that storages answer and accept their credentials'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a storage\'s rclone options (checked, and verified before they are saved)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Make this host\'s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print an apply file that reproduces the storages (secrets only by reference)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "reauth" -d 'Give an OAuth storage a new token (after it expired or was revoked)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "usage" -d 'Show a storage\'s total, used and free space'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Give a storage a new name (its rclone remote keeps its name)'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a storage and its rclone.conf section'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "import" -d 'Adopt remotes that already exist in rclone.conf as storages'
complete -c pluton -n "__fish_pluton_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l json -d 'Print JSON: {"healthy": bool, "checks": [{"name","status","message","hint"}]}'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l json -d 'Print JSON'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l all -d 'Include advanced and hidden options'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand providers" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -f -a "encrypt" -d 'Encrypt rclone.conf with a password (rclone\'s own format, so rclone reads it too)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -f -a "decrypt" -d 'Remove the encryption of rclone.conf (needs its password)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -f -a "password" -d 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
complete -c pluton -n "__fish_pluton_using_subcommand config; and not __fish_seen_subcommand_from encrypt decrypt password help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from encrypt" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from decrypt" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l store-in-keyring -d 'Keep the password in the OS keyring, so pluton finds it without RCLONE_CONFIG_PASS'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l forget -d 'Remove the password from the OS keyring'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l print -d 'Print the password from the OS keyring for rclone\'s --password-command (refused when stdout is a terminal)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from password" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "encrypt" -d 'Encrypt rclone.conf with a password (rclone\'s own format, so rclone reads it too)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "decrypt" -d 'Remove the encryption of rclone.conf (needs its password)'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "password" -d 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
complete -c pluton -n "__fish_pluton_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand completions" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand completions" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand completions" -s h -l help -d 'Print help'
complete -c pluton -n "__fish_pluton_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l config-dir -d 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l rclone-config -d 'rclone config file to use instead of <config dir>/rclone.conf' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l rclone -d 'rclone binary to run [default: the first `rclone` on PATH]' -r -F
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l password-command -d 'Command that prints the password of an encrypted rclone.conf (as rclone\'s own flag; RCLONE_CONFIG_PASS in the environment is used first)' -r
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l color -d 'When to use colour (NO_COLOR is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -l no-input -d 'Never prompt: fail with the name of the missing flag instead'
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -s q -l quiet -d 'Print only results and errors'
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -s v -l verbose -d 'Print more about what pluton does (secrets are still redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand rclone" -s V -l version -d 'Print version'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "storage" -d 'Add, list, inspect and manage storages'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "doctor" -d 'Check rclone, pluton\'s files and every storage\'s section, and say what to fix'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "providers" -d 'List the storage providers (rclone backends) and their options'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "config" -d 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "completions" -d 'Print a shell completion script'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "rclone" -d 'Run rclone with pluton\'s rclone.conf'
complete -c pluton -n "__fish_pluton_using_subcommand help; and not __fish_seen_subcommand_from storage doctor providers config completions rclone help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "add" -d 'Connect a new storage: verify it with rclone, then save it'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "list" -d 'List storages'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "show" -d 'Show one storage and its rclone options (secrets redacted)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "test" -d 'Check that storages answer and accept their credentials'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "edit" -d 'Change a storage\'s rclone options (checked, and verified before they are saved)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "apply" -d 'Make this host\'s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "export" -d 'Print an apply file that reproduces the storages (secrets only by reference)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "reauth" -d 'Give an OAuth storage a new token (after it expired or was revoked)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "usage" -d 'Show a storage\'s total, used and free space'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "rename" -d 'Give a storage a new name (its rclone remote keeps its name)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "remove" -d 'Remove a storage and its rclone.conf section'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "import" -d 'Adopt remotes that already exist in rclone.conf as storages'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "encrypt" -d 'Encrypt rclone.conf with a password (rclone\'s own format, so rclone reads it too)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "decrypt" -d 'Remove the encryption of rclone.conf (needs its password)'
complete -c pluton -n "__fish_pluton_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "password" -d 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
