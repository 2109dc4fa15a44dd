using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Generates a type-enforcement module (.te, .fc, .if) for a Go service and compiles it with checkmodule and semodule_package into a .pp.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SeLinuxPolicyModule", DefaultParameterSetName = "Service", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SeLinuxPolicyModule))]
public sealed class NewSeLinuxPolicyModuleCommand : GoBaselineCmdlet
{
    /// <summary>
    /// <para type="description">The module name, also the prefix of its types: gosvc gives gosvc_t and gosvc_exec_t.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>
    /// <para type="description">The service binary; the .fc file labels it with the exec type, the domain's entrypoint.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service", Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// <para type="description">Give the domain TCP and UDP sockets (binding and connecting to the port types of -BindPortType and -ConnectPortType).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service")]
    public SwitchParameter Network { get; set; }

    /// <summary>
    /// <para type="description">Port types the domain may bind, e.g. http_port_t (needs -Network; the container case defaults to unreserved_port_t).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BindPortType { get; set; }

    /// <summary>
    /// <para type="description">Port types the domain may connect to, e.g. http_port_t for GOPROXY (the container case defaults to http_port_t and unreserved_port_t).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ConnectPortType { get; set; }

    /// <summary>
    /// <para type="description">GOCACHE directories: labelled &lt;name&gt;_cache_t, which the domain may read and write.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? GoCachePath { get; set; }

    /// <summary>
    /// <para type="description">GOPATH directories: labelled &lt;name&gt;_gopath_t, which the domain may read and write (module downloads).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? GoPath { get; set; }

    /// <summary>
    /// <para type="description">The container case: no domain of its own; the container domain named here (container_t) gets network access as libvirt's svirt_lxc_net_t had, and access to the caches.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Container", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? ContainerType { get; set; }

    /// <summary>
    /// <para type="description">Make the new domain permissive (denials logged, not enforced), as sepolicy generate does, for the debugging flow.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service")]
    public SwitchParameter Permissive { get; set; }

    /// <summary>
    /// <para type="description">The directory to write the files to (created when missing); the current directory by default.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>
    /// <para type="description">Write the sources only; do not run checkmodule and semodule_package.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter NoCompile { get; set; }

    /// <summary>
    /// <para type="description">The MLS/MCS range of the file contexts; "s0" by default (Debian's and Fedora's policies are MCS). Use "" for a policy without MLS.</para>
    /// </summary>
    [Parameter]
    [AllowEmptyString]
    public string Range { get; set; } = "s0";

    /// <summary>
    /// <para type="description">Overwrite module files (.te, .fc, .if, .mod, .pp) of that name that already exist in the directory; without it New-SeLinuxPolicyModule refuses (SeLinuxPolicyModuleExists).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        try
        {
            var request = new PolicyModuleRequest
            {
                Name = Name!,
                ExecutablePath = ExecutablePath,
                Network = Network,
                BindPortTypes = BindPortType ?? Array.Empty<string>(),
                ConnectPortTypes = ConnectPortType ?? Array.Empty<string>(),
                GoCachePaths = GoCachePath ?? Array.Empty<string>(),
                GoPathPaths = GoPath ?? Array.Empty<string>(),
                ContainerType = ContainerType,
                Permissive = Permissive,
                Range = Range.Length == 0 ? null : Range,
            };
            var sources = PolicyModuleGenerator.Generate(request);
            var dir = ResolveUserPath(Path ?? ".");
            var te = System.IO.Path.Combine(dir, Name + ".te");
            var fc = System.IO.Path.Combine(dir, Name + ".fc");
            var iface = System.IO.Path.Combine(dir, Name + ".if");
            var compile = NoCompile ? Array.Empty<Core.Host.NativeCommand>() : PolicyModuleGenerator.CompileCommands(dir, Name!, sources.Fc.Length > 0, request.Range is not null).ToArray();

            // Existing sources or packages of that name are someone's work: replace them only when asked to.
            var outputs = new[] { te, fc, iface }.Concat(NoCompile ? Array.Empty<string>() : new[] { System.IO.Path.Combine(dir, Name + ".mod"), System.IO.Path.Combine(dir, Name + ".pp") });
            var existing = outputs.Where(File.Exists).ToList();
            if (existing.Count > 0 && !Force)
            {
                throw new GoBaselineException(ErrorIds.SeLinuxPolicyModuleExists, FailureKind.InvalidOperation, $"{string.Join(", ", existing)} already exist(s); use -Force to overwrite.", existing[0]);
            }

            // The WhatIf text is what will run: the files written, then the exact compile commands.
            var what = $"Write {te}, {fc}, {iface}" + string.Concat(compile.Select(c => "; " + c.CommandLine));
            if (!ShouldProcess(what))
            {
                return;
            }

            Directory.CreateDirectory(dir);
            File.WriteAllText(te, sources.Te);
            File.WriteAllText(fc, sources.Fc);
            File.WriteAllText(iface, sources.If);
            string? pp = null;
            if (!NoCompile)
            {
                try
                {
                    foreach (var c in compile)
                    {
                        WriteVerbose(c.CommandLine);
                        Runner.Run(c, CancelToken);
                    }
                }
                catch (Core.Host.NativeCommandException ex) when (ex.Kind == FailureKind.ExternalFailure)
                {
                    throw new GoBaselineException(ErrorIds.SeLinuxPolicyCompileFailed, FailureKind.InvalidData, ex.Message, te, ex);
                }

                pp = System.IO.Path.Combine(dir, Name + ".pp");
            }

            WriteObject(new SeLinuxPolicyModule(Name!, sources.Domain, sources.ExecType, dir, te, fc, iface, pp, sources.Te, sources.Fc));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, Name);
        }
    }
}
