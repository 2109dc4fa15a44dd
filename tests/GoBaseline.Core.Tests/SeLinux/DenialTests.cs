using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBaseline.Core.Host;
using GoBaseline.Core.SeLinux;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.SeLinux;

/// <summary>The allow rules of the parsed denials equal what the real audit2allow -p prints for the AVC fixtures.</summary>
public class DenialTests
{
    private readonly ITestOutputHelper _out;

    public DenialTests(ITestOutputHelper output) => _out = output;

    // audit2allow splits one source/target/class into several rules when audit2why files its denials under
    // different explanations (allowed, dontaudit, boolean, constraint): that needs the compiled policy. Both sides
    // are therefore compared merged by source, target and class.
    private static SortedSet<string> Merge(IEnumerable<string> ruleLines)
    {
        var map = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var line in ruleLines.Where(l => l.StartsWith("allow ", StringComparison.Ordinal)))
        {
            var body = line.Substring(6).TrimEnd(';');
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var space = body.IndexOf(' ', colon);
            var key = body.Substring(0, space);
            var perms = body.Substring(space + 1).Trim('{', '}', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!map.TryGetValue(key, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                map[key] = set;
            }

            set.UnionWith(perms);
        }

        return new SortedSet<string>(map.Select(kv => kv.Key + " " + string.Join(' ', kv.Value)), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("selinux_sepolgen_short.log")]
    [InlineData("selinux_audit2allow_test.log")]
    [InlineData("selinux_sepolgen_audit.log")]
    [InlineData("selinux_sepolgen_httpd.log")]
    public void AllowRulesEqualAudit2allow(string fixture)
    {
        var path = Fixtures.Path("selinux", fixture);
        var policy = Directory.GetFiles("/etc/selinux/default/policy", "policy.*").Max()!;
        var theirs = NativeRunner.Default.Run(new NativeCommand("audit2allow", new[] { "-i", path, "-p", policy })).StandardOutput.Split('\n');
        var known = PolicyIdentifiers.FromStore(HostRoot.Live, NativeRunner.Default, "default");
        var denials = DenialParser.Parse(File.ReadAllText(path), path).Where(known.Knows).ToList();
        var ours = DenialParser.MergedRules(denials);
        var a = Merge(theirs);
        var b = Merge(ours);
        foreach (var x in a.Except(b).Take(10))
        {
            _out.WriteLine("audit2allow only: " + x);
        }

        foreach (var x in b.Except(a).Take(10))
        {
            _out.WriteLine("ours only: " + x);
        }

        _out.WriteLine($"{denials.Count} denials, {a.Count} merged rules from audit2allow, {b.Count} ours");
        Assert.True(a.Count > 0);
        Assert.Equal(a, b);

        // The per-source headers are audit2allow's.
        var headers = theirs.Where(l => l.StartsWith("#=====", StringComparison.Ordinal) && l != "#============= ROLES ==============").Distinct().OrderBy(h => h, StringComparer.Ordinal);
        Assert.Equal(headers, ours.Where(l => l.StartsWith("#=====", StringComparison.Ordinal)));

        // The ROLES section (role authorisations from SELINUX_ERR invalid contexts): the same lines, each role's
        // together. audit2allow orders them through Python sets, which changes from run to run, so as sets.
        var roles = DenialParser.RoleRules(DenialParser.InvalidContextRoles(File.ReadAllText(path)).Select(r => (r.Role, r.Type)));
        var theirRoles = theirs.SkipWhile(l => l != "#============= ROLES ==============").Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Equal(theirRoles.ToHashSet(), roles.Where(l => l.Length > 0).ToHashSet());
        Assert.Equal(theirRoles.Count, roles.Count(l => l.Length > 0));
    }

    [Fact]
    public void ParsesFieldsOfAKernelAvc()
    {
        var d = DenialParser.Parse("type=AVC msg=audit(1162850332.318:979): avc:  denied  { read write } for  pid=6306 comm=\"beagled\" name=\".gdmDOM7HT\" dev=dm-0 ino=14469552 scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:xdm_tmp_t:s0 tclass=file permissive=1\n").Single();
        Assert.Equal(new[] { "read", "write" }, d.Permissions);
        Assert.Equal("staff_t", d.SourceType);
        Assert.Equal("xdm_tmp_t", d.TargetType);
        Assert.Equal("file", d.Class);
        Assert.Equal("beagled", d.Command);
        Assert.Equal(".gdmDOM7HT", d.Path);
        Assert.Equal(6306, d.ProcessId);
        Assert.Equal(979, d.Serial);
        Assert.True(d.Permissive);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1162850332318), d.Timestamp);
        Assert.Equal("allow staff_t xdm_tmp_t:file { read write };", d.AllowRule);
        Assert.Empty(DenialParser.Parse("garbage avc: { } scontext=\nnode=x type=AVC msg=audit(1:2): avc: granted { read } for scontext=a:b:c_t tcontext=a:b:c_t tclass=file\n"));
    }
}
