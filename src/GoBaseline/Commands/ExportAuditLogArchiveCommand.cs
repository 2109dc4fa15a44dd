using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Archives audit logs into verified gzip files (one per day or per size) with a SHA-256 manifest, optionally removing the sources and old archives.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AuditLogArchive", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuditLogArchive))]
public sealed class ExportAuditLogArchiveCommand : HostReadingCmdlet
{
    private readonly List<string> _paths = new();

    /// <summary>
    /// <para type="description">The logs to archive, oldest first, or a directory (its rotated audit.log.N files). Default: the rotated
    /// logs of log_file in /etc/audit/auditd.conf under -Root, never the log auditd is writing.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary><para type="description">The directory that receives the archives and the SHA256SUMS manifest.</para></summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary><para type="description">Day (the default): one archive per UTC day of the events; Size: a new archive past -MaximumSize.</para></summary>
    [Parameter]
    public AuditArchiveSplit SplitBy { get; set; } = AuditArchiveSplit.Day;

    /// <summary><para type="description">With -SplitBy Size: the largest uncompressed size of one archive, in bytes (default 64 MB).</para></summary>
    [Parameter]
    [ValidateRange(4096, long.MaxValue)]
    public long MaximumSize { get; set; } = 64L * 1024 * 1024;

    /// <summary><para type="description">Delete each source log once every archive holding its lines is written, fsynced and verified.</para></summary>
    [Parameter]
    public SwitchParameter RemoveSource { get; set; }

    /// <summary><para type="description">Delete archives in -Destination whose day is more than this many days ago (and drop them from the manifest).</para></summary>
    [Parameter]
    [ValidateRange(0, 36500)]
    public int? RetentionDays { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Path is not null)
        {
            foreach (var p in Path)
            {
                _paths.Add(ResolveUserPath(p));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var sources = new List<string>();
            if (_paths.Count == 0)
            {
                var all = AuditLogReader.DefaultLogFiles(TargetRoot);
                // The last file of the rotation set is the live log: leave it to auditd.
                for (var i = 0; i < all.Count - 1; i++)
                {
                    sources.Add(all[i]);
                }
            }
            else
            {
                foreach (var p in _paths)
                {
                    if (Directory.Exists(p))
                    {
                        var set = AuditLogReader.RotationSet(System.IO.Path.Combine(p, "audit.log"));
                        for (var i = 0; i < set.Count; i++)
                        {
                            if (!set[i].EndsWith("/audit.log", StringComparison.Ordinal))
                            {
                                sources.Add(set[i]);
                            }
                        }
                    }
                    else
                    {
                        sources.Add(p);
                    }
                }
            }

            var archiver = new AuditLogArchiver(new Approver(this));
            var destination = ResolveUserPath(Destination);
            foreach (var a in archiver.Archive(sources, destination, SplitBy, MaximumSize, RemoveSource, RetentionDays, DateTimeOffset.UtcNow))
            {
                WriteObject(a);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Destination);
        }
        finally
        {
            base.EndProcessing();
        }
    }

    private sealed class Approver : IArchiveApprover
    {
        private readonly ExportAuditLogArchiveCommand _cmdlet;

        public Approver(ExportAuditLogArchiveCommand cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public bool Approve(string target, string action) => _cmdlet.ShouldProcess(target, action);
    }
}
