using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GoBaseline.Core.Host;
using GoBaseline.Core.SeLinux;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.SeLinux;

/// <summary>
/// The managed file-context engine must answer what the real matchpathcon (libselinux) answers, on every path of this
/// machine's /usr, /etc, /var and /opt, for the installed policy, for the refpolicy fixture, and with semanage fcontext
/// customisations (file_contexts.local and .subs) in place.
/// </summary>
[Collection("SeLinuxPolicyStore")]
public class FileContextsEqualityTests
{
    private readonly ITestOutputHelper _out;

    public FileContextsEqualityTests(ITestOutputHelper output) => _out = output;

    /// <summary>All paths under the four trees, as find lists them (links not followed), minus names matchpathcon's line output cannot carry.</summary>
    internal static List<string> MachinePaths()
    {
        var r = NativeRunner.Default.Run(new NativeCommand("find", new[] { "/usr", "/etc", "/var", "/opt", "-print0" }) { SuccessExitCodes = new[] { 0, 1 }, Timeout = TimeSpan.FromMinutes(2) });
        return r.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.Contains('\n') && !p.Contains('\t') && !p.Contains('\uFFFD'))
            .ToList();
    }

    /// <summary>matchpathcon on many paths, in batches, two processes at a time; returns path → printed context.</summary>
    internal static Dictionary<string, string> Matchpathcon(IReadOnlyList<string> paths, params string[] options)
    {
        const int batch = 4000;
        var chunks = new List<string[]>();
        for (var i = 0; i < paths.Count; i += batch)
        {
            chunks.Add(paths.Skip(i).Take(batch).ToArray());
        }

        var results = new Dictionary<string, string>[chunks.Count];
        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var r = NativeRunner.Default.Run(new NativeCommand("matchpathcon", options.Concat(chunks[i])) { Timeout = TimeSpan.FromMinutes(3) });
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var tab = line.LastIndexOf('\t');
                d[line.Substring(0, tab)] = line.Substring(tab + 1);
            }

            results[i] = d;
        });
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in results)
        {
            foreach (var (k, v) in d)
            {
                all[k] = v;
            }
        }

        return all;
    }

    private int CompareAll(ExpectedLabelResolver resolver, IReadOnlyList<string> paths, Dictionary<string, string> reference)
    {
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var p in paths)
        {
            var key = p.Length > 1 && p.EndsWith('/') ? p[..^1] : p;
            if (!reference.TryGetValue(key, out var expected))
            {
                continue;
            }

            compared++;
            var ours = resolver.Resolve(p);
            if (ours.ContextText != expected)
            {
                mismatches.Add($"{p}: matchpathcon {expected}, engine {ours.ContextText} ({ours.Rule} '{ours.RuleSpec}', lookup {ours.LookupPath})");
            }
        }

        foreach (var m in mismatches.Take(30))
        {
            _out.WriteLine(m);
        }

        _out.WriteLine($"compared {compared} paths, {mismatches.Count} differ");
        Assert.Empty(mismatches);
        return compared;
    }

    [Fact]
    public void InstalledPolicyEqualsMatchpathconOnEveryMachinePath()
    {
        // Nobody may customise the store while both sides read it.
        using var storeLock = SemanageFixture.LockStore();
        var paths = MachinePaths();
        var reference = Matchpathcon(paths);
        var resolver = ExpectedLabelResolver.ForPolicy(HostRoot.Live);
        var compared = CompareAll(resolver, paths, reference);
        Assert.True(compared >= 100_000, $"only {compared} paths compared");
    }

    [Fact]
    public void RefpolicyFixtureEqualsMatchpathconOnEveryMachinePath()
    {
        using var tree = new TempTree();
        var fc = tree.Write("/etc/selinux/refpolicy/contexts/files/file_contexts", File.ReadAllText(Fixtures.Path("selinux", "refpolicy_file_contexts")));
        tree.Write("/etc/selinux/refpolicy/contexts/files/file_contexts.subs_dist", "/var/run /run\n/bin /usr/bin\n/lib64 /usr/lib\n");
        tree.Write("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=refpolicy\n");
        // Every third path keeps the suite's time modest; the installed-policy tests cover every path.
        var paths = MachinePaths().Where((_, i) => i % 3 == 0).ToList();
        var reference = Matchpathcon(paths, "-f", fc);

        // The database comes from the fixture root; the paths are this machine's (the same lstat/realpath on both sides).
        var database = FileContexts.Load(new HostRoot(tree.Root), SeLinuxFiles.FileContextsPath(new HostRoot(tree.Root)));
        Assert.True(database.Rules.Count > 5000);
        var compared = CompareAll(new ExpectedLabelResolver(HostRoot.Live, database), paths, reference);
        Assert.True(compared >= 50_000, $"only {compared} paths compared");
    }

    [Fact]
    public void SemanageCustomisationsEqualMatchpathcon()
    {
        SemanageFixture.WithCustomisations(() =>
        {
            var paths = MachinePaths();
            var reference = Matchpathcon(paths);
            var resolver = ExpectedLabelResolver.ForPolicy(HostRoot.Live);
            Assert.Contains(resolver.Database.Files, f => f.EndsWith(".local", StringComparison.Ordinal));
            Assert.NotEmpty(resolver.Database.Substitutions);
            var compared = CompareAll(resolver, paths, reference);
            Assert.True(compared >= 100_000, $"only {compared} paths compared");

            // The customisations decide where they should, and the answer names the rule.
            var doc = resolver.Resolve("/usr/share/doc");
            Assert.Equal("httpd_sys_content_t", doc.Context?.Type);
            Assert.EndsWith("file_contexts.local", doc.RuleFile, StringComparison.Ordinal);
            var skills = resolver.Resolve("/opt/gobaseline-alias/bin/ls");
            Assert.Equal("/opt/gobaseline-alias -> /usr", skills.Substitution);
            Assert.Equal("/usr/bin/ls", skills.LookupPath);
        });
    }
}

