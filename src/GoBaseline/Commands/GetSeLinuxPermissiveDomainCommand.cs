using System;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Lists the SELinux domains made permissive locally (semanage permissive -a), from the policy store.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxPermissiveDomain")]
[OutputType(typeof(SeLinuxPermissiveDomain))]
public sealed class GetSeLinuxPermissiveDomainCommand : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">Only these domains (wildcards allowed), e.g. gosvc_t or *_t.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        try
        {
            var config = SeLinuxConfig.Read(TargetRoot);
            if (string.IsNullOrEmpty(config?.PolicyName))
            {
                throw new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{SeLinuxConfig.ConfigPath} under {TargetRoot.Root} names no policy (SELINUXTYPE=).", SeLinuxConfig.ConfigPath);
            }

            // As semanage permissive -l: the policy's own permissive types first, then the customised ones.
            var customized = SeLinuxDomains.CustomizedPermissive(TargetRoot, config!.PolicyName!);
            var builtin = SeLinuxDomains.BuiltinPermissive(TargetRoot, Runner, config.PolicyName!, customized.Select(c => c.Name).ToHashSet(StringComparer.Ordinal), CancelToken);
            foreach (var d in builtin.Concat(customized))
            {
                if (Name is null || Array.Exists(Name, n => WildcardPattern.Get(n, WildcardOptions.None).IsMatch(d.Name)))
                {
                    WriteObject(d);
                }
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }
    }
}
