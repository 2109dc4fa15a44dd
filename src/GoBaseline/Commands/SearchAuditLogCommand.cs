using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Searches audit logs like ausearch, returning typed AuditEvent objects (or the raw lines).</para>
/// </summary>
[Cmdlet(VerbsCommon.Search, "AuditLog")]
[OutputType(typeof(AuditEvent))]
[OutputType(typeof(string))]
public sealed class SearchAuditLogCommand : AuditLogCmdlet
{
    /// <summary><para type="description">Rule keys (key=); an event matches when one of its keys contains one of these (ausearch -k).</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <summary><para type="description">Record types (SYSCALL, USER_LOGIN, …); an event matches when one of its records has one (ausearch -m).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? MessageType { get; set; }

    /// <summary><para type="description">Events with this serial number (ausearch -a).</para></summary>
    [Parameter]
    public long[]? EventId { get; set; }

    /// <summary><para type="description">pid= of the event (ausearch -p).</para></summary>
    [Parameter]
    public int[]? ProcessId { get; set; }

    /// <summary><para type="description">ppid= of the event (ausearch -pp).</para></summary>
    [Parameter]
    public int[]? ParentProcessId { get; set; }

    /// <summary><para type="description">exe= contains this text (ausearch -x).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Executable { get; set; }

    /// <summary><para type="description">comm= contains this text (ausearch -c).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Comm { get; set; }

    /// <summary><para type="description">Syscall names or numbers, interpreted for each event's architecture (ausearch -sc).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Syscall { get; set; }

    /// <summary><para type="description">Only successful events (ausearch -sv yes).</para></summary>
    [Parameter]
    public SwitchParameter Success { get; set; }

    /// <summary><para type="description">Only failed events (ausearch -sv no).</para></summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    /// <summary><para type="description">exit= values: numbers or errno names (EACCES means -13) (ausearch -e).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ExitCode { get; set; }

    /// <summary><para type="description">uid= as a user name or number, resolved under -Root (ausearch -ui).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Uid { get; set; }

    /// <summary><para type="description">auid= (login uid) as a user name, number or "unset" (ausearch -ul).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? LoginUid { get; set; }

    /// <summary><para type="description">ses= (login session id) (ausearch --session).</para></summary>
    [Parameter]
    public long[]? Session { get; set; }

    /// <summary><para type="description">A file name the event touched (PATH name=, cwd, unix socket path) contains this text (ausearch -f).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? File { get; set; }

    /// <summary><para type="description">Write the original log lines of the matching events instead of objects (ausearch --format raw).</para></summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary><para type="description">After the existing events, keep following the log as auditd writes it, across rotations, until Ctrl+C.</para></summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var files = ResolveFiles();
            var query = BuildQuery(new AuditQuery
            {
                Keys = Key,
                MessageTypes = MessageType is null ? null : new HashSet<string>(MessageType.Select(m => m.ToUpperInvariant()), StringComparer.Ordinal),
                EventIds = EventId is null ? null : new HashSet<long>(EventId),
                ProcessIds = ProcessId is null ? null : new HashSet<long>(ProcessId.Select(p => (long)p)),
                ParentProcessIds = ParentProcessId is null ? null : new HashSet<long>(ParentProcessId.Select(p => (long)p)),
                Executables = Executable,
                Comms = Comm,
                Syscalls = Syscall,
                Success = Success.IsPresent ? true : Failed.IsPresent ? false : null,
                ExitCodes = ExitCode is null ? null : new HashSet<long>(ExitCode.Select(AuditQuery.ResolveExit)),
                Uids = Uid is null ? null : new HashSet<long>(Uid.Select(u => AuditQuery.ResolveUser(TargetRoot, u))),
                LoginUids = LoginUid is null ? null : new HashSet<long>(LoginUid.Select(u => AuditQuery.ResolveUser(TargetRoot, u))),
                Sessions = Session is null ? null : new HashSet<long>(Session),
                Files = File,
            });
            var search = NewSearch();
            IEnumerable<RawEvent> events;
            if (Wait)
            {
                var reader = new AuditLogReader(Sink);
                events = reader.Follow(files, CancelToken).Where(query.Matches);
            }
            else
            {
                events = search.SearchRaw(files, query, CancelToken);
            }

            foreach (var ev in events)
            {
                if (Raw)
                {
                    foreach (var line in ev.Records)
                    {
                        WriteObject(line.Text);
                    }
                }
                else
                {
                    WriteObject(search.Interpreter.ToEvent(ev));
                }
            }

            FinishWarnings();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C while following or reading.
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path is { Length: > 0 } ? Path[0] : Root);
        }
        finally
        {
            base.EndProcessing();
        }
    }
}
