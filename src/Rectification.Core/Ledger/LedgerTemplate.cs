using MiniExcelLibs.Attributes;
using Rectification.Core.Findings;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger;

/// <summary>
/// The import template: the ledger's header with one example row, and a sheet "填写说明" saying what each column
/// takes. The text is Chinese whatever the interface language: it is part of the document.
/// </summary>
public static class LedgerTemplate
{
    public const string FileName = LedgerColumns.DocumentName + "-导入模板.xlsx";

    private const string ItemKey = "Item";
    private const string NoteKey = "Note";

    public static void Write(Stream output, LedgerImportTarget target)
    {
        var example = LedgerColumns.All.ToDictionary(c => c.Key, c => (object?)string.Empty);
        example[LedgerColumns.Number.Key] = LedgerColumns.ExampleRowMarker;
        example[LedgerColumns.Category.Key] = target.Categories.FirstOrDefault() ?? string.Empty;
        example[LedgerColumns.Description.Key] = "问题标题(第一行)\n问题的具体描述(第二行起)。";
        example[LedgerColumns.Measures.Key] = LedgerRow.MeasuresCell(["第一条整改措施", "第二条整改措施"]);
        example[LedgerColumns.Kind.Key] = EnumNames.Of(FindingKind.ByDeadline);
        example[LedgerColumns.OwningUnit.Key] = target.InspectedUnitName;
        example[LedgerColumns.Leader.Key] = "姓名";
        example[LedgerColumns.Person.Key] = "姓名(职务)";
        example[LedgerColumns.Deadline.Key] = target.RectificationDueDate.ToDateTime(TimeOnly.MinValue);

        var sheets = new Dictionary<string, object>
        {
            [LedgerColumns.DocumentName] = new[] { example },
            [LedgerColumns.InstructionsSheetName] = Instructions(target)
                .Select(i => new Dictionary<string, object?> { [ItemKey] = i.Item, [NoteKey] = i.Note })
                .ToList(),
        };
        LedgerXlsx.Save(output, sheets,
        [
            new DynamicExcelColumn(ItemKey) { Name = "项目", Index = 0, Width = 22 },
            new DynamicExcelColumn(NoteKey) { Name = "说明", Index = 1, Width = 90 },
        ]);
    }

    private static IEnumerable<(string Item, string Note)> Instructions(LedgerImportTarget target)
    {
        yield return ("填写方法",
            $"在“{LedgerColumns.DocumentName}”工作表中,从第2行起每行填写一个问题,第一行的列名不要修改。序号为“{LedgerColumns.ExampleRowMarker}”的行不会导入,可以删除。"
            + $"所有行都通过检查才会导入,任何一行有误则全部不导入;每次最多导入{LedgerFileReader.MaxRows}个问题,文件不超过{LedgerFileReader.MaxBytes / (1024 * 1024)}MB,可以是 .xlsx 或 .csv 文件。");
        yield return ("导入到", $"{target.InspectionTitle}(反馈日期:{ChineseDates.Format(target.FeedbackDate)})。导入的问题均为草稿,核对后再逐个交办。");
        yield return (LedgerColumns.Number.Header, "可不填。导出的台账从1起连续编号,不分类别。");
        yield return (LedgerColumns.Category.Header + "(必填)",
            "须为本次巡察的问题类别之一,按名称匹配,名称前可带“(一)”等序号。本次巡察的问题类别:\n"
            + string.Join("\n", target.Categories.Select((c, i) => ChineseNumerals.SubHeading(i + 1) + c)));
        yield return (LedgerColumns.Description.Header + "(必填)", "第一行为问题标题(不超过200字),换行后写问题的具体描述(不超过4000字)。同一类别下问题描述完全相同的行视为重复。");
        yield return (LedgerColumns.Measures.Header, "每行一条措施,可写成“1. ……”“2. ……”;编号后的内容为措施,不带编号的行接在上一条措施后。");
        yield return (LedgerColumns.Kind.Header,
            $"{string.Join("、", Enum.GetValues<FindingKind>().Select(EnumNames.Of))}三者之一;不填按“{EnumNames.Of(FindingKind.ByDeadline)}”。");
        yield return (LedgerColumns.OwningUnit.Header + "(必填)", "按单位名称精确匹配,须为在用单位且在您的管理范围内;有同名单位时请改填单位编码。");
        yield return (LedgerColumns.Leader.Header, "按姓名匹配在用人员(限您管理范围内);有同名人员时写成“姓名(职务)”。可不填。");
        yield return (LedgerColumns.Department.Header, "按名称匹配在用单位(科室),规则同责任单位。可不填。");
        yield return (LedgerColumns.Person.Header, "规则同责任领导。可不填。");
        yield return (LedgerColumns.Deadline.Header,
            $"日期,如 2026-12-31 或 2026年12月31日;不得早于巡察反馈日期({ChineseDates.Format(target.FeedbackDate)})。"
            + "可不填:长期坚持的问题常无固定日期,而草稿交办前系统会要求补填整改时限。");
        yield return (LedgerColumns.Summary.Header, "可不填;填写的内容作为问题的整改落实情况。");
        yield return ($"{LedgerColumns.OriginalDeadline.Header}、{LedgerColumns.Status.Header}、{LedgerColumns.EvidenceCount.Header}、{LedgerColumns.ClosedOn.Header}",
            "导入时忽略:导入的问题一律为草稿,延期经审批产生,佐证材料在系统中上传,销号经审核产生。导出的台账带有这几列,可原样导入。");
    }
}