/// <summary>Tests that change the shared SELinux policy store run one at a time.</summary>
[CollectionDefinition("SeLinuxPolicyStore", DisableParallelization = true)]
public class SeLinuxPolicyStoreCollection
{
}

/// <summary>
/// Applies semanage fcontext customisations to the real policy store in one transaction (semanage import) and
/// restores the previous local state afterwards from a semanage export snapshot.
/// </summary>
internal static class SemanageFixture
{
    internal const string Customisations =
        "fcontext -a -f a -t httpd_sys_content_t '/usr/share/doc(/.*)?'\n" +
        "fcontext -a -f d -t etc_t '/etc/ssh'\n" +
        "fcontext -a -f f -t bin_t '/var/lib/dpkg/info/[a-c].*\\.list'\n" +
        "fcontext -a -f a -t <<none>> '/var/cache/debconf(/.*)?'\n" +
        "fcontext -a -f a -t bin_t '/opt/go(/.*)?'\n" +
        "fcontext -a -e /usr /opt/gobaseline-alias\n";

    /// <summary>The lock every test that changes the shared policy store holds (also the Pester suite).</summary>
    internal const string StoreLock = "/tmp/gobaseline-selinux-store.lock";

    /// <summary>Waits for the store lock: .NET takes an exclusive flock for FileShare.None, across processes.</summary>
    internal static FileStream LockStore()
    {
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try
            {
                return new FileStream(StoreLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(500);
            }
        }
    }

    internal static void WithCustomisations(Action body)
    {
        // Another process (another worktree's test run) may be changing the store: a snapshot taken in the middle of
        // its run would bring its rules back at restore time.
        using var storeLock = LockStore();
        var snapshot = Path.GetTempFileName();
        var import = Path.GetTempFileName();
        NativeRunner.Default.Run(new NativeCommand("semanage", new[] { "export", "-f", snapshot }) { Timeout = TimeSpan.FromMinutes(5) });
        try
        {
            File.WriteAllText(import, Customisations);
            NativeRunner.Default.Run(new NativeCommand("semanage", new[] { "import", "-f", import }) { Timeout = TimeSpan.FromMinutes(5) });
            body();
        }
        finally
        {
            // Only the fcontext part of the snapshot is replayed: "fcontext -D" removes the test's rules and the
            // exported rules of before come back; other kinds of customisation were never touched.
            var restore = "fcontext -D\n" + string.Concat(File.ReadAllLines(snapshot).Where(l => l.StartsWith("fcontext ", StringComparison.Ordinal) && l != "fcontext -D").Select(l => l + "\n"));
            File.WriteAllText(import, restore);
            NativeRunner.Default.Run(new NativeCommand("semanage", new[] { "import", "-f", import }) { Timeout = TimeSpan.FromMinutes(5) });
            File.Delete(snapshot);
            File.Delete(import);
        }
    }
}
