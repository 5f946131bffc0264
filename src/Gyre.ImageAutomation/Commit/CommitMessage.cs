using System.Text.RegularExpressions;
using Gyre.ImageAutomation.Setters;
using Gyre.Templates;
using Gyre.Templates.Sprig;

namespace Gyre.ImageAutomation.Commit;

/// <summary>
/// spec.git.commit.messageTemplate: a Go template (with Sprig) executed over Flux's TemplateData —
/// <c>.AutomationObject</c> (namespace/name), <c>.Changed</c> (<c>.FileChanges</c>, <c>.Objects</c>, <c>.Changes</c>)
/// and <c>.Values</c> (spec.git.commit.messageTemplateValues). No template means Flux's default message.
/// </summary>
public static partial class CommitMessage
{
    /// <summary>image-automation-controller's message when spec.git.commit.messageTemplate is empty.</summary>
    public const string Default = "Update from image update automation";

    private const string TemplateName = "commit message";

    /// <summary>Renders the message; a template that does not parse or execute is an <see cref="ImageAutomationException"/>.</summary>
    public static string Render(
        string? template, IReadOnlyDictionary<string, string>? values, string automationNamespace, string automationName, UpdateResult changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (string.IsNullOrEmpty(template))
        {
            return Default;
        }

        // v1beta1's .Updated (the old update.Result) is gone in v1; Flux stalls with RemovedTemplateField.
        if (RemovedUpdatedField().IsMatch(template))
        {
            throw new ImageAutomationException("spec.git.commit.messageTemplate", "building the commit message",
                "the template uses .Updated, which was removed in image.toolkit.fluxcd.io/v1; use .Changed (.Changed.FileChanges, .Changed.Objects, .Changed.Changes) instead",
                ImageAutomationReasons.RemovedTemplateField);
        }

        var options = new TemplateOptions();
        var set = new TemplateSet(TemplateName, SprigFunctions.Create(options), options);
        try
        {
            set.Parse(TemplateName, template);
            return set.Execute(TemplateName, TemplateData.Create(automationNamespace, automationName, values, changed));
        }
        catch (TemplateException ex)
        {
            throw new ImageAutomationException("spec.git.commit.messageTemplate", "building the commit message", ex.Message,
                ImageAutomationReasons.UpdateFailed, inner: ex);
        }
    }

    // A field chain starting at dot or $ whose first field is Updated (.Updated, $.Updated, .Updated.Files...).
    [GeneratedRegex(@"(?<![\w.)\]])\$?\.Updated\b", RegexOptions.CultureInvariant)]
    private static partial Regex RemovedUpdatedField();
}
