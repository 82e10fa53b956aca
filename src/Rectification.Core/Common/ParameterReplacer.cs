using System.Linq.Expressions;

namespace Rectification.Core.Common;

/// <summary>Substitutes one parameter of an expression tree, to reuse a predicate written for one entity on another.</summary>
internal sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) =>
        node == parameter ? replacement : base.VisitParameter(node);
}
