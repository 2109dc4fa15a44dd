using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoBaseline.Core.Audit;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>A fixed environment: the users, groups and directories a test names, x86_64.</summary>
internal sealed class FakeAuditEnvironment : IAuditRuleEnvironment
{
    public Dictionary<string, uint> Users { get; } = new() { ["root"] = 0, ["daemon"] = 1, ["nobody"] = 65534 };

    public Dictionary<string, uint> Groups { get; } = new() { ["root"] = 0, ["adm"] = 4 };

    public HashSet<string> Directories { get; } = new() { "/etc", "/etc/profile.d", "/etc/systemd/system" };

    public HashSet<string> Files { get; } = new() { "/etc/environment", "/usr/local/go/go.env" };

    public string Machine => "x86_64";

    public uint? UserId(string name) => Users.TryGetValue(name, out var v) ? v : null;

    public uint? GroupId(string name) => Groups.TryGetValue(name, out var v) ? v : null;

    public bool IsDirectory(string path) => Directories.Contains(path);

    public bool Exists(string path) => Directories.Contains(path) || Files.Contains(path);
}

public sealed class AuditRuleParserTests
{
    private static readonly FakeAuditEnvironment Env = new();

    private static string Text(string line) => AuditRules.ParseOne(line, Env).Text;

    [Theory]
    [InlineData("-a always,exit -F arch=b64 -S execve -k go_exec", "-a always,exit -F arch=b64 -S execve -F key=go_exec")]
    [InlineData("-a exit,always -F arch=b64 -S execve -F key=go_exec", "-a always,exit -F arch=b64 -S execve -F key=go_exec")]
    [InlineData("-a always,exit -F arch=b32 -S execve,open -S 5 -k a -k b", "-a always,exit -F arch=b32 -S open,execve -F key=a -F key=b")]
    [InlineData("-a always,exit -F arch=b64 -S open -F exit=-EACCES -F auid>=1000 -F auid!=unset", "-a always,exit -F arch=b64 -S open -F exit=-EACCES -F auid>=1000 -F auid!=-1")]
    [InlineData("-a always,exit -F arch=b64 -S open -F exit=EPERM -F a2&0100 -F a0=-1", "-a always,exit -F arch=b64 -S open -F exit=1 -F a2&0x40 -F a0=0xFFFFFFFF")]
    [InlineData("-a always,exit -F arch=b64 -S kill -F uid=root -F gid=adm -F loginuid=daemon", "-a always,exit -F arch=b64 -S kill -F uid=0 -F gid=4 -F auid=1")]
    [InlineData("-w /etc/profile.d/ -p wa -k go_env", "-w /etc/profile.d -p wa -k go_env")]
    [InlineData("-w /etc/environment", "-w /etc/environment -p rwxa")]
    [InlineData("-a always,exit -F path=/etc/shadow -F perm=wa", "-w /etc/shadow -p wa")]
    [InlineData("-a always,exit -F perm=wa -F path=/etc/gshadow", " -p wa-w /etc/gshadow")]
    [InlineData("-a always,exit -F arch=b64 -S all -C uid!=auid -C obj_gid=sgid", "-a always,exit -F arch=b64 -S all -C uid!=auid -C sgid=obj_gid")]
    [InlineData("-a never,task", "-a never,task")]
    [InlineData("-a always,exclude -F msgtype=cwd", "-a always,exclude -F msgtype=CWD")]
    [InlineData("-a never,filesystem -F fstype=tracefs", "-a never,filesystem -F fstype=tracefs")]
    [InlineData("-a always,exit -F filetype=file -S open", "-a always,exit -S open -F filetype=32768")]
    [InlineData("-a always,exit -F arch=b64 -S 0x3b", "-a always,exit -F arch=b64 -S execve")]
    public void NormalisesToTheListingLine(string line, string expected) => Assert.Equal(expected, Text(line));

    [Fact]
    public void KeySpellingFieldOrderAndSyscallOrderDoNotChangeTheMeaning()
    {
        var a = AuditRules.ParseOne("-a always,exit -F arch=b64 -S execve,execveat -F auid>=1000 -F uid=0 -k go_exec", Env);
        var b = AuditRules.ParseOne("-a exit,always -F arch=b64 -S execveat -S execve -F uid=0 -F key=go_exec -F auid>=1000", Env);
        Assert.Equal(a.CanonicalText, b.CanonicalText);
        var c = AuditRules.ParseOne("-a always,exit -F arch=b32 -S execve -k go_exec", Env);
        Assert.NotEqual(a.CanonicalText, c.CanonicalText);
    }

