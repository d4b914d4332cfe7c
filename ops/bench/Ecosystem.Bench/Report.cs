using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ecosystem.Bench;

/// <summary>Everything a run found: facts, one section per benchmark, the targets and any failure.</summary>
public sealed class Report
{
    public List<(string Name, string Value)> Machine { get; } = [];

    /// <summary>The durable cluster's settings, when the run had one.</summary>
    public List<(string Name, string Value)> Durable { get; } = [];
    public List<Section> Sections { get; } = [];
    public List<TargetCheck> Targets { get; } = [];
    public List<string> Failures { get; } = [];
}

/// <summary>One benchmark's part of the report: paragraphs and tables in the order added, collapsible details last.</summary>
public sealed class Section(string heading)
{
    readonly List<object> blocks = [];

    public string Heading { get; } = heading;
    public List<(string Summary, string Text)> Details { get; } = [];

    public Section Say(string paragraph) { blocks.Add(paragraph); return this; }

    public Table AddTable(string? caption, params string[] header)
    {
        if (caption is not null) blocks.Add(caption);
        var table = new Table(header);
        blocks.Add(table);
        return table;
    }

    public void Render(StringBuilder md)
    {
        md.AppendLine($"## {Heading}").AppendLine();
        foreach (var block in blocks)
        {
            if (block is Table table) table.Render(md);
            else md.AppendLine((string)block);
            md.AppendLine();
        }
        foreach (var (summary, text) in Details)
        {
            md.AppendLine($"<details><summary>{summary}</summary>").AppendLine();
            md.AppendLine("```").AppendLine(text.TrimEnd()).AppendLine("```").AppendLine();
            md.AppendLine("</details>").AppendLine();
        }
    }
}

/// <summary>A markdown table; a column whose every cell is a figure is right-aligned.</summary>
public sealed partial class Table(string[] header)
{
    readonly List<string[]> rows = [];

    public Table Row(params string[] cells)
    {
        if (cells.Length != header.Length) throw new ArgumentException($"Expected {header.Length} cells, got {cells.Length}.");
        rows.Add(cells);
        return this;
    }

    static bool IsFigure(string cell) => Figure().IsMatch(cell);

    [GeneratedRegex(@"^(–|[0-9][0-9,.]*(×| %)?( \([0-9.,×]+\))?)$")]
    private static partial Regex Figure();

    public void Render(StringBuilder md)
    {
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|" + string.Concat(header.Select((_, i) => rows.Count > 0 && rows.All(r => IsFigure(r[i])) ? " ---: |" : " --- |")));
        foreach (var row in rows) md.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
    }
}

/// <summary>A target of the issue and whether this run met it (null: not measured).</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met, string Note = "");

/// <summary>Number formatting shared by every table (invariant culture, thin and predictable).</summary>
public static class Fmt
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Rate(double perSecond) => double.IsFinite(perSecond) ? perSecond.ToString("N0", C) : "–";
    public static string Int(long value) => value.ToString("N0", C);
    public static string Ms(double ms) => !double.IsFinite(ms) ? "–" : ms >= 100 ? ms.ToString("N0", C) : ms >= 10 ? ms.ToString("N1", C) : ms.ToString("N3", C);
    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", C) + "×" : "–";
    public static string Us(double? us) => us is { } v && double.IsFinite(v) ? v.ToString(v >= 100 ? "N0" : "N1", C) : "–";
    public static string Share(double share) => double.IsFinite(share) ? (share * 100).ToString("0", C) + " %" : "–";
    public static string Spread(double min, double max, Func<double, string> format) => $"{format(min)} – {format(max)}";
    public static string Met(bool? met) => met switch { true => "met", false => "**missed**", null => "not measured" };
}
