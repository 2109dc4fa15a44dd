# The built module as a user gets it: manifest, exports, help, format views, dependency isolation.
BeforeAll {
    $ModulePath = $env:GOBASELINE_MODULE
    $ModuleDir = Split-Path $ModulePath
    $Pwsh = (Get-Process -Id $PID).Path
    $PwshArgs = @(if ($Pwsh -match 'dotnet$') { [System.Reflection.Assembly]::GetEntryAssembly().Location })
    function Invoke-Child([string] $Command) {
        $out = & $Pwsh @PwshArgs -NoProfile -NonInteractive -Command $Command 2>&1
        [pscustomobject]@{ Output = ($out | Out-String); ExitCode = $LASTEXITCODE }
    }
    Import-Module $ModulePath -Force
    $Manifest = Import-PowerShellDataFile $ModulePath
}

Describe 'The module layout' {
    It 'lists every cmdlet it contains, explicitly' {
        $declared = (Get-Module GoBaseline).ExportedCmdlets.Keys | Sort-Object
        $inAssembly = [GoBaseline.Commands.GetGoEnvironmentCommand].Assembly.GetTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } | Sort-Object
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        $declared | Should -Be $inAssembly
    }

    # PowerShell reflects over every type of the cmdlet assembly at import, before any cmdlet has run and so before
    # the engine's load context is hooked up: no type there may derive from or implement an engine type.
    It 'reflects over all its types in a fresh session without loading the engine' {
        $r = Invoke-Child "Import-Module '$ModulePath'; try { [GoBaseline.Commands.GetGoEnvironmentCommand].Assembly.GetTypes().Count } catch [System.Reflection.ReflectionTypeLoadException] { 'FAILED ' + ((`$_.Exception.LoaderExceptions | ForEach-Object Message | Select-Object -Unique) -join '; ') }"
        ($r.Output.Trim() -split "`n")[-1] | Should -Match '^\d+$'
    }

    It 'keeps the engine and YamlDotNet out of the default load context' {
        # The context is made when a cmdlet first needs the engine.
        Test-GoEnvBaseline -ControlId GOENV-001 | Out-Null
        $alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'GoBaseline'
        $alc | Should -Not -BeNullOrEmpty
        ($alc.Assemblies.GetName().Name) | Should -Contain 'GoBaseline.Core'
        ($alc.Assemblies.GetName().Name) | Should -Contain 'YamlDotNet'
    }

    # Import cost is measured by build.ps1 Bench (bench/module.bench.ps1), not by a timed test.
    It 'loads no engine assembly until a cmdlet runs' {
        $r = Invoke-Child "Import-Module '$ModulePath'; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -contains 'YamlDotNet'"
        ($r.Output.Trim() -split "`n")[-1].Trim() | Should -Be 'False'
    }
}

Describe 'Coexistence with another YamlDotNet' {
    It 'works after a different YamlDotNet version was loaded into the session first' {
        $other = Join-Path $env:GOBASELINE_NUGET 'yamldotnet/13.7.1/lib/net7.0/YamlDotNet.dll'
        Test-Path $other | Should -BeTrue
        $script = @"
Add-Type -Path '$other'
`$first = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.ToString()
Import-Module '$ModulePath'
`$r = @(Test-GoEnvBaseline -ControlId GOENV-001)
`$still = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.ToString()
`$ours = ([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'GoBaseline').Assemblies | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.ToString() }
"`$first|`$still|`$ours|`$(`$r.Count)"
"@
        $r = Invoke-Child $script
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $parts = ($r.Output.Trim() -split "`n")[-1].Trim() -split '\|'
        $parts[0] | Should -BeLike '13.*'
        $parts[1] | Should -BeLike '13.*'
        $parts[2] | Should -BeLike '18.*'
        [int]$parts[3] | Should -Be 1
    }
}

Describe 'Help' {
    BeforeDiscovery {
        Import-Module $env:GOBASELINE_MODULE -Force
        $cmdlets = (Get-Command -Module GoBaseline -CommandType Cmdlet).Name
    }

    It '<_> has a synopsis, a description and an example with a pipeline or real output' -ForEach $cmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+\s*\[' -Because 'a generated syntax line means the MAML was not found'
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        # A pipeline in the code, or remarks that show real output: a table rule (---), aligned columns (two spaces
        # between words; MAML folds lines, never runs of spaces), a Format-List 'Name : value' or a 'What if:' line.
        # Prose-only remarks on pipeline-free examples do not count.
        $shown = $examples | Where-Object {
            $_.code -match '\|' -or ((@($_.remarks) | ForEach-Object { $_.Text }) -join ' ') -match '-{3,}|\S {2,}\S|What if:|\w : \S'
        }
        @($shown).Count | Should -BeGreaterThan 0 -Because "$_ needs an example with a pipeline or with the output it prints"
    }

    It '<_> describes every parameter' -ForEach $cmdlets {
        $help = Get-Help $_ -Full
        $common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name
        foreach ($p in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $ph = $help.parameters.parameter | Where-Object name -eq $p
            ($ph.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p of $_ needs a description"
        }
    }

    It 'ships about_GoBaseline' {
        Get-Help about_GoBaseline | Out-String | Should -Match 'TEST- CMDLETS'
    }
}

Describe 'Format views' {
    It 'has a table view for every output type' {
        $views = ([xml](Get-Content -Raw (Join-Path $ModuleDir 'GoBaseline.Format.ps1xml'))).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        Get-ChildItem $ModuleDir -Filter 'GoBaseline.*.Format.ps1xml' | ForEach-Object { $views += ([xml](Get-Content -Raw $_.FullName)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName }
        $types = (Get-Command -Module GoBaseline -CommandType Cmdlet).OutputType.Type | Where-Object { $_.Namespace -like 'GoBaseline*' } | Sort-Object FullName -Unique
        foreach ($t in $types) { $views | Should -Contain $t.FullName }
    }
}
