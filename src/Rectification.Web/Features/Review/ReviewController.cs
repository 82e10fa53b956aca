using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rectification.Core.Authorization;
using Rectification.Core.Findings;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Review;

/// <summary>待审核: the inspection office's queue of findings submitted for close-off.</summary>
[Authorize(Policies.ReviewFindings)]
public sealed class ReviewController(FindingQueries queries, DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(await queries.ReviewQueueAsync(page, cancellationToken));
}
