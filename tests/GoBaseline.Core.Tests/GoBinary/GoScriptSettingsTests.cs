using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using GoBaseline.Core.GoBinary;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>
/// Replays golang/go's own script test of build settings (tests/fixtures/gobinary/version_build_settings.txt):
/// every <c>go build</c> in it is run with golang-1.19-go, and every <c>stdout</c> / <c>! stdout</c> assertion that
/// follows a <c>go version -m</c> is applied to the managed reader's text instead of go's.
/// </summary>
public class GoScriptSettingsTests
{
    [Fact]
    public void GoCommandScriptAssertionsHoldForTheManagedReader()
    {
        var script = File.ReadAllText(Fixtures.Path("gobinary", "version_build_settings.txt"));
        var root = Path.Combine(Path.GetTempPath(), "gobaseline-script-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            // The txtar's files.
            var files = Regex.Matches(script, @"^-- (\S+) --\n(.*?)(?=^-- |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            foreach (Match f in files)
            {
                File.WriteAllText(Path.Combine(root, f.Groups[1].Value), f.Groups[2].Value);
            }

            var env = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HOME"] = root,
                ["PATH"] = GoVersionEquality.GoBin + ":/usr/bin:/bin",
                ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "gobaseline-test-gocache"),
                ["GOPROXY"] = "off",
                ["GOFLAGS"] = "-mod=mod",
                ["GOPATH"] = Path.Combine(root, "gopath"),
            };
            string? text = null;
            var checkedAssertions = 0;
            foreach (var raw in script.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("-- ", StringComparison.Ordinal))
                {
                    break;
                }

                // Conditions: this machine has cgo and is amd64; [race] and [short] parts are not replayed.
                if (line.StartsWith("[race]", StringComparison.Ordinal) || line.StartsWith("[short]", StringComparison.Ordinal))
                {
                    continue;
                }

                line = Regex.Replace(line, @"^\[(cgo|amd64)\]\s*", string.Empty);
                if (line.StartsWith("env ", StringComparison.Ordinal))
                {
                    var kv = line.Substring(4);
                    var eq = kv.IndexOf('=');
                    env[kv[..eq]] = kv[(eq + 1)..];
                }
                else if (line.StartsWith("go build", StringComparison.Ordinal))
                {
                    var args = new List<string> { "build", "-o", Path.Combine(root, "m") };
                    args.AddRange(line.Substring(8).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    NativeRunner.Default.Run(new NativeCommand(GoVersionEquality.GoBin + "/go", args, "golang-1.19-go", TimeSpan.FromMinutes(5)) { WorkingDirectory = root, Environment = env });
                    text = null;
                }
                else if (line.StartsWith("go version -m", StringComparison.Ordinal))
                {
                    var bin = Path.Combine(root, "m");
                    text = GoBuildInfoReader.ReadReal(bin, "m").Info!.ToVersionText();
                    Assert.Equal(GoVersionEquality.GoVersionM(new[] { "m" }, root), text);
                }
                else if (text is not null && (line.StartsWith("stdout ", StringComparison.Ordinal) || line.StartsWith("! stdout ", StringComparison.Ordinal)))
                {
                    var negate = line.StartsWith('!');
                    var pattern = line.Substring(negate ? 9 : 7).Trim().Trim('\'');
                    pattern = pattern.Replace(@"\t", "\t", StringComparison.Ordinal);
                    var matched = Regex.IsMatch(text, pattern, RegexOptions.Multiline);
                    Assert.True(matched != negate, $"{line}\nagainst:\n{text}");
                    checkedAssertions++;
                }
            }

            Assert.True(checkedAssertions >= 15, $"only {checkedAssertions} assertions replayed");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
