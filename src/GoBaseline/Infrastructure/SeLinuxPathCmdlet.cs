using System;
using System.Management.Automation;
using GoBaseline.Core.Host;
using GoBaseline.Core.SeLinux;

namespace GoBaseline.Infrastructure;

/// <summary>The base of the SELinux cmdlets that take paths: paths inside -Root, resolved once.</summary>
public abstract class SeLinuxPathCmdlet : HostReadingCmdlet
{
    /// <summary>
    /// A user path as a path inside the root: on the live host relative paths and ~ are resolved by the provider;
    /// under -Root every path is taken as inside the root. Absolute paths skip the provider (it is slow for large lists).
    /// </summary>
    internal string ToHostPath(string path)
    {
        if (!TargetRoot.IsLive)
        {
            return HostRoot.Normalize(path);
        }

        return path.StartsWith('/') && !path.Contains("/./", StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal) ? path : ResolveUserPath(path);
    }
}

/// <summary>The base of the SELinux cmdlets that compute expected labels: the policy's file contexts, loaded once per pipeline.</summary>
public abstract class SeLinuxLabelCmdlet : SeLinuxPathCmdlet
{
    private ExpectedLabelResolver? _resolver;

    /// <summary>
    /// <para type="description">The file contexts file to use instead of the configured policy's (matchpathcon -f); a path inside -Root. Its .homedirs, .local, .subs and .subs_dist siblings are read too.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FileContextsPath { get; set; }

    /// <summary>The resolver for the policy under the root, loaded once per pipeline.</summary>
    internal ExpectedLabelResolver Resolver
    {
        get
        {
            if (_resolver is null)
            {
                try
                {
                    _resolver = ExpectedLabelResolver.ForPolicy(TargetRoot, FileContextsPath is null ? null : ToHostPath(FileContextsPath));
                }
                catch (Exception ex) when (ex is not PipelineStoppedException)
                {
                    ThrowEngineError(ex, FileContextsPath ?? Root);
                }
            }

            return _resolver!;
        }
    }
}
