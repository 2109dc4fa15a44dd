<#
.SYNOPSIS
    Runs the Pester integration suites in this (child) pwsh against the built module and writes a summary.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $NuGetRoot,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $ResultPath,
    [string] $Filter = $(if ($env:GOBASELINE_PESTER_FILTER) { $env:GOBASELINE_PESTER_FILTER } else { '*' })
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:GOBASELINE_MODULE = $ModulePath
$env:GOBASELINE_NUGET = $NuGetRoot
$env:GOBASELINE_REPO = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter "$Filter.Tests.ps1" | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($ResultPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $ResultPath
    $config.TestResult.OutputFormat = 'NUnitXml'
}
$result = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content $SummaryPath
exit 0
