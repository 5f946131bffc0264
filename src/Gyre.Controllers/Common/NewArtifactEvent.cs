namespace Gyre.Controllers.Common;

/// <summary>The NewArtifact event a source records when it stores a revision it did not have.</summary>
internal sealed record NewArtifactEvent(string Revision, string Message);
