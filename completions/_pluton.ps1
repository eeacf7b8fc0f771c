
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pluton' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pluton'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pluton' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Add, list, inspect and manage storages')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check rclone, pluton''s files and every storage''s section, and say what to fix')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List the storage providers (rclone backends) and their options')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('rclone', 'rclone', [CompletionResultType]::ParameterValue, 'Run rclone with pluton''s rclone.conf')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;storage' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Connect a new storage: verify it with rclone, then save it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List storages')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one storage and its rclone options (secrets redacted)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check that storages answer and accept their credentials')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a storage''s rclone options (checked, and verified before they are saved)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print an apply file that reproduces the storages (secrets only by reference)')
            [CompletionResult]::new('reauth', 'reauth', [CompletionResultType]::ParameterValue, 'Give an OAuth storage a new token (after it expired or was revoked)')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Show a storage''s total, used and free space')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a storage a new name (its rclone remote keeps its name)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a storage and its rclone.conf section')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Adopt remotes that already exist in rclone.conf as storages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;storage;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The storage''s name, as people see it (1-64 characters, unique regardless of case)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The rclone remote (section) name [default: derived from the name, e.g. "My Box" → my-box]')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Default folder inside the storage for backups (e.g. backups/laptop)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the OAuth token from FILE, or from stdin with `-`: the token JSON, the whole output of `rclone authorize`, or its base64 form')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Your own OAuth app''s client id')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read your own OAuth app''s client secret from FILE, or stdin with `-` (or set PLUTON_CLIENT_SECRET)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin), which keeps secrets out of your shell history and of `ps`')
            [CompletionResult]::new('--drive', '--drive', [CompletionResultType]::ParameterName, 'OneDrive: which kind of drive to use when the account has several (found after sign-in; one drive is picked by itself). sharepoint without --site is the root site''s document library, as in rclone; --set drive_id=ID names one drive exactly')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'OneDrive: the SharePoint site whose document library to use, by URL or name (e.g. https://contoso.sharepoint.com/sites/backups)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection check [default: 30], for the browser sign-in with --authorize [default: 300], or for the code''s approval with --device [default: 900]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--authorize', '--authorize', [CompletionResultType]::ParameterName, 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'With --authorize: do not try to open a browser here, only print the link (open it on a machine whose browser can reach this one''s port 53682, e.g. through `ssh -L 53682:127.0.0.1:53682`)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Sign in with a short code entered on any other device, a phone will do (put.io, OneDrive); needs no browser and no rclone here')
            [CompletionResult]::new('--client-credentials', '--client-credentials', [CompletionResultType]::ParameterName, 'Sign in as your own app, with no browser and no user (OAuth client credentials flow; needs --client-id and --client-secret-file; OneDrive also --set tenant=…)')
            [CompletionResult]::new('--no-test', '--no-test', [CompletionResultType]::ParameterName, 'Save without checking the connection first')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be written (secrets redacted) and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the new storage as JSON')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;list' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array: [{"id","name","provider","remote","path","created_at"}]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;show' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: the list object plus "options" and "token"')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;test' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each storage may take')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'How many storages to check at once [default: up to 8]')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the results as Prometheus metrics (node_exporter textfile) to PATH; `-`: stdout')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every storage')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array: [{"name","remote","ok","status","message","duration_ms"}]')
            [CompletionResult]::new('--usage', '--usage', [CompletionResultType]::ParameterName, 'Add each storage''s quota (total/used/free bytes, from `rclone about`) to the metrics')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;edit' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin)')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove an option (rclone then uses its default)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection check')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-test', '--no-test', [CompletionResultType]::ParameterName, 'Save without checking the connection first')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;apply' {
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'How many storages to check at once')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each connection check may take')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Print what would change and exit 0; write nothing, check no connection')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Remove the storages pluton manages that the file does not name (never other remotes)')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over a remote already in rclone.conf that pluton does not manage, when an entry names it')
            [CompletionResult]::new('--replace-tokens', '--replace-tokens', [CompletionResultType]::ParameterName, 'Replace existing storages'' tokens with the declared ones')
            [CompletionResult]::new('--no-test', '--no-test', [CompletionResultType]::ParameterName, 'Save without checking connections first')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: {"changed", "created", "updated", "unchanged", "removed", "storages"}')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;export' {
            [CompletionResult]::new('--secrets-dir', '--secrets-dir', [CompletionResultType]::ParameterName, 'Write each secret and token into a file in DIR and refer to it')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of TOML')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;reauth' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the new token from FILE, or stdin with `-` (any format `storage add` accepts)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection check [default: 30], or for the browser sign-in with --authorize [default: 300]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--authorize', '--authorize', [CompletionResultType]::ParameterName, 'Sign in with a browser: pluton runs `rclone authorize` and shows the link to open')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'With --authorize: only print the link, do not try to open a browser here')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Sign in with a short code entered on any other device (put.io, OneDrive)')
            [CompletionResult]::new('--no-test', '--no-test', [CompletionResultType]::ParameterName, 'Save the new token without checking the connection first')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;usage' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the provider')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: {"total","used","free","trashed",…} in bytes')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;rename' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;remove' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-remote', '--keep-remote', [CompletionResultType]::ParameterName, 'Keep the remote''s section in rclone.conf; forget only pluton''s metadata')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;import' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Import every remote that is not yet a storage')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;storage;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Connect a new storage: verify it with rclone, then save it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List storages')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one storage and its rclone options (secrets redacted)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check that storages answer and accept their credentials')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a storage''s rclone options (checked, and verified before they are saved)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print an apply file that reproduces the storages (secrets only by reference)')
            [CompletionResult]::new('reauth', 'reauth', [CompletionResultType]::ParameterValue, 'Give an OAuth storage a new token (after it expired or was revoked)')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Show a storage''s total, used and free space')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a storage a new name (its rclone remote keeps its name)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a storage and its rclone.conf section')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Adopt remotes that already exist in rclone.conf as storages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;storage;help;add' {
            break
        }
        'pluton;storage;help;list' {
            break
        }
        'pluton;storage;help;show' {
            break
        }
        'pluton;storage;help;test' {
            break
        }
        'pluton;storage;help;edit' {
            break
        }
        'pluton;storage;help;apply' {
            break
        }
        'pluton;storage;help;export' {
            break
        }
        'pluton;storage;help;reauth' {
            break
        }
        'pluton;storage;help;usage' {
            break
        }
        'pluton;storage;help;rename' {
            break
        }
        'pluton;storage;help;remove' {
            break
        }
        'pluton;storage;help;import' {
            break
        }
        'pluton;storage;help;help' {
            break
        }
        'pluton;doctor' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: {"healthy": bool, "checks": [{"name","status","message","hint"}]}')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;providers' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include advanced and hidden options')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;config' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Remove the encryption of rclone.conf (needs its password)')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;config;encrypt' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;config;decrypt' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;config;password' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--store-in-keyring', '--store-in-keyring', [CompletionResultType]::ParameterName, 'Keep the password in the OS keyring, so pluton finds it without RCLONE_CONFIG_PASS')
            [CompletionResult]::new('--forget', '--forget', [CompletionResultType]::ParameterName, 'Remove the password from the OS keyring')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the password from the OS keyring for rclone''s --password-command (refused when stdout is a terminal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;config;help' {
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Remove the encryption of rclone.conf (needs its password)')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;config;help;encrypt' {
            break
        }
        'pluton;config;help;decrypt' {
            break
        }
        'pluton;config;help;password' {
            break
        }
        'pluton;config;help;help' {
            break
        }
        'pluton;completions' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;rclone' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]')
            [CompletionResult]::new('--rclone-config', '--rclone-config', [CompletionResultType]::ParameterName, 'rclone config file to use instead of <config dir>/rclone.conf')
            [CompletionResult]::new('--rclone', '--rclone', [CompletionResultType]::ParameterName, 'rclone binary to run [default: the first `rclone` on PATH]')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the password of an encrypted rclone.conf (as rclone''s own flag; RCLONE_CONFIG_PASS in the environment is used first)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: fail with the name of the missing flag instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what pluton does (secrets are still redacted)')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pluton;help' {
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Add, list, inspect and manage storages')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check rclone, pluton''s files and every storage''s section, and say what to fix')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List the storage providers (rclone backends) and their options')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Encrypt or decrypt rclone.conf, or keep its password in the OS keyring')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('rclone', 'rclone', [CompletionResultType]::ParameterValue, 'Run rclone with pluton''s rclone.conf')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pluton;help;storage' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Connect a new storage: verify it with rclone, then save it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List storages')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one storage and its rclone options (secrets redacted)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check that storages answer and accept their credentials')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a storage''s rclone options (checked, and verified before they are saved)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make this host''s storages what a file declares (idempotent; for Ansible, cloud-init, cron)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print an apply file that reproduces the storages (secrets only by reference)')
            [CompletionResult]::new('reauth', 'reauth', [CompletionResultType]::ParameterValue, 'Give an OAuth storage a new token (after it expired or was revoked)')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Show a storage''s total, used and free space')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a storage a new name (its rclone remote keeps its name)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a storage and its rclone.conf section')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Adopt remotes that already exist in rclone.conf as storages')
            break
        }
        'pluton;help;storage;add' {
            break
        }
        'pluton;help;storage;list' {
            break
        }
        'pluton;help;storage;show' {
            break
        }
        'pluton;help;storage;test' {
            break
        }
        'pluton;help;storage;edit' {
            break
        }
        'pluton;help;storage;apply' {
            break
        }
        'pluton;help;storage;export' {
            break
        }
        'pluton;help;storage;reauth' {
            break
        }
        'pluton;help;storage;usage' {
            break
        }
        'pluton;help;storage;rename' {
            break
        }
        'pluton;help;storage;remove' {
            break
        }
        'pluton;help;storage;import' {
            break
        }
        'pluton;help;doctor' {
            break
        }
        'pluton;help;providers' {
            break
        }
        'pluton;help;config' {
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt rclone.conf with a password (rclone''s own format, so rclone reads it too)')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Remove the encryption of rclone.conf (needs its password)')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again')
            break
        }
        'pluton;help;config;encrypt' {
            break
        }
        'pluton;help;config;decrypt' {
            break
        }
        'pluton;help;config;password' {
            break
        }
        'pluton;help;completions' {
            break
        }
        'pluton;help;rclone' {
            break
        }
        'pluton;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
