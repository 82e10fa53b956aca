using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Evidence;

namespace Rectification.Web.Features.Evidence;

public sealed class EvidenceUploadViewModel
{
    public required EvidenceUploadContext Context { get; init; }

    public EvidenceUploadInput Input { get; init; } = new();

    public IReadOnlyList<SelectListItem> Measures { get; init; } = [];

    public long MaxFileBytes { get; init; }

    public int MaxFiles { get; init; }
}