    [Fact]
    public void ModelCarriesTheParts()
    {
        var r = AuditRules.ParseOne("-A always,exit -F arch=b64 -S execve -F auid>=1000 -k go_exec -k go2", Env);
        Assert.Equal(GoBaseline.AuditRuleOperation.Prepend, r.Operation);
        Assert.Equal(GoBaseline.AuditRuleList.Exit, r.List);
        Assert.Equal(GoBaseline.AuditRuleAction.Always, r.Action);
        Assert.Equal("b64", r.Arch);
        Assert.Equal(new[] { "execve" }, r.Syscall);
        Assert.Equal(new[] { "go_exec", "go2" }, r.Keys);
        Assert.Equal("go_exec", r.Key);
        Assert.Equal("auid", Assert.Single(r.Fields).Name);
        Assert.Equal("-A always,exit -F arch=b64 -S execve -F auid>=1000 -F key=go_exec -F key=go2", r.Command);
        var w = AuditRules.ParseOne("-w /etc/profile.d -p wa -k go_env", Env);
        Assert.True(w.IsWatch);
        Assert.Equal("/etc/profile.d", w.Path);
        Assert.Equal("wa", w.Permission);
    }

    [Fact]
    public void ListingNamesSyscallsFromThePreviousArch()
    {
        var f = new AuditRuleFormatter("x86_64");
        var b32 = AuditRuleParser.ParseLine("-a always,exit -F arch=b32 -S execve", null, 1, Env)!.Rule!;
        var noArch = AuditRuleParser.ParseLine("-a always,exit -S open", null, 2, Env)!.Rule!;
        Assert.Equal("-a always,exit -F arch=b32 -S execve", f.Format(b32));
        // x86_64 open is 2, which the i386 table calls fork: auditctl -l really prints this.
        Assert.Equal("-a always,exit -S fork", f.Format(noArch));
        Assert.Equal("-a always,exit -S open", f.FormatAlone(noArch));
        var back = AuditRules.ParseListing("-a always,exit -F arch=b32 -S execve\n-a always,exit -S fork\n", Env);
        Assert.Equal(noArch.Canonical(0), back[1].CanonicalText);
    }

    [Theory]
    [InlineData("-a always,exit -F arch=b64 -S execve -F uid=nosuchuser", 1, 45)]
    [InlineData("-a always,exit -F arch=b64 -S nosuchcall", 1, 31)]
    [InlineData("-a always,exit -S execve -F arch=b64", 1, 29)]
    [InlineData("-a always,bogus", 1, 4)]
    [InlineData("-a always,exit -F bogus=1", 1, 19)]
    [InlineData("-w relative/path", 1, 4)]
    [InlineData("-k lonely", 1, 2)]
    [InlineData("-a always,exit -S execve stray", 1, 26)]
    [InlineData("-a task,always -S execve", 1, 17)]
    [InlineData("-e 3", 1, 4)]
    public void BadLinesGiveAPositionedError(string line, int expectedLine, int expectedColumn)
    {
        var ex = Assert.Throws<ParseException>(() => AuditRules.Parse(line, "/etc/audit/rules.d/x.rules", Env));
        Assert.Equal("/etc/audit/rules.d/x.rules", ex.Position!.Value.File);
        Assert.Equal(expectedLine, ex.Position.Value.Line);
        Assert.Equal(expectedColumn, ex.Position.Value.Column);
        Assert.Equal(ErrorIds.AuditRuleParseError, ex.ErrorId);
    }

    [Fact]
    public void ABadLineAnywhereMeansNothingOfTheFile()
    {
        var text = "-a always,exit -F arch=b64 -S execve -k go_exec\n-w /etc/environment -p wa\n-a always,exit -F uid=ghost -S open\n";
        var ex = Assert.Throws<ParseException>(() => AuditRules.Parse(text, "f.rules", Env));
        Assert.Equal(3, ex.Position!.Value.Line);
    }

    [Fact]
    public void ControlLinesCommentsAndBlankLines()
    {
        var rules = AuditRules.Parse("# comment\n\n   \n-D\n-b 8192\n-f 1\n--backlog_wait_time 60000\n--loginuid-immutable\n-i\n-c\n-r 100\n-e 2\n", "f", Env);
        Assert.All(rules, r => Assert.Equal(GoBaseline.AuditRuleKind.Control, r.Kind));
        Assert.Equal(
            new[] { "DeleteAll", "BacklogLimit", "FailureMode", "BacklogWaitTime", "LoginUidImmutable", "IgnoreErrors", "ContinueOnError", "RateLimit", "Enabled" },
            rules.Select(r => r.ControlOption.ToString()).ToArray());
        Assert.Equal(12, rules[^1].Line);
        Assert.Equal("2", rules[^1].ControlValue);
    }

