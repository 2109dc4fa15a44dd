using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.SeLinux;

/// <summary>A path alias from file_contexts.subs or .subs_dist ("/var/run /run").</summary>
/// <param name="Source">The alias prefix.</param>
/// <param name="Destination">The path it stands for.</param>
/// <param name="File">The file it is in.</param>
/// <param name="Line">Its line.</param>
public sealed record FileContextSubstitution(string Source, string Destination, string File, int Line);

/// <summary>The answer of a lookup: the deciding rule (null when none matched) and the path that was looked up.</summary>
/// <param name="Rule">The first matching rule in libselinux's order; null when none matched.</param>
/// <param name="LookupPath">The key after duplicate-slash removal and substitution.</param>
/// <param name="Substitution">The alias applied, if any.</param>
public sealed record FileContextMatch(FileContextRule? Rule, string LookupPath, FileContextSubstitution? Substitution)
{
    /// <summary>True when no label results (no rule, or &lt;&lt;none&gt;&gt;): selabel_lookup fails with ENOENT.</summary>
    public bool IsNone => Rule is null || Rule.IsNone;
}

/// <summary>
/// The file-context database of a policy, computed in managed code exactly as libselinux's label_file backend
/// (selabel_file(5)) does: file_contexts, then .homedirs, then .local, sorted by sort_specs (regexes first, exact
/// paths last, input order kept), looked up from the end so that exact paths win and, among regexes, the last
/// matching rule wins; .subs then .subs_dist aliasing, stems and file type qualifiers; &lt;&lt;none&gt;&gt;.
/// </summary>
public sealed class FileContexts
{
    private readonly List<FileContextRule> _sorted;
    private readonly List<FileContextSubstitution> _subs;
    private readonly List<FileContextSubstitution> _distSubs;
    private readonly HashSet<string> _stems = new(StringComparer.Ordinal);
    private readonly TrieNode _trie = new();

    private FileContexts(List<FileContextRule> rules, List<FileContextSubstitution> subs, List<FileContextSubstitution> distSubs, IReadOnlyList<string> files)
    {
        // sort_specs: regexes to the front and exact paths to the back, each group in input order.
        _sorted = new List<FileContextRule>(rules.Count);
        foreach (var r in rules)
        {
            if (r.HasMetaChars)
            {
                _sorted.Add(r);
            }
        }

        foreach (var r in rules)
        {
            if (!r.HasMetaChars)
            {
                _sorted.Add(r);
            }
        }

        for (var i = 0; i < _sorted.Count; i++)
        {
            var r = _sorted[i];
            r.SortedOrder = i;
            if (r.Stem is not null)
            {
                _stems.Add(r.Stem);
            }

            var node = _trie;
            foreach (var c in r.LiteralPrefix)
            {
                node.Children ??= new Dictionary<char, TrieNode>();
                if (!node.Children.TryGetValue(c, out var next))
                {
                    next = new TrieNode();
                    node.Children[c] = next;
                }

                node = next;
            }

            node.Rules ??= new List<int>();
            node.Rules.Add(i);
        }

        _subs = subs;
        _distSubs = distSubs;
        Files = files;
    }

    /// <summary>The rules in libselinux's sorted order (the lookup scans them from the end).</summary>
    public IReadOnlyList<FileContextRule> Rules => _sorted;

    /// <summary>The local aliases (.subs), in the order they are tried.</summary>
    public IReadOnlyList<FileContextSubstitution> Substitutions => _subs;

    /// <summary>The distribution aliases (.subs_dist), in the order they are tried.</summary>
    public IReadOnlyList<FileContextSubstitution> DistributionSubstitutions => _distSubs;

    /// <summary>The files that were loaded (paths inside the root).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Loads the database as selabel_open does for <paramref name="fileContextsPath"/>: the file itself, then unless
    /// <paramref name="baseOnly"/> its .homedirs and .local siblings, and the .subs_dist and .subs aliases.
    /// </summary>
    public static FileContexts Load(HostRoot host, string fileContextsPath, bool baseOnly = false)
    {
        var text = SeLinuxFiles.TryReadAllBytes(host, fileContextsPath)
            ?? throw new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{fileContextsPath}: the file contexts of the policy are not installed under {host.Root}.", fileContextsPath);
        var rules = new List<FileContextRule>();
        var files = new List<string> { fileContextsPath };
        ParseInto(Latin1(text), fileContextsPath, rules);
        if (!baseOnly)
        {
            foreach (var suffix in new[] { ".homedirs", ".local" })
            {
                var extra = SeLinuxFiles.TryReadAllBytes(host, fileContextsPath + suffix);
                if (extra is not null)
                {
                    ParseInto(Latin1(extra), fileContextsPath + suffix, rules);
                    files.Add(fileContextsPath + suffix);
                }
            }
        }

        var dist = ParseSubstitutions(SeLinuxFiles.TryReadAllBytes(host, fileContextsPath + ".subs_dist"), fileContextsPath + ".subs_dist");
        var subs = ParseSubstitutions(SeLinuxFiles.TryReadAllBytes(host, fileContextsPath + ".subs"), fileContextsPath + ".subs");
        return new FileContexts(rules, subs, dist, files);
    }

