using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;

// Usage: GoBaseline.Journal.FaultChild <root> <seed>
// Loops forever: opens the journal for writing, then either writes new contents to all the files of
// FaultFiles.Paths in one transaction or undoes the newest applied transaction, and closes the journal. Prints
// "ready" once its first transaction is done, so the parent kills it while it is busy, not while the runtime starts.
var root = args[0];
var random = new Random(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var host = new HostRoot(root);
string[] paths = { "/etc/fault/a.conf", "/etc/fault/b.conf", "/etc/fault/c.conf" };
var round = 0;
while (true)
{
    round++;
    using var journal = ChangeJournal.OpenWrite(host, lockTimeout: TimeSpan.FromSeconds(10));
    var newest = journal.List().LastOrDefault(t => t.State == TransactionState.Applied);
    if (newest is not null && random.Next(3) == 0)
    {
        journal.Undo(newest.Id, null, force: false);
    }
    else
    {
        Apply(journal, round);
    }

    if (round == 1)
    {
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
    }
}

void Apply(ChangeJournal journal, int round)
{

    // Sizes vary from a few bytes to 256 KiB so that kills also land inside large writes and fsyncs.
    var changes = new List<Change>();
    foreach (var p in paths)
    {
        var size = random.Next(4) == 0 ? random.Next(64 * 1024, 256 * 1024) : random.Next(16, 2048);
        var sb = new StringBuilder(size + 64);
        sb.Append(p).Append(" round ").Append(round).Append(' ').Append(random.Next()).Append('\n');
        while (sb.Length < size)
        {
            sb.Append((char)('a' + random.Next(26)));
        }

        changes.Add(new FileWriteChange(p, Encoding.UTF8.GetBytes(sb.Append('\n').ToString())));
    }

    // Now and then a file is deleted in the same transaction, so recovery also has to bring files back.
    if (random.Next(5) == 0)
    {
        var victim = random.Next(paths.Length);
        if (File.Exists(host.Map(paths[victim])))
        {
            changes[victim] = new FileDeleteChange(paths[victim]);
        }
    }

    journal.Run(changes, new TransactionOptions { Cmdlet = "FaultChild", Summary = "round " + round });
}