    [Theory]
    [InlineData("010", false, 8u)]
    [InlineData("0x10", false, 16u)]
    [InlineData("-1", true, 0xFFFFFFFFu)]
    [InlineData("4294967296", false, 0u)]
    [InlineData("99999999999999999999999", false, 0xFFFFFFFFu)]
    [InlineData("12abc", true, 12u)]
    public void NumbersAreReadLikeStrtoul(string text, bool signed, uint expected) => Assert.Equal(expected, AuditRuleParser.CNumber(text, signed));

    [Fact]
    public void StatusParsesRecordedOutputs()
    {
        var s = AuditCtl.ParseStatus("enabled 1\nfailure 1\npid 11158\nrate_limit 0\nbacklog_limit 64\nlost 0\nbacklog 0\nbacklog_wait_time 15000\nbacklog_wait_time_actual 0\nloginuid_immutable 0 unlocked\n");
        Assert.True(s.IsEnabled);
        Assert.False(s.Immutable);
        Assert.Equal(11158, s.Pid);
        Assert.Equal("printk", s.FailureModeName);
        Assert.Equal(15000, s.BacklogWaitTime);
        var locked = AuditCtl.ParseStatus("enabled 2\nfailure 2\npid 0\nrate_limit 0\nbacklog_limit 8192\nlost 3\nbacklog 0\n");
        Assert.True(locked.Immutable);
        Assert.Equal(3, locked.Lost);
        Assert.Null(locked.BacklogWaitTime);
        Assert.Throws<ParseException>(() => AuditCtl.ParseStatus("garbage"));
    }

    /// <summary>Random rule text (grammar pieces, punctuation, control characters) never throws anything but a positioned ParseException.</summary>
    [Fact]
    public void RandomTextOnlyEverGivesRulesOrAPositionedParseError()
    {
        var pieces = new[]
        {
            "-a", "-A", "-d", "-w", "-W", "-S", "-F", "-C", "-k", "-p", "-D", "-e", "-f", "-b", "-r", "-i", "-c", "-s", "-l", "-m", "-q", "-t", "-R", "-h", "-v",
            "--loginuid-immutable", "--backlog_wait_time", "--backlog", "--signal", "--", "-", "always,exit", "exit,always", "never,task", "task,always",
            "exclude,never", "user,always", "filesystem,never", "io_uring,always", "possible,exit", ",", "arch=b64", "arch=b32", "arch!=b32", "arch=x86_64",
            "arch=c000003e", "execve", "open,openat", "all", "0x3b", "99999", "-1", "auid>=1000", "auid!=unset", "uid=root", "uid=ghost", "gid=adm",
            "exit=-EPERM", "exit=EBOGUS", "a0&=0x10", "a1&8", "path=/etc/x", "dir=/etc/", "perm=wa", "perm=q", "key=k", "key=", "msgtype=CWD", "msgtype=UNKNOWN[12",
            "filetype=file", "fstype=tracefs", "inode<5", "pers=0", "sessionid=x", "saddr_fam=99", "exe=/bin/sh", "obj_uid=0", "subj_type=x", "uid=auid",
            "uid!=euid", "gid=uid", "/etc/profile.d/", "/", "//", "rwxa", "wa", "rx", "0", "1", "2", "3", "#", "\\", "\\ ", "\t", "\r", "\0", "\u0001", "\u0007",
            "\u0004", "é", "=", "!=", "<=", ">=", "&=", "&", "<", ">", "-Farch=b64", "-Sexecve", "-kkey", "-ki", "-wa", "-pwa", "-DX", " ", "  ",
        };
        var rng = new Random(20261129);
        for (var n = 0; n < 30000; n++)
        {
            var sb = new StringBuilder();
            var count = rng.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                if (rng.Next(8) == 0)
                {
                    sb.Append((char)rng.Next(0, 0x250));
                }
                else
                {
                    sb.Append(pieces[rng.Next(pieces.Length)]);
                }

                if (rng.Next(4) != 0)
                {
                    sb.Append(rng.Next(10) == 0 ? '\n' : ' ');
                }
            }

            var text = sb.ToString();
            try
            {
                foreach (var r in AuditRules.Parse(text, "random.rules", Env))
                {
                    Assert.NotNull(r.Text);
                }
            }
            catch (ParseException ex)
            {
                Assert.NotNull(ex.Position);
                Assert.True(ex.Position!.Value.Line >= 1, text);
                Assert.True(ex.Position.Value.Column >= 1, $"column {ex.Position.Value.Column} for: {text}");
                Assert.Equal("random.rules", ex.Position.Value.File);
            }
        }
    }
}
