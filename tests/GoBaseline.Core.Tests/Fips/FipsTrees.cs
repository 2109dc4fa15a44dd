using System.IO;

namespace GoBaseline.Core.Tests.Fips;

/// <summary>Host trees assembled from the real configuration files in tests/fixtures/fips.</summary>
internal static class FipsTrees
{
    private static string Fixture(string name) => File.ReadAllText(Fixtures.Path("fips", name));

    /// <summary>A RHEL 9-like host installed with fips=1 (what fips-mode-setup --enable leaves behind).</summary>
    internal static void RhelFips(TempTree t)
    {
        t.Write("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n");
        t.Write("/etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"9.4\"\n");
        t.Write("/proc/sys/crypto/fips_enabled", "1\n");
        t.Write("/proc/cmdline", "BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-427.el9.x86_64 root=/dev/mapper/rhel-root ro fips=1 boot=UUID=4f1c7a33-2b1e-4c59-9d8a-0f1e2d3c4b5a crashkernel=1G-4G:192M\n");
        t.Write("/boot/loader/entries/ffffffff-5.14.0-427.el9.x86_64.conf", "title Red Hat Enterprise Linux (5.14.0-427.el9.x86_64) 9.4 (Plow)\nversion 5.14.0-427.el9.x86_64\nlinux /vmlinuz-5.14.0-427.el9.x86_64\ninitrd /initramfs-5.14.0-427.el9.x86_64.img $tuned_initrd\noptions root=/dev/mapper/rhel-root ro crashkernel=1G-4G:192M fips=1 boot=UUID=4f1c7a33-2b1e-4c59-9d8a-0f1e2d3c4b5a\ngrub_users $grub_users\ngrub_arg --unrestricted\ngrub_class rhel\n");
        t.Write("/etc/default/grub", "GRUB_TIMEOUT=5\nGRUB_DISTRIBUTOR=\"$(sed 's, release .*$,,g' /etc/system-release)\"\nGRUB_CMDLINE_LINUX=\"crashkernel=1G-4G:192M resume=/dev/mapper/rhel-swap rd.lvm.lv=rhel/root fips=1\"\nGRUB_ENABLE_BLSCFG=true\n");
        t.Write("/etc/dracut.conf.d/40-fips.conf", "add_dracutmodules+=\" fips \"\n");
        t.Write("/etc/crypto-policies/config", Fixture("default-fips-config"));
        t.Write("/etc/crypto-policies/state/current", "FIPS\n");
        t.Write("/etc/crypto-policies/back-ends/openssl_fips.config", Fixture("outputs_FIPS-openssl_fips.txt"));
        t.Write("/etc/crypto-policies/back-ends/opensslcnf.config", Fixture("outputs_FIPS-opensslcnf.txt"));
        t.Write("/etc/pki/tls/openssl.cnf", Fixture("openssl_test_fips-and-base.cnf"));
        t.Write("/etc/pki/tls/fipsmodule.cnf", Fixture("openssl_test_30-test_defltfips_fipsmodule.cnf"));
        t.Write("/usr/lib64/ossl-modules/fips.so", "placeholder: only the module's presence is checked\n");
    }

    /// <summary>A Debian 12 host as this machine is, with a Debian kernel that supports FIPS but is not in it.</summary>
    internal static void Debian(TempTree t)
    {
        t.Write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        t.Write("/proc/sys/crypto/fips_enabled", "0\n");
        t.Write("/proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=0d6f2b1a-1c1e-4a43-9b8c-2f1f0e7b9c11 ro quiet\n");
        t.Write("/etc/default/grub", "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n");
        t.Write("/etc/ssl/openssl.cnf", Fixture("debian12-openssl.cnf"));
        t.Write("/usr/lib/x86_64-linux-gnu/ossl-modules/legacy.so", "placeholder\n");
    }

    /// <summary>
    /// A half-configured host: the kernel was put in FIPS mode by hand on one boot entry, the crypto policy and dracut
    /// were never switched, OpenSSL's configuration names a FIPS section that was never generated (fipsinstall), and
    /// the seed's wrong Go switches are set system-wide.
    /// </summary>
    internal static void HalfConfigured(TempTree t)
    {
        t.Write("/etc/os-release", "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n");
        t.Write("/proc/sys/crypto/fips_enabled", "1\n");
        t.Write("/proc/cmdline", "BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-362.el9.x86_64 root=/dev/mapper/rl-root ro fips=1\n");
        t.Write("/boot/loader/entries/a-5.14.0-362.el9.x86_64.conf", "title Rocky Linux (5.14.0-362.el9.x86_64)\nlinux /vmlinuz-5.14.0-362.el9.x86_64\noptions root=/dev/mapper/rl-root ro fips=1\n");
        t.Write("/boot/loader/entries/a-5.14.0-284.el9.x86_64.conf", "title Rocky Linux (5.14.0-284.el9.x86_64)\nlinux /vmlinuz-5.14.0-284.el9.x86_64\noptions root=/dev/mapper/rl-root ro\n");
        t.Write("/etc/crypto-policies/config", Fixture("default-config"));
        t.Write("/etc/crypto-policies/state/current", "DEFAULT\n");
        t.Write("/etc/crypto-policies/back-ends/opensslcnf.config", Fixture("outputs_DEFAULT-opensslcnf.txt"));
        t.Write("/etc/pki/tls/openssl.cnf", Fixture("openssl_test_default-and-fips.cnf"));
        t.Write("/etc/environment", "GODEBUG=fips=1\nGOLANG_FIPS=1\n");
        t.Write("/etc/systemd/system/api.service.d/10-fips.conf", "[Service]\nEnvironment=GODEBUG=fips140=only\n");
    }

    /// <summary>fips-mode-setup --enable has run but the host has not rebooted yet.</summary>
    internal static void RebootPending(TempTree t)
    {
        RhelFips(t);
        t.Write("/proc/sys/crypto/fips_enabled", "0\n");
        t.Write("/proc/cmdline", "BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-427.el9.x86_64 root=/dev/mapper/rhel-root ro crashkernel=1G-4G:192M\n");
    }
}
