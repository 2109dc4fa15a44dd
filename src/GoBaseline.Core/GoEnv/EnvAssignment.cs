namespace GoBaseline.Core.GoEnv;

/// <summary>One NAME=value assignment found in a configuration file, with where it stands.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Value">The value after quote removal (and, for shell scripts, expansion of variables known so far).</param>
/// <param name="File">The file, as a path inside the host root.</param>
/// <param name="Line">1-based line.</param>
/// <param name="IsDynamic">
/// True when the value is not statically known: a command substitution or a variable that could not be expanded, an
/// assignment that runs only under a condition (if/case/loop/function, after &amp;&amp; or ||), an unresolved specifier.
/// </param>
/// <param name="Why">Why the value is not known (null: the value used something that cannot be expanded).</param>
public sealed record EnvAssignment(string Name, string Value, string File, int Line, bool IsDynamic = false, string? Why = null);
