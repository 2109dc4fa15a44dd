using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoBaseline;

/// <summary>
/// One MLS/MCS level: a sensitivity (s0…s15) and a set of categories (c0…c1023). The text forms "s0:c1,c2,c3" and
/// "s0:c1.c3" are the same level; levels compare by sensitivity and category set, never as text.
/// </summary>
public sealed class SeLinuxLevel : IEquatable<SeLinuxLevel>
{
    private readonly int[] _categories;

    private SeLinuxLevel(string sensitivity, int sensitivityNumber, int[] categories)
    {
        Sensitivity = sensitivity;
        SensitivityNumber = sensitivityNumber;
        _categories = categories;
    }

    /// <summary>The sensitivity as written, e.g. "s0".</summary>
    public string Sensitivity { get; }

    /// <summary>The sensitivity's number (s0 → 0); -1 when it is not of the form s&lt;n&gt; (a translated name).</summary>
    public int SensitivityNumber { get; }

    /// <summary>The categories, sorted ascending, without duplicates.</summary>
    public IReadOnlyList<int> Categories => _categories;

    /// <summary>Parses "s0", "s0:c0.c1023", "s2:c1,c5.c7"; throws <see cref="FormatException"/> on anything else.</summary>
    public static SeLinuxLevel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var sens = colon < 0 ? text : text.Substring(0, colon);
        if (sens.Length == 0 || sens.Contains(',', StringComparison.Ordinal) || sens.Contains('.', StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not an SELinux level: no sensitivity.");
        }

        var number = sens.Length > 1 && sens[0] == 's' && int.TryParse(sens.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var cats = new SortedSet<int>();
        if (colon >= 0)
        {
            var list = text.Substring(colon + 1);
            if (list.Length == 0)
            {
                throw new FormatException($"'{text}' is not an SELinux level: empty category list.");
            }

            foreach (var item in list.Split(','))
            {
                var dot = item.IndexOf('.', StringComparison.Ordinal);
                if (dot < 0)
                {
                    cats.Add(Category(item, text));
                    continue;
                }

                var low = Category(item.Substring(0, dot), text);
                var high = Category(item.Substring(dot + 1), text);
                if (high < low)
                {
                    throw new FormatException($"'{text}' is not an SELinux level: category range {item} runs backwards.");
                }

                for (var c = low; c <= high; c++)
                {
                    cats.Add(c);
                }
            }
        }

        return new SeLinuxLevel(sens, number, new List<int>(cats).ToArray());
    }

    private static int Category(string item, string text)
    {
        if (item.Length > 1 && item[0] == 'c' && int.TryParse(item.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c <= 1023)
        {
            return c;
        }

        throw new FormatException($"'{text}' is not an SELinux level: '{item}' is not a category c0…c1023.");
    }

    /// <summary>
    /// True when this level dominates <paramref name="other"/>: its sensitivity is at least the other's and its
    /// categories include all of the other's.
    /// </summary>
    public bool Dominates(SeLinuxLevel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (SensitivityNumber < 0 || other.SensitivityNumber < 0)
        {
            if (!string.Equals(Sensitivity, other.Sensitivity, StringComparison.Ordinal))
            {
                return false;
            }
        }
        else if (SensitivityNumber < other.SensitivityNumber)
        {
            return false;
        }

        var set = new HashSet<int>(_categories);
        foreach (var c in other._categories)
        {
            if (!set.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Equals(SeLinuxLevel? other)
    {
        if (other is null || !string.Equals(Sensitivity, other.Sensitivity, StringComparison.Ordinal) || other._categories.Length != _categories.Length)
        {
            return false;
        }

        for (var i = 0; i < _categories.Length; i++)
        {
            if (_categories[i] != other._categories[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SeLinuxLevel);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Sensitivity, StringComparer.Ordinal);
        foreach (var c in _categories)
        {
            h.Add(c);
        }

        return h.ToHashCode();
    }

    /// <summary>The canonical text: consecutive categories folded into ranges ("s0:c0.c3,c7").</summary>
    public override string ToString()
    {
        if (_categories.Length == 0)
        {
            return Sensitivity;
        }

        var sb = new StringBuilder(Sensitivity).Append(':');
        var i = 0;
        while (i < _categories.Length)
        {
            var j = i;
            while (j + 1 < _categories.Length && _categories[j + 1] == _categories[j] + 1)
            {
                j++;
            }

            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append('c').Append(_categories[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                // The kernel writes every run of two or more neighbouring categories as a range.
                sb.Append(".c").Append(_categories[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return sb.ToString();
    }
}

/// <summary>An MLS/MCS range "low[-high]"; a single level is a range whose high equals its low.</summary>
public sealed class SeLinuxRange : IEquatable<SeLinuxRange>
{
    private SeLinuxRange(SeLinuxLevel low, SeLinuxLevel high)
    {
        Low = low;
        High = high;
    }

    /// <summary>The low (current) level.</summary>
    public SeLinuxLevel Low { get; }

    /// <summary>The high (clearance) level; equal to <see cref="Low"/> for a single level.</summary>
    public SeLinuxLevel High { get; }

    /// <summary>Parses "s0", "s0-s0:c0.c1023", "s0:c1,c2"; throws <see cref="FormatException"/> otherwise.</summary>
    public static SeLinuxRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var low = SeLinuxLevel.Parse(dash < 0 ? text : text.Substring(0, dash));
        var high = dash < 0 ? low : SeLinuxLevel.Parse(text.Substring(dash + 1));
        if (!high.Dominates(low))
        {
            throw new FormatException($"'{text}' is not an SELinux range: the high level does not dominate the low level.");
        }

        return new SeLinuxRange(low, high);
    }

    /// <summary>True when this range contains <paramref name="other"/> (its high dominates the other's high and the other's low dominates its low).</summary>
    public bool Contains(SeLinuxRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return High.Dominates(other.High) && other.Low.Dominates(Low);
    }

    /// <inheritdoc/>
    public bool Equals(SeLinuxRange? other) => other is not null && Low.Equals(other.Low) && High.Equals(other.High);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SeLinuxRange);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Low, High);

    /// <summary>The canonical text ("s0" for a single level, "s0-s0:c0.c1023" otherwise).</summary>
    public override string ToString() => Low.Equals(High) ? Low.ToString() : Low + "-" + High;
}

/// <summary>
/// An SELinux security context "user:role:type[:range]" of a file or a process. Two contexts are equal when user,
/// role, type and range are; ranges compare by meaning ("s0:c0.c2" equals "s0:c0,c1,c2").
/// </summary>
public sealed class SeLinuxContext : IEquatable<SeLinuxContext>
{
    private SeLinuxContext(string raw, string user, string role, string type, SeLinuxRange? range, string? path, int? processId)
    {
        Raw = raw;
        User = user;
        Role = role;
        Type = type;
        Range = range;
        Path = path;
        ProcessId = processId;
    }

    /// <summary>The SELinux user, e.g. system_u.</summary>
    public string User { get; }

    /// <summary>The role, e.g. object_r.</summary>
    public string Role { get; }

    /// <summary>The type (domain for a process), e.g. bin_t.</summary>
    public string Type { get; }

    /// <summary>The MLS/MCS range; null for a policy without MLS.</summary>
    public SeLinuxRange? Range { get; }

    /// <summary>The context exactly as read.</summary>
    public string Raw { get; }

    /// <summary>The file the context was read from, when it was read from a file.</summary>
    public string? Path { get; }

    /// <summary>The process the context was read from, when it was read from a process.</summary>
    public int? ProcessId { get; }

    /// <summary>Parses "user:role:type[:range]"; throws <see cref="FormatException"/> otherwise.</summary>
    public static SeLinuxContext Parse(string text) => Parse(text, null, null);

    /// <summary>Parses a context read from a file or a process.</summary>
    public static SeLinuxContext Parse(string text, string? path, int? processId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 4);
        if (parts.Length < 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new FormatException($"'{text}' is not an SELinux context (user:role:type[:range]).");
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new FormatException($"'{text}' is not an SELinux context: it contains white space or control characters.");
            }
        }

        var range = parts.Length == 4 ? SeLinuxRange.Parse(parts[3]) : null;
        return new SeLinuxContext(text, parts[0], parts[1], parts[2], range, path, processId);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out SeLinuxContext? context)
    {
        context = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            context = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compares the way restorecon does without -F: only the type decides. With <paramref name="wholeContext"/>
    /// (restorecon -F), user, role, type and range all must be equal.
    /// </summary>
    public bool Matches(SeLinuxContext other, bool wholeContext = false)
    {
        ArgumentNullException.ThrowIfNull(other);
        return wholeContext ? Equals(other) : string.Equals(Type, other.Type, StringComparison.Ordinal);
    }

    /// <summary>Compares role, type and range and ignores the user, as matchpathcon -V (selinux_file_context_cmp) does.</summary>
    public bool EqualsIgnoringUser(SeLinuxContext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Role, other.Role, StringComparison.Ordinal) && string.Equals(Type, other.Type, StringComparison.Ordinal) && Equals(Range, other.Range);
    }

    /// <inheritdoc/>
    public bool Equals(SeLinuxContext? other) =>
        other is not null && string.Equals(User, other.User, StringComparison.Ordinal) && string.Equals(Role, other.Role, StringComparison.Ordinal) &&
        string.Equals(Type, other.Type, StringComparison.Ordinal) && Equals(Range, other.Range);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SeLinuxContext);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(User, Role, Type, Range);

    /// <summary>The context as read.</summary>
    public override string ToString() => Raw;
}
