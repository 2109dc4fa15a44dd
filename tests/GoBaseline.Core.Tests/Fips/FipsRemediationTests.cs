using System.Linq;
using System.Text;
using GoBaseline.Core.Fips;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using Xunit;

namespace GoBaseline.Core.Tests.Fips;

/// <summary>The plan Enable-/Disable-FipsMode apply, and the rollout's stage sizes and audit log count.</summary>
public class FipsRemediationTests
{
    [Fact]
    public void EnablePlanEditsEveryBootSourceAndIsIdempotent()
    {
        using var t = new TempTree();
        FipsTrees.HalfConfigured(t);
        t.Write("/etc/default/grub", "GRUB_CMDLINE_LINUX='quiet splash'\n");
        var host = new HostRoot(t.Root);
        var plan = FipsRemediation.Plan(host, enable: true, new[] { "api" });
        Assert.Null(plan.Refusal);
        var targets = plan.Changes.Select(c => c.Target).ToList();
        Assert.Contains("/boot/loader/entries/a-5.14.0-284.el9.x86_64.conf", targets);
        Assert.DoesNotContain("/boot/loader/entries/a-5.14.0-362.el9.x86_64.conf", targets);
        Assert.Contains("/etc/default/grub", targets);
        Assert.Contains("/etc/crypto-policies/config", targets);
        Assert.Contains("/etc/systemd/system/api.service.d/50-gobaseline-fips.conf", targets);
        Assert.All(plan.Changes.Where(c => c.Target.StartsWith("/boot", System.StringComparison.Ordinal)), c => Assert.Equal(Reversibility.RebootBound, c.Reversibility));

        using (var j = ChangeJournal.OpenWrite(host))
        {
            Assert.True(j.Run(plan.Changes, new TransactionOptions { AllowIrreversible = true }).Changed);
        }

        Assert.Equal("GRUB_CMDLINE_LINUX='quiet splash fips=1'\n", System.IO.File.ReadAllText(System.IO.Path.Combine(t.Root, "etc/default/grub")));
        var again = FipsRemediation.Plan(host, enable: true, new[] { "api" });
        Assert.DoesNotContain(again.Changes, c => c.Target.StartsWith("/boot", System.StringComparison.Ordinal) || c.Target == "/etc/default/grub" || c.Target == "/etc/crypto-policies/config");
        var probe = new FipsProbe(host, NativeRunner.Default).Probe(new FipsProbeOptions());
        Assert.Equal(FipsSignalState.On, probe["BootConfig"]!.State);
        // The config says FIPS but state/current is only rewritten by update-crypto-policies, which the plan tells
        // the admin to run: until then the probe calls the policy configured but not applied.
        Assert.Equal(FipsSignalState.Partial, probe["CryptoPolicy"]!.State);
        Assert.Contains(plan.Warnings, w => w.Contains("update-crypto-policies --set FIPS", System.StringComparison.Ordinal));
    }

    [Fact]
    public void WithTheProgramsInstalledThePolicyAndInitramfsStepsAreJournaledCommandPairs()
    {
        using var t = new TempTree();
        FipsTrees.RebootPending(t);
        t.Write("/etc/crypto-policies/config", "# comment\nDEFAULT:NO-SHA1\n");
        t.Write("/etc/crypto-policies/state/current", "DEFAULT:NO-SHA1\n");
        System.IO.File.Delete(System.IO.Path.Combine(t.Root, "etc/dracut.conf.d/40-fips.conf"));
        var host = new HostRoot(t.Root);
        var tools = new FipsTools("/usr/bin/update-crypto-policies", "/usr/bin/dracut");
        var plan = FipsRemediation.Plan(host, enable: true, System.Array.Empty<string>(), tools: tools);

        // The tool writes the config itself: no file write competes with it; undo sets the sub-policy in effect before.
        Assert.DoesNotContain(plan.Changes, c => c.Target == "/etc/crypto-policies/config");
        var policy = Assert.Single(plan.Changes.OfType<NativeCommandChange>(), c => c.Target == "crypto-policies");
        Assert.Equal("/usr/bin/update-crypto-policies --no-reload --set FIPS", policy.ApplyCommand.CommandLine);
        Assert.Equal("/usr/bin/update-crypto-policies --no-reload --set DEFAULT:NO-SHA1", policy.RevertCommand.CommandLine);

        // dracut runs after 40-fips.conf is written, reboot-bound; its undo names the module, so it is right although it
        // runs before the configuration file is restored.
        var conf = plan.Changes.ToList().FindIndex(c => c.Target == "/etc/dracut.conf.d/40-fips.conf");
        var dracut = plan.Changes.ToList().FindIndex(c => c.Target == "initramfs");
        Assert.True(conf >= 0 && dracut > conf);
        var regenerate = (NativeCommandChange)plan.Changes[dracut];
        Assert.Equal(Reversibility.RebootBound, regenerate.Reversibility);
        Assert.Equal("/usr/bin/dracut -f --regenerate-all --add fips", regenerate.ApplyCommand.CommandLine);
        Assert.Equal("/usr/bin/dracut -f --regenerate-all --omit fips", regenerate.RevertCommand.CommandLine);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("initramfs", System.StringComparison.Ordinal) || w.Contains("update-crypto-policies", System.StringComparison.Ordinal));

