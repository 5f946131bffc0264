using Gyre.ImageAutomation.Setters;
using Gyre.Templates;
using Gyre.Templates.Functions;

namespace Gyre.ImageAutomation.Commit;

/// <summary>
/// Flux's update.TemplateData as template values: structs become <see cref="GoObject"/>s whose printed form is Go's
/// %v of the struct, ResultV2's Objects() and Changes() are methods, and struct-keyed maps are
/// <see cref="GoKeyedMap"/>s in Go's key order.
/// </summary>
internal static class TemplateData
{
    public static GoObject Create(string automationNamespace, string automationName, IReadOnlyDictionary<string, string>? values, UpdateResult changed)
    {
        var fileChanges = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (file, objects) in changed.FileChanges)
        {
            fileChanges[file] = ObjectChanges(objects);
        }

        var result = new GoObject { ["FileChanges"] = fileChanges };
        result.Methods["Objects"] = TemplateFunction.Of(_ => ObjectChanges(changed.Objects));
        result.Methods["Changes"] = TemplateFunction.Of(_ => Changes(changed.Changes));
        return new GoObject
        {
            ["AutomationObject"] = new GoObject
            {
                Text = automationNamespace + "/" + automationName,
                ["Namespace"] = automationNamespace,
                ["Name"] = automationName,
            },
            ["Changed"] = result,
            ["Values"] = values is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(values, StringComparer.Ordinal),
        };
    }

    private static GoKeyedMap ObjectChanges(IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>> objects) =>
        new("update.ObjectChanges", [.. objects.OrderBy(p => p.Key, ObjectIdentifier.Order)
            .Select(p => new KeyValuePair<object, object?>(Identifier(p.Key), Changes(p.Value)))]);

    private static List<object?> Changes(IReadOnlyList<Change> changes) => [.. changes.Select(c => (object?)new GoObject
    {
        Text = "{" + c.OldValue + " " + c.NewValue + " " + c.Setter + "}",
        ["OldValue"] = c.OldValue,
        ["NewValue"] = c.NewValue,
        ["Setter"] = c.Setter,
    })];

    // ObjectIdentifier embeds kyaml's ResourceIdentifier{TypeMeta{APIVersion, Kind}, NameMeta{Name, Namespace}}; the
    // promoted fields are reachable directly, and %v prints the nesting.
    private static GoObject Identifier(ObjectIdentifier id) => new()
    {
        Text = "{{{" + id.ApiVersion + " " + id.Kind + "} {" + id.Name + " " + id.Namespace + "}}}",
        ["APIVersion"] = id.ApiVersion,
        ["Kind"] = id.Kind,
        ["Name"] = id.Name,
        ["Namespace"] = id.Namespace,
    };
}
