<#
.SYNOPSIS
    Runs the GoBaseline scan on this host with a profile and exits with the contract code.
.DESCRIPTION
    For scripts, CI jobs and Ansible: prints the results (a table, or JSON with -Json) and exits
      0  compliant: no result is Fail or Error
      1  non-compliant: at least one Fail
      2  could not check: at least one Error (or the scan itself failed) and no Fail
    The default scopes are Process and System on the live host, and System only under -Root (an image has no
    process environment).
.EXAMPLE
    pwsh -NoProfile -File /opt/microsoft/powershell/7/Modules/GoBaseline/Invoke-GoBaselineScan.ps1 -Scope System
#>
param(
    [ValidateSet('Process', 'User', 'System')] [string[]] $Scope = @('Process', 'System'),
    [string] $Profile,
    [string] $Root = '/',
    [switch] $Json
)
$ErrorActionPreference = 'Stop'

# An image or chroot has no process environment of its own: under -Root the default is its login environment.
if (-not $PSBoundParameters.ContainsKey('Scope') -and $Root -ne '/') { $Scope = @('System') }
try {
    Import-Module (Join-Path $PSScriptRoot 'GoBaseline.psd1')
    $common = @{ Root = $Root }
    if ($Profile) { $common.Profile = $Profile }
    $results = foreach ($s in $Scope) {
        if ($s -eq 'User') { Test-GoEnvBaseline @common -User ([Environment]::UserName) }
        else { Test-GoEnvBaseline @common -Scope $s }
    }
}
catch {
    Write-Error $_ -ErrorAction Continue
    exit 2
}
if ($Json) {
    $results | Select-Object ControlId, Title, Severity, Status, Target, Expected, Actual, Evidence, Message, Remediation, @{ n = 'Scope'; e = { $_.Properties['Scope'] } } |
        ConvertTo-Json -Depth 4
}
else {
    $results | Format-Table -AutoSize -Wrap @{ n = 'Status'; e = { [string]$_.Status } }, ControlId, @{ n = 'Severity'; e = { [string]$_.Severity } }, @{ n = 'Scope'; e = { $_.Properties['Scope'] } }, Target, Actual, Evidence | Out-String -Width 200
}
$failed = @($results | Where-Object Status -eq 'Fail').Count
$errors = @($results | Where-Object Status -eq 'Error').Count
"Summary: $(@($results | Where-Object Status -eq 'Pass').Count) pass, $failed fail, $errors error, $(@($results).Count) results"
if ($failed -gt 0) { exit 1 }
if ($errors -gt 0) { exit 2 }
exit 0
