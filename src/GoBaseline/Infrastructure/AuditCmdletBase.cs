using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;

namespace GoBaseline.Infrastructure;

/// <summary>Shared plumbing of the audit rule cmdlets: the rule environment of the root and auditctl through the runner.</summary>
public abstract class AuditCmdletBase : HostReadingCmdlet
{
    private AuditRuleSources? _sources;

    /// <summary>The rule sources bound to -Root.</summary>
    internal AuditRuleSources Sources => _sources ??= new AuditRuleSources(TargetRoot);

    /// <summary>auditctl through the module's runner.</summary>
    internal AuditCtl AuditCtl => new(Runner);

    /// <summary>The kernel can only be read on the live host.</summary>
    internal void RequireLiveHost(string what)
    {
        if (!TargetRoot.IsLive)
        {
            ThrowEngineError(new Core.GoBaselineException(Core.ErrorIds.InvalidRoot, Core.FailureKind.InvalidArgument, $"{what} reads the running kernel, which only exists for -Root /.", Root), Root);
        }
    }

    /// <summary>Rules of a file or of the persistent set, writing one error per bad file (whose rules are then all left out).</summary>
    internal List<AuditRule> ReadFiles(IEnumerable<AuditRuleFileResult> files)
    {
        var rules = new List<AuditRule>();
        foreach (var f in files)
        {
            if (f.Error is not null)
            {
                WriteEngineError(f.Error, f.Path);
                continue;
            }

            rules.AddRange(f.Rules);
        }

        return rules;
    }
}
