using System.Linq.Expressions;

namespace Rectification.Core.Common;

/// <summary>
/// Writes a computed value (such as a finding's light) into a query's projection as an expression, so the
/// database computes it: <c>Inline((f, light) =&gt; new { f.Id, Light = light }, f =&gt; …)</c>.
/// </summary>
public static class ExpressionInliner
{
    public static Expression<Func<T, TResult>> Inline<T, TValue, TResult>(
        Expression<Func<T, TValue, TResult>> template, Expression<Func<T, TValue>> value)
    {
        var item = template.Parameters[0];
        var computed = new ParameterReplacer(value.Parameters[0], item).Visit(value.Body);
        var body = new ParameterReplacer(template.Parameters[1], computed).Visit(template.Body);
        return Expression.Lambda<Func<T, TResult>>(body, item);
    }
}
