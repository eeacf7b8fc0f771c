# PowerShell completion for pluton: storages, providers and their options come from pluton
# itself at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions powershell >> $PROFILE
#      or: pluton completions powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'pluton', 'pluton.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    # The words before the cursor, unquoted, then the part of the current word before it.
    $words = @()
    foreach ($element in $commandAst.CommandElements) {
        if ($element.Extent.StartOffset -ge $cursorPosition) { break }
        if ($element.Extent.EndOffset -ge $cursorPosition -and $wordToComplete -ne '') { break }
        if ($element -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            $words += $element.Value
        } else {
            $words += $element.Extent.Text
        }
    }
    $words += $wordToComplete
    $program = $commandAst.CommandElements[0].Extent.Text
    $env:_PLUTON_COMPLETE = 'powershell'
    try {
        $replies = & $program -- @words 2>$null
    } finally {
        Remove-Item Env:\_PLUTON_COMPLETE -ErrorAction SilentlyContinue
    }
    foreach ($reply in $replies) {
        if (-not $reply) { continue }
        $value, $help = $reply -split "`t", 2
        if (-not $help) { $help = $value }
        $text = $value
        if ($value -match "[\s'`"$;,(){}@&|<>#]") { $text = "'" + $value.Replace("'", "''") + "'" }
        [System.Management.Automation.CompletionResult]::new($text, $value, 'ParameterValue', $help)
    }
}
