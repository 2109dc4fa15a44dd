using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using GoBaseline.Core;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;

namespace GoBaseline.Infrastructure;

/// <summary>The base of the SELinux cmdlets that change state: the journal, paths inside -Root, the policy name.</summary>
public abstract class SeLinuxRemediationCmdlet : RemediationCmdlet
{
    /// <summary>A user path as a path inside the root (see <see cref="SeLinuxPathCmdlet"/>).</summary>
    internal string ToHostPath(string path) =>
        !TargetRoot.IsLive ? HostRoot.Normalize(path) : (path.StartsWith('/') && !path.Contains("/./", StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal) ? path : ResolveUserPath(path));

    /// <summary>The configured policy's name (SELINUXTYPE) under the root.</summary>
    internal string PolicyName()
    {
        var name = SeLinuxConfig.Read(TargetRoot)?.PolicyName;
        if (string.IsNullOrEmpty(name))
        {
            ThrowEngineError(new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{SeLinuxConfig.ConfigPath} under {TargetRoot.Root} names no policy (SELINUXTYPE=).", SeLinuxConfig.ConfigPath));
        }

        return name!;
    }

    /// <summary>semanage and semodule edit only the live policy store: stop under another root.</summary>
    internal void RequireLive()
    {
        if (!TargetRoot.IsLive)
        {
            ThrowEngineError(new GoBaselineException(ErrorIds.SeLinuxPolicyStoreNotLive, FailureKind.InvalidOperation, "semanage and semodule change only the live host's policy store; -Root cannot be used with this cmdlet.", Root));
        }
    }

    /// <summary>The change that sets a file's label: lsetxattr security.selinux, written as the equivalent setfattr command.</summary>
    internal static XattrChange LabelChange(string path, string context) =>
        new(path, SeLinuxLabels.XattrName, Encoding.UTF8.GetBytes(context), NativeCommand.ShellQuote("setfattr") + " -h -n security.selinux -v " + NativeCommand.ShellQuote(context) + " " + NativeCommand.ShellQuote(path));

    /// <summary>Runs the changes, writes the result (or, with <paramref name="passThru"/>, lets the caller write the new state).</summary>
    internal bool Apply(IReadOnlyList<Change> changes, string summary, bool passThru)
    {
        var result = ApplyChanges(changes, summary);
        if (result is not null && !passThru)
        {
            WriteObject(result);
        }

        return result is not null;
    }
}
