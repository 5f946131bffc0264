namespace Gyre.LocalCluster.Api;

/// <summary>One Table column: name, type, format, priority, and the JSON path it reads (CRD additionalPrinterColumns).</summary>
internal sealed record PrinterColumn(string Name, string Type, string Format, int Priority, string JsonPath, string Description = "");
