using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Units;

namespace Rectification.Web.Features.Units;

public sealed class UnitFormViewModel
{
    public int? Id { get; set; }

    public UnitInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Parents { get; set; } = [];

    public IReadOnlyList<SelectListItem> Kinds { get; set; } = [];
}
