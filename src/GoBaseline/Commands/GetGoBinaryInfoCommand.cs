using System;
using System.Management.Automation;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reads the build info embedded in Go binaries (Go version, modules, build settings) and what the
/// executable says about itself (static or dynamic, stripped, PIE, libcrypto), without a Go toolchain.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "GoBinaryInfo", DefaultParameterSetName = PathSet)]
[OutputType(typeof(GoBinaryInfo))]
[OutputType(typeof(string))]
public sealed class GetGoBinaryInfoCommand : GoBinaryReadingCmdlet
{
    /// <summary>
    /// <para type="description">Writes the lines go version -m prints for the same files instead of objects, one string
    /// per line, so scripts that parse that output keep working.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AsText { get; set; }

    /// <inheritdoc/>
    protected override void OnBinary(GoBinaryInfo info)
    {
        if (!AsText)
        {
            WriteObject(info);
            return;
        }

        var text = info.ToVersionText();
        foreach (var line in text.AsSpan(0, text.Length - 1).ToString().Split('\n'))
        {
            WriteObject(line);
        }
    }
}
