using System;
using System.IO;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Host;

namespace GoBaseline.Infrastructure;

/// <summary>The one map from engine exceptions, errno-derived exceptions and native failures to ErrorRecords.</summary>
internal static class ErrorMapper
{
    /// <summary>The ErrorCategory for a failure kind.</summary>
    internal static ErrorCategory Category(FailureKind kind, bool parse) => kind switch
    {
        FailureKind.NotFound => ErrorCategory.ObjectNotFound,
        FailureKind.InvalidData => parse ? ErrorCategory.ParserError : ErrorCategory.InvalidData,
        FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
        FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
        FailureKind.NotInstalled => ErrorCategory.NotInstalled,
        FailureKind.ResourceBusy => ErrorCategory.ResourceBusy,
        FailureKind.Timeout => ErrorCategory.OperationTimeout,
        FailureKind.InvalidOperation => ErrorCategory.InvalidOperation,
        FailureKind.ExternalFailure => ErrorCategory.InvalidResult,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>Turns any exception into an ErrorRecord with a stable id, a specific category and the real target.</summary>
    internal static ErrorRecord ToRecord(Exception ex, object? target = null)
    {
        ErrorRecord record;
        switch (ex)
        {
            case GoBaselineException g:
                record = new ErrorRecord(g, g.ErrorId, Category(g.Kind, g is GoBaseline.Core.ParseException), g.Target ?? target);
                if (g is NativeCommandException { Command.Package: { } pkg } && g.Kind == FailureKind.NotInstalled)
                {
                    record.ErrorDetails = new ErrorDetails(g.Message) { RecommendedAction = $"apt-get install {pkg}" };
                }

                break;
            case FileNotFoundException or DirectoryNotFoundException:
                record = new ErrorRecord(ex, ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, target);
                break;
            case UnauthorizedAccessException:
                record = new ErrorRecord(ex, ErrorIds.PathReadFailed, ErrorCategory.PermissionDenied, target);
                break;
            case IOException:
                record = new ErrorRecord(ex, ErrorIds.PathReadFailed, ErrorCategory.ReadError, target);
                break;
            case OperationCanceledException:
                record = new ErrorRecord(ex, ErrorIds.OperationStopped, ErrorCategory.OperationStopped, target);
                break;
            case TimeoutException:
                record = new ErrorRecord(ex, ErrorIds.NativeCommandTimedOut, ErrorCategory.OperationTimeout, target);
                break;
            case ArgumentException:
                record = new ErrorRecord(ex, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target);
                break;
            default:
                record = new ErrorRecord(ex, ErrorIds.InternalError, ErrorCategory.NotSpecified, target);
                break;
        }

        return record;
    }
}
