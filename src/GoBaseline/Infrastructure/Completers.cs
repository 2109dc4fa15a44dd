using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GoBaseline.Core.Checks;
using GoBaseline.Core.Profiles;

namespace GoBaseline.Infrastructure;

/// <summary>
/// Completes -ControlId with the ids of the profile in use: the file of the -Profile argument when it is bound (resolved
/// against the current location), else the embedded default; only the controls the command evaluates.
/// </summary>
public sealed class ControlIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        BaselineProfile profile;
        try
        {
            var path = fakeBoundParameters?["Profile"] as string;
            profile = ProfileLoader.Load(path is null || path == ProfileLoader.DefaultName ? null : Resolve(path));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A profile that does not load (yet) has nothing to offer; completion never throws at the user.
            return Array.Empty<CompletionResult>();
        }

        var pattern = WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return profile.Controls
            .Where(c => Evaluates(commandName, c) && pattern.IsMatch(c.Id))
            .Select(c => new CompletionResult(c.Id, c.Id, CompletionResultType.ParameterValue, $"{c.Id} ({c.Severity}): {c.Title}"))
            .ToList();
    }

    private static bool Evaluates(string commandName, ControlDefinition control) => commandName switch
    {
        "Test-GoEnvBaseline" => GoEnvBaselineChecker.Handles(control),
        "Test-AuditRule" or "Compare-AuditRule" => control.Check.Type == CheckType.AuditRule,
        _ => true,
    };

    // The completer runs on the pipeline thread of the session that asked: a nested pipeline there resolves the path
    // the way the cmdlet will (current location, ~, PowerShell drives).
    internal static string Resolve(string path)
    {
        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddScript("param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)").AddArgument(path.Trim('\'', '"'));
        return ps.Invoke<string>().Single();
    }
}

/// <summary>Completes -Profile with directories (to walk into) and *.yaml / *.yml files.</summary>
public sealed class ProfilePathCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionCompleters.CompleteFilename(wordToComplete ?? string.Empty)
            .Where(r => r.ResultType == CompletionResultType.ProviderContainer
                || r.ListItemText.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || r.ListItemText.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