    /// <summary>Builds a database from texts (pure; for tests and for files read elsewhere).</summary>
    public static FileContexts FromText(IEnumerable<(string File, string Text)> specFiles, string? subsText = null, string? subsDistText = null)
    {
        var rules = new List<FileContextRule>();
        var files = new List<string>();
        foreach (var (file, text) in specFiles)
        {
            ParseInto(text, file, rules);
            files.Add(file);
        }

        var subs = ParseSubstitutions(subsText is null ? null : Encoding.Latin1.GetBytes(subsText), "file_contexts.subs");
        var dist = ParseSubstitutions(subsDistText is null ? null : Encoding.Latin1.GetBytes(subsDistText), "file_contexts.subs_dist");
        return new FileContexts(rules, subs, dist, files);
    }

    /// <summary>
    /// Parses the lines of one spec file as process_line/read_spec_entries do: white-space separated fields, "#"
    /// comments, two fields (regex, context) or three (regex, type, context); further fields are ignored.
    /// </summary>
    public static void ParseInto(string text, string file, List<FileContextRule> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        var lineNo = 0;
        var start = 0;
        var fields = new List<string>(3);
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            lineNo++;
            var line = text.AsSpan(start, end - start);
            start = end + 1;
            fields.Clear();
            var i = 0;
            while (i < line.Length && IsSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length || line[i] == '#')
            {
                continue;
            }

            while (fields.Count < 3 && i < line.Length)
            {
                while (i < line.Length && IsSpace(line[i]))
                {
                    i++;
                }

                var f = i;
                while (i < line.Length && !IsSpace(line[i]))
                {
                    if (line[i] > 0x7F)
                    {
                        throw new ParseException(ErrorIds.SeLinuxFileContextsInvalid, new SourcePosition(file, lineNo, i + 1), "non-ASCII characters found.");
                    }

                    i++;
                }

                if (i > f)
                {
                    fields.Add(line.Slice(f, i - f).ToString());
                }
            }

            if (fields.Count == 1)
            {
                throw new ParseException(ErrorIds.SeLinuxFileContextsInvalid, new SourcePosition(file, lineNo, 1), "the line is missing fields (pathname [file type] context).");
            }

            string? type = null;
            string context;
            if (fields.Count == 2)
            {
                context = fields[1];
            }
            else
            {
                type = fields[1];
                context = fields[2];
            }

            var mode = ParseMode(type);
            if (mode is null)
            {
                throw new ParseException(ErrorIds.SeLinuxFileContextsInvalid, new SourcePosition(file, lineNo, 1), $"'{type}' is not a file type (--, -d, -l, -c, -b, -s, -p).");
            }

            into.Add(new FileContextRule(fields[0], type, mode.Value, context, file, lineNo, into.Count));
        }
    }

    /// <summary>string_to_mode: the file type qualifier's file kind; Unknown for none; null when invalid.</summary>
    public static UnixFileKind? ParseMode(string? type)
    {
        if (type is null)
        {
            return UnixFileKind.Unknown;
        }

        if (type.Length != 2 || type[0] != '-')
        {
            return null;
        }

        return type[1] switch
        {
            'b' => UnixFileKind.BlockDevice,
            'c' => UnixFileKind.CharacterDevice,
            'd' => UnixFileKind.Directory,
            'p' => UnixFileKind.Fifo,
            'l' => UnixFileKind.SymbolicLink,
            's' => UnixFileKind.Socket,
            '-' => UnixFileKind.RegularFile,
            _ => null,
        };
    }

    /// <summary>
    /// Parses a .subs/.subs_dist file as selabel_subs_init does: "alias original" per line, "#" comments. Each new
    /// line is put in front of the list, so the last line is tried first.
    /// </summary>
    public static List<FileContextSubstitution> ParseSubstitutions(byte[]? bytes, string file)
    {
        var list = new List<FileContextSubstitution>();
        if (bytes is null)
        {
            return list;
        }

        var lineNo = 0;
        foreach (var raw in Latin1(bytes).Split('\n'))
        {
            lineNo++;
            var parts = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0].StartsWith('#') || parts.Length < 2)
            {
                continue;
            }

            list.Insert(0, new FileContextSubstitution(parts[0], parts[1], file, lineNo));
        }

        return list;
    }

    /// <summary>
    /// selabel_lookup(path, mode) without the realpath step: duplicate slashes removed, aliases applied, then the
    /// rules scanned from the end. <paramref name="path"/> is a normal .NET string; <paramref name="mode"/> is the
    /// file's kind from lstat, or Unknown (0) to match rules of any type.
    /// </summary>
    public FileContextMatch Lookup(string path, UnixFileKind mode)
    {
        var key = ToBytesView(path);
        if (key.Contains("//", StringComparison.Ordinal))
        {
            var sb = new StringBuilder(key.Length);
            for (var i = 0; i < key.Length; i++)
            {
                if (key[i] == '/' && i + 1 < key.Length && key[i + 1] == '/')
                {
                    continue;
                }

                sb.Append(key[i]);
            }

            key = sb.ToString();
        }

        FileContextSubstitution? applied = null;
        var sub = Substitute(_subs, key);
        if (sub is not null)
        {
            applied = sub.Value.Sub;
            key = sub.Value.Result;
        }

        var dist = Substitute(_distSubs, key);
        if (dist is not null)
        {
            applied = dist.Value.Sub;
            key = dist.Value.Result;
        }

        var stem = FileContextRule.PathStem(key);
        if (stem is not null && !_stems.Contains(stem))
        {
            stem = null;
        }

        // Candidates: every rule whose literal prefix starts the key; libselinux would try all rules from the end,
        // and a rule whose prefix does not start the key cannot match, so the answer is the same.
        Span<int> buffer = stackalloc int[256];
        var candidates = new CandidateList(buffer);
        var node = _trie;
        candidates.AddRange(node.Rules);
        foreach (var c in key)
        {
            if (node.Children is null || !node.Children.TryGetValue(c, out node))
            {
                break;
            }

            candidates.AddRange(node.Rules);
        }

        var found = candidates.Sorted();
        for (var k = found.Length - 1; k >= 0; k--)
        {
            var rule = _sorted[found[k]];
            if (rule.Stem is not null && !string.Equals(rule.Stem, stem, StringComparison.Ordinal))
            {
                continue;
            }

            if (mode != UnixFileKind.Unknown && rule.Mode != UnixFileKind.Unknown && rule.Mode != mode)
            {
                continue;
            }

            if (rule.IsMatch(key))
            {
                return new FileContextMatch(rule, FromBytesView(key), applied);
            }
        }

        return new FileContextMatch(null, FromBytesView(key), applied);
    }

    private static (FileContextSubstitution Sub, string Result)? Substitute(List<FileContextSubstitution> list, string key)
    {
        foreach (var s in list)
        {
            if (key.StartsWith(s.Source, StringComparison.Ordinal) && (key.Length == s.Source.Length || key[s.Source.Length] == '/'))
            {
                var cut = key.Length > s.Source.Length && s.Destination == "/" ? s.Source.Length + 1 : s.Source.Length;
                return (s, s.Destination + key.Substring(cut));
            }
        }

        return null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\v' or '\f' or '\n';

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The path as one char per UTF-8 byte, the way PCRE2 sees it in libselinux.</summary>
    internal static string ToBytesView(string path)
    {
        foreach (var c in path)
        {
            if (c > 0x7F)
            {
                return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(path));
            }
        }

        return path;
    }

    private static string FromBytesView(string view)
    {
        foreach (var c in view)
        {
            if (c > 0x7F)
            {
                return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(view));
            }
        }

        return view;
    }

    private sealed class TrieNode
    {
        public Dictionary<char, TrieNode>? Children;
        public List<int>? Rules;
    }

    private ref struct CandidateList
    {
        private Span<int> _items;
        private int _count;
        private int[]? _heap;

        public CandidateList(Span<int> buffer)
        {
            _items = buffer;
            _count = 0;
            _heap = null;
        }

        public void AddRange(List<int>? rules)
        {
            if (rules is null)
            {
                return;
            }

            foreach (var r in rules)
            {
                if (_count == _items.Length)
                {
                    _heap = new int[_items.Length * 2];
                    _items.CopyTo(_heap);
                    _items = _heap;
                }

                _items[_count++] = r;
            }
        }

        public Span<int> Sorted()
        {
            var s = _items.Slice(0, _count);
            s.Sort();
            return s;
        }
    }
}
