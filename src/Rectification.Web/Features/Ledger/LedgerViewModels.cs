using Rectification.Core.Ledger;

namespace Rectification.Web.Features.Ledger;

/// <summary>The upload page; after a refused upload, why: the file's problem or every row's.</summary>
public sealed class LedgerUploadViewModel
{
    public required LedgerImportTarget Target { get; init; }

    /// <summary>A refusal before the file was read (no file, too large), as a message key and its arguments.</summary>
    public (string Message, object[] Args)? UploadError { get; init; }

    public LedgerPreview? Refused { get; init; }

    public long MaxBytes => LedgerFileReader.MaxBytes;

    public int MaxRows => LedgerFileReader.MaxRows;
}
