namespace GoBaseline.Core;

public static partial class ErrorIds
{
    /// <summary>Another writer holds the journal lock past the timeout.</summary>
    public const string JournalBusy = "JournalBusy";
    /// <summary>The journal cannot be read or written.</summary>
    public const string JournalUnavailable = "JournalUnavailable";
    /// <summary>A journal record is damaged.</summary>
    public const string JournalCorrupt = "JournalCorrupt";
    /// <summary>A change failed and what was applied was rolled back.</summary>
    public const string ChangeFailed = "ChangeFailed";
    /// <summary>A change failed and rolling back failed too: the system may be half changed (both errors named).</summary>
    public const string RollbackFailed = "RollbackFailed";
    /// <summary>Undo refused: the target changed since GoBaseline changed it.</summary>
    public const string ChangeDrifted = "ChangeDrifted";
    /// <summary>No journaled change or transaction has that id.</summary>
    public const string ChangeNotFound = "ChangeNotFound";
    /// <summary>The change cannot be undone (irreversible) or was already undone.</summary>
    public const string ChangeNotReversible = "ChangeNotReversible";
    /// <summary>A reboot-bound or irreversible change was asked for without the explicit switch.</summary>
    public const string ExplicitConsentRequired = "ExplicitConsentRequired";
    /// <summary>A path to change is a symbolic link the caller did not name.</summary>
    public const string SymlinkRefused = "SymlinkRefused";
    /// <summary>No checkpoint has that name.</summary>
    public const string CheckpointNotFound = "CheckpointNotFound";
    /// <summary>A setting to write is not valid (bad name, a line break in the value, a key the target file cannot hold).</summary>
    public const string InvalidSetting = "InvalidSetting";
}
