using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Rectification.Core.Ledger;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The 整改台账 export: exactly the list's rows for the same filters, in the user's scope, as a real spreadsheet with
/// Chinese headers, date cells, a frozen header row, and as CSV that Excel reads in Chinese.
/// </summary>
public sealed class LedgerExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> UsersAndFilters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var user in new[] { "inspector", "staff.a", "head.a", "leader", "head.b" })
            {
                foreach (var filter in new[] { "", "Status=InProgress", "Overdue=true", "Kind=LongTerm", "Sort=Deadline&Descending=true", "Text=%E5%85%9A%E5%BB%BA" })
                {
                    data.Add(user, filter);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UsersAndFilters))]
    public async Task The_export_holds_exactly_the_rows_of_the_list_for_the_same_filters(string user, string filter)
    {
        using var client = await app.LoginAsync(user);
        var list = await client.GetPageAsync($"/Findings?PageSize=100&{filter}");
        var keys = await KeysAsync(list.FindingIds());

        var xlsx = await ReadXlsxAsync(client, $"/Ledger/Export?format=xlsx&{filter}");
        var csv = await ReadCsvAsync(client, $"/Ledger/Export?format=csv&{filter}");

        Assert.Equal(keys.Order(), xlsx.Select(Key).Order());
        Assert.Equal(keys.Order(), csv.Select(Key).Order());
        // 序号 runs 1, 2, 3… through the file.
        Assert.Equal(Enumerable.Range(1, xlsx.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)), xlsx.Select(r => r["序号"]));
    }

    [Fact]
    public async Task Rows_come_in_the_lists_order()
    {
        using var inspector = await app.LoginAsync("inspector");
        var list = await inspector.GetPageAsync("/Findings?PageSize=100&Sort=Deadline&Descending=true");
        var order = list.QuerySelectorAll("tr[data-finding-id]").Select(r => int.Parse(r.GetAttribute("data-finding-id")!, CultureInfo.InvariantCulture)).ToList();
        var titles = await app.WithDatabaseAsync(db => db.Findings.Where(f => order.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Title));

        var rows = await ReadXlsxAsync(inspector, "/Ledger/Export?format=xlsx&Sort=Deadline&Descending=true");

        Assert.Equal(order.Select(id => titles[id]), rows.Select(r => r["问题描述"].Split('\n')[0]));
    }

    [Fact]
    public async Task Another_units_rows_never_appear_whatever_the_filter()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var titleOfB = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.OwningUnit!.Code == DemoData.UnitB).Select(f => f.Title).FirstAsync());
        var ownUnitName = await app.WithDatabaseAsync(db => db.Units.Where(u => u.Code == DemoData.UnitA).Select(u => u.Name).SingleAsync());

        var all = await ReadXlsxAsync(staffA, "/Ledger/Export?format=xlsx");
        var byUnit = await ReadXlsxAsync(staffA, $"/Ledger/Export?format=xlsx&UnitId={unitB}");
        var byText = await ReadCsvAsync(staffA, $"/Ledger/Export?format=csv&Text={Uri.EscapeDataString(titleOfB)}");

        Assert.NotEmpty(all);
        Assert.All(all, r => Assert.Equal(ownUnitName, r["责任单位"]));
        Assert.Empty(byUnit);
        Assert.Empty(byText);
    }

    [Fact]
    public async Task The_workbook_has_chinese_headers_date_cells_widths_wrapping_and_a_frozen_header()
    {
        using var inspector = await app.LoginAsync("inspector");
        var response = await inspector.GetAsync("/Ledger/Export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("巡察整改台账-2026年12月1日.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        // A file Excel opens without offering to repair it.
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Description));
        var workbook = document.WorkbookPart!;
        var sheetEntry = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        Assert.Equal("巡察整改台账", sheetEntry.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheetEntry.Id!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();

        Assert.Equal(LedgerFiles.Headers, rows[0].Elements<Cell>().Select(c => CellText(workbook, c)));

        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var widths = worksheet.GetFirstChild<Columns>()!.Elements<Column>().ToDictionary(c => (int)c.Min!.Value, c => c.Width!.Value);
        Assert.Equal(LedgerColumns.All.Count, widths.Count);
        Assert.True(widths[3] >= 40, "问题描述 is a wide column");
        Assert.True(widths[1] <= 10, "序号 is a narrow one");

        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var customFormats = stylesheet.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!) ?? [];
        var deadlineCells = rows.Skip(1).Select(r => r.Elements<Cell>().Single(c => Column(c) == "J")).Where(c => c.CellValue is not null).ToList();
        Assert.NotEmpty(deadlineCells);
        foreach (var cell in deadlineCells)
        {
            // A number (no text type), shown through a date format.
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, "整改时限 is a numeric cell");
            var serial = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
            Assert.InRange(DateTime.FromOADate(serial), new DateTime(2022, 12, 6), new DateTime(2030, 1, 1));
            var formatId = formats[(int)cell.StyleIndex!.Value].NumberFormatId!.Value;
            var code = customFormats.GetValueOrDefault(formatId) ?? string.Empty;
            Assert.True(formatId == 14 || (code.Contains('y', StringComparison.Ordinal) && code.Contains('d', StringComparison.Ordinal)), $"date format, got {formatId} '{code}'");
        }

        var description = rows[1].Elements<Cell>().Single(c => Column(c) == "C");
        Assert.True(formats[(int)description.StyleIndex!.Value].Alignment?.WrapText?.Value, "long text wraps");
        Assert.Contains('\n', CellText(workbook, description));
    }

    [Fact]
    public async Task Dates_read_back_as_the_findings_deadlines_and_close_off_days()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();
        var expected = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.InspectionId == inspectionId)
            .Select(f => new { f.Title, f.Deadline, f.OriginalDeadline, f.Status, f.ClosedAt }).ToListAsync());

        await using var stream = new MemoryStream(await (await inspector.GetAsync($"/Ledger/Export?format=xlsx&InspectionId={inspectionId}")).Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(expected.Count, rows.Count);
        Assert.Contains(rows, r => r["原定时限"] is DateTime);
        foreach (var row in rows)
        {
            var finding = expected.Single(f => f.Title == ((string)row["问题描述"]!).Split('\n')[0]);
            Assert.Equal(finding.Deadline?.ToDateTime(TimeOnly.MinValue), row["整改时限"] as DateTime?);
            // 原定时限 only where an approved extension moved the deadline.
            var original = finding.OriginalDeadline is { } first && first != finding.Deadline ? first.ToDateTime(TimeOnly.MinValue) : (DateTime?)null;
            Assert.Equal(original, row["原定时限"] as DateTime?);
            var closedOn = finding.Status == Core.Findings.FindingStatus.Closed && finding.ClosedAt is { } at
                ? at.AddHours(8).Date
                : (DateTime?)null;
            Assert.Equal(closedOn, row["销号日期"] as DateTime?);
        }
    }

    [Fact]
    public async Task The_csv_starts_with_the_utf8_byte_order_mark_and_has_chinese_headers()
    {
        using var head = await app.LoginAsync("head.a");
        var response = await head.GetAsync("/Ledger/Export?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("巡察整改台账-2026年12月1日.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = LedgerFiles.ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(LedgerFiles.Headers, records[0]);
        Assert.All(records, r => Assert.Equal(LedgerColumns.All.Count, r.Count));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", records[1][9]);
    }

    [Fact]
    public async Task An_export_without_rows_still_has_its_header()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);

        var xlsx = await (await staffA.GetAsync($"/Ledger/Export?format=xlsx&UnitId={unitB}")).Content.ReadAsByteArrayAsync();
        var csv = await (await staffA.GetAsync($"/Ledger/Export?format=csv&UnitId={unitB}")).Content.ReadAsByteArrayAsync();

        await using var stream = new MemoryStream(xlsx);
        var rows = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(LedgerFiles.Headers, Assert.Single(rows).Values.Select(v => (string?)v));
        Assert.Equal(LedgerFiles.Headers, Assert.Single(LedgerFiles.ParseCsv(Encoding.UTF8.GetString(csv, 3, csv.Length - 3))));
    }

    [Fact]
    public async Task An_unknown_format_is_not_found()
    {
        using var inspector = await app.LoginAsync("inspector");
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync("/Ledger/Export?format=pdf")).StatusCode);
    }

    private static string Key(IReadOnlyDictionary<string, string> row) =>
        $"{row["问题类别"]}|{row["问题描述"].Split('\n')[0]}|{row["责任单位"]}";

    private Task<List<string>> KeysAsync(IReadOnlySet<int> ids) => app.WithDatabaseAsync(db => db.Findings
        .Where(f => ids.Contains(f.Id))
        .Select(f => f.Category!.Name + "|" + f.Title + "|" + f.OwningUnit!.Name)
        .ToListAsync());

    /// <summary>The data rows of an exported workbook, every cell as text, read with MiniExcel.</summary>
    private static async Task<List<IReadOnlyDictionary<string, string>>> ReadXlsxAsync(AppClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => (IReadOnlyDictionary<string, string>)r.ToDictionary(c => c.Key, c => Convert.ToString(c.Value, CultureInfo.InvariantCulture) ?? string.Empty))
            .ToList();
    }

    private static async Task<List<IReadOnlyDictionary<string, string>>> ReadCsvAsync(AppClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var records = LedgerFiles.ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        return records.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)records[0].Zip(r).ToDictionary(x => x.First, x => x.Second))
            .ToList();
    }

    private static string Column(Cell cell) => new(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());

    private static string CellText(WorkbookPart workbook, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? workbook.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
            : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
}