        // Without the programs (and under -Root) the files are written and the warnings say what to run.
        var files = FipsRemediation.Plan(host, enable: true, System.Array.Empty<string>());
        Assert.Contains(files.Changes, c => c.Target == "/etc/crypto-policies/config" && c is FileWriteChange);
        Assert.DoesNotContain(files.Changes, c => c is NativeCommandChange);
        Assert.Contains(files.Warnings, w => w.Contains("Under -Root the initramfs is not regenerated: run dracut -f --regenerate-all", System.StringComparison.Ordinal));
        Assert.Contains(files.Warnings, w => w.Contains("update-crypto-policies --set FIPS", System.StringComparison.Ordinal));
    }

    [Fact]
    public void SeparateBootGetsBootUuidNextToFips1()
    {
        using var t = new TempTree();
        FipsTrees.HalfConfigured(t);
        t.Write("/etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\"\n");
        t.Write("/etc/fstab", "# /etc/fstab\n/dev/mapper/rl-root /  xfs defaults 0 0\nUUID=7d2c1f0e-aaaa-4bbb-8ccc-0123456789ab /boot xfs defaults 0 0\n/dev/mapper/rl-swap none swap defaults 0 0\n");
        var host = new HostRoot(t.Root);
        var plan = FipsRemediation.Plan(host, enable: true, System.Array.Empty<string>());
        using (var j = ChangeJournal.OpenWrite(host))
        {
            j.Run(plan.Changes, new TransactionOptions { AllowIrreversible = true });
        }

        Assert.Equal("GRUB_CMDLINE_LINUX=\"quiet fips=1 boot=UUID=7d2c1f0e-aaaa-4bbb-8ccc-0123456789ab\"\n", System.IO.File.ReadAllText(System.IO.Path.Combine(t.Root, "etc/default/grub")));
        // The entry that already had fips=1 gets boot= too; both entries end up with exactly one of each.
        foreach (var entry in new[] { "a-5.14.0-362.el9.x86_64.conf", "a-5.14.0-284.el9.x86_64.conf" })
        {
            var options = System.IO.File.ReadAllLines(System.IO.Path.Combine(t.Root, "boot/loader/entries", entry)).Single(l => l.StartsWith("options", System.StringComparison.Ordinal));
            Assert.Equal("options root=/dev/mapper/rl-root ro fips=1 boot=UUID=7d2c1f0e-aaaa-4bbb-8ccc-0123456789ab", options);
        }

        // No separate /boot: no boot= at all.
        using var u = new TempTree();
        FipsTrees.HalfConfigured(u);
        u.Write("/etc/fstab", "/dev/mapper/rl-root / xfs defaults 0 0\n");
        Assert.Null(FipsRemediation.BootArgument(new HostRoot(u.Root)));
        Assert.DoesNotContain(FipsRemediation.Plan(new HostRoot(u.Root), enable: true, System.Array.Empty<string>()).Changes, c => c.Description.Contains("boot=", System.StringComparison.Ordinal));
    }

    [Fact]
    public void DisableDeletesTheDracutModuleAsARebootBoundChange()
    {
        using var t = new TempTree();
        FipsTrees.RhelFips(t);
        var plan = FipsRemediation.Plan(new HostRoot(t.Root), enable: false, System.Array.Empty<string>());
        var delete = Assert.Single(plan.Changes, c => c.Target == "/etc/dracut.conf.d/40-fips.conf");
        Assert.Equal(Reversibility.RebootBound, delete.Reversibility);
        Assert.StartsWith("Delete /etc/dracut.conf.d/40-fips.conf", delete.Description, System.StringComparison.Ordinal);

        // Rebuilt from its journal record, it is still the deletion.
        var rebuilt = Change.Rebuild(delete.Kind, delete.Target, delete.Data);
        Assert.Equal(delete.Description, rebuilt.Description);
        Assert.Equal(Reversibility.RebootBound, rebuilt.Reversibility);
    }

    [Fact]
    public void DebianOpenSslStepNeedsAnInstalledProviderAndIsMarkedForDisable()
    {
        using var t = new TempTree();
        FipsTrees.Debian(t);
        var host = new HostRoot(t.Root);
        var plan = FipsRemediation.Plan(host, enable: true, System.Array.Empty<string>());
        Assert.Contains(plan.Warnings, w => w.Contains("no FIPS provider is installed", System.StringComparison.Ordinal));

        t.Write("/usr/lib/x86_64-linux-gnu/ossl-modules/fips.so", "module\n");
        t.Write("/usr/lib/ssl/fipsmodule.cnf", System.IO.File.ReadAllText(Fixtures.Path("fips", "openssl_test_30-test_defltfips_fipsmodule.cnf")));
        plan = FipsRemediation.Plan(host, enable: true, System.Array.Empty<string>());
        Assert.Single(plan.Changes, c => c.Target == "/etc/ssl/openssl.cnf");
        using (var j = ChangeJournal.OpenWrite(host))
        {
            j.Run(plan.Changes, new TransactionOptions { AllowIrreversible = true });
        }

        var status = new FipsProbe(host, NativeRunner.Default).Probe(new FipsProbeOptions());
        Assert.Equal(FipsSignalState.On, status["OpenSsl"]!.State);
        Assert.Contains("default_properties = fips=yes", status["OpenSsl"]!.Detail, System.StringComparison.Ordinal);

        // Disable removes exactly the marked lines: the file is the shipped one again.
        var disable = FipsRemediation.Plan(host, enable: false, System.Array.Empty<string>());
        using (var j = ChangeJournal.OpenWrite(host))
        {
            j.Run(disable.Changes, new TransactionOptions { AllowIrreversible = true });
        }

        Assert.Equal(System.IO.File.ReadAllText(Fixtures.Path("fips", "debian12-openssl.cnf")), System.IO.File.ReadAllText(System.IO.Path.Combine(t.Root, "etc/ssl/openssl.cnf")));
    }

    [Fact]
    public void RefusesPostInstallEnablementWhereThePlatformSaysSo()
    {
        using var t = new TempTree();
        t.Write("/etc/os-release", "ID=\"almalinux\"\nVERSION_ID=\"10.0\"\n");
        Assert.Contains("reinstall with fips=1", FipsRemediation.Refusal(new HostRoot(t.Root)), System.StringComparison.Ordinal);
        using var o = new TempTree();
        o.Write("/run/ostree-booted", string.Empty);
        Assert.Contains("OSTree", FipsRemediation.Refusal(new HostRoot(o.Root)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void StagesGrowCumulativelyAndAuditErrorsAreCounted()
    {
        var s = FipsRollout.Stages(new[] { "a", "b", "c", "d", "e" }, new[] { 10, 50, 100 });
        Assert.Equal(new[] { "a" }, s[0]);
        Assert.Equal(new[] { "b", "c" }, s[1]);
        Assert.Equal(new[] { "d", "e" }, s[2]);
        Assert.Single(FipsRollout.Stages(new[] { "a" }, new[] { 25, 50, 100 }));

        using var t = new TempTree();
        t.Write("/var/log/audit/audit.log", "type=CRYPTO_SESSION msg=audit(1.1:1): op=start res=failed'\ntype=CRYPTO_KEY_USER msg=audit(1.2:2): op=destroy res=success'\ntype=USER_LOGIN msg=audit(1.3:3): res=failed'\n");
        Assert.Equal(1, FipsRollout.CountCryptoErrors(new HostRoot(t.Root)));
    }
}
