<#
.SYNOPSIS
    Generates MAML help (GoBaseline.dll-Help.xml) from en-US/help/<Cmdlet>.help.psd1 and the cmdlets' metadata.
.DESCRIPTION
    platyPS is not reachable here, so this small generator does its job: the prose (synopsis, description,
    parameter descriptions, examples, notes) lives in data files next to the code, and the syntax, types,
    positions and pipeline bindings come from the built cmdlets themselves, so help can never drift from code.
    A cmdlet or parameter without a description fails the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru
$common = Import-PowerShellDataFile (Join-Path $HelpSource '_common.help.psd1')
# -WhatIf and -Confirm are documented like the cmdlet's own parameters (from _common.help.psd1): Get-Help shows
# them, and tests/Pester/Module.Tests.ps1 requires a description for every parameter that is not a common one.
$commonParameters = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
function Paras([string] $text) {
    if (-not $text) { return '<maml:para />' }
    ($text.Trim() -split "\r?\n\s*\r?\n" | ForEach-Object { '<maml:para>' + (Esc ($_ -replace '\s*\r?\n\s*', ' ')) + '</maml:para>' }) -join ''
}

$problems = [System.Collections.Generic.List[string]]::new()
$sb = [System.Text.StringBuilder]::new()
[void]$sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
[void]$sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $HelpSource "$($cmd.Name).help.psd1"
    if (-not (Test-Path $file)) { $problems.Add("$($cmd.Name): no help file $file"); continue }
    $h = Import-PowerShellDataFile $file
    foreach ($key in 'Synopsis', 'Description', 'Examples') {
        if (-not $h.ContainsKey($key) -or -not $h[$key]) { $problems.Add("$($cmd.Name): help has no $key") }
    }
    $paramHelp = @{}
    if ($h.ContainsKey('Parameters')) { $paramHelp = $h.Parameters }
    [void]$sb.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$sb.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><command:verb>$($cmd.Verb)</command:verb><command:noun>$($cmd.Noun)</command:noun><maml:description>$(Paras $h.Synopsis)</maml:description></command:details>")
    [void]$sb.AppendLine("<maml:description>$(Paras $h.Description)</maml:description>")

    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $commonParameters }
    function Describe($p) {
        if ($paramHelp.ContainsKey($p.Name)) { return $paramHelp[$p.Name] }
        if ($common.Parameters.ContainsKey($p.Name)) { return $common.Parameters[$p.Name] }
        $problems.Add("$($cmd.Name): parameter -$($p.Name) has no description")
        ''
    }
    function ParamXml($p, $set) {
        $attr = $null
        if ($set -and $p.ParameterSets.ContainsKey($set)) { $attr = $p.ParameterSets[$set] }
        elseif ($p.ParameterSets.ContainsKey('__AllParameterSets')) { $attr = $p.ParameterSets['__AllParameterSets'] }
        else { $attr = $p.ParameterSets.Values | Select-Object -First 1 }
        $pipeline = @()
        if ($attr.ValueFromPipeline) { $pipeline += 'ByValue' }
        if ($attr.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
        $pipe = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        $pos = if ($attr.Position -ge 0) { $attr.Position } else { 'named' }
        $glob = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $type = $p.ParameterType
        $typeName = if ($type -eq [System.Management.Automation.SwitchParameter]) { 'SwitchParameter' } else { $type.Name }
        $x = "<command:parameter required=`"$($attr.IsMandatory.ToString().ToLower())`" variableLength=`"$($type.IsArray.ToString().ToLower())`" globbing=`"$($glob.ToString().ToLower())`" pipelineInput=`"$pipe`" position=`"$pos`" aliases=`"$(($p.Aliases -join ', '))`">"
        $x += "<maml:name>$($p.Name)</maml:name><maml:description>$(Paras (Describe $p))</maml:description>"
        if ($type.IsEnum) {
            $x += '<command:parameterValueGroup>' + (($type.GetEnumNames() | ForEach-Object { "<command:parameterValue required=`"false`" variableLength=`"false`">$_</command:parameterValue>" }) -join '') + '</command:parameterValueGroup>'
        }
        if ($typeName -ne 'SwitchParameter') { $x += "<command:parameterValue required=`"true`" variableLength=`"$($type.IsArray.ToString().ToLower())`">$(Esc $typeName)</command:parameterValue>" }
        $default = 'None'
        if ($h.ContainsKey('DefaultValues') -and $h.DefaultValues.ContainsKey($p.Name)) { $default = $h.DefaultValues[$p.Name] }
        elseif ($common.ContainsKey('DefaultValues') -and $common.DefaultValues.ContainsKey($p.Name)) { $default = $common.DefaultValues[$p.Name] }
        $x += "<dev:type><maml:name>$(Esc $type.FullName)</maml:name></dev:type><dev:defaultValue>$(Esc $default)</dev:defaultValue></command:parameter>"
        $x
    }

    [void]$sb.Append('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        [void]$sb.Append("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $commonParameters }) {
            [void]$sb.Append((ParamXml $cmd.Parameters[$p.Name] $set.Name))
        }
        [void]$sb.Append('</command:syntaxItem>')
    }
    [void]$sb.AppendLine('</command:syntax>')
    [void]$sb.Append('<command:parameters>')
    foreach ($p in $params | Sort-Object Name) { [void]$sb.Append((ParamXml $p $null)) }
    [void]$sb.AppendLine('</command:parameters>')

    $inputs = @($params | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } } | ForEach-Object { $_.ParameterType.FullName } | Sort-Object -Unique)
    [void]$sb.Append('<command:inputTypes>')
    if ($inputs.Count -eq 0) { [void]$sb.Append('<command:inputType><dev:type><maml:name>None</maml:name></dev:type><maml:description><maml:para>This cmdlet takes no pipeline input.</maml:para></maml:description></command:inputType>') }
    foreach ($i in $inputs) { [void]$sb.Append("<command:inputType><dev:type><maml:name>$(Esc $i)</maml:name></dev:type><maml:description><maml:para>Bound by value or by property name; see the parameters.</maml:para></maml:description></command:inputType>") }
    [void]$sb.AppendLine('</command:inputTypes>')
    [void]$sb.Append('<command:returnValues>')
    foreach ($o in $cmd.OutputType) {
        $desc = if ($h.ContainsKey('Outputs') -and $h.Outputs.ContainsKey($o.Name)) { $h.Outputs[$o.Name] } else { '' }
        [void]$sb.Append("<command:returnValue><dev:type><maml:name>$(Esc $o.Name)</maml:name></dev:type><maml:description>$(Paras $desc)</maml:description></command:returnValue>")
    }
    [void]$sb.AppendLine('</command:returnValues>')
    if ($h.ContainsKey('Notes')) { [void]$sb.AppendLine("<maml:alertSet><maml:alert>$(Paras $h.Notes)</maml:alert></maml:alertSet>") }
    [void]$sb.Append('<command:examples>')
    $n = 0
    foreach ($e in @($h.Examples)) {
        $n++
        [void]$sb.Append("<command:example><maml:title>-------------------------- Example $($n): $(Esc $e.Title) --------------------------</maml:title><dev:code>$(Esc $e.Code.Trim())</dev:code><dev:remarks>$(Paras $e.Remarks)</dev:remarks></command:example>")
    }
    [void]$sb.AppendLine('</command:examples>')
    [void]$sb.Append('<command:relatedLinks>')
    foreach ($l in @($h['RelatedLinks'])) { if ($l) { [void]$sb.Append("<maml:navigationLink><maml:linkText>$(Esc $l)</maml:linkText><maml:uri /></maml:navigationLink>") } }
    [void]$sb.AppendLine('</command:relatedLinks>')
    [void]$sb.AppendLine('</command:command>')
}
[void]$sb.AppendLine('</helpItems>')

if ($problems.Count -gt 0) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}
[System.IO.File]::WriteAllText($OutFile, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
exit 0
