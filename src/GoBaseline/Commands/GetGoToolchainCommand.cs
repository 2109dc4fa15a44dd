using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Finds every Go toolchain on the host, with its version, GOROOT and whether GOTOOLCHAIN may switch away from it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "GoToolchain")]
[OutputType(typeof(GoToolchain))]
public sealed class GetGoToolchainCommand : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">The PATH to search for the default go command. Defaults to this session's PATH on the live host
    /// and to the standard system PATH under -Root.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SearchPath { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var path = SearchPath ?? (TargetRoot.IsLive ? Environment.GetEnvironmentVariable("PATH") ?? string.Empty : GoEnvResolver.DefaultPath);
            var homes = GoToolchainLocator.SearchHomes(TargetRoot);

            var goroot = TargetRoot.IsLive ? Environment.GetEnvironmentVariable("GOROOT") : null;
            var effective = new GoEnvResolver(TargetRoot).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: TargetRoot.IsLive ? null : new Dictionary<string, string> { ["PATH"] = path }));
            var setting = effective["GOTOOLCHAIN"];
            var caches = GoToolchainLocator.ModuleCaches(homes, effective["GOMODCACHE"]?.Value, effective["GOPATH"]?.Value);
            foreach (var t in new GoToolchainLocator(TargetRoot).FindAll(path, goroot, homes, caches))
            {
                // The effective GOTOOLCHAIN (environment, GOENV file) decides for the default toolchain.
                if (t.IsDefault && setting is not null && setting.Value.Length > 0 && setting.Value != t.GoToolchainSetting)
                {
                    WriteObject(new GoToolchain(t.Version, t.GoRoot, t.GoBinary, t.Source, t.VersionSource, t.IsDefault, setting.Value, GoToolchainLocator.MaySwitch(setting.Value, t.Version), $"GOTOOLCHAIN from {setting.Layer} {setting.Source}"));
                }
                else
                {
                    WriteObject(t);
                }
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }
        finally
        {
            base.EndProcessing();
        }
    }
}
