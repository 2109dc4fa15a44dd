using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reads SELinux AVC denials from audit logs as objects, each with the allow rule that would permit it (what audit2allow prints).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxDenial")]
[OutputType(typeof(SeLinuxDenial), typeof(string))]
public sealed class GetSeLinuxDenialCommand : SeLinuxPathCmdlet
{
    private readonly List<SeLinuxDenial> _all = new();
    private PolicyIdentifiers? _known;

    // The roles audit2allow would authorise for types (from SELINUX_ERR invalid-context records), in order seen.
    private readonly List<(string Role, string Type)> _roles = new();

    /// <summary>
    /// <para type="description">The audit logs to read (paths inside -Root); /var/log/audit/audit.log by default. Binds from the pipeline and from Get-ChildItem output.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Only denials of these source domains (wildcards allowed), e.g. gosvc_t.</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? SourceType { get; set; }

    /// <summary>
    /// <para type="description">Leave out denials whose users, roles, types, class or permissions the installed policy does not define (audit2allow -p cannot analyse them and drops them too). Reads the policy store.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter KnownToPolicy { get; set; }

    /// <summary>
    /// <para type="description">Instead of the denials, write the merged allow rules (one per source, target and class, grouped by source domain) as audit2allow does.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowRules { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        try
        {
            if (KnownToPolicy && _known is null)
            {
                var policy = SeLinuxConfig.Read(TargetRoot)?.PolicyName
                    ?? throw new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{SeLinuxConfig.ConfigPath} names no policy.", SeLinuxConfig.ConfigPath);
                _known = PolicyIdentifiers.FromStore(TargetRoot, Runner, policy, CancelToken);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }

        var patterns = SourceType?.Select(s => WildcardPattern.Get(s, WildcardOptions.None)).ToList();
        foreach (var p in Path ?? new[] { "/var/log/audit/audit.log" })
        {
            try
            {
                var file = ToHostPath(p);
                var text = TargetRoot.ReadAllText(file);
                if (AllowRules)
                {
                    foreach (var (role, type, source) in DenialParser.InvalidContextRoles(text))
                    {
                        if (patterns is null || patterns.Exists(w => w.IsMatch(source) || w.IsMatch(type)))
                        {
                            _roles.Add((role, type));
                        }
                    }
                }

                foreach (var d in DenialParser.Parse(text, file))
                {
                    if ((_known is not null && !_known.Knows(d)) || (patterns is not null && !patterns.Exists(w => w.IsMatch(d.SourceType))))
                    {
                        continue;
                    }

                    if (AllowRules)
                    {
                        _all.Add(d);
                    }
                    else
                    {
                        WriteObject(d);
                    }
                }
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, p);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (AllowRules)
        {
            WriteObject(DenialParser.MergedRules(_all), true);
            WriteObject(DenialParser.RoleRules(_roles.Distinct()), true);
        }
    }
}
