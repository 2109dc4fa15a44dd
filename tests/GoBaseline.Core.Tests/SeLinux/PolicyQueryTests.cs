using System;
using System.IO;
using System.Linq;
using GoBaseline.Core.Host;
using GoBaseline.Core.SeLinux;
using Xunit;

namespace GoBaseline.Core.Tests.SeLinux;

/// <summary>
/// What the SELinux code reads from packages and from the real setools and semanage programs: the module name in a
/// .pp, sesearch's type_transition rules, seinfo's permissive types, the fcontext options that recreate a context.
/// </summary>
public class PolicyQueryTests
{
    [Fact]
    public void ReadsTheModuleNameFromACompiledPackageNotFromItsFileName()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gb-pq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var request = new PolicyModuleRequest { Name = "gbnamed", ExecutablePath = "/usr/local/bin/gbnamed" };
            var sources = PolicyModuleGenerator.Generate(request);
            File.WriteAllText(Path.Combine(dir, "gbnamed.te"), sources.Te);
            File.WriteAllText(Path.Combine(dir, "gbnamed.fc"), sources.Fc);
            foreach (var c in PolicyModuleGenerator.CompileCommands(dir, "gbnamed", true, true))
            {
                NativeRunner.Default.Run(c);
            }

            var bytes = File.ReadAllBytes(Path.Combine(dir, "gbnamed.pp"));
            Assert.Equal("gbnamed", ModulePackage.ReadName(bytes));

            // semodule -i accepts a bzip2-compressed package: the name is read from the expanded bytes.
            File.Copy(Path.Combine(dir, "gbnamed.pp"), Path.Combine(dir, "other"));
            NativeRunner.Default.Run(new NativeCommand("bzip2", new[] { Path.Combine(dir, "other") }));
            var expanded = ModulePackage.Expand(NativeRunner.Default, File.ReadAllBytes(Path.Combine(dir, "other.bz2")));
            Assert.Equal(bytes, expanded);
            Assert.Null(ModulePackage.ReadName(Enumerable.Range(1, 200).Select(i => (byte)i).ToArray()));
            Assert.Null(ModulePackage.ReadName("(typepermissive sshd_t)"u8));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ParsesTheProcessTransitionOfRealSesearchOutput()
    {
        var policy = Directory.GetFiles("/etc/selinux/default/policy", "policy.*").Max()!;
        var bin = NativeRunner.Default.Run(new NativeCommand("sesearch", new[] { "-T", "-s", "init_t", "-t", "bin_t", "-c", "process", policy })).StandardOutput;
        Assert.Equal("initrc_t", SeLinuxDomains.ParseProcessTransition(bin, "init_t", "bin_t"));
        var sshd = NativeRunner.Default.Run(new NativeCommand("sesearch", new[] { "-T", "-s", "init_t", "-t", "sshd_exec_t", "-c", "process", policy })).StandardOutput;
        Assert.Equal("sshd_t", SeLinuxDomains.ParseProcessTransition(sshd, "init_t", "sshd_exec_t"));
        Assert.Null(SeLinuxDomains.ParseProcessTransition(string.Empty, "init_t", "user_home_t"));
    }

    [Fact]
    public void ParsesSeinfoPermissiveTypes()
    {
        Assert.Equal(new[] { "httpd_t", "rpcd_t" }, SeLinuxDomains.ParsePermissiveTypes("\nPermissive Types: 2\n   rpcd_t\n   httpd_t\n"));
        Assert.Empty(SeLinuxDomains.ParsePermissiveTypes("\nPermissive Types: 0\n"));

        // seinfo -x, as captured on this machine with a module holding (typepermissive rpcd_t).
        Assert.Equal(new[] { "rpcd_t" }, SeLinuxDomains.ParsePermissiveTypes("\nPermissive Types: 1\n   type rpcd_t, daemon, domain, nsswitch_domain, ifplugd_typeattr_1, rpc_domain;\n"));
    }

    [Fact]
    public void FileContextOptionsRecreateTheWholeContext()
    {
        Assert.Equal(new[] { "-s", "user_u", "-t", "bin_t", "-r", "s0:c1" }, SemanageChange.FileContextOptions("user_u:object_r:bin_t:s0:c1"));
        Assert.Equal(new[] { "-t", "<<none>>" }, SemanageChange.FileContextOptions("<<none>>"));
        Assert.Equal(new[] { "-s", "system_u", "-t", "etc_t" }, SemanageChange.FileContextOptions("system_u:object_r:etc_t (policy)"));
        Assert.True(SemanageChange.FileContextMatches("user_u:object_r:bin_t:s0:c1", null, "bin_t", null));
        Assert.False(SemanageChange.FileContextMatches("user_u:object_r:bin_t:s0:c1", null, "bin_t", "s0:c2"));
        Assert.False(SemanageChange.FileContextMatches("user_u:object_r:bin_t:s0", "system_u", "bin_t", null));
        Assert.False(SemanageChange.FileContextMatches("<<none>>", null, "bin_t", null));
        Assert.True(SemanageChange.FileContextMatches("<<none>>", null, "<<none>>", null));
    }
}
