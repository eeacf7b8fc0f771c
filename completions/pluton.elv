
use builtin;
use str;

set edit:completion:arg-completer[pluton] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pluton'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pluton'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand storage 'Add, list, inspect and manage storages'
            cand doctor 'Check rclone, pluton''s files and every storage''s section, and say what to fix'
            cand providers 'List the storage providers (rclone backends) and their options'
            cand config 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring'
            cand completions 'Print a shell completion script'
            cand rclone 'Run rclone with pluton''s rclone.conf'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;storage'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Connect a new storage: verify it with rclone, then save it'
            cand list 'List storages'
            cand show 'Show one storage and its rclone options (secrets redacted)'
            cand test 'Check that storages answer and accept their credentials'
            cand edit 'Change a storage''s rclone options (checked, and verified before they are saved)'
            cand apply 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
            cand export 'Print an apply file that reproduces the storages (secrets only by reference)'
            cand reauth 'Give an OAuth storage a new token (after it expired or was revoked)'
            cand usage 'Show a storage''s total, used and free space'
            cand rename 'Give a storage a new name (its rclone remote keeps its name)'
            cand remove 'Remove a storage and its rclone.conf section'
            cand restore 'Bring back a storage: its rclone.conf section and its entry, from the newest copies that have them'
            cand import 'Adopt remotes that already exist in rclone.conf as storages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;storage;add'= {
            cand --name 'The storage''s name, as people see it (1-64 characters, unique regardless of case)'
            cand --remote 'The rclone remote (section) name [default: derived from the name, e.g. "My Box" → my-box]'
            cand --path 'Default folder inside the storage for backups (e.g. backups/laptop)'
            cand --token-file 'Read the OAuth token from FILE, or from stdin with `-`: the token JSON, the whole output of `rclone authorize`, or its base64 form'
            cand --client-id 'Your own OAuth app''s client id'
            cand --client-secret-file 'Read your own OAuth app''s client secret from FILE, or stdin with `-` (or set PLUTON_CLIENT_SECRET)'
            cand --set 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin), which keeps secrets out of your shell history and of `ps`'
            cand --drive 'OneDrive: which kind of drive to use when the account has several (found after sign-in; one drive is picked by itself). sharepoint without --site is the root site''s document library, as in rclone; --set drive_id=ID names one drive exactly'
            cand --site 'OneDrive: the SharePoint site whose document library to use, by URL or name (e.g. https://contoso.sharepoint.com/sites/backups)'
            cand --timeout 'Seconds to wait for the connection check [default: 30], for the browser sign-in with --authorize [default: 300], or for the code''s approval with --device [default: 900]'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --authorize 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open'
            cand --no-browser 'With --authorize: do not try to open a browser here, only print the link (open it on a machine whose browser can reach this one''s port 53682, e.g. through `ssh -L 53682:127.0.0.1:53682`)'
            cand --device 'Sign in with a short code entered on any other device, a phone will do (put.io, OneDrive); needs no browser and no rclone here'
            cand --client-credentials 'Sign in as your own app, with no browser and no user (OAuth client credentials flow; needs --client-id and --client-secret-file; OneDrive also --set tenant=…)'
            cand --no-test 'Save without checking the connection first'
            cand --dry-run 'Show what would be written (secrets redacted) and change nothing'
            cand --json 'Print the new storage as JSON'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;list'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print a JSON array: [{"id","name","provider","remote","path","created_at", "last_check","last_status","last_success"}]'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;show'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON: the list object (with the last check) plus "options" and "token"'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;test'= {
            cand --timeout 'Seconds each storage may take'
            cand --jobs 'How many storages to check at once [default: up to 8]'
            cand --metrics-file 'Also write the results as Prometheus metrics (node_exporter textfile) to PATH; `-`: stdout'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --all 'Check every storage'
            cand --json 'Print a JSON array: [{"name","remote","ok","status","message","duration_ms"}]'
            cand --usage 'Add each storage''s quota (total/used/free bytes, from `rclone about`) to the metrics'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;edit'= {
            cand --set 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin)'
            cand --unset 'Remove an option (rclone then uses its default)'
            cand --timeout 'Seconds to wait for the connection check'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-test 'Save without checking the connection first'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;apply'= {
            cand --jobs 'How many storages to check at once'
            cand --timeout 'Seconds each connection check may take'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --check 'Print what would change and exit 0; write nothing, check no connection'
            cand --prune 'Remove the storages pluton manages that the file does not name (never other remotes)'
            cand --adopt 'Take over a remote already in rclone.conf that pluton does not manage, when an entry names it'
            cand --replace-tokens 'Replace existing storages'' tokens with the declared ones'
            cand --no-test 'Save without checking connections first'
            cand --json 'Print JSON: {"changed", "created", "updated", "unchanged", "removed", "storages"}'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;export'= {
            cand --secrets-dir 'Write each secret and token into a file in DIR and refer to it'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON instead of TOML'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;reauth'= {
            cand --token-file 'Read the new token from FILE, or stdin with `-` (any format `storage add` accepts)'
            cand --timeout 'Seconds to wait for the connection check [default: 30], or for the browser sign-in with --authorize [default: 300]'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --authorize 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open'
            cand --no-browser 'With --authorize: only print the link, do not try to open a browser here'
            cand --device 'Sign in with a short code entered on any other device (put.io, OneDrive)'
            cand --no-test 'Save the new token without checking the connection first'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;usage'= {
            cand --timeout 'Seconds to wait for the provider'
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON: {"total","used","free","trashed",…} in bytes'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;rename'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;remove'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --keep-remote 'Keep the remote''s section in rclone.conf; forget only pluton''s metadata'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;restore'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;import'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --all 'Import every remote that is not yet a storage'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;storage;help'= {
            cand add 'Connect a new storage: verify it with rclone, then save it'
            cand list 'List storages'
            cand show 'Show one storage and its rclone options (secrets redacted)'
            cand test 'Check that storages answer and accept their credentials'
            cand edit 'Change a storage''s rclone options (checked, and verified before they are saved)'
            cand apply 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
            cand export 'Print an apply file that reproduces the storages (secrets only by reference)'
            cand reauth 'Give an OAuth storage a new token (after it expired or was revoked)'
            cand usage 'Show a storage''s total, used and free space'
            cand rename 'Give a storage a new name (its rclone remote keeps its name)'
            cand remove 'Remove a storage and its rclone.conf section'
            cand restore 'Bring back a storage: its rclone.conf section and its entry, from the newest copies that have them'
            cand import 'Adopt remotes that already exist in rclone.conf as storages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;storage;help;add'= {
        }
        &'pluton;storage;help;list'= {
        }
        &'pluton;storage;help;show'= {
        }
        &'pluton;storage;help;test'= {
        }
        &'pluton;storage;help;edit'= {
        }
        &'pluton;storage;help;apply'= {
        }
        &'pluton;storage;help;export'= {
        }
        &'pluton;storage;help;reauth'= {
        }
        &'pluton;storage;help;usage'= {
        }
        &'pluton;storage;help;rename'= {
        }
        &'pluton;storage;help;remove'= {
        }
        &'pluton;storage;help;restore'= {
        }
        &'pluton;storage;help;import'= {
        }
        &'pluton;storage;help;help'= {
        }
        &'pluton;doctor'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON: {"healthy": bool, "checks": [{"name","status","message","hint"}]}'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;providers'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON'
            cand --all 'Include advanced and hidden options'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand encrypt 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)'
            cand decrypt 'Remove the encryption of rclone.conf (needs its password)'
            cand password 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
            cand history 'List the kept copies of rclone.conf and storages.toml, newest first'
            cand restore 'Put a kept copy back (the file it replaces is kept as a copy first, so this can be undone)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;config;encrypt'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config;decrypt'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config;password'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --store-in-keyring 'Keep the password in the OS keyring, so pluton finds it without RCLONE_CONFIG_PASS'
            cand --forget 'Remove the password from the OS keyring'
            cand --print 'Print the password from the OS keyring for rclone''s --password-command (refused when stdout is a terminal)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config;history'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --json 'Print JSON: an array of {"id","time","file","why","size","remotes","path"}'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config;restore'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --dry-run 'Show which remotes or storages would come back, go or change; write nothing'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;config;help'= {
            cand encrypt 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)'
            cand decrypt 'Remove the encryption of rclone.conf (needs its password)'
            cand password 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
            cand history 'List the kept copies of rclone.conf and storages.toml, newest first'
            cand restore 'Put a kept copy back (the file it replaces is kept as a copy first, so this can be undone)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;config;help;encrypt'= {
        }
        &'pluton;config;help;decrypt'= {
        }
        &'pluton;config;help;password'= {
        }
        &'pluton;config;help;history'= {
        }
        &'pluton;config;help;restore'= {
        }
        &'pluton;config;help;help'= {
        }
        &'pluton;completions'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;rclone'= {
            cand --config-dir 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]'
            cand --rclone-config 'rclone config file to use instead of <config dir>/rclone.conf'
            cand --rclone 'rclone binary to run [default: the first `rclone` on PATH]'
            cand --password-command 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)'
            cand --color 'When to use colour (NO_COLOR is honoured with `auto`)'
            cand --no-input 'Never prompt: fail with the name of the missing flag instead'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what pluton does (secrets are still redacted)'
            cand --verbose 'Print more about what pluton does (secrets are still redacted)'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pluton;help'= {
            cand storage 'Add, list, inspect and manage storages'
            cand doctor 'Check rclone, pluton''s files and every storage''s section, and say what to fix'
            cand providers 'List the storage providers (rclone backends) and their options'
            cand config 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring'
            cand completions 'Print a shell completion script'
            cand rclone 'Run rclone with pluton''s rclone.conf'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pluton;help;storage'= {
            cand add 'Connect a new storage: verify it with rclone, then save it'
            cand list 'List storages'
            cand show 'Show one storage and its rclone options (secrets redacted)'
            cand test 'Check that storages answer and accept their credentials'
            cand edit 'Change a storage''s rclone options (checked, and verified before they are saved)'
            cand apply 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)'
            cand export 'Print an apply file that reproduces the storages (secrets only by reference)'
            cand reauth 'Give an OAuth storage a new token (after it expired or was revoked)'
            cand usage 'Show a storage''s total, used and free space'
            cand rename 'Give a storage a new name (its rclone remote keeps its name)'
            cand remove 'Remove a storage and its rclone.conf section'
            cand restore 'Bring back a storage: its rclone.conf section and its entry, from the newest copies that have them'
            cand import 'Adopt remotes that already exist in rclone.conf as storages'
        }
        &'pluton;help;storage;add'= {
        }
        &'pluton;help;storage;list'= {
        }
        &'pluton;help;storage;show'= {
        }
        &'pluton;help;storage;test'= {
        }
        &'pluton;help;storage;edit'= {
        }
        &'pluton;help;storage;apply'= {
        }
        &'pluton;help;storage;export'= {
        }
        &'pluton;help;storage;reauth'= {
        }
        &'pluton;help;storage;usage'= {
        }
        &'pluton;help;storage;rename'= {
        }
        &'pluton;help;storage;remove'= {
        }
        &'pluton;help;storage;restore'= {
        }
        &'pluton;help;storage;import'= {
        }
        &'pluton;help;doctor'= {
        }
        &'pluton;help;providers'= {
        }
        &'pluton;help;config'= {
            cand encrypt 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)'
            cand decrypt 'Remove the encryption of rclone.conf (needs its password)'
            cand password 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again'
            cand history 'List the kept copies of rclone.conf and storages.toml, newest first'
            cand restore 'Put a kept copy back (the file it replaces is kept as a copy first, so this can be undone)'
        }
        &'pluton;help;config;encrypt'= {
        }
        &'pluton;help;config;decrypt'= {
        }
        &'pluton;help;config;password'= {
        }
        &'pluton;help;config;history'= {
        }
        &'pluton;help;config;restore'= {
        }
        &'pluton;help;completions'= {
        }
        &'pluton;help;rclone'= {
        }
        &'pluton;help;help'= {
        }
    ]
    $completions[$command]
}
