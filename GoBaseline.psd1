# Module manifest for GoBaseline. build.ps1 writes ModuleVersion from Directory.Build.props (the one version source).
@{
    RootModule             = 'GoBaseline.dll'
    ModuleVersion          = '{{ModuleVersion}}'
    CompatiblePSEditions   = @('Core')
    GUID                   = '6f0d8f9c-3b7a-4a51-9d2e-0c6b1f3a9e42'
    Author                 = 'GoBaseline contributors'
    CompanyName            = 'GoBaseline'
    Copyright              = '(c) GoBaseline contributors. MIT License.'
    Description            = 'Audits and remediates the compliance baseline of Go build and runtime environments on Linux (Go environment, FIPS 140, SELinux, auditd), and rolls back what it changed.'
    PowerShellVersion      = '7.4'
    RequiredAssemblies     = @('GoBaseline.Model.dll')
    FormatsToProcess       = @(
        'GoBaseline.Format.ps1xml'
        'GoBaseline.Journal.Format.ps1xml'
        'GoBaseline.GoBinary.Format.ps1xml'
        'GoBaseline.Fips.Format.ps1xml'
        'GoBaseline.Audit.Format.ps1xml'
        'GoBaseline.AuditLog.Format.ps1xml'
        'GoBaseline.SeLinux.Format.ps1xml'
    )
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Disable-FipsMode'
        'Enable-FipsMode'
        'Get-GoBinaryInfo'
        'Get-GoEnvironment'
        'Get-GoToolchain'
        'Start-FipsRollout'
        'Test-FipsMode'
        'Test-GoBinaryCompliance'
        'Test-GoEnvBaseline'
        'Get-BaselineChange'
        'Undo-BaselineChange'
        'Checkpoint-Baseline'
        'Restore-Baseline'
        'Set-GoEnvBaseline'
        'Get-AuditRule'
        'Get-AuditStatus'
        'New-AuditRule'
        'Compare-AuditRule'
        'Test-AuditRule'
        'Add-AuditRule'
        'Remove-AuditRule'
        'Set-AuditRule'
        'Search-AuditLog'
        'Get-AuditReport'
        'Export-AuditLogArchive'
        'Get-GoEnvironmentChange'
        'Get-SeLinuxStatus'
        'Get-SeLinuxContext'
        'Get-SeLinuxFileContext'
        'Test-SeLinuxContext'
        'Get-SeLinuxPermissiveDomain'
        'Get-SeLinuxServiceDomain'
        'New-SeLinuxPolicyModule'
        'Get-SeLinuxDenial'
        'Set-SeLinuxContext'
        'Restore-SeLinuxContext'
        'Add-SeLinuxFileContextRule'
        'Remove-SeLinuxFileContextRule'
        'Set-SeLinuxPermissiveDomain'
        'Remove-SeLinuxPermissiveDomain'
        'Set-SeLinuxMode'
        'Install-SeLinuxPolicyModule'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Go', 'Golang', 'Compliance', 'Baseline', 'FIPS', 'SELinux', 'auditd', 'Linux', 'Security')
            ProjectUri = 'https://example.invalid/gobaseline'
        }
    }
}
